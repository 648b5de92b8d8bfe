package org.loyaltyrules.core.insight;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import org.apiguardian.api.API;

/**
 * The period purchases are grouped in before counting, as pandas' {@code to_period(freq)} does in lifetimes'
 * {@code summary_data_from_transaction_data}: several purchases in one period count once and their amounts add up.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SummaryPeriod {
    /** Calendar days (lifetimes {@code freq='D'}). */
    DAY,
    /**
     * Calendar weeks Monday to Sunday (lifetimes {@code freq='W'}, pandas' {@code W-SUN} periods): a date is floored
     * to its Monday, so two purchases in one week are one period and distances are whole weeks.
     */
    WEEK;

    /** The first day of the period containing {@code date}. */
    public LocalDate floor(LocalDate date) {
        return this == DAY ? date : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Whole periods from the period of {@code from} to the period of {@code to}. */
    public long between(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(floor(from), floor(to));
        return this == DAY ? days : days / 7;
    }
}
