package org.loyaltyrules.rules.program;

import org.apiguardian.api.API;

/** What a program rewards: points, or money (cashback) counted in minor units of the program currency. */
@API(status = API.Status.STABLE, since = "0.1")
public enum RewardUnit {
    POINTS, MONEY
}
