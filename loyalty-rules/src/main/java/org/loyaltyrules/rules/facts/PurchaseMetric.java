package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A metric the purchase carries, e.g. {@code nights = 2}. */
@API(status = API.Status.STABLE, since = "0.1")
public record PurchaseMetric(String eventId, String metric, BigDecimal value) {
}
