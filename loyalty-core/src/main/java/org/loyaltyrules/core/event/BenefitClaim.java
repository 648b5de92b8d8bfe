package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/** The member uses one unit of a tier benefit, e.g. a free delivery. */
@API(status = API.Status.STABLE, since = "0.1")
public record BenefitClaim(String id, String memberId, Instant at, String benefit, Map<String, String> attributes)
        implements LoyaltyEvent {

    public BenefitClaim {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireText(benefit, "benefit");
        attributes = EventChecks.sortedCopy(attributes);
    }

    @Override
    public String type() {
        return "benefit_claim";
    }
}
