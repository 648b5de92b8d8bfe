package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/** The member spends available points on a reward. */
@API(status = API.Status.STABLE, since = "0.1")
public record Redemption(String id, String memberId, Instant at, long points, String reward,
                         Map<String, String> attributes) implements LoyaltyEvent {

    public Redemption {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        Points.requirePositive(points, "points");
        reward = reward == null ? "" : reward;
        attributes = EventChecks.sortedCopy(attributes);
    }

    public static Redemption of(String id, String memberId, Instant at, long points) {
        return new Redemption(id, memberId, at, points, "", Map.of());
    }

    @Override
    public String type() {
        return "redemption";
    }
}
