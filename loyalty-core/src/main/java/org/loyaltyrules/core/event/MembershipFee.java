package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** A fee that buys a paid tier for a term of whole months (12 for an annual membership). */
@API(status = API.Status.STABLE, since = "0.1")
public record MembershipFee(String id, String memberId, Instant at, Money amount, String tier, int termMonths,
                            Map<String, String> attributes) implements LoyaltyEvent {

    public MembershipFee {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireMoney(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("fee amount must be >= 0, was " + amount);
        }
        EventChecks.requireText(tier, "tier");
        if (termMonths <= 0) {
            throw new IllegalArgumentException("termMonths must be > 0, was " + termMonths);
        }
        attributes = EventChecks.sortedCopy(attributes);
    }

    @Override
    public String type() {
        return "membership_fee";
    }

    @Override
    public java.util.Optional<Money> money() {
        return java.util.Optional.of(amount);
    }
}
