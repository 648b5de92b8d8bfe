package org.loyaltyrules.core.tier;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * An ordered ladder of tiers, lowest (the base tier, threshold 0) first, with the metric that qualifies, the window
 * it is counted in, how long status lasts, how a review lowers it and the grace period before it does.
 * Reachable tiers have strictly increasing thresholds, so the order is total.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record TierLadder(List<Tier> tiers, String metric, QualificationWindow window, StatusValidity validity,
                         DowngradePolicy downgradePolicy, Duration grace) {

    public TierLadder {
        tiers = List.copyOf(requireNonNull(tiers, "tiers"));
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("tiers must name at least the base tier, was empty");
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank, was " + metric);
        }
        requireNonNull(window, "window");
        requireNonNull(validity, "validity");
        requireNonNull(downgradePolicy, "downgradePolicy");
        grace = grace == null ? Duration.ZERO : grace;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0, was " + grace);
        }
        Set<String> ids = new HashSet<>();
        Tier previous = null;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            if (!ids.add(tier.id())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "tiers[%d].id must be unique, was '%s' again", i, tier.id()));
            }
            if (i == 0 && tier.threshold().signum() != 0) {
                throw new IllegalArgumentException("tiers[0] is the base tier and its threshold must be 0, was "
                        + tier.threshold().toPlainString());
            }
            if (previous != null && tier.reachable() && tier.threshold().compareTo(previous.threshold()) <= 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "tiers[%d].threshold must be > %s (%s), was %s", i,
                        previous.threshold().toPlainString(), previous.id(), tier.threshold().toPlainString()));
            }
            if (tier.reachable()) {
                previous = tier;
            }
        }
    }

    /** A ladder counted in calendar years, status to the end of the window, down to the earned level at a review, no grace. */
    public static TierLadder of(String metric, List<Tier> tiers) {
        return new TierLadder(tiers, metric, new QualificationWindow.CalendarYear(), StatusValidity.END_OF_WINDOW,
                DowngradePolicy.TO_EARNED_LEVEL, Duration.ZERO);
    }

    public Tier base() {
        return tiers.get(0);
    }

    public Optional<Tier> tier(String id) {
        return tiers.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Tier require(String id) {
        return tier(id).orElseThrow(() -> new IllegalArgumentException(
                "tier must be one of " + tiers.stream().map(Tier::id).toList() + ", was '" + id + "'"));
    }

    /** Position on the ladder, 0 for the base tier. */
    public int rank(String id) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("tier must be one of " + tiers.stream().map(Tier::id).toList()
                + ", was '" + id + "'");
    }

    /** The highest reachable tier whose threshold {@code growth} reaches. */
    public Tier highestReached(BigDecimal growth) {
        return highestReached(growth, tiers.get(tiers.size() - 1).id());
    }

    /** The highest tier at or below {@code currentId} whose keep threshold {@code growth} reaches (at least base). */
    public Tier highestKept(BigDecimal growth, String currentId) {
        return highestUpTo(currentId, tier -> tier.keepThreshold().compareTo(growth) <= 0);
    }

    /**
     * The highest tier at or below {@code currentId} whose threshold {@code growth} reaches (at least base): what the
     * growth of a window still running qualifies for, capped at the tier held.
     */
    public Tier highestReached(BigDecimal growth, String currentId) {
        return highestUpTo(currentId, tier -> tier.threshold().compareTo(growth) <= 0);
    }

    private Tier highestUpTo(String currentId, java.util.function.Predicate<Tier> reaches) {
        int current = rank(currentId);
        Tier best = base();
        for (int i = 1; i <= current; i++) {
            Tier tier = tiers.get(i);
            if (tier.reachable() && reaches.test(tier)) {
                best = tier;
            }
        }
        return best;
    }

    /** The tier one rung below, or the base tier itself. */
    public Tier oneStepBelow(String id) {
        int rank = rank(id);
        for (int i = rank - 1; i > 0; i--) {
            if (tiers.get(i).reachable()) {
                return tiers.get(i);
            }
        }
        return base();
    }

    /** Until when status qualified at {@code qualifiedAt} lasts, per the validity rule. */
    public Instant validUntil(Instant qualifiedAt, Instant membershipStart, ProgramCalendar calendar) {
        Instant end = window.nextBoundary(qualifiedAt, membershipStart, calendar);
        return validity == StatusValidity.END_OF_NEXT_WINDOW
                ? window.nextBoundary(end, membershipStart, calendar)
                : end;
    }

    /** When a review may lower status that lapses at {@code validUntil}: after the grace period. */
    public Instant reviewAt(Instant validUntil) {
        return validUntil.plus(grace);
    }
}
