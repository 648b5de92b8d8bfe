package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A program setting: purchases in {@code channel} earn {@code percent} % of base points on top. */
@API(status = API.Status.STABLE, since = "0.1")
public record ChannelBonusRate(String channel, BigDecimal percent) {
}
