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

    /** A manual points correction (positive credits, negative debits), with the reason an auditor reads. */
    public static Adjustment of(String id, String memberId, Instant at, long points, String reason) {
        return new Adjustment(id, memberId, at, points, reason, null, Map.of());
    }

    /** A manual status change, e.g. {@code ACTIVE} to release a member under review. */
    public static Adjustment status(String id, String memberId, Instant at, MemberStatus status, String reason) {
        return new Adjustment(id, memberId, at, 0, reason, requireStatus(status), Map.of());
    }

    private static MemberStatus requireStatus(MemberStatus status) {
        if (status == null) {
            throw new IllegalArgumentException("status must be a member status, was null");
        }
        return status;
    }

    public Optional<MemberStatus> newStatus() {
        return Optional.ofNullable(status);
    }

    @Override
    public String type() {
        return "adjustment";
    }
}
