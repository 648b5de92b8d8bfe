package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * Concluded by risk rules: something abnormal about the member. With {@code review} true the member is put
 * UNDER_REVIEW and their awards are held until released.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RiskFlag(String code, String reason, boolean review) {

    public static RiskFlag underReview(String code, String reason) {
        return new RiskFlag(code, reason, true);
    }

    public static RiskFlag warning(String code, String reason) {
        return new RiskFlag(code, reason, false);
    }
}
