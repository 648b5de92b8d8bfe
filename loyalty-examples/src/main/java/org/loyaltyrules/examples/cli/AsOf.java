package org.loyaltyrules.examples.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.io.EventReader;
import picocli.CommandLine;

/**
 * The {@code --as-of} value: a date, whose end in the program's zone is the review instant, or an instant as the
 * commands print one (the last event's, {@code 1998-06-30T00:00:00Z}), so that a printed value can be pasted back.
 */
record AsOf(LocalDate date, Instant instant) {

    static final String FORMS = "a date YYYY-MM-DD (e.g. 1998-06-30: the end of that day in the program's zone) or "
            + "an instant as a run prints it (e.g. 1998-06-30T00:00:00Z)";

    private static final String YEARS = "must lie in the years " + LoyaltyEvent.FIRST_YEAR + ".." + LoyaltyEvent.LAST_YEAR
            + ", as every event does";

    /** Picocli's converter: a usage error in words, not a Java type name. */
    static final class Converter implements CommandLine.ITypeConverter<AsOf> {
        @Override
        public AsOf convert(String value) {
            return parse(value);
        }
    }

    static AsOf parse(String text) {
        String value = text.trim();
        AsOf asOf;
        try {
            if (value.length() == 10) {
                asOf = new AsOf(LocalDate.parse(value), null);
            } else {
                asOf = new AsOf(null, OffsetDateTime.parse(value).toInstant()); // Z or an offset, as ISO-8601 writes it
            }
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("must be " + FORMS + ", was '" + text + "'");
        }
        // the years every event lies in: a review in 2200 cannot be replayed, and one in 1899 leaves every event out
        int year = asOf.date != null ? asOf.date.getYear() : asOf.instant.atZone(ZoneOffset.UTC).getYear();
        if (!isEventYear(year)) {
            throw new CommandLine.TypeConversionException(YEARS + ", was '" + text + "'");
        }
        return asOf;
    }

    /**
     * A usage error when the end of the date in {@code zone} falls outside the event years, as the end of 2199-12-31
     * does in a zone behind UTC; {@link #parse} has checked every other case without knowing the zone.
     */
    void requireEventYears(ZoneId zone, CommandLine commandLine) {
        Instant until = until(zone);
        if (date != null && !isEventYear(until.atZone(ZoneOffset.UTC).getYear())) {
            throw new CommandLine.ParameterException(commandLine, "Invalid value for option '--as-of': the end of "
                    + date + " in the program's zone " + zone.getId() + " is " + until + "; it " + YEARS + " (UTC)");
        }
    }

    private static boolean isEventYear(int year) {
        return year >= LoyaltyEvent.FIRST_YEAR && year <= LoyaltyEvent.LAST_YEAR;
    }

    /** The review instant: the end of the date in {@code zone}, or the instant itself. */
    Instant until(ZoneId zone) {
        return date != null ? EventReader.endOfDay(date, zone) : instant;
    }

    /**
     * How the commands print the review instant: "1998-06-30 (end of day, UTC)" for a date, the instant itself
     * otherwise (given, or the last event's when {@code asOf} is null); null without one.
     */
    static String describe(AsOf asOf, Instant until, ZoneId zone) {
        if (asOf != null && asOf.date() != null) {
            return asOf.date() + " (end of day, " + zone.getId() + ")";
        }
        return until == null ? null : until.toString();
    }
}
