package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * Concluded by eligibility rules: a line (by index) or a charge (by kind, index -1) earns nothing, and why.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Excluded(String eventId, int lineIndex, String charge, String reason) {

    public static Excluded line(String eventId, int lineIndex, String reason) {
        return new Excluded(eventId, lineIndex, "", reason);
    }

    public static Excluded charge(String eventId, String charge, String reason) {
        return new Excluded(eventId, -1, charge, reason);
    }
}
