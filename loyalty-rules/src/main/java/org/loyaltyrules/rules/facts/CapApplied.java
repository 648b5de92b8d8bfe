package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * Concluded by risk rules: cap {@code capId} trims the award to {@code headroom}; the engine computes and reports
 * {@code withheld} (the part of the award above the headroom) when several caps apply the tightest wins.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CapApplied(String capId, long headroom, long withheld) {

    public static CapApplied trimTo(String capId, long headroom) {
        return new CapApplied(capId, headroom, 0);
    }
}
