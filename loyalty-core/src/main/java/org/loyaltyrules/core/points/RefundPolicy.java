package org.loyaltyrules.core.points;

import org.apiguardian.api.API;

/** What happens when a clawback is larger than what the member still holds. */
@API(status = API.Status.STABLE, since = "0.1")
public enum RefundPolicy {
    /** The shortfall becomes a negative balance that later earnings pay off first. */
    NEGATIVE_BALANCE,
    /** Only what is available is taken; the shortfall is recorded as unrecovered, never silently lost. */
    RECOVER_AVAILABLE
}
