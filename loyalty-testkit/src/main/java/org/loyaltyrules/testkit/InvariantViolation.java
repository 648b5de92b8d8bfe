package org.loyaltyrules.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.io.EventJson;

/**
 * Thrown by {@link ProgramInvariants#check}: a program broke one or more invariants on a history. An
 * {@link AssertionError}, so JUnit and jqwik report it as a test failure (and jqwik shrinks the history).
 *
 * <p>The message names each broken invariant, the event and the numbers, and lists the explanations of the decision
 * at fault (rule, DRL file:line, sentence); then which event each re-send sent; then the events the history sent,
 * as JSON Lines that {@code loyalty explain --program DIR --events FILE.jsonl --member ID} replays (paste them into a
 * file).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InvariantViolation extends AssertionError {

    private static final long serialVersionUID = 1L;
    /** Violations spelled out in the message; the rest are counted. */
    private static final int SHOWN = 5;

    private final transient List<Violation> violations;
    private final String jsonLines;

    InvariantViolation(String program, HistoryRun run, List<Violation> violations) {
        this(program, run.history(), violations, resends(run), EventJson.lines(run.events()));
    }

    private InvariantViolation(String program, History history, List<Violation> violations, String resends,
                               String jsonLines) {
        super(message(program, history, violations, resends, jsonLines));
        this.violations = List.copyOf(violations);
        this.jsonLines = jsonLines;
    }

    /** Every violation found, in event order. */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The events the history sent, in order (a re-sent event twice), as JSON Lines in the CLI's event format
     * (docs/program-json.md): one line each, each ended by a line break.
     */
    public String jsonLines() {
        return jsonLines;
    }

    /**
     * What each {@link Step.Resend} of the run sent, which its printed step ({@code resend an earlier applied event
     * (pick 781)}) cannot tell: {@code step 2 re-sent m1-p0 (purchase)}; empty for a history without re-sends.
     */
    private static String resends(HistoryRun run) {
        Map<Integer, LoyaltyEvent> sent = new HashMap<>();
        run.turns().forEach(turn -> sent.put(turn.step(), turn.event()));
        List<String> resends = new ArrayList<>();
        List<Step> steps = run.history().steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.Resend) {
                LoyaltyEvent event = sent.get(i);
                resends.add("step " + i + (event == null ? " sent nothing (no event applied before it)"
                        : " re-sent " + event.id() + " (" + event.type() + ")"));
            }
        }
        return String.join(", ", resends);
    }

    private static String message(String program, History history, List<Violation> violations, String resends,
                                  String jsonLines) {
        long invariants = violations.stream().map(Violation::invariant).distinct().count();
        String member = history.member().memberId();
        StringBuilder text = new StringBuilder("program " + program + " breaks " + invariants + " invariant(s) on the"
                + " history of " + history.events() + " of member " + member + ":");
        violations.stream().limit(SHOWN).forEach(v -> text.append("\n  ").append(v.report("    ")));
        if (violations.size() > SHOWN) {
            text.append("\n  ... and ").append(violations.size() - SHOWN).append(" more");
        }
        if (!resends.isEmpty()) {
            text.append("\nthe re-sends: ").append(resends);
        }
        text.append("\nthe events sent, for loyalty explain --program DIR --events FILE.jsonl --member ").append(member)
                .append(":\n").append(jsonLines.stripTrailing());
        if (!history.member().tags().isEmpty()) {
            text.append("\n(member ").append(member).append(" starts with tags ").append(history.member().tags())
                    .append(", which no event carries: a replay of these lines starts without them)");
        }
        return text.toString();
    }
}
