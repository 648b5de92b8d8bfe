package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** Purchases with exactly this event's amount and lines within the basket window, this one included (risk group). */
@API(status = API.Status.STABLE, since = "0.1")
public record IdenticalBaskets(int count, int maxCount, long windowHours) {
}
