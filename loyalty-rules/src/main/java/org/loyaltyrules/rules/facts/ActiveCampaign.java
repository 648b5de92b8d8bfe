package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A multiplier campaign running on the event's date, with the factor for the member's tier (derived). */
@API(status = API.Status.STABLE, since = "0.1")
public record ActiveCampaign(String campaignId, String name, BigDecimal factor, boolean replacesBase) {
}
