package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/**
 * What is left of a cap that applies to this member in the period containing the event (risk group); for a COUNT
 * cap, rewarded events, otherwise points or minor money units.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CapHeadroom(String capId, String period, String measure, long limit, long used, long headroom) {
}
