package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * The member's status lapsed at {@code validUntil} and the grace period is over: a review decides now (tier group).
 * {@code earnedTierId}/{@code earnedRank}: the highest tier the window ending at {@code validUntil} keeps;
 * {@code stepTierId}/{@code stepRank}: one rung below the current tier.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReviewDue(String validUntil, String earnedTierId, int earnedRank, String stepTierId, int stepRank) {
}
