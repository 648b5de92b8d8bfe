package org.loyaltyrules.core.benefit;

import org.apiguardian.api.API;

/** Whether a benefit claim was granted, and if not, why. */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface ClaimOutcome {

    record Granted(String benefitId, long usedInPeriod, long quota) implements ClaimOutcome {
    }

    record Refused(String benefitId, Reason reason, String detail) implements ClaimOutcome {
    }

    enum Reason { UNKNOWN_BENEFIT, NOT_IN_TIER, QUOTA_USED_UP }
}
