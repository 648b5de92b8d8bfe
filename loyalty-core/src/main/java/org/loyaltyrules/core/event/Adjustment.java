package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberStatus;

/**
 * A manual correction by staff: points added (positive) or removed (negative), and/or a new member status (for
 * example ACTIVE to release a member from review). The reason is required and shows in the ledger.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Adjustment(String id, String memberId, Instant at, long points, String reason, MemberStatus status,
                         Map<String, String> attributes) implements LoyaltyEvent {

    public Adjustment {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireText(reason, "reason");
        if (points == 0 && status == null) {
            throw new IllegalArgumentException("an adjustment must change points or status, was points 0 and no status");
        }
        attributes = EventChecks.sortedCopy(attributes);
    }

    public Optional<MemberStatus> newStatus() {
        return Optional.ofNullable(status);
    }

    @Override
    public String type() {
        return "adjustment";
    }
}
