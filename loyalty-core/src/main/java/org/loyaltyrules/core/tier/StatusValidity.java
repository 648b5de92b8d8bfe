package org.loyaltyrules.core.tier;

import org.apiguardian.api.API;

/** How long earned status lasts before it is reviewed. */
@API(status = API.Status.STABLE, since = "0.1")
public enum StatusValidity {
    /** Until the end of the window it was earned in (reviewed at the next boundary). */
    END_OF_WINDOW,
    /** Through the whole next window too ("earned in 2025, kept through 2026"). */
    END_OF_NEXT_WINDOW
}
