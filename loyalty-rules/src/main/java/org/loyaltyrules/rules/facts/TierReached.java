package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** The member's tier after this event's tier rules; {@code changed} when this event moved it (benefit group). */
@API(status = API.Status.STABLE, since = "0.1")
public record TierReached(String tierId, int rank, boolean changed) {
}
