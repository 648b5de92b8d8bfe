package org.loyaltyrules.rules;

import java.time.Instant;
import org.apiguardian.api.API;

/** A member's tier moved (UPGRADE, DOWNGRADE) or was assigned (MANUAL, PAID, LAPSE) at an instant, and why. */
@API(status = API.Status.STABLE, since = "0.1")
public record TierMove(String memberId, Instant at, String from, String to, String kind, String reason) {
}
