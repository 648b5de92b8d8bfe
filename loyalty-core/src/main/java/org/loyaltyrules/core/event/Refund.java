package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * Money given back for (part of) an earlier purchase, which claws back the points and growth it earned. With
 * {@code lines} (by SKU) only the refunded lines that earned count; without, the refund is taken as spread over the
 * whole basket.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Refund(String id, String memberId, Instant at, String originalEventId, Money amount,
                     Map<String, String> attributes, List<PurchaseLine> lines) implements LoyaltyEvent {

    public Refund {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireText(originalEventId, "original");
        EventChecks.requireMoney(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("refund amount must be > 0, was " + amount);
        }
        attributes = EventChecks.sortedCopy(attributes);
        lines = EventChecks.lines(lines);
        Money sum = Money.zero(amount.currency());
        for (PurchaseLine line : lines) {
            if (!line.amount().currency().equals(amount.currency())) {
                throw new IllegalArgumentException("line currency must be " + amount.currency() + " like the refund, was "
                        + line.amount().currency() + " (sku '" + line.sku() + "')");
            }
            sum = sum.plus(line.amount());
        }
        if (sum.compareTo(amount) > 0) {
            throw new IllegalArgumentException("refund lines must not add up to more than the refund " + amount
                    + ", were " + sum);
        }
    }

    public Refund(String id, String memberId, Instant at, String originalEventId, Money amount,
                  Map<String, String> attributes) {
        this(id, memberId, at, originalEventId, amount, attributes, List.of());
    }

    public static Refund of(String id, String memberId, Instant at, String originalEventId, Money amount) {
        return new Refund(id, memberId, at, originalEventId, amount, Map.of());
    }

    @Override
    public String type() {
        return "refund";
    }

    @Override
    public java.util.Optional<Money> money() {
        return java.util.Optional.of(amount);
    }
}
