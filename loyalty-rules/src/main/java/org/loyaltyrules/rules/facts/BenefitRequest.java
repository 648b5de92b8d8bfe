package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** A benefit claim being evaluated (benefit group). */
@API(status = API.Status.STABLE, since = "0.1")
public record BenefitRequest(String eventId, String benefitId) {
}
