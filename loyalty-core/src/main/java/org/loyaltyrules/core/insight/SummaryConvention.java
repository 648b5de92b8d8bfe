package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * How a purchase summary measures time, as lifetimes' {@code freq} and {@code freq_multiplier}: purchases are grouped
 * per {@link SummaryPeriod}, and recency and age are expressed in units of {@code periodsPerUnit} periods.
 * {@link #WEEKS_OF_DAYS} (days grouped, counted in 7-day weeks: 30.43 weeks for 213 days) is how the published CDNOW
 * summaries were made; {@link #CALENDAR_WEEKS} is lifetimes' {@code freq='W'} (whole Monday-based weeks).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SummaryConvention(SummaryPeriod period, int periodsPerUnit) {

    /** Days, counted in days. */
    public static final SummaryConvention DAYS = new SummaryConvention(SummaryPeriod.DAY, 1);
    /** Days, counted in weeks of 7 days (lifetimes {@code freq='D', freq_multiplier=7}; the CDNOW summaries). */
    public static final SummaryConvention WEEKS_OF_DAYS = new SummaryConvention(SummaryPeriod.DAY, 7);
    /** Calendar weeks, counted in weeks (lifetimes {@code freq='W'}). */
    public static final SummaryConvention CALENDAR_WEEKS = new SummaryConvention(SummaryPeriod.WEEK, 1);

    public SummaryConvention {
        requireNonNull(period, "period");
        if (periodsPerUnit < 1) {
            throw new IllegalArgumentException("periodsPerUnit must be >= 1, was " + periodsPerUnit);
        }
    }
}
