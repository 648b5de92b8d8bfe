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
                // the next from 1 March (ZonedDateTime's month arithmetic)
                ZonedDateTime anchor = membershipStart.atZone(zone);
                long months = Math.max(0, ChronoUnit.MONTHS.between(anchor, at.atZone(zone)));
                // and a month starts no sooner than the instant k months on, where the term's own arithmetic puts it
                // (plusMonths): when the anchor's time of day falls in a clock change on that date, local times
                // reach month k up to an hour before it, and a 12-month term's last hour was a thirteenth month
                while (months > 0 && anchor.plusMonths(months).toInstant().isAfter(at)) {
                    months--;
                }
                return "T" + anchor.toLocalDate() + "+" + months;
            default:
                throw new IllegalStateException("unknown period " + this);
        }
    }
}
