package org.loyaltyrules.rules.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.member.RefundRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.LedgerTotals;
import org.loyaltyrules.core.points.LotDraw;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.PointsLot;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.RedemptionRecord;
import org.loyaltyrules.core.program.PeriodCount;
import org.loyaltyrules.core.program.PeriodCounters;
import org.loyaltyrules.core.tier.TierStatus;

/**
 * The JSON document a data-subject export gives: every part of a {@link MemberState}, instants as ISO-8601 UTC text,
 * money as {@code {"amount": "12.30", "currency": "USD"}}, decimals as text so no digit is lost. Stable field order.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MemberJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MemberJson() {
    }

    /** The export document of {@code state}, with {@code version} when the state was stored (0: not stored). */
    public static String export(MemberState state, long version) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "loyalty-member-export/1");
        root.put("member", state.memberId());
        root.put("version", version);
        ObjectNode s = root.putObject("state");
        s.put("enrolledAt", text(state.enrolledAt()));
        s.put("membershipStart", text(state.membershipStart()));
        s.put("status", state.status().name());
        s.set("tier", tier(state.tier()));
        ArrayNode tags = s.putArray("tags");
        state.tags().forEach(tags::add);
        ObjectNode attributes = s.putObject("attributes");
        state.attributes().forEach(attributes::put);
        if (state.surveyScore() == null) {
            s.putNull("surveyScore");
        } else {
            s.put("surveyScore", state.surveyScore());
        }
        s.put("lastEventAt", text(state.lastEventAt()));
        ArrayNode growth = s.putArray("growth");
        for (GrowthEntry g : state.growth().entries()) {
            growth.addObject().put("event", g.eventId()).put("at", text(g.at())).put("metric", g.metric())
                    .put("amount", g.amount().toString());
        }
        s.set("capUsage", counters(state.capUsage()));
        s.set("benefitUsage", counters(state.benefitUsage()));
        ArrayNode purchases = s.putArray("purchases");
        for (PurchaseRecord p : state.purchases()) {
            ObjectNode n = purchases.addObject();
            n.put("event", p.eventId()).put("at", text(p.at()));
            n.set("amount", money(p.amount()));
            n.set("eligible", money(p.eligible()));
            n.put("points", p.points());
            n.set("growth", decimals(p.growth()));
            ArrayNode caps = n.putArray("countedCaps");
            p.countedCaps().forEach(caps::add);
            n.put("basket", p.basket());
            n.set("refunded", money(p.refunded()));
            n.put("pointsClawedBack", p.pointsClawedBack());
            n.set("growthClawedBack", decimals(p.growthClawedBack()));
            ArrayNode skus = n.putArray("excludedSkus");
            p.excludedSkus().stream().sorted().forEach(skus::add);
            n.put("eligibleRefunded", p.eligibleRefunded().toString());
            ArrayNode lines = n.putArray("lines");
            p.lines().forEach(l -> {
                ObjectNode line = lines.addObject().put("sku", l.sku());
                line.set("amount", money(l.amount()));
                line.set("eligible", money(l.eligible()));
                line.set("refunded", money(l.refunded()));
            });
        }
        ArrayNode refunds = s.putArray("refunds");
        for (RefundRecord r : state.refunds()) {
            refunds.addObject().put("event", r.eventId()).put("at", text(r.at())).put("purchase", r.purchaseEventId())
                    .set("amount", money(r.amount()));
        }
        ArrayNode fees = s.putArray("membershipFees");
        for (FeeRecord f : state.fees()) {
            ObjectNode n = fees.addObject().put("event", f.eventId()).put("at", text(f.at()));
            n.set("amount", money(f.amount()));
            n.put("tier", f.tierId()).put("termMonths", f.termMonths()).put("termStart", text(f.termStart()))
                    .put("termEnd", text(f.termEnd()));
            if (f.isRefunded()) {
                n.set("refunded", money(f.refunded()));
                n.put("refundedAt", text(f.refundedAt()));
            }
        }
        ArrayNode processed = s.putArray("processedEventIds");
        state.processedEventIds().forEach(processed::add);
        PointsLedger ledger = state.ledger();
        ObjectNode l = root.putObject("ledger");
        l.put("available", ledger.available());
        l.put("pending", ledger.pending());
        l.put("debt", ledger.debt());
        l.put("lastActivityAt", text(ledger.lastActivityAt().orElse(null)));
        LedgerTotals t = ledger.totals();
        l.putObject("totals").put("earned", t.earned()).put("redeemed", t.redeemed()).put("expired", t.expired())
                .put("clawedBack", t.clawedBack()).put("unrecovered", t.unrecovered()).put("adjustedIn", t.adjustedIn())
                .put("adjustedOut", t.adjustedOut());
        ArrayNode lots = root.putArray("lots");
        for (PointsLot lot : ledger.lots()) {
            lots.addObject().put("sourceEvent", lot.sourceEventId()).put("amount", lot.amount())
                    .put("remaining", lot.remaining()).put("earnedAt", text(lot.earnedAt()))
                    .put("availableFrom", text(lot.availableFrom())).put("expiresAt", text(lot.expiresAt()))
                    .put("active", lot.active()).put("held", lot.held());
        }
        ArrayNode redemptions = root.putArray("redemptions");
        for (RedemptionRecord r : ledger.redemptions()) {
            ObjectNode n = redemptions.addObject().put("event", r.eventId()).put("at", text(r.at()))
                    .put("points", r.points()).put("reversed", r.reversed());
            ArrayNode draws = n.putArray("draws");
            for (LotDraw d : r.draws()) {
                draws.addObject().put("sourceEvent", d.sourceEventId()).put("points", d.points())
                        .put("earnedAt", text(d.earnedAt())).put("availableFrom", text(d.availableFrom()))
                        .put("expiresAt", text(d.expiresAt()));
            }
        }
        ArrayNode postings = root.putArray("postings");
        for (Posting p : ledger.postings()) {
            postings.addObject().put("event", p.eventId()).put("at", text(p.at())).put("type", p.type().name())
                    .put("points", p.points()).put("rule", p.rule()).put("explanation", p.explanation());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the export of member " + state.memberId(), e);
        }
    }

    private static ObjectNode tier(TierStatus tier) {
        ObjectNode node = MAPPER.createObjectNode().put("tier", tier.tierId()).put("source", tier.source().name())
                .put("since", text(tier.since())).put("validUntil", text(tier.validUntil()))
                .put("floor", tier.floorTierId()).put("paidUntil", text(tier.paidUntil()));
        // the earned status a membership fee replaced, which the paid term's end gives back if it still holds
        tier.beneath().ifPresent(b -> node.putObject("earnedBeneath").put("tier", b.tierId())
                .put("since", text(b.since())).put("validUntil", text(b.validUntil())));
        return node;
    }

    private static ArrayNode counters(PeriodCounters counters) {
        ArrayNode array = MAPPER.createArrayNode();
        for (PeriodCount c : counters.counts()) {
            array.addObject().put("id", c.id()).put("period", c.periodKey()).put("used", c.used());
        }
        return array;
    }

    private static ObjectNode money(Money money) {
        return MAPPER.createObjectNode().put("amount", money.amount().toPlainString())
                .put("currency", money.currency().getCurrencyCode());
    }

    private static ObjectNode decimals(Map<String, BigDecimal> values) {
        ObjectNode node = MAPPER.createObjectNode();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.put(e.getKey(), e.getValue().toString()));
        return node;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
