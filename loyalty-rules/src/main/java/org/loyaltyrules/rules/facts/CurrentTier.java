package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** The tier the member holds before this event: its id, rank on the ladder (0 = base) and source. */
@API(status = API.Status.STABLE, since = "0.1")
public record CurrentTier(String tierId, int rank, String source) {
}
