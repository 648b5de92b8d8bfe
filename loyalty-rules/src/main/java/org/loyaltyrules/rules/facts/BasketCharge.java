package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * A part of a purchase amount outside its lines (eligibility group): {@code delivery}, {@code tax}, or
 * {@code unitemised}, the rest of the amount that no line, delivery or tax accounts for (goods the till did not
 * itemise; the whole amount less delivery and tax for a purchase without lines). 0 when there is none.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BasketCharge(String eventId, String kind, BigDecimal amount) {
}
