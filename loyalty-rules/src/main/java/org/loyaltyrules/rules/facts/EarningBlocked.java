package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** Concluded by earning rules: the event earns no points at all, and why (e.g. minimum order not met). */
@API(status = API.Status.STABLE, since = "0.1")
public record EarningBlocked(String eventId, String reason) {
}
