package org.loyaltyrules.core.points;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/**
 * Points earned together by one event: how many were credited, how many remain, when they were earned, when they
 * become available (after the return window) and when they expire ({@code null}: never). A held lot belongs to a
 * member under review and stays pending until released.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PointsLot(String sourceEventId, long amount, long remaining, Instant earnedAt, Instant availableFrom,
                        Instant expiresAt, boolean active, boolean held) {

    /** Redemption order: soonest expiry first, never-expiring last, then first earned first (FIFO on ties). */
    static final Comparator<PointsLot> REDEMPTION_ORDER = Comparator
            .comparing((PointsLot lot) -> lot.expiresAt == null ? Instant.MAX : lot.expiresAt)
            .thenComparing(PointsLot::earnedAt);

    public PointsLot {
        requireNonNull(sourceEventId, "sourceEventId");
        requireNonNull(earnedAt, "earnedAt");
        requireNonNull(availableFrom, "availableFrom");
        Points.requireNonNegative(amount, "amount");
        Points.requireNonNegative(remaining, "remaining");
        if (availableFrom.isBefore(earnedAt)) {
            throw new IllegalArgumentException("availableFrom must not be before earnedAt " + earnedAt + ", was " + availableFrom);
        }
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /** Points that can be redeemed now. */
    public boolean isAvailable() {
        return active && !held;
    }

    PointsLot withRemaining(long newRemaining) {
        return new PointsLot(sourceEventId, amount, newRemaining, earnedAt, availableFrom, expiresAt, active, held);
    }

    PointsLot activated() {
        return new PointsLot(sourceEventId, amount, remaining, earnedAt, availableFrom, expiresAt, true, held);
    }

    PointsLot released() {
        return new PointsLot(sourceEventId, amount, remaining, earnedAt, availableFrom, expiresAt, active, false);
    }

    boolean expiredBy(Instant at) {
        return expiresAt != null && !expiresAt.isAfter(at);
    }
}
