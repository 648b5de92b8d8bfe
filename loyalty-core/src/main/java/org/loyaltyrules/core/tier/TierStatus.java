package org.loyaltyrules.core.tier;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The tier a member holds: since when, until when it lasts before a review ({@code null}: not reviewed, as for the
 * base tier or a manual assignment), how it was obtained, the manually assigned floor and the end of a paid term.
 *
 * <p>A paid status also keeps the earned status a member who had not paid would hold ({@code earnedBeneath}: its
 * tier, since when and its validity; first the one the membership fee replaced), so that the end of the term gives the
 * member what they would hold had they not paid (docs/semantics.md §14). It is {@code null} for every other status and
 * for a paid one under which no tier has been earned (bought over the base tier or a manual one).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record TierStatus(String tierId, TierSource source, Instant since, Instant validUntil, String floorTierId,
                         Instant paidUntil, TierStatus earnedBeneath) {

    public TierStatus {
        requireNonNull(tierId, "tierId");
        requireNonNull(source, "source");
        requireNonNull(since, "since");
        if (source == TierSource.PAID && paidUntil == null) {
            throw new IllegalArgumentException("a paid tier needs paidUntil, was null for tier '" + tierId + "'");
        }
        if (earnedBeneath != null) {
            if (source != TierSource.PAID) {
                throw new IllegalArgumentException("only a paid tier keeps an earned status beneath it, tier '"
                        + tierId + "' is " + source);
            }
            if (earnedBeneath.source() != TierSource.EARNED || earnedBeneath.validUntil() == null) {
                throw new IllegalArgumentException("the status beneath paid tier '" + tierId
                        + "' must be earned with a validity, was " + earnedBeneath.source() + " until "
                        + earnedBeneath.validUntil());
            }
            if (earnedBeneath.earnedBeneath() != null || earnedBeneath.paidUntil() != null
                    || !java.util.Objects.equals(earnedBeneath.floorTierId(), floorTierId)) {
                // one level deep, and the member has one floor: the status beneath shares it
                earnedBeneath = new TierStatus(earnedBeneath.tierId(), TierSource.EARNED, earnedBeneath.since(),
                        earnedBeneath.validUntil(), floorTierId, null, null);
            }
        }
    }

    /** A status with nothing kept beneath it. */
    public TierStatus(String tierId, TierSource source, Instant since, Instant validUntil, String floorTierId,
                      Instant paidUntil) {
        this(tierId, source, since, validUntil, floorTierId, paidUntil, null);
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

    /** The earned status a paid one replaced, as it stood when the fee was paid; empty for any other status. */
    public Optional<TierStatus> beneath() {
        return Optional.ofNullable(earnedBeneath);
    }

    public TierStatus moveTo(String newTier, TierSource newSource, Instant at, Instant newValidUntil) {
        boolean paid = newSource == TierSource.PAID;
        return new TierStatus(newTier, newSource, at, newValidUntil, floorTierId, paid ? paidUntil : null,
                paid ? earnedBeneath : null);
    }

    public TierStatus renewedUntil(Instant newValidUntil) {
        return new TierStatus(tierId, source, since, newValidUntil, floorTierId, paidUntil, earnedBeneath);
    }

    public TierStatus withFloor(String newFloor) {
        return new TierStatus(tierId, source, since, validUntil, newFloor, paidUntil, earnedBeneath);
    }

    /**
     * The status after a fee paid at {@code at} for {@code paidTier} until {@code until}: an earned status it replaces
     * is kept beneath it, and a paid one's is carried on.
     */
    public TierStatus paid(String paidTier, Instant at, Instant until) {
        return new TierStatus(paidTier, TierSource.PAID, tierId.equals(paidTier) ? since : at, until, floorTierId,
                until, replacedByFee());
    }

    /** What a fee paid now would keep beneath its paid status: this earned status, or the one this paid one keeps. */
    public TierStatus replacedByFee() {
        if (source == TierSource.EARNED && validUntil != null) {
            return this;
        }
        return source == TierSource.PAID ? earnedBeneath : null;
    }
}
