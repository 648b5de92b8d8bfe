package org.loyaltyrules.jdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.program.PeriodCount;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * What the schema can hold that the engine does not limit: event and member ids of at most 200 characters
 * (VARCHAR(200)), the ids a program defines (tiers, growth metrics, cap and benefit counters) and period keys of at
 * most 100 (VARCHAR(100)), instants in whole microseconds in years 1..9999 (TIMESTAMP WITH TIME ZONE), money in
 * NUMERIC(19,4), and text without the NUL character (PostgreSQL refuses it in text) and without an unpaired UTF-16
 * surrogate (UTF-8 cannot encode it: PostgreSQL's driver sends '?' instead, so two ids differing only there would
 * share one row); these two are refused on every database alike. Each check returns null or a message naming the
 * field, the limit and the value, so that the service refuses an event before evaluating it, refuses a program before
 * using it, and a direct save fails with the same message before anything is written.
 */
final class StoreLimits {

    static final int MAX_ID_LENGTH = 200;
    /** tier_id, tier_floor, growth_entries.metric, period_counters.counter_id and period_key are VARCHAR(100). */
    static final int MAX_PROGRAM_ID_LENGTH = 100;
    static final String REFUSAL_CODE = "STORE_LIMIT";

    private static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StoreLimits() {
    }

    /** Why the store cannot hold what {@code event} would write, if it cannot. */
    static Optional<String> problemWith(LoyaltyEvent event) {
        String problem = id("event id", event.id());
        if (problem == null) {
            problem = id("member id", event.memberId());
        }
        if (problem == null) {
            problem = instant("at", event.at());
        }
        if (problem == null && event instanceof Adjustment adjustment) {
            problem = text("reason", adjustment.reason()); // the ADJUST posting's explanation
        }
        if (problem == null && event instanceof Purchase purchase) {
            problem = decimal("amount", purchase.amount().amount(), 19, 4);
        }
        return Optional.ofNullable(problem);
    }

    /**
     * Why the store cannot hold the ids {@code program} defines, if it cannot: every tier id, growth metric, cap and
     * benefit id over {@link #MAX_PROGRAM_ID_LENGTH} characters, each named (an event would fail on save only once it
     * reaches that tier, metric or counter).
     */
    static Optional<String> problemWith(Program program) {
        ProgramSettings settings = program.settings();
        List<String> problems = new ArrayList<>();
        settings.ladder().tiers().forEach(t -> add(problems, programId("tier id", t.id())));
        Set<String> metrics = new LinkedHashSet<>();
        metrics.add(settings.ladder().metric());
        settings.earning().milestones().forEach(m -> metrics.add(m.metric()));
        metrics.forEach(m -> add(problems, programId("metric", m)));
        settings.caps().forEach(c -> add(problems, programId("cap counter id", c.id())));
        settings.benefits().benefits().forEach(b -> add(problems, programId("benefit counter id", b.id())));
        return problems.isEmpty() ? Optional.empty() : Optional.of("program " + settings.id() + " " + settings.version()
                + " defines ids the store cannot hold: " + String.join("; ", problems));
    }

    /** The first id of {@code state} that a VARCHAR(100) column cannot hold, if any. */
    static String programIds(MemberState state) {
        List<String> problems = new ArrayList<>();
        add(problems, programId("tier id", state.tier().tierId()));
        add(problems, programId("tier floor", state.tier().floorTierId()));
        state.growth().entries().forEach(g -> add(problems, programId("metric", g.metric())));
        for (PeriodCount c : state.capUsage().counts()) {
            add(problems, programId("cap counter id", c.id()));
            add(problems, programId("cap period key", c.periodKey()));
        }
        for (PeriodCount c : state.benefitUsage().counts()) {
            add(problems, programId("benefit counter id", c.id()));
            add(problems, programId("benefit period key", c.periodKey()));
        }
        return problems.isEmpty() ? null : problems.get(0);
    }

    static String programId(String kind, String id) {
        if (id == null) {
            return null;
        }
        return id.length() <= MAX_PROGRAM_ID_LENGTH ? text(kind + " '" + printable(id) + "'", id)
                : String.format(Locale.ROOT, "%s '%s' must have at most %d characters to be stored, had %d", kind,
                        printable(id), MAX_PROGRAM_ID_LENGTH, id.length());
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    static String id(String field, String id) {
        if (id == null) {
            return null;
        }
        return id.length() <= MAX_ID_LENGTH ? text(field, id)
                : String.format(Locale.ROOT, "%s must have at most %d characters to be stored, had %d",
                        field, MAX_ID_LENGTH, id.length());
    }

    /**
     * Text a column cannot hold alike on every database: the NUL character (PostgreSQL refuses it, H2 keeps it) and an
     * unpaired UTF-16 surrogate (no UTF-8 encoding: PostgreSQL's driver writes '?' instead, H2 keeps it).
     */
    static String text(String field, String value) {
        return text(field, value, false);
    }

    /**
     * Text kept inside a JSON column (attributes, tags): JSON escapes a NUL, so only an unpaired surrogate, which it
     * passes through, cannot be held.
     */
    static String jsonText(String field, String value) {
        return text(field, value, true);
    }

    private static String text(String field, String value, boolean nulAllowed) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == 0 && !nulAllowed) {
                return String.format(Locale.ROOT,
                        "%s must not contain the NUL character (U+0000) to be stored, had one at index %d", field, i);
            }
            if (Character.isHighSurrogate(ch) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one code point
            } else if (Character.isSurrogate(ch)) {
                return String.format(Locale.ROOT, "%s must not contain an unpaired UTF-16 surrogate to be stored, "
                        + "had \\u%04X at index %d", field, (int) ch, i);
            }
        }
        return null;
    }

    /** {@code id} for a message: NUL and unpaired surrogates written as Java escapes. */
    private static String printable(String id) {
        return text("", id) == null ? id : id.chars().mapToObj(ch -> ch == 0 || Character.isSurrogate((char) ch)
                ? String.format(Locale.ROOT, "\\u%04X", ch) : String.valueOf((char) ch))
                .collect(java.util.stream.Collectors.joining());
    }

    static String instant(String field, Instant at) {
        return at == null || (at.getNano() % 1_000 == 0 && !at.isBefore(MIN_INSTANT) && !at.isAfter(MAX_INSTANT))
                ? null : field + " must be whole microseconds in years 1..9999 to be stored, was " + at;
    }

    /** {@code value} fits NUMERIC(precision, scale): at most {@code scale} decimals and precision - scale digits before. */
    static String decimal(String field, BigDecimal value, int precision, int scale) {
        int before = precision - scale;
        return value.scale() <= scale && value.precision() - value.scale() <= before ? null
                : String.format(Locale.ROOT,
                        "%s must have at most %d digits before and %d after the decimal point to be stored, was %s",
                        field, before, scale, value.toPlainString());
    }

    static void require(String problem) {
        if (problem != null) {
            throw new Exceeded(problem);
        }
    }

    /**
     * A value the schema cannot hold, met while writing (an instant the engine derived from the event, such as a lot's
     * expiry past 9999): the service turns it into a {@code STORE_LIMIT} refusal, {@code save} into a plain
     * {@link IllegalArgumentException} with the same message.
     */
    static final class Exceeded extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Exceeded(String problem) {
            super(problem);
        }
    }
}
