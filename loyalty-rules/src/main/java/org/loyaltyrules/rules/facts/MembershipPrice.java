package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * Concluded by tier rules: what the member must pay for the paid tier {@code tierId}, and why. Several prices: the
 * lowest applies. A fee that does not equal it is refused with the expected price.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MembershipPrice(String tierId, BigDecimal price, String reason) {

    public static MembershipPrice of(String tierId, BigDecimal price, String reason) {
        return new MembershipPrice(tierId, price, reason);
    }

    public static MembershipPrice of(String tierId, String price, String reason) {
        return new MembershipPrice(tierId, new BigDecimal(price), reason);
    }
}
