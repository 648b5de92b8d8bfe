package org.loyaltyrules.core.tier;

import org.apiguardian.api.API;

/** How a member came to hold a tier. */
@API(status = API.Status.STABLE, since = "0.1")
public enum TierSource {
    /** The base tier every member starts with. */
    BASE,
    /** Earned by growth in a qualification window. */
    EARNED,
    /** Assigned by staff; it is also the member's floor. */
    MANUAL,
    /** Bought with a membership fee; lasts its paid term. */
    PAID
}
