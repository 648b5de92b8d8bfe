package org.loyaltyrules.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Counters that restart every period: what a member used of each cap or benefit quota in the current period of
 * that counter. Only the latest period of each counter is kept; a new period starts from zero. A TERM_MONTH counter
 * keeps the latest month of each term it counted in, since a member can return to a term whose month already ran
 * (a later term refunded): that month's use stays counted.
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
            } else if (period == CountingPeriod.TERM_MONTH && !sameTerm(count.periodKey(), key)) {
                next.add(count);
            }
        }
        next.add(current.plus(amount));
        return new PeriodCounters(next);
    }

    /** Two TERM_MONTH keys ({@code T2025-01-05+2}) of one term: the same start, whatever the month. */
    private static boolean sameTerm(String key, String other) {
        int plus = key.lastIndexOf('+');
        return plus > 0 && other.lastIndexOf('+') == plus && key.regionMatches(0, other, 0, plus);
    }

    /** Gives back {@code amount} used at {@code usedAt}, but only while that period is still the current one. */
    public PeriodCounters giveBack(String id, CountingPeriod period, Instant usedAt, Instant now, ZoneId zone,
                                   Instant membershipStart, long amount) {
        String then = period.keyOf(usedAt, zone, membershipStart);
        String current = period.keyOf(now, zone, membershipStart);
        return then.equals(current) ? record(id, period, now, zone, membershipStart, -Math.abs(amount)) : this;
    }
}
