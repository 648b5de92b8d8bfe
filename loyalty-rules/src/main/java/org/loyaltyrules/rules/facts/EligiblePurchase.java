package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * A purchase after exclusions (earning group): its total, the eligible amount that earns, currency, channel and
 * partner.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record EligiblePurchase(String eventId, BigDecimal amount, BigDecimal eligibleAmount, String currency,
                               String channel, String partner) {
}
