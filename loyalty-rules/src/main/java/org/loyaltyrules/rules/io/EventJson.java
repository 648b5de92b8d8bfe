package org.loyaltyrules.rules.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.money.Money;

/**
 * A {@link LoyaltyEvent} as one line of JSON Lines, in the event format of docs/program-json.md ("Events the engine
 * understands") that {@link EventReader#readJsonLines} reads back to an equal event: a file for {@code loyalty run}
 * or {@code loyalty explain}, a message. Instants are UTC ISO text, amounts are text with their currency named,
 * metrics are text (their scale kept), and a field is written only when the event has it.
 *
 * <pre>{@code
 * EventJson.line(Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"), Money.of("19.99", "USD")))
 * // {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"19.99","currency":"USD"}
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /** {@code event} as one line of JSON, without the line break. */
    public static String line(LoyaltyEvent event) {
        return of(event).toString();
    }

    /** {@code events} as JSON Lines: one line each, in order, each ended by a line break. */
    public static String lines(List<? extends LoyaltyEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(line(e)).append('\n'));
        return text.toString();
    }

    /** {@code event} as a JSON object. */
    public static ObjectNode of(LoyaltyEvent event) {
        requireNonNull(event, "event");
        ObjectNode node = JSON.createObjectNode().put("id", event.id()).put("type", event.type())
                .put("member", event.memberId()).put("at", event.at().toString());
        if (event instanceof Purchase) {
            Purchase p = (Purchase) event;
            money(node, "amount", p.amount());
            text(node, "channel", p.channel());
            text(node, "partner", p.partner());
            if (!p.metrics().isEmpty()) {
                ObjectNode metrics = node.putObject("metrics");
                p.metrics().forEach((name, value) -> metrics.put(name, value.toPlainString()));
            }
            lines(node, p.lines());
            if (!p.delivery().isZero()) {
                node.put("delivery", p.delivery().amount().toPlainString());
            }
            if (!p.tax().isZero()) {
                node.put("tax", p.tax().amount().toPlainString());
            }
        } else if (event instanceof Refund) {
            Refund r = (Refund) event;
            node.put("original", r.originalEventId());
            money(node, "amount", r.amount());
            lines(node, r.lines());
        } else if (event instanceof Redemption) {
            Redemption r = (Redemption) event;
            node.put("points", r.points());
            text(node, "reward", r.reward());
        } else if (event instanceof RedemptionReversal) {
            node.put("original", ((RedemptionReversal) event).originalEventId());
        } else if (event instanceof Enrollment) {
            ((Enrollment) event).manualTier().ifPresent(tier -> node.put("tier", tier));
        } else if (event instanceof MembershipFee) {
            MembershipFee f = (MembershipFee) event;
            money(node, "amount", f.amount());
            node.put("tier", f.tier()).put("termMonths", f.termMonths());
        } else if (event instanceof FeeRefund) {
            FeeRefund f = (FeeRefund) event;
            node.put("original", f.original());
            if (f.amount() != null) {
                money(node, "amount", f.amount());
            }
        } else if (event instanceof Survey) {
            node.put("score", ((Survey) event).score());
        } else if (event instanceof Adjustment) {
            Adjustment a = (Adjustment) event;
            if (a.points() != 0) {
                node.put("points", a.points());
            }
            node.put("reason", a.reason());
            a.newStatus().ifPresent(status -> node.put("status", status.name()));
        } else if (event instanceof BenefitClaim) {
            node.put("benefit", ((BenefitClaim) event).benefit());
        }
        attributes(node, event.attributes());
        return node;
    }

    private static void money(ObjectNode node, String field, Money money) {
        node.put(field, money.amount().toPlainString()).put("currency", money.currency().getCurrencyCode());
    }

    private static void text(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void lines(ObjectNode node, List<PurchaseLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray("lines");
        for (PurchaseLine line : lines) {
            ObjectNode l = array.addObject();
            text(l, "sku", line.sku());
            text(l, "category", line.category());
            l.put("quantity", line.quantity()).put("amount", line.amount().amount().toPlainString());
            attributes(l, line.attributes());
        }
    }

    private static void attributes(ObjectNode node, Map<String, String> attributes) {
        if (!attributes.isEmpty()) {
            ObjectNode object = node.putObject("attributes");
            attributes.forEach(object::put);
        }
    }
}
