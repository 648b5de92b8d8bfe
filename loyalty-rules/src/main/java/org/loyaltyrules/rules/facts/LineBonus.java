package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A program setting: lines whose {@code scope} (sku or category) equals {@code value} earn {@code multiplier} x
 * their base points. */
@API(status = API.Status.STABLE, since = "0.1")
public record LineBonus(String scope, String value, BigDecimal multiplier) {
}
