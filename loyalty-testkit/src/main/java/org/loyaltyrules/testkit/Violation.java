package org.loyaltyrules.testkit;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * One breach of an {@link Invariant}: the event whose decision broke it and the numbers, e.g. {@code cap daily-points
 * (DAY 2025-03-04, POINTS) counted 20480 > limit 20000}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Violation(Invariant invariant, String eventId, String detail) {

    public Violation {
        requireNonNull(invariant, "invariant");
        requireNonNull(eventId, "eventId");
        requireNonNull(detail, "detail");
    }

    /** {@code INVARIANT (claim) at event ID: detail}. */
    public String message() {
        return invariant.name() + " (" + invariant.claim() + ") at event " + eventId + ": " + detail;
    }

    @Override
    public String toString() {
        return message();
    }
}
