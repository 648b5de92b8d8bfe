package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.LineRecord;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.io.MemberStateJson;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * Refund lines are matched to the purchase's lines by SKU, and no line is refunded beyond what it cost
 * (docs/semantics.md §7). Program: base rate 3.33, gasoline excluded. Purchase 100.00 = A (gasoline) 60.00 + B (shoes)
 * 40.00: eligible 40.00, floor(133.2) = 133 points, 40.00 of spend.
 */
class RefundLinesMatchedToPurchaseTest {

    private final LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
            {"id": "lines", "version": "1", "currency": "USD", "zone": "UTC",
             "rounding": {"mode": "FLOOR", "scope": "PER_AWARD"},
             "earning": {"baseRate": "3.33", "exclusions": {"categories": ["gasoline"]}},
             "tiers": {"metric": "spend", "ladder": [{"id": "member", "threshold": "0"}]}}""", "lines.json")));

    private static final String PURCHASE = """
            {"id":"p1","type":"purchase","member":"m1","at":"2025-01-01T10:00:00Z","amount":"100.00","lines":[\
            {"sku":"A","category":"gasoline","quantity":1,"amount":"60.00"},\
            {"sku":"B","category":"shoes","quantity":1,"amount":"40.00"}]}
            """;

    private List<Decision> run(String refunds) {
        List<LoyaltyEvent> events = EventReader.forProgram(engine.program().settings())
                .readJsonLines(new StringReader(PURCHASE + refunds), "events.jsonl").events();
        List<Decision> decisions = new java.util.ArrayList<>();
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            Decision decision = engine.apply(state, event);
            decisions.add(decision);
            state = decision.state();
        }
        return decisions;
    }

    private static String refund(String id, String at, String amount, String lines) {
        return "{\"id\":\"" + id + "\",\"type\":\"refund\",\"member\":\"m1\",\"at\":\"" + at + "\",\"original\":\"p1\","
                + "\"amount\":\"" + amount + "\"" + (lines.isEmpty() ? "" : ",\"lines\":[" + lines + "]") + "}\n";
    }

    private static long clawedBack(Decision decision) {
        return -decision.postings().stream().filter(p -> p.eventId().equals(decision.eventId()))
                .mapToLong(p -> p.points()).sum();
    }

    private static PurchaseRecord p1(Decision decision) {
        return decision.state().purchase("p1").orElseThrow();
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void a_refund_line_naming_a_sku_the_purchase_did_not_have_is_refused_and_changes_nothing() {
        // when
        List<Decision> d = run(refund("r1", "2025-01-02T10:00:00Z", "40.00",
                "{\"sku\":\"Z\",\"category\":\"misc\",\"quantity\":1,\"amount\":\"40.00\"}"));

        // then
        assertThat(d.get(1).refusal()).isEqualTo(new Refusal("UNKNOWN_PURCHASE_LINE",
                "refund line 'Z' is not a line of purchase p1, whose lines are 'A', 'B'"));
        assertThat(d.get(1).state()).isEqualTo(d.get(0).state());
        assertThat(d.get(1).state().pointsAvailable()).isEqualTo(133L);
    }

    @Test
    void a_refund_line_of_a_purchase_sent_without_lines_is_not_matched_but_taken_as_money_of_the_purchase() {
        // given: p2 was sent without lines; the record cannot tell it from one stored before format 3, which kept none
        MemberState bought = engine.apply(null, org.loyaltyrules.core.event.Purchase.of("p2", "m1",
                java.time.Instant.parse("2025-01-01T10:00:00Z"), usd("100.00"))).state();

        // when: a refund names a SKU
        Decision refunded = engine.apply(bought, new org.loyaltyrules.core.event.Refund("r1", "m1",
                java.time.Instant.parse("2025-01-02T10:00:00Z"), "p2", usd("50.00"), java.util.Map.of(),
                List.of(org.loyaltyrules.core.event.PurchaseLine.of("Z", "misc", 1, usd("50.00")))));

        // then: applied, as a refund of 50.00 of the purchase (333 points: 166 clawed back)
        assertThat(refunded.isApplied()).isTrue();
        assertThat(clawedBack(refunded)).isEqualTo(166L);
    }

    @Test
    void a_refund_of_a_line_beyond_what_the_line_cost_is_refused_naming_the_line() {
        // when: B cost 40.00
        List<Decision> d = run(refund("r1", "2025-01-02T10:00:00Z", "60.00",
                "{\"sku\":\"B\",\"category\":\"shoes\",\"quantity\":1,\"amount\":\"60.00\"}"));

        // then
        assertThat(d.get(1).refusal()).isEqualTo(new Refusal("REFUND_EXCEEDS_PURCHASE",
                "refund of line 'B' 60.00 USD exceeds the 40.00 USD left to refund of that line of purchase p1 "
                        + "(40.00 USD bought, 0.00 USD refunded)"));
        assertThat(d.get(1).state()).isEqualTo(d.get(0).state());
    }

    @Test
    void a_refund_without_lines_is_spread_over_the_lines_and_claws_back_its_eligible_share() {
        // when: 40.00 spread over A 60.00 and B 40.00 is A 24.00 and B 16.00, of which B's 16.00 earned
        List<Decision> d = run(refund("r1", "2025-01-02T10:00:00Z", "40.00", ""));

        // then: 133 x 16 / 40 = 53.2
        assertThat(clawedBack(d.get(1))).isEqualTo(53L);
        assertThat(p1(d.get(1)).lines()).containsExactly(
                new LineRecord("A", usd("60.00"), usd("0.00"), usd("24.00")),
                new LineRecord("B", usd("40.00"), usd("40.00"), usd("16.00")));
        assertThat(p1(d.get(1)).growthClawedBack()).containsEntry("spend", new BigDecimal("16.00"));
    }

    @Test
    void after_a_refund_without_lines_a_line_refund_can_take_only_what_is_left_of_the_line() {
        // when: 50.00 without lines is A 30.00 + B 20.00 (eligible 20.00: 133 x 20 / 40 = 66.5); then B 40.00
        List<Decision> d = run(refund("r1", "2025-01-02T10:00:00Z", "50.00", "")
                + refund("r2", "2025-01-03T10:00:00Z", "40.00",
                "{\"sku\":\"B\",\"category\":\"shoes\",\"quantity\":1,\"amount\":\"40.00\"}")
                + refund("r3", "2025-01-04T10:00:00Z", "20.00",
                "{\"sku\":\"B\",\"category\":\"shoes\",\"quantity\":1,\"amount\":\"20.00\"}"));

        // then
        assertThat(clawedBack(d.get(1))).isEqualTo(66L);
        assertThat(d.get(2).refusal()).isEqualTo(new Refusal("REFUND_EXCEEDS_PURCHASE",
                "refund of line 'B' 40.00 USD exceeds the 20.00 USD left to refund of that line of purchase p1 "
                        + "(40.00 USD bought, 20.00 USD refunded)"));
        assertThat(clawedBack(d.get(3))).isEqualTo(67L);
        assertThat(p1(d.get(3)).eligibleRefunded()).isEqualByComparingTo("40.00");
        assertThat(p1(d.get(3)).pointsClawedBack()).isEqualTo(133L);
    }

    @Test
    void a_refund_without_lines_after_the_excluded_line_was_refunded_goes_to_what_is_left() {
        // when: A (gasoline) refunded by line takes nothing; 20.00 without lines then can only be B's
        List<Decision> d = run(refund("r1", "2025-01-02T10:00:00Z", "60.00",
                "{\"sku\":\"A\",\"category\":\"gasoline\",\"quantity\":1,\"amount\":\"60.00\"}")
                + refund("r2", "2025-01-03T10:00:00Z", "20.00", "")
                + refund("r3", "2025-01-04T10:00:00Z", "20.00", ""));

        // then: 133 x 20 / 40 = 66.5, and the last 20.00 completes the purchase
        assertThat(clawedBack(d.get(1))).isZero();
        assertThat(clawedBack(d.get(2))).isEqualTo(66L);
        assertThat(clawedBack(d.get(3))).isEqualTo(67L);
    }

    @Test
    void money_a_refund_names_no_line_for_is_spread_over_what_is_left_not_taken_as_earning_nothing() {
        // when: 50.00 naming B 30.00; the other 20.00 over A 60.00 and B's 10.00 left is A 17.14 + B 2.86
        List<Decision> d = run(refund("r1", "2025-01-02T10:00:00Z", "50.00",
                "{\"sku\":\"B\",\"category\":\"shoes\",\"quantity\":1,\"amount\":\"30.00\"}"));

        // then: eligible 32.86, 133 x 32.86 / 40 = 109.26
        assertThat(clawedBack(d.get(1))).isEqualTo(109L);
        assertThat(p1(d.get(1)).lines()).containsExactly(
                new LineRecord("A", usd("60.00"), usd("0.00"), usd("17.14")),
                new LineRecord("B", usd("40.00"), usd("40.00"), usd("32.86")));
    }

    @Test
    void the_lines_and_what_was_refunded_of_them_survive_the_stored_json() {
        // given: 50.00 without lines, A 30.00 + B 20.00
        MemberState state = run(refund("r1", "2025-01-02T10:00:00Z", "50.00", "")).get(1).state();

        // when
        String json = MemberStateJson.toJson(state);

        // then
        assertThat(MemberStateJson.fromJson(json)).isEqualTo(state);
        assertThat(json).contains("\"lines\":[{\"sku\":\"A\",\"amt\":\"60.00 USD\",\"elig\":\"0.00 USD\","
                + "\"refd\":\"30.00 USD\"},{\"sku\":\"B\",\"amt\":\"40.00 USD\",\"elig\":\"40.00 USD\","
                + "\"refd\":\"20.00 USD\"}]");
    }
}
