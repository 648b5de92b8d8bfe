package org.loyaltyrules.core.program;

import org.apiguardian.api.API;

/** Where rounding happens: on each award separately, or once on the event's exact total. */
@API(status = API.Status.STABLE, since = "0.1")
public enum RoundingScope {
    /** Base and every bonus are rounded on their own, then added. */
    PER_AWARD,
    /** Base and bonuses are added exactly and the total is rounded once. */
    PER_EVENT
}
