package org.loyaltyrules.core.points;

import java.time.Instant;
import org.apiguardian.api.API;

/** Points a redemption took from one lot, kept so a reversal can give them back to the same lot. */
@API(status = API.Status.STABLE, since = "0.1")
public record LotDraw(String sourceEventId, long points, Instant earnedAt, Instant availableFrom, Instant expiresAt) {
}
