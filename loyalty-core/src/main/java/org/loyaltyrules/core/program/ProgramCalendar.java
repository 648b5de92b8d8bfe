package org.loyaltyrules.core.program;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.apiguardian.api.API;

/**
 * The program's calendar: all date boundaries (days, months, years, anniversaries) are taken in the program's zone.
 * Nothing here reads the wall clock.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ProgramCalendar(ZoneId zone) {

    public ProgramCalendar {
        requireNonNull(zone, "zone");
    }

    public static ProgramCalendar of(ZoneId zone) {
        return new ProgramCalendar(zone);
    }

    public LocalDate dateOf(Instant at) {
        return LocalDate.ofInstant(at, zone); // as atZone(zone).toLocalDate(), without the ZonedDateTime
    }

    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The first instant of the calendar year {@code yearsAfter} years after the year of {@code at}. */
    public Instant startOfYear(Instant at, int yearsAfter) {
        return startOf(LocalDate.of(dateOf(at).getYear() + yearsAfter, 1, 1));
    }

    /** The first instant of the month {@code monthsAfter} months after the month of {@code at}. */
    public Instant startOfMonth(Instant at, int monthsAfter) {
        return startOf(YearMonth.from(dateOf(at)).plusMonths(monthsAfter).atDay(1));
    }

    /** The start (a date) of the membership year containing {@code at}, for a membership that began at {@code start}. */
    public LocalDate membershipYearStart(Instant start, Instant at) {
        LocalDate first = dateOf(start);
        LocalDate date = dateOf(at);
        if (date.isBefore(first)) {
            return first;
        }
        int years = date.getYear() - first.getYear();
        LocalDate candidate = first.plusYears(years);
        if (candidate.isAfter(date)) {
            candidate = first.plusYears(years - 1L);
        }
        return candidate;
    }

    /** The first anniversary of {@code start} that is strictly after {@code at}. */
    public Instant nextAnniversary(Instant start, Instant at) {
        LocalDate first = dateOf(start);
        // Count years from the first date, not from this year's anniversary: 29 Feb + 3 years is 28 Feb, and
        // 28 Feb + 1 year would miss 29 Feb of the next leap year.
        int years = membershipYearStart(start, at).getYear() - first.getYear();
        return startOf(first.plusYears(years + 1L));
    }
}
