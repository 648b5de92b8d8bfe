package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** A member joins; a manually assigned starting tier, when given, becomes the member's floor. */
@API(status = API.Status.STABLE, since = "0.1")
public record Enrollment(String id, String memberId, Instant at, String tier, Map<String, String> attributes)
        implements LoyaltyEvent {

    public Enrollment {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        tier = tier == null || tier.isBlank() ? null : tier;
        attributes = EventChecks.sortedCopy(attributes);
    }

    public static Enrollment of(String id, String memberId, Instant at) {
        return new Enrollment(id, memberId, at, null, Map.of());
    }

    public Optional<String> manualTier() {
        return Optional.ofNullable(tier);
    }

    @Override
    public String type() {
        return "enrollment";
    }
}
