package org.loyaltyrules.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import org.apiguardian.api.API;

/**
 * A calendar period that caps and benefit quotas count in. Periods follow the program's zone; the membership year
 * starts on the member's enrolment anniversary. {@code TERM_MONTH}, for benefit quotas only, is a month of the
 * member's paid term: month {@code k} starts {@code k} months after the term's start instant, in the program's zone
 * (JD PLUS issues its monthly coupons "on the user's purchase date"); the anchor given to {@link #keyOf} is then the
 * start of the paid term that covers the instant (or, outside a paid term, the membership start).
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum CountingPeriod {
    DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR, LIFETIME, TERM_MONTH;

    /**
     * A key naming the period that contains {@code at}; two instants are in the same period exactly when their keys
     * are equal. {@code membershipStart} anchors MEMBERSHIP_YEAR and TERM_MONTH (for TERM_MONTH, the paid term's
     * start).
     */
    public String keyOf(Instant at, ZoneId zone, Instant membershipStart) {
        requireNonNull(at, "at");
        requireNonNull(zone, "zone");
        LocalDate date = LocalDate.ofInstant(at, zone);
        switch (this) {
            case DAY:
                return date.toString();
            case WEEK:
                return date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH:
                return date.getYear() + "-" + date.getMonthValue();
            case YEAR:
                return Integer.toString(date.getYear());
            case MEMBERSHIP_YEAR:
                requireNonNull(membershipStart, "membershipStart");
                return "M" + ProgramCalendar.of(zone).membershipYearStart(membershipStart, at);
            case LIFETIME:
                return "lifetime";
            case TERM_MONTH:
                requireNonNull(membershipStart, "membershipStart");
                // whole months from the term's start, time of day included, as the term itself runs: a term paid at
                // 10:00 on 10 January has its months from 10:00 on the 10th, twelve in a 12-month term (by dates
                // alone its last morning was a thirteenth); one from 31 January has its first month to 28 February,
                // the next from 1 March. Month k is the last whose start is not after the instant: local times
                // repeat in a clock change, so they alone went back a month in an autumn's repeated hour
                ZonedDateTime anchor = membershipStart.atZone(zone);
                long months = Math.max(0, ChronoUnit.MONTHS.between(anchor, at.atZone(zone)));
                while (months > 0 && termMonthStart(anchor, months).isAfter(at)) {
                    months--;
                }
                while (!termMonthStart(anchor, months + 1).isAfter(at)) {
                    months++;
                }
                return "T" + anchor.toLocalDate() + "+" + months;
            default:
                throw new IllegalStateException("unknown period " + this);
        }
    }

    /**
     * The instant month {@code k} of a term started at {@code anchor} begins: the start's day of the month {@code k}
     * months on (the 1st of the month after, when that month is shorter) at the start's time of day, resolved in the
     * zone as the term's own end is ({@code plusMonths}: a time in a spring gap moves on by the gap, one repeated in
     * autumn keeps the start's offset where it can), so month 12 of a 12-month term begins no sooner than the term
     * ends.
     */
    private static Instant termMonthStart(ZonedDateTime anchor, long k) {
        LocalDate month = anchor.toLocalDate().withDayOfMonth(1).plusMonths(k);
        LocalDate day = anchor.getDayOfMonth() <= month.lengthOfMonth() ? month.withDayOfMonth(anchor.getDayOfMonth())
                : month.plusMonths(1);
        return ZonedDateTime.ofLocal(day.atTime(anchor.toLocalTime()), anchor.getZone(), anchor.getOffset())
                .toInstant();
    }
}
