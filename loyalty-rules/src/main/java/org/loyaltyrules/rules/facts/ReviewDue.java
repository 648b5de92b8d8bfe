package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * The member's status lapsed at {@code validUntil} and the grace period is over: a review decides now (tier group).
 * {@code earnedTierId}/{@code earnedRank}: the highest tier the last window complete at {@code validUntil} keeps (for
 * a paid term ending between two boundaries, the window ending at the boundary before), or the higher tier the growth
 * of the window running at the review reaches;
 * {@code windowEnd}: the date the window that earned that level ends on: the boundary the last complete window ends
 * at (the lapse for earned status; 1 January for a paid term ending in a calendar-year program), or the review's
 * date for the window running at it;
 * {@code stepTierId}/{@code stepRank}: one rung below the current tier.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReviewDue(String validUntil, String windowEnd, String earnedTierId, int earnedRank, String stepTierId,
                        int stepRank) {
}
