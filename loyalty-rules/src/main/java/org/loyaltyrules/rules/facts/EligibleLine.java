package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A basket line that earns (earning group). */
@API(status = API.Status.STABLE, since = "0.1")
public record EligibleLine(String eventId, int index, String sku, String category, BigDecimal amount) {
}
