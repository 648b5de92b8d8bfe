package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * Concluded by tier rules: move the member to {@code toTierId} ({@code kind} UPGRADE, DOWNGRADE or RENEWAL), and
 * why. Several conclusions in one event: the engine keeps the highest target (a floor rule can lift a downgrade).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record TierChange(String toTierId, String kind, String reason) {

    public static TierChange upgrade(String toTierId, String reason) {
        return new TierChange(toTierId, "UPGRADE", reason);
    }

    public static TierChange downgrade(String toTierId, String reason) {
        return new TierChange(toTierId, "DOWNGRADE", reason);
    }

    public static TierChange renewal(String tierId, String reason) {
        return new TierChange(tierId, "RENEWAL", reason);
    }
}
