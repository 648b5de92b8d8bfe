package org.loyaltyrules.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.rules.Explanation;

/**
 * One breach of an {@link Invariant}: the event whose decision broke it, the numbers, e.g. {@code cap daily-points
 * (DAY 2025-03-04, POINTS) counted 20480 > limit 20000}, and the explanations of that decision: which rule, at which
 * DRL file and line, concluded each award, cap, flag and tier change (empty when no rule concluded anything).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Violation(Invariant invariant, String eventId, String detail, List<Explanation> explanations) {

    public Violation {
        requireNonNull(invariant, "invariant");
        requireNonNull(eventId, "eventId");
        requireNonNull(detail, "detail");
        explanations = List.copyOf(explanations);
    }

    /** A breach without explanations. */
    public Violation(Invariant invariant, String eventId, String detail) {
        this(invariant, eventId, detail, List.of());
    }

    /** {@code INVARIANT (claim) at event ID: detail}. */
    public String message() {
        return invariant.name() + " (" + invariant.claim() + ") at event " + eventId + ": " + detail;
    }

    /**
     * The {@link #message()}, then one line per explanation, indented by {@code indent}, numbered as the decision's
     * {@code explanations[i]}: {@code explanations[0] rule "Base earn" (standard:earning/base-earn.drl:9): base 1 per
     * unit on eligible 200.00 = 200}; the engine's own have {@code (engine)} for a location.
     */
    public String report(String indent) {
        StringBuilder text = new StringBuilder(message());
        if (explanations.isEmpty()) {
            text.append('\n').append(indent).append("no explanations: no rule concluded anything for this event");
        }
        for (int i = 0; i < explanations.size(); i++) {
            Explanation e = explanations.get(i);
            text.append('\n').append(indent).append("explanations[").append(i).append("] rule \"").append(e.rule())
                    .append("\" (").append(e.location().isEmpty() ? "engine" : e.location()).append("): ")
                    .append(e.sentence());
        }
        return text.toString();
    }

    /** The {@link #report} indented by two spaces. */
    @Override
    public String toString() {
        return report("  ");
    }
}
