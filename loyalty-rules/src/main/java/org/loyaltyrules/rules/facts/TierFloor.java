package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** A tier the member cannot drop below now: a manual assignment or a paid term (tier group). */
@API(status = API.Status.STABLE, since = "0.1")
public record TierFloor(String tierId, int rank, String reason) {
}
