package org.loyaltyrules.core.tier;

import org.apiguardian.api.API;

/** Where a review takes a member whose window did not earn the current tier. */
@API(status = API.Status.STABLE, since = "0.1")
public enum DowngradePolicy {
    /** Straight to the highest tier the window earned. */
    TO_EARNED_LEVEL,
    /** One rung down per review, never below what the window earned. */
    ONE_STEP
}
