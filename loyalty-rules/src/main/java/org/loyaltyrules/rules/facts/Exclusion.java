package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** A program setting: what earns nothing. {@code scope} is sku, category, delivery or tax. */
@API(status = API.Status.STABLE, since = "0.1")
public record Exclusion(String scope, String value) {
}
