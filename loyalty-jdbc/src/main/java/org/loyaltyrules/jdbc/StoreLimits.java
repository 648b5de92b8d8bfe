package org.loyaltyrules.jdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;

/**
 * What the schema can hold that the engine does not limit: ids of at most 200 characters (VARCHAR(200)), instants in
 * whole microseconds in years 1..9999 (TIMESTAMP WITH TIME ZONE), money in NUMERIC(19,4). Each check returns null or
 * a message naming the field, the limit and the value, so that the service refuses an event before evaluating it and
 * a direct save fails with the same message before anything is written.
 */
final class StoreLimits {

    static final int MAX_ID_LENGTH = 200;
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
        if (problem == null && event instanceof Purchase purchase) {
            problem = decimal("amount", purchase.amount().amount(), 19, 4);
        }
        return Optional.ofNullable(problem);
    }

    static String id(String field, String id) {
        return id == null || id.length() <= MAX_ID_LENGTH ? null
                : "%s must have at most %d characters to be stored, had %d".formatted(field, MAX_ID_LENGTH, id.length());
    }

    static String instant(String field, Instant at) {
        return at == null || (at.getNano() % 1_000 == 0 && !at.isBefore(MIN_INSTANT) && !at.isAfter(MAX_INSTANT))
                ? null : field + " must be whole microseconds in years 1..9999 to be stored, was " + at;
    }

    /** {@code value} fits NUMERIC(precision, scale): at most {@code scale} decimals and precision - scale digits before. */
    static String decimal(String field, BigDecimal value, int precision, int scale) {
        int before = precision - scale;
        return value.scale() <= scale && value.precision() - value.scale() <= before ? null
                : "%s must have at most %d digits before and %d after the decimal point to be stored, was %s"
                        .formatted(field, before, scale, value.toPlainString());
    }

    static void require(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
