package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A program setting: a rung of the ladder, the growth to reach it, and whether it can be earned at all. */
@API(status = API.Status.STABLE, since = "0.1")
public record TierThreshold(String tierId, int rank, BigDecimal threshold, boolean reachable) {
}
