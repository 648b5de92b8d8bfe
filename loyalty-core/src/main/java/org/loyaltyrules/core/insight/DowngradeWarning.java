package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.core.tier.TierLadder;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;

/**
 * A member whose pace will not keep their tier: growth so far in the qualification window, extrapolated linearly to
 * the window's end (growth × window days / elapsed days, the current day counted as elapsed), stays below the tier's
 * keep threshold. {@code shortfall} is what is still missing now; {@code by} the window's last day;
 * {@link #message()} reads "needs 3 more nights by 2026-12-31".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DowngradeWarning(String tierId, String metric, BigDecimal growth, BigDecimal projected,
                               BigDecimal keepThreshold, BigDecimal shortfall, LocalDate by) {

    public DowngradeWarning {
        requireNonNull(tierId, "tierId");
        requireNonNull(metric, "metric");
        requireNonNull(growth, "growth");
        requireNonNull(projected, "projected");
        requireNonNull(keepThreshold, "keepThreshold");
        requireNonNull(shortfall, "shortfall");
        requireNonNull(by, "by");
    }

    public String message() {
        return "needs " + plain(shortfall) + " more " + metric + " by " + by;
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /**
     * From plain values: growth earned in [{@code windowStart}, {@code asOf}], a window ending before
     * {@code windowEnd} (exclusive), and the tier's keep threshold. Empty when the pace keeps the tier.
     */
    public static Optional<DowngradeWarning> assess(String tierId, String metric, BigDecimal growth,
                                                    BigDecimal keepThreshold, LocalDate windowStart, LocalDate asOf,
                                                    LocalDate windowEnd) {
        requireNonNull(growth, "growth");
        requireNonNull(keepThreshold, "keepThreshold");
        long total = ChronoUnit.DAYS.between(windowStart, windowEnd);
        if (total < 1 || asOf.isBefore(windowStart) || !asOf.isBefore(windowEnd)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "asOf must lie in the window [%s, %s), was %s", windowStart, windowEnd, asOf));
        }
        long elapsed = ChronoUnit.DAYS.between(windowStart, asOf) + 1;
        // compare growth × total with keep × elapsed: exact, no division
        if (growth.multiply(BigDecimal.valueOf(total)).compareTo(keepThreshold.multiply(BigDecimal.valueOf(elapsed)))
                >= 0) {
            return Optional.empty();
        }
        BigDecimal projected = growth.multiply(BigDecimal.valueOf(total))
                .divide(BigDecimal.valueOf(elapsed), 2, RoundingMode.HALF_UP);
        return Optional.of(new DowngradeWarning(tierId, metric, growth, projected, keepThreshold,
                keepThreshold.subtract(growth), windowEnd.minusDays(1)));
    }

    /**
     * For a member on a ladder at {@code at}, judged on the qualification window that the review ending the member's
     * status will read (for a status valid through next year, next year's window; for a rolling window, the months
     * before that review): none for the base tier, a tier protected by a manual floor at or above it, a paid term
     * running to the window's end or past it (at the term's end the member holds the status earned beneath it, which
     * this pace does not judge), or a window that has not begun.
     */
    public static Optional<DowngradeWarning> assess(MemberState member, TierLadder ladder, ProgramCalendar calendar,
                                                    Instant at) {
        requireNonNull(member, "member");
        requireNonNull(ladder, "ladder");
        requireNonNull(calendar, "calendar");
        requireNonNull(at, "at");
        TierStatus status = member.tier();
        int rank = ladder.rank(status.tierId());
        if (rank == 0) {
            return Optional.empty();
        }
        if (status.floor().map(ladder::rank).filter(floor -> floor >= rank).isPresent()) {
            return Optional.empty();
        }
        // the review that can take the tier away reads the window ending where the status ends (the next boundary
        // for a status without an end, or one already lapsed): a rolling window is the months before that review,
        // not the months before today
        Instant end = status.validUntil() != null && status.validUntil().isAfter(at) ? status.validUntil()
                : ladder.window().nextBoundary(at, member.membershipStart(), calendar);
        Instant start = ladder.window().start(ladder.window().lastCounted(end), member.membershipStart(), calendar);
        if (start.isAfter(at)) {
            return Optional.empty(); // the window that review reads has not begun: no pace to judge yet
        }
        if (status.source() == TierSource.PAID && status.paidTerm().filter(paid -> !paid.isBefore(end)).isPresent()) {
            return Optional.empty();
        }
        Tier tier = ladder.require(status.tierId());
        BigDecimal growth = member.growth().total(ladder.metric(), start, at);
        return assess(tier.id(), ladder.metric(), growth, tier.keepThreshold(), calendar.dateOf(start),
                calendar.dateOf(at), calendar.dateOf(end));
    }
}
