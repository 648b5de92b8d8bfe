package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** Refunded amount / purchased amount within the refund window ending at this event (risk group). */
@API(status = API.Status.STABLE, since = "0.1")
public record RefundRatio(BigDecimal ratio, BigDecimal maxRatio, long windowDays) {
}
