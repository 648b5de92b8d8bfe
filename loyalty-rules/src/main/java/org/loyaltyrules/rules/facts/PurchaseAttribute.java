package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** One attribute of the purchase, e.g. {@code brand = hampton}; the channel is the attribute {@code channel}. */
@API(status = API.Status.STABLE, since = "0.1")
public record PurchaseAttribute(String eventId, String name, String value) {
}
