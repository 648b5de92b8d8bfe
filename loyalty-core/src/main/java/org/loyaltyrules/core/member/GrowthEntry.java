package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Qualifying credit of one metric (growth value, spend, nights, stays, ...) from one event, dated when it was
 * earned. A refund adds a negative entry dated at the original purchase, so it reduces the window that purchase
 * counted in.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record GrowthEntry(String eventId, Instant at, String metric, BigDecimal amount) {

    public GrowthEntry {
        requireNonNull(eventId, "eventId");
        requireNonNull(at, "at");
        requireNonNull(metric, "metric");
        requireNonNull(amount, "amount");
        amount = canonical(amount);
    }

    /** An amount as growth is written: without trailing zeros, never in exponent form (350.00 and 3.5E+2 are 350). */
    static BigDecimal canonical(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
