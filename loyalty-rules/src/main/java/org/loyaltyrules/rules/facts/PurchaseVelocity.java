package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** Purchases by the member within the velocity window ending at this event, this one included (risk group). */
@API(status = API.Status.STABLE, since = "0.1")
public record PurchaseVelocity(int purchases, int maxPurchases, long windowMinutes) {
}
