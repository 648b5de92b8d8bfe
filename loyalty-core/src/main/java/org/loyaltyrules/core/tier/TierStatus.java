package org.loyaltyrules.core.tier;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The tier a member holds: since when, until when it lasts before a review ({@code null}: not reviewed, as for the
 * base tier or a manual assignment), how it was obtained, the manually assigned floor and the end of a paid term.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record TierStatus(String tierId, TierSource source, Instant since, Instant validUntil, String floorTierId,
                         Instant paidUntil) {

    public TierStatus {
        requireNonNull(tierId, "tierId");
        requireNonNull(source, "source");
        requireNonNull(since, "since");
        if (source == TierSource.PAID && paidUntil == null) {
            throw new IllegalArgumentException("a paid tier needs paidUntil, was null for tier '" + tierId + "'");
        }
    }

    public static TierStatus base(String tierId, Instant since) {
        return new TierStatus(tierId, TierSource.BASE, since, null, null, null);
    }

    public Optional<Instant> validity() {
        return Optional.ofNullable(validUntil);
    }

    public Optional<String> floor() {
        return Optional.ofNullable(floorTierId);
    }

    public Optional<Instant> paidTerm() {
        return Optional.ofNullable(paidUntil);
    }

    public TierStatus moveTo(String newTier, TierSource newSource, Instant at, Instant newValidUntil) {
        return new TierStatus(newTier, newSource, at, newValidUntil, floorTierId,
                newSource == TierSource.PAID ? paidUntil : null);
    }

    public TierStatus renewedUntil(Instant newValidUntil) {
        return new TierStatus(tierId, source, since, newValidUntil, floorTierId, paidUntil);
    }

    public TierStatus withFloor(String newFloor) {
        return new TierStatus(tierId, source, since, validUntil, newFloor, paidUntil);
    }

    public TierStatus paid(String paidTier, Instant at, Instant until) {
        return new TierStatus(paidTier, TierSource.PAID, tierId.equals(paidTier) ? since : at, validUntil, floorTierId, until);
    }
}
