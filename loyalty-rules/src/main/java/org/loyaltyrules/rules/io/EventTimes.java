package org.loyaltyrules.rules.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;
import org.loyaltyrules.core.event.LoyaltyEvent;

/** The time forms event inputs may use; a form without a zone is read in the program's zone. */
final class EventTimes {

    static final String FORMS = "an ISO instant with Z or an offset (2025-03-03T10:00:00Z, 2025-03-03T11:00:00+01:00),"
            + " a local date-time in the program's zone (2025-03-03T10:00:00), an ISO date (2025-03-03) or YYYYMMDD";

    // Years outside this range are typos (00010101, 20251301 read as a date), not history: reject them early, with
    // the range the events themselves accept (in UTC, so that no time the reader takes is refused by the event)
    private static final int FIRST_YEAR = LoyaltyEvent.FIRST_YEAR;
    private static final int LAST_YEAR = LoyaltyEvent.LAST_YEAR;

    private static final Pattern BASIC_DATE = Pattern.compile("\\d{8}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private EventTimes() {
    }

    /** Parses {@code text}; throws IAE "must be ..., was "text"" naming the accepted forms. */
    static Instant parse(String text, ZoneId zone) {
        String t = text.trim();
        Instant instant;
        try {
            if (BASIC_DATE.matcher(t).matches()) {
                instant = LocalDate.parse(t, BASIC).atStartOfDay(zone).toInstant();
            } else if (ISO_DATE.matcher(t).matches()) {
                instant = LocalDate.parse(t).atStartOfDay(zone).toInstant();
            } else if (t.endsWith("Z") || t.endsWith("z") || hasOffset(t)) {
                instant = OffsetDateTime.parse(t.replace(' ', 'T').replace('z', 'Z')).toInstant();
            } else {
                instant = LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant(); // 2010-12-01 08:26:00 too
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be " + FORMS + ", was \"" + text + "\"", e);
        }
        int year = instant.atZone(java.time.ZoneOffset.UTC).getYear();
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            // the years are UTC's: a time written in the last hours of 2199 west of Greenwich is already in 2200
            // (every form accepted starts with its year: four digits, or a sign and more for the ISO forms)
            String utc = writtenYear(t) >= FIRST_YEAR && writtenYear(t) <= LAST_YEAR ? " (" + instant + " in UTC)" : "";
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "must be a time in the years %d..%d (UTC), was \"%s\"%s", FIRST_YEAR, LAST_YEAR, text, utc));
        }
        return instant;
    }

    /**
     * Parses {@code text} as {@link #parse} does, but a date (2025-03-03 or 20250303) means its last instant in
     * {@code zone}: a state "as of" a day includes all of that day, as the CLI's {@code --as-of} reads a date.
     */
    static Instant parseAsOf(String text, ZoneId zone) {
        Instant start = parse(text, zone);
        String t = text.trim();
        if (!BASIC_DATE.matcher(t).matches() && !ISO_DATE.matcher(t).matches()) {
            return start;
        }
        Instant end = endOfDay(start.atZone(zone).toLocalDate(), zone);
        if (end.atZone(java.time.ZoneOffset.UTC).getYear() > LAST_YEAR) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "must be a time in the years %d..%d (UTC),"
                    + " was \"%s\" (its end is %s in UTC)", FIRST_YEAR, LAST_YEAR, text, end));
        }
        return end;
    }

    /** The year {@code t} starts with, 0 when it starts otherwise. */
    private static int writtenYear(String t) {
        try {
            return Integer.parseInt(t.substring(0, Math.min(4, t.length())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean hasOffset(String t) {
        int time = t.indexOf('T') >= 0 ? t.indexOf('T') : t.indexOf(' ');
        return time > 0 && (t.indexOf('+', time) > 0 || t.indexOf('-', time) > 0);
    }

    /** The last instant of {@code date} in {@code zone}: a report "as of" a day includes all of that day. */
    static Instant endOfDay(LocalDate date, ZoneId zone) {
        try {
            return date.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date out of range: " + date, e);
        }
    }
}
