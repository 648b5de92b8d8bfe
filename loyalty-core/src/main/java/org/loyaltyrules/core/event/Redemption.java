package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/**
 * The member spends available points on a reward, at the coalition partner named by the attribute {@code partner}
 * (JSON Lines: {@code "attributes": {"partner": "airline"}} or a top-level {@code "partner"}, kept as an attribute).
 */
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

    /** The coalition partner the points are redeemed at: the attribute {@code partner}; empty for none. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public String partner() {
        return attributes.getOrDefault("partner", "");
    }

    @Override
    public String type() {
        return "redemption";
    }
}
