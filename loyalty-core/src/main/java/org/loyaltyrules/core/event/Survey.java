package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/** A recommendation (NPS) answer from 0 to 10. */
@API(status = API.Status.STABLE, since = "0.1")
public record Survey(String id, String memberId, Instant at, int score, Map<String, String> attributes)
        implements LoyaltyEvent {

    public Survey {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be in 0..10, was " + score);
        }
        attributes = EventChecks.sortedCopy(attributes);
    }

    @Override
    public String type() {
        return "survey";
    }
}
