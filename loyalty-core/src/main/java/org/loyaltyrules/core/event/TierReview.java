package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/** An explicit review date: lapsed status is renewed or lowered as the tier ladder says. */
@API(status = API.Status.STABLE, since = "0.1")
public record TierReview(String id, String memberId, Instant at, Map<String, String> attributes)
        implements LoyaltyEvent {

    public TierReview {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        attributes = EventChecks.sortedCopy(attributes);
    }

    public static TierReview of(String memberId, Instant at) {
        return new TierReview("review:" + memberId + ":" + at, memberId, at, Map.of());
    }

    @Override
    public String type() {
        return "tier_review";
    }
}
