package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** The event's award after earning, stacking and rounding, before caps (risk group). */
@API(status = API.Status.STABLE, since = "0.1")
public record EventAward(String eventId, long points) {
}
