package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A program setting: points per unit of a metric, e.g. 100 points per night. */
@API(status = API.Status.STABLE, since = "0.1")
public record MetricRate(String metric, BigDecimal perUnit) {
}
