package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A membership fee being evaluated: the tier it buys, the amount paid and the term (tier group). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FeePayment(String eventId, String tierId, BigDecimal amount, int termMonths) {
}
