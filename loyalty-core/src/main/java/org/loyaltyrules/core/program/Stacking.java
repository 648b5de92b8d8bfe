package org.loyaltyrules.core.program;

import org.apiguardian.api.API;

/** How several percentage bonuses on the same base award combine. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Stacking {
    /** Every bonus is a percentage of the base; their amounts add up (20% + 50% = 70% of base). */
    ADDITIVE,
    /** Only the single largest bonus amount applies; the others show as not applied. */
    HIGHEST,
    /** Bonuses compound: base x (1 + 20%) x (1 + 50%) - base = 80% of base. */
    MULTIPLICATIVE
}
