package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * Where a member is in the relationship: ACQUISITION (new: tenure below the acquisition days), DECLINE (spend or
 * order count fell below the decline ratio of the previous window, or no purchase in either window), FORMATION
 * (tenure below the formation days, not declining) and STABLE (the rest). Checked in that order.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum LifecycleStage {
    ACQUISITION, FORMATION, STABLE, DECLINE;

    public static LifecycleStage classify(long tenureDays, Trend spend, Trend orders, LifecycleSettings settings) {
        requireNonNull(spend, "spend");
        requireNonNull(orders, "orders");
        requireNonNull(settings, "settings");
        if (tenureDays < settings.acquisitionDays()) {
            return ACQUISITION;
        }
        if (spend.declined(settings.declineRatio()) || orders.declined(settings.declineRatio())
                || (spend.quiet() && orders.quiet())) {
            return DECLINE;
        }
        return tenureDays < settings.formationDays() ? FORMATION : STABLE;
    }

    /**
     * The stage of {@code member} at {@code at}: tenure in calendar days since enrolment; spend (net of refunds) and
     * purchase counts in the last {@code trendDays} days (the day of {@code at} included) against the days before.
     */
    public static LifecycleStage of(MemberState member, Instant at, ProgramCalendar calendar,
                                    LifecycleSettings settings) {
        requireNonNull(member, "member");
        requireNonNull(at, "at");
        requireNonNull(calendar, "calendar");
        requireNonNull(settings, "settings");
        return of(member, PurchasesAsOf.of(member, at), at, calendar, settings);
    }

    /** As {@link #of(MemberState, Instant, ProgramCalendar, LifecycleSettings)} over the member's purchases as of at. */
    static LifecycleStage of(MemberState member, List<PurchasesAsOf.Net> purchases, Instant at, ProgramCalendar calendar,
                             LifecycleSettings settings) {
        LocalDate today = calendar.dateOf(at);
        long tenure = ChronoUnit.DAYS.between(calendar.dateOf(member.enrolledAt()), today);
        LocalDate recentFrom = today.minusDays(settings.trendDays() - 1L);
        LocalDate previousFrom = recentFrom.minusDays(settings.trendDays());
        BigDecimal[] spend = {BigDecimal.ZERO, BigDecimal.ZERO};
        long[] orders = {0, 0};
        for (PurchasesAsOf.Net p : purchases) {
            LocalDate day = calendar.dateOf(p.at());
            if (day.isBefore(previousFrom)) {
                continue;
            }
            int window = day.isBefore(recentFrom) ? 1 : 0;
            spend[window] = spend[window].add(p.amount());
            if (p.isOrder()) {
                orders[window]++;
            }
        }
        return classify(tenure, new Trend(spend[0], spend[1]),
                new Trend(BigDecimal.valueOf(orders[0]), BigDecimal.valueOf(orders[1])), settings);
    }
}
