package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * A benefit of the program, whether the member's tier (after this event) includes it, its quota for this member
 * (0: unlimited; the program's quota plus any {@link BenefitAllowance} the rules concluded, {@code extra}), what the
 * member used of it in the current period, its cost per use (0 when program.json states none), and its occasion
 * ({@code ANY}, {@code BIRTHDAY_DAY}, {@code BIRTHDAY_MONTH}) with whether that occasion is open today for this
 * member, and whether the tier the member held before this event included it too ({@code inTierBefore}: on the
 * event that moves the tier, false for what the new tier adds; on any other event equal to {@code inTier}). The
 * period is in words: {@code day}, {@code week}, {@code month}, {@code year}, {@code membership year} or
 * {@code lifetime} (benefit group).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BenefitOffer(String benefitId, String name, boolean inTier, long quota, long used, String period,
                           long extra, BigDecimal cost, String occasion, boolean occasionOpen, boolean inTierBefore) {

    /** An offer on an event that did not move the tier: {@code inTierBefore} is {@code inTier}. */
    public BenefitOffer(String benefitId, String name, boolean inTier, long quota, long used, String period,
                        long extra, BigDecimal cost, String occasion, boolean occasionOpen) {
        this(benefitId, name, inTier, quota, used, period, extra, cost, occasion, occasionOpen, inTier);
    }

    /** An offer at any time, without extra uses or cost. */
    public BenefitOffer(String benefitId, String name, boolean inTier, long quota, long used, String period) {
        this(benefitId, name, inTier, quota, used, period, 0, BigDecimal.ZERO, "ANY", true);
    }

    public boolean quotaLeft() {
        return quota == 0 || used < quota;
    }
}
