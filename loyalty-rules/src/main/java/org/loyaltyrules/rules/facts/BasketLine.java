package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** One line of a purchase basket, before exclusions (eligibility group). */
@API(status = API.Status.STABLE, since = "0.1")
public record BasketLine(String eventId, int index, String sku, String category, BigDecimal amount) {
}
