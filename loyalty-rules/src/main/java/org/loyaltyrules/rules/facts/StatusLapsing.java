package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** The member's status lapsed at {@code validUntil} but the grace period runs until {@code reviewAt} (tier group). */
@API(status = API.Status.STABLE, since = "0.1")
public record StatusLapsing(String validUntil, String reviewAt, String earnedTierId, int earnedRank) {
}
