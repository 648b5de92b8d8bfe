package org.loyaltyrules.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Counters that restart every period: what a member used of each cap or benefit quota in the current period of
 * that counter. Only the latest period of each counter is kept; a new period starts from zero.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PeriodCounters(List<PeriodCount> counts) {

    public static final PeriodCounters EMPTY = new PeriodCounters(List.of());

    public PeriodCounters {
        counts = List.copyOf(counts);
    }

    /** What is used of counter {@code id} in the {@code period} containing {@code at}. */
    public long used(String id, CountingPeriod period, Instant at, ZoneId zone, Instant membershipStart) {
        String key = period.keyOf(at, zone, membershipStart);
        for (PeriodCount count : counts) {
            if (count.id().equals(id) && count.periodKey().equals(key)) {
                return count.used();
            }
        }
        return 0;
    }

    /** What is left of {@code limit} in the period containing {@code at}; never negative. */
    public long headroom(String id, CountingPeriod period, long limit, Instant at, ZoneId zone, Instant membershipStart) {
        return Math.max(0, limit - used(id, period, at, zone, membershipStart));
    }

    /** Adds {@code amount} (negative gives back, never below zero) to the period containing {@code at}. */
    public PeriodCounters record(String id, CountingPeriod period, Instant at, ZoneId zone, Instant membershipStart,
                                 long amount) {
        requireNonNull(id, "id");
        String key = period.keyOf(at, zone, membershipStart);
        List<PeriodCount> next = new ArrayList<>(counts.size() + 1);
        PeriodCount current = new PeriodCount(id, key, 0);
        for (PeriodCount count : counts) {
            if (!count.id().equals(id)) {
                next.add(count);
            } else if (count.periodKey().equals(key)) {
                current = count;
            }
        }
        next.add(current.plus(amount));
        return new PeriodCounters(next);
    }

    /** Gives back {@code amount} used at {@code usedAt}, but only while that period is still the current one. */
    public PeriodCounters giveBack(String id, CountingPeriod period, Instant usedAt, Instant now, ZoneId zone,
                                   Instant membershipStart, long amount) {
        String then = period.keyOf(usedAt, zone, membershipStart);
        String current = period.keyOf(now, zone, membershipStart);
        return then.equals(current) ? record(id, period, now, zone, membershipStart, -Math.abs(amount)) : this;
    }
}
