package org.loyaltyrules.core.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * A purchase: its total amount (including any delivery cost and tax), the channel, the coalition partner it was made
 * at, attributes such as a brand, metrics such as hotel nights, and optionally the basket lines, whose amounts (line
 * totals) add up to at most the amount.
 *
 * <p>{@link #partner()} is the one partner of the purchase, however it was written: {@code partner}, or the attribute
 * {@code partner} when {@code partner} is empty. The attribute is read into {@code partner} and not kept among the
 * attributes, so {@code partner "grocer"} and {@code attributes {partner: "grocer"}} give equal purchases; both given
 * and different is an {@link IllegalArgumentException}. An empty value names no partner. {@link #channel()} is the one
 * channel in the same way, with the attribute {@code channel}.
 *
 * <p>A purchase has no attribute {@code tier}: rules see the member's tier under that name, so a purchase naming one
 * could earn at the rate of a tier the member does not hold. Such an attribute is an {@link IllegalArgumentException}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Purchase(String id, String memberId, Instant at, Money amount, String channel, String partner,
                       Map<String, String> attributes, Map<String, BigDecimal> metrics, List<PurchaseLine> lines,
                       Money delivery, Money tax) implements LoyaltyEvent {

    public Purchase {
        EventChecks.requireText(id, "id");
        EventChecks.requireText(memberId, "member");
        EventChecks.requireAt(at);
        EventChecks.requireMoney(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must be >= 0, was " + amount);
        }
        attributes = EventChecks.sortedCopy(attributes);
        if (attributes.containsKey(TIER)) {
            throw new IllegalArgumentException("attributes.tier must not be set on a purchase, was '"
                    + attributes.get(TIER) + "': the tier is the member's, decided by the engine");
        }
        channel = oneOf(CHANNEL, channel, attributes);
        partner = oneOf(PARTNER, partner, attributes);
        attributes = EventChecks.without(EventChecks.without(attributes, CHANNEL), PARTNER);
        metrics = EventChecks.sortedCopy(metrics);
        metrics.forEach((name, value) -> {
            if (value == null || value.signum() < 0) {
                throw new IllegalArgumentException("metrics." + name + " must be >= 0, was " + value);
            }
        });
        lines = EventChecks.lines(lines);
        Money goods = Money.zero(amount.currency());
        for (PurchaseLine line : lines) {
            if (!line.amount().currency().equals(amount.currency())) {
                throw new IllegalArgumentException("line currency must be " + amount.currency() + " like the purchase, was "
                        + line.amount().currency() + " (sku '" + line.sku() + "')");
            }
            goods = goods.plus(line.amount());
        }
        // Line amounts are line totals and part of the amount: a basket discount shows in the lines. A basket worth
        // more than was paid would earn line bonuses on money nobody spent.
        if (goods.compareTo(amount) > 0) {
            throw new IllegalArgumentException("lines must not add up to more than the amount " + amount + ", were "
                    + goods);
        }
        delivery = zeroIfNull("delivery", delivery, amount);
        tax = zeroIfNull("tax", tax, amount);
        Money parts = delivery.plus(tax);
        if (parts.compareTo(amount) > 0) {
            throw new IllegalArgumentException("delivery + tax must not exceed amount " + amount + ", was " + parts);
        }
    }

    private static final String PARTNER = "partner";
    private static final String CHANNEL = "channel";
    /** The name under which the engine gives rules the member's tier (a pseudo-attribute, docs/rule-authoring.md). */
    private static final String TIER = "tier";

    /**
     * The one value of {@code name}: the field, or the attribute of that name when the field is empty. The engine
     * earns at, refuses (UNKNOWN_PARTNER) and settles with one partner, and gives rules one channel, so an attribute
     * and a field that disagree cannot earn at one partner and bill another, or earn the rates of two channels.
     */
    private static String oneOf(String name, String value, Map<String, String> attributes) {
        String field = value == null ? "" : value;
        String attribute = attributes.getOrDefault(name, "");
        if (!field.isEmpty() && !attribute.isEmpty() && !field.equals(attribute)) {
            throw new IllegalArgumentException(name + " '" + field + "' differs from attributes." + name + " '"
                    + attribute + "': name the " + name + " once, or the same in both");
        }
        return field.isEmpty() ? attribute : field;
    }

    private static Money zeroIfNull(String field, Money part, Money amount) {
        if (part == null) {
            return Money.zero(amount.currency());
        }
        if (!part.currency().equals(amount.currency())) {
            throw new IllegalArgumentException(field + " must be in the purchase's currency " + amount.currency()
                    + ", was " + part);
        }
        if (part.isNegative()) {
            throw new IllegalArgumentException("delivery and tax must be >= 0, was " + part);
        }
        return part;
    }

    /** A plain purchase: amount only, no lines, channel or metrics. */
    public static Purchase of(String id, String memberId, Instant at, Money amount) {
        return new Purchase(id, memberId, at, amount, "", "", Map.of(), Map.of(), List.of(), null, null);
    }

    public Purchase withChannel(String newChannel) {
        return new Purchase(id, memberId, at, amount, newChannel, partner, attributes, metrics, lines, delivery, tax);
    }

    public Purchase withAttributes(Map<String, String> newAttributes) {
        return new Purchase(id, memberId, at, amount, channel, partner, newAttributes, metrics, lines, delivery, tax);
    }

    public Purchase withMetrics(Map<String, BigDecimal> newMetrics) {
        return new Purchase(id, memberId, at, amount, channel, partner, attributes, newMetrics, lines, delivery, tax);
    }

    public Purchase withLines(List<PurchaseLine> newLines) {
        return new Purchase(id, memberId, at, amount, channel, partner, attributes, metrics, newLines, delivery, tax);
    }

    public Purchase withDeliveryAndTax(Money newDelivery, Money newTax) {
        return new Purchase(id, memberId, at, amount, channel, partner, attributes, metrics, lines, newDelivery, newTax);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public BigDecimal metric(String name) {
        return metrics.getOrDefault(name, BigDecimal.ZERO);
    }

    @Override
    public String type() {
        return "purchase";
    }

    @Override
    public java.util.Optional<Money> money() {
        return java.util.Optional.of(amount);
    }
}
