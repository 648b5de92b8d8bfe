package org.loyaltyrules.core.member;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** A member's qualifying credit per metric, kept per event so that any window (calendar, membership, rolling) can be
 * summed exactly. Growth is separate from spendable points: redeeming points never touches it. */
@API(status = API.Status.STABLE, since = "0.1")
public record GrowthLedger(List<GrowthEntry> entries) {

    public static final GrowthLedger EMPTY = new GrowthLedger(List.of());

    public GrowthLedger {
        entries = List.copyOf(entries);
    }

    /** The sum of {@code metric} credited at instants in [{@code from}, {@code to}], written as each entry is
     * (349.99 and 0.01 sum to 350, as a single 350.00 does). */
    public BigDecimal total(String metric, Instant from, Instant to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (GrowthEntry entry : entries) {
            if (entry.metric().equals(metric) && !entry.at().isBefore(from) && !entry.at().isAfter(to)) {
                sum = sum.add(entry.amount());
            }
        }
        return GrowthEntry.canonical(sum);
    }

    /**
     * The highest running total of {@code metric} in [{@code from}, {@code to}], adding the entries in the order they
     * were credited (a refund's negative entry comes after the purchases it follows, whatever its date): the
     * high-water mark up to which milestones of the window were reached. At least zero.
     */
    public BigDecimal peak(String metric, Instant from, Instant to) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal peak = BigDecimal.ZERO;
        for (GrowthEntry entry : entries) {
            if (entry.metric().equals(metric) && !entry.at().isBefore(from) && !entry.at().isAfter(to)) {
                sum = sum.add(entry.amount());
                peak = peak.max(sum);
            }
        }
        return GrowthEntry.canonical(peak);
    }

    /** The sum of {@code metric} over the member's whole history. */
    public BigDecimal lifetime(String metric) {
        return total(metric, Instant.MIN, Instant.MAX);
    }

    public GrowthLedger plus(List<GrowthEntry> added) {
        if (added.isEmpty()) {
            return this;
        }
        List<GrowthEntry> next = new ArrayList<>(entries.size() + added.size());
        next.addAll(entries);
        for (GrowthEntry entry : added) {
            if (entry.amount().signum() != 0) {
                next.add(entry);
            }
        }
        return new GrowthLedger(next);
    }

    /** Forgets entries dated before {@code before}; windows that start later are unaffected. */
    public GrowthLedger forgetBefore(Instant before) {
        for (GrowthEntry entry : entries) {
            if (entry.at().isBefore(before)) {
                return new GrowthLedger(entries.stream().filter(e -> !e.at().isBefore(before)).toList());
            }
        }
        return this; // the usual case: nothing is that old, no copy
    }
}
