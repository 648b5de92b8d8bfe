package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * Concluded by earning rules: the event's base points times {@code factor}, either replacing the base (total
 * factor x base) or added on top of it (base + factor x base). Several replacing multipliers: the largest wins.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Multiplier(String eventId, String label, BigDecimal factor, boolean replacesBase) {

    public static Multiplier replacingBase(String eventId, String label, BigDecimal factor) {
        return new Multiplier(eventId, label, factor, true);
    }

    public static Multiplier addedToBase(String eventId, String label, BigDecimal factor) {
        return new Multiplier(eventId, label, factor, false);
    }
}
