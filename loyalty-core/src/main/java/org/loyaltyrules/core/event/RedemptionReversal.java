package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/** An earlier redemption is cancelled and its points are given back to the lots they came from. */
@API(status = API.Status.STABLE, since = "0.1")
public record RedemptionReversal(String id, String memberId, Instant at, String originalEventId,
                                 Map<String, String> attributes) implements LoyaltyEvent {

    public RedemptionReversal {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireText(originalEventId, "original");
        attributes = EventChecks.sortedCopy(attributes);
    }

    @Override
    public String type() {
        return "redemption_reversal";
    }
}
