package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** A program setting: how a review lowers status, {@code TO_EARNED_LEVEL} or {@code ONE_STEP}. */
@API(status = API.Status.STABLE, since = "0.1")
public record DowngradeSetting(String policy) {
}
