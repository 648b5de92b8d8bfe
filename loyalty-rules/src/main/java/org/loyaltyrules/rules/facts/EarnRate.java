package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * A program setting: points per currency unit. {@code scope} is {@code default} (key and value empty) or
 * {@code attribute} (purchases whose attribute {@code key} equals {@code value}); {@code order} is the position in
 * program.json, lower wins.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record EarnRate(String scope, String key, String value, BigDecimal perUnit, int order) {
}
