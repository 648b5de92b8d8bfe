package org.loyaltyrules.rules.program;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** Lines of a chosen SKU or category earn {@code multiplier} times their base points ({@code scope}: sku or
 * category). */
@API(status = API.Status.STABLE, since = "0.1")
public record LineBonusRule(String scope, String value, BigDecimal multiplier) {
}
