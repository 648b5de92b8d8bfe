package org.loyaltyrules.examples.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.loyaltyrules.rules.io.EventReader;
import picocli.CommandLine;

/**
 * The {@code --as-of} value: a date, whose end in the program's zone is the review instant, or an instant as the
 * commands print one (the last event's, {@code 1998-06-30T00:00:00Z}), so that a printed value can be pasted back.
 */
record AsOf(LocalDate date, Instant instant) {

    static final String FORMS = "a date YYYY-MM-DD (e.g. 1998-06-30: the end of that day in the program's zone) or "
            + "an instant as a run prints it (e.g. 1998-06-30T00:00:00Z)";

    /** Picocli's converter: a usage error in words, not a Java type name. */
    static final class Converter implements CommandLine.ITypeConverter<AsOf> {
        @Override
        public AsOf convert(String value) {
            return parse(value);
        }
    }

    static AsOf parse(String text) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return new AsOf(LocalDate.parse(value), null);
            }
            return new AsOf(null, OffsetDateTime.parse(value).toInstant()); // Z or an offset, as ISO-8601 writes it
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("must be " + FORMS + ", was '" + text + "'");
        }
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
