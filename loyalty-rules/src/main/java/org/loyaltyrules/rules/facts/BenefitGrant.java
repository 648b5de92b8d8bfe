package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * Concluded by benefit rules: a claim granted or refused (with the reason), or a benefit unlocked by reaching a tier.
 * {@code outcome} is GRANTED, REFUSED or UNLOCKED.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BenefitGrant(String benefitId, String outcome, String reason) {

    public static BenefitGrant granted(String benefitId, String reason) {
        return new BenefitGrant(benefitId, "GRANTED", reason);
    }

    public static BenefitGrant refused(String benefitId, String reason) {
        return new BenefitGrant(benefitId, "REFUSED", reason);
    }

    public static BenefitGrant unlocked(String benefitId, String reason) {
        return new BenefitGrant(benefitId, "UNLOCKED", reason);
    }
}
