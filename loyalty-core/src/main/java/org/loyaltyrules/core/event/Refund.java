package org.loyaltyrules.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** Money given back for (part of) an earlier purchase, which claws back the points and growth it earned. */
@API(status = API.Status.STABLE, since = "0.1")
public record Refund(String id, String memberId, Instant at, String originalEventId, Money amount,
                     Map<String, String> attributes) implements LoyaltyEvent {

    public Refund {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireText(originalEventId, "original");
        requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("refund amount must be > 0, was " + amount);
        }
        attributes = EventChecks.sortedCopy(attributes);
    }

    public static Refund of(String id, String memberId, Instant at, String originalEventId, Money amount) {
        return new Refund(id, memberId, at, originalEventId, amount, Map.of());
    }

    @Override
    public String type() {
        return "refund";
    }
}
