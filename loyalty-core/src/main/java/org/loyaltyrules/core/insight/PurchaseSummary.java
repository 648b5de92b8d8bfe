package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A member's repeat-purchase history in the form the BG/NBD and Gamma-Gamma models read, with the conventions of
 * lifetimes' {@code summary_data_from_transaction_data}: purchases are grouped per period (amounts summed);
 * {@code frequency} is the number of distinct purchase periods minus one; recency is last minus first purchase
 * period; age ({@code T}) is the observation end's period minus the first purchase period; the monetary value is the
 * mean of the per-period totals of the repeat periods (all but the first), 0 without repeats.
 *
 * <p>Kept exactly: recency and age as whole periods, the repeat spend as the exact sum. The values in model units
 * ({@link #recency(int)}, {@link #age(int)}, {@link #monetaryValue(int)}) divide at the scale asked for, rounding
 * half-up as the published CDNOW summaries do.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PurchaseSummary(String memberId, int frequency, long recencyPeriods, long agePeriods,
                              SummaryConvention convention, BigDecimal repeatSpend) {

    public PurchaseSummary {
        if (memberId == null || memberId.isBlank()) {
            throw new IllegalArgumentException("memberId must not be blank, was " + memberId);
        }
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must be >= 0, was " + frequency);
        }
        if (recencyPeriods < 0 || recencyPeriods > agePeriods) {
            throw new IllegalArgumentException("recencyPeriods must be in 0..agePeriods (" + agePeriods + "), was "
                    + recencyPeriods);
        }
        if (frequency == 0 && recencyPeriods != 0) {
            throw new IllegalArgumentException("recencyPeriods must be 0 without repeat purchases, was "
                    + recencyPeriods);
        }
        requireNonNull(convention, "convention");
        requireNonNull(repeatSpend, "repeatSpend");
    }

    /**
     * One summary per member who bought on or before {@code observationEnd} (in its period), ordered by member id.
     * Purchases in a later period are ignored, as lifetimes truncates at {@code observation_period_end}.
     */
    public static List<PurchaseSummary> summarize(Collection<Transaction> transactions, LocalDate observationEnd,
                                                  SummaryConvention convention) {
        requireNonNull(transactions, "transactions");
        requireNonNull(observationEnd, "observationEnd");
        requireNonNull(convention, "convention");
        SummaryPeriod period = convention.period();
        LocalDate endPeriod = period.floor(observationEnd);
        Map<String, TreeMap<LocalDate, BigDecimal>> perMember = new TreeMap<>();
        for (Transaction t : transactions) {
            LocalDate start = period.floor(t.date());
            if (start.isAfter(endPeriod)) {
                continue;
            }
            perMember.computeIfAbsent(t.memberId(), id -> new TreeMap<>()).merge(start, t.amount(), BigDecimal::add);
        }
        List<PurchaseSummary> out = new ArrayList<>(perMember.size());
        perMember.forEach((member, periods) -> out.add(of(member, periods, endPeriod, convention)));
        return List.copyOf(out);
    }

    private static PurchaseSummary of(String member, TreeMap<LocalDate, BigDecimal> periods, LocalDate endPeriod,
                                      SummaryConvention convention) {
        LocalDate first = periods.firstKey();
        LocalDate last = periods.lastKey();
        BigDecimal repeat = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> e : periods.tailMap(first, false).entrySet()) {
            repeat = repeat.add(e.getValue());
        }
        SummaryPeriod p = convention.period();
        return new PurchaseSummary(member, periods.size() - 1, p.between(first, last), p.between(first, endPeriod),
                convention, repeat);
    }

    /** Recency in model units (periods / periodsPerUnit), rounded half-up to {@code scale} decimals. */
    public BigDecimal recency(int scale) {
        return units(recencyPeriods, scale);
    }

    /** Age {@code T} in model units, rounded half-up to {@code scale} decimals. */
    public BigDecimal age(int scale) {
        return units(agePeriods, scale);
    }

    /** Mean repeat-period spend rounded half-up to {@code scale} decimals; 0 without repeat purchases. */
    public BigDecimal monetaryValue(int scale) {
        if (frequency == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return repeatSpend.divide(BigDecimal.valueOf(frequency), scale, RoundingMode.HALF_UP);
    }

    /** Recency in model units as the models compute with it. */
    public double recency() {
        return (double) recencyPeriods / convention.periodsPerUnit();
    }

    /** Age {@code T} in model units as the models compute with it. */
    public double age() {
        return (double) agePeriods / convention.periodsPerUnit();
    }

    /** Mean repeat-period spend as the models compute with it. */
    public double monetaryValue() {
        return frequency == 0 ? 0.0 : repeatSpend.divide(BigDecimal.valueOf(frequency), MathContext.DECIMAL64)
                .doubleValue();
    }

    private BigDecimal units(long periods, int scale) {
        return BigDecimal.valueOf(periods).divide(BigDecimal.valueOf(convention.periodsPerUnit()), scale,
                RoundingMode.HALF_UP);
    }

    /** The numbers the lifetime-value models read. */
    public RepeatHistory history() {
        return new RepeatHistory(frequency, recency(), age(), monetaryValue());
    }
}
