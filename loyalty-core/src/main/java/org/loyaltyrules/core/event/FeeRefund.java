package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * The member cancels the paid term bought by membership fee {@code original}: the paid tier ends now and the
 * program's refund policy decides the amount due. {@code amount}, when the till already paid something back, must
 * equal that amount (null: the engine says what is due).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FeeRefund(String id, String memberId, Instant at, String original, Money amount,
                        Map<String, String> attributes) implements LoyaltyEvent {

    public FeeRefund {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireText(original, "original");
        if (amount != null && amount.isNegative()) {
            throw new IllegalArgumentException("refund amount must be >= 0, was " + amount);
        }
        attributes = EventChecks.sortedCopy(attributes);
    }

    @Override
    public String type() {
        return "fee_refund";
    }

    @Override
    public java.util.Optional<Money> money() {
        return java.util.Optional.ofNullable(amount);
    }
}
