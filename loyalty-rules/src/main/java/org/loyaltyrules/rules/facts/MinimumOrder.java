package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A program setting: the smallest eligible amount that earns points. */
@API(status = API.Status.STABLE, since = "0.1")
public record MinimumOrder(BigDecimal amount) {
}
