package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A non-product part of a purchase amount: {@code delivery} or {@code tax} (eligibility group). */
@API(status = API.Status.STABLE, since = "0.1")
public record BasketCharge(String eventId, String kind, BigDecimal amount) {
}
