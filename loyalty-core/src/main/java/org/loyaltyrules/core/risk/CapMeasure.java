package org.loyaltyrules.core.risk;

import org.apiguardian.api.API;

/** What a cap counts: reward points, money rewards (in minor units, e.g. cents of cashback) or rewarded events. */
@API(status = API.Status.STABLE, since = "0.1")
public enum CapMeasure {
    POINTS, MONEY, COUNT
}
