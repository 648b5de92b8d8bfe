package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * A benefit of the program, whether the member's tier (after this event) includes it, its quota (0: unlimited) and
 * what the member used of it in the current period (benefit group).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BenefitOffer(String benefitId, String name, boolean inTier, long quota, long used, String period) {

    public boolean quotaLeft() {
        return quota == 0 || used < quota;
    }
}
