package org.loyaltyrules.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import org.apiguardian.api.API;

/**
 * A calendar period that caps and benefit quotas count in. Periods follow the program's zone; the membership year
 * starts on the member's enrolment (or paid-membership) anniversary.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum CountingPeriod {
    DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR, LIFETIME;

    /**
     * A key naming the period that contains {@code at}; two instants are in the same period exactly when their keys
     * are equal.
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
            default:
                throw new IllegalStateException("unknown period " + this);
        }
    }
}
