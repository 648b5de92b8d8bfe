package org.loyaltyrules.rules.facts;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * Concluded by benefit rules before a claim is decided: this member may use benefit {@code benefitId} {@code extra}
 * more times per period than the program's quota, and why (e.g. one extra free delivery a month for members of the
 * top value layer). The engine asks for allowances first (a firing of the benefit group without the claim), adds
 * them up per benefit, and then decides the claim against the larger quota. An allowance for an unlimited benefit
 * changes nothing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BenefitAllowance(String benefitId, long extra, String reason) {

    public BenefitAllowance {
        requireNonNull(benefitId, "benefitId");
        requireNonNull(reason, "reason");
        if (extra < 0) {
            throw new IllegalArgumentException("extra uses must be >= 0, was " + extra);
        }
    }

    public static BenefitAllowance extra(String benefitId, long extra, String reason) {
        return new BenefitAllowance(benefitId, extra, reason);
    }
}
