package org.loyaltyrules.testkit;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.rules.io.EventJson;

/**
 * Thrown by {@link ProgramInvariants#check}: a program broke one or more invariants on a history. An
 * {@link AssertionError}, so JUnit and jqwik report it as a test failure (and jqwik shrinks the history).
 *
 * <p>The message names each broken invariant, the event and the numbers, and lists the explanations of the decision
 * at fault (rule, DRL file:line, sentence); then the events the history sent, as JSON Lines that
 * {@code loyalty explain --program DIR --events FILE.jsonl --member ID} replays (paste them into a file).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InvariantViolation extends AssertionError {

    private static final long serialVersionUID = 1L;
    /** Violations spelled out in the message; the rest are counted. */
    private static final int SHOWN = 5;

    private final transient List<Violation> violations;
    private final String jsonLines;

    InvariantViolation(String program, HistoryRun run, List<Violation> violations) {
        this(program, run.history(), violations, EventJson.lines(run.events()));
    }

    private InvariantViolation(String program, History history, List<Violation> violations, String jsonLines) {
        super(message(program, history, violations, jsonLines));
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

    private static String message(String program, History history, List<Violation> violations, String jsonLines) {
        long invariants = violations.stream().map(Violation::invariant).distinct().count();
        String member = history.member().memberId();
        StringBuilder text = new StringBuilder("program " + program + " breaks " + invariants + " invariant(s) on the"
                + " history of " + history.events() + " of member " + member + ":");
        violations.stream().limit(SHOWN).forEach(v -> text.append("\n  ").append(v.report("    ")));
        if (violations.size() > SHOWN) {
            text.append("\n  ... and ").append(violations.size() - SHOWN).append(" more");
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
