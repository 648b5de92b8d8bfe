package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.EXCLUDED_CATEGORY;
import static org.loyaltyrules.examples.programs.StandardRules.SPECIAL_RATE;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.facts.CapApplied;

/**
 * programs/costco-executive (zone America/Los_Angeles): the reward is money, so every "point" below is a US cent.
 * The terms are in its README.md; every expected number is worked out by hand beside it. Events are dated 20:00Z
 * (noon in California).
 */
class CostcoExecutiveScenariosTest {

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("costco-executive");
    }

    private static MembershipFee executiveFee(Member m, String id, String at) {
        return new MembershipFee(id, m.id(), Member.instant(at), Member.money("130.00", "USD"), "executive", 12,
                Map.of());
    }

    private static Purchase withLines(Purchase purchase, String... categoryAmountPairs) {
        List<org.loyaltyrules.core.event.PurchaseLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < categoryAmountPairs.length; i += 2) {
            lines.add(Member.line("sku" + i, categoryAmountPairs[i], categoryAmountPairs[i + 1], "USD"));
        }
        return purchase.withLines(lines);
    }

    @Test
    void executive_members_earn_two_percent_of_eligible_spend_and_gasoline_lines_earn_nothing() {
        Member m = Member.of(engine, "c1");
        Decision fee = m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z"));
        assertThat(fee.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("gold_star", "executive", "PAID"));

        Decision fuel = m.apply(withLines(m.usd("p1", "2025-03-05T20:00:00Z", "250.00"),
                "grocery", "180.00", "gasoline", "70.00"));

        // eligible 250 - 70 = 180; 2 cents per $ x 180 = 360 cents ($3.60)
        assertThat(fuel.postings()).extracting("points", "rule").containsExactly(tuple(360L, SPECIAL_RATE));
        assertThat(fuel.explanations()).extracting("rule").contains(EXCLUDED_CATEGORY);
    }

    @Test
    void tobacco_and_shop_card_lines_earn_nothing_and_the_reward_is_rounded_down_to_the_cent() {
        Member m = Member.of(engine, "c2");
        m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z"));

        Decision d = m.apply(withLines(m.usd("p1", "2025-03-05T20:00:00Z", "199.99"),
                "tobacco", "50.00", "shop_card", "100.00", "household", "49.99"));

        assertThat(d.pointsAwarded()).isEqualTo(99L); // eligible 49.99; x 2 = 99.98 cents -> FLOOR 99
    }

    @Test
    void gold_star_members_earn_no_reward() {
        Member m = Member.of(engine, "c3");

        Decision d = m.apply(m.usd("p1", "2025-03-05T20:00:00Z", "500.00"));

        assertThat(d.pointsAwarded()).isZero(); // base rate 0 for gold_star
        assertThat(d.postings()).isEmpty();
        assertThat(m.tier()).isEqualTo("gold_star");
    }

    @Test
    void the_reward_is_capped_at_1250_dollars_a_membership_year_and_restarts_with_the_next_membership_year() {
        Member m = Member.of(engine, "c4");
        m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z")); // membership year starts 2025-03-01

        Decision big = m.apply(m.usd("p1", "2025-06-01T20:00:00Z", "60000.00"));
        assertThat(big.pointsAwarded()).isEqualTo(120_000L); // 60,000 x 2 = 120,000 cents ($1,200)
        Decision trimmed = m.apply(m.usd("p2", "2025-07-01T20:00:00Z", "5000.00"));
        // 5,000 x 2 = 10,000 cents, headroom 125,000 - 120,000 = 5,000 -> 5,000 withheld
        assertThat(trimmed.pointsAwarded()).isEqualTo(5_000L);
        assertThat(trimmed.capsApplied()).containsExactly(new CapApplied("annual-reward", 5_000L, 5_000L));
        Decision capped = m.apply(m.usd("p3", "2026-02-20T20:00:00Z", "100.00"));
        assertThat(capped.pointsAwarded()).isZero(); // 200 cents, headroom 0
        assertThat(capped.capsApplied()).containsExactly(new CapApplied("annual-reward", 0L, 200L));

        m.apply(executiveFee(m, "f2", "2026-02-25T20:00:00Z")); // renewal before the term ends: same anniversary
        Decision nextYear = m.apply(m.usd("p4", "2026-03-01T20:00:00Z", "100.00"));

        assertThat(nextYear.pointsAwarded()).isEqualTo(200L); // new membership year from 2026-03-01: 100 x 2
        assertThat(nextYear.capsApplied()).isEmpty();
        assertThat(m.available()).isEqualTo(125_200L); // 120,000 + 5,000 + 0 + 200
        assertThat(m.tier()).isEqualTo("executive");
    }

    @Test
    void refunds_claw_back_the_reward_in_proportion_to_the_amount_refunded() {
        Member m = Member.of(engine, "c5");
        m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z"));
        m.apply(m.usd("p1", "2025-03-05T20:00:00Z", "200.00")); // 400 cents

        Decision partial = m.apply(Refund.of("x1", m.id(), Member.instant("2025-03-20T20:00:00Z"), "p1",
                Member.money("50.00", "USD")));
        assertThat(partial.postings()).extracting("type", "points")
                .containsExactly(tuple(PostingType.CLAWBACK, -100L)); // 400 x 50 / 200 = 100
        assertThat(m.available()).isEqualTo(300L);

        Decision tooMuch = m.attempt(Refund.of("x2", m.id(), Member.instant("2025-03-21T20:00:00Z"), "p1",
                Member.money("150.01", "USD")));
        assertThat(tooMuch.refusal()).isEqualTo(new Refusal("REFUND_EXCEEDS_PURCHASE",
                "refund 150.01 USD exceeds the 150.00 USD left to refund of purchase p1"));

        Decision rest = m.apply(Refund.of("x3", m.id(), Member.instant("2025-03-22T20:00:00Z"), "p1",
                Member.money("150.00", "USD")));
        assertThat(rest.postings()).extracting("points").containsExactly(-300L); // fully refunded: 400 - 100 = 300
        assertThat(m.available()).isZero();
    }

    @Test
    void a_lapsed_executive_membership_returns_to_gold_star_which_earns_nothing() {
        Member m = Member.of(engine, "c6");
        m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z")); // paid until 2026-03-01 20:00Z

        Decision after = m.apply(m.usd("p1", "2026-03-02T20:00:00Z", "100.00"));

        assertThat(after.tierMoves()).extracting("from", "to", "kind")
                .containsExactly(tuple("executive", "gold_star", "DOWNGRADE"));
        assertThat(after.pointsAwarded()).isZero();
    }

    @Test
    void a_refund_without_lines_is_taken_as_spread_over_the_basket_in_proportion() {
        Member m = Member.of(engine, "c7");
        m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z"));
        m.apply(withLines(m.usd("p1", "2025-03-05T20:00:00Z", "250.00"), "grocery", "180.00", "gasoline", "70.00"));

        // the $70 may be the gasoline line, but a refund names no line: 360 x 70 / 250 = 100.8 -> FLOOR 100
        Decision refund = m.apply(Refund.of("x1", m.id(), Member.instant("2025-03-06T20:00:00Z"), "p1",
                Member.money("70.00", "USD")));

        assertThat(refund.postings()).extracting("points").containsExactly(-100L);
        assertThat(m.available()).isEqualTo(260L); // 360 - 100
    }

    @Test
    void reversing_executive_status_forfeits_the_reward_accumulated_in_the_term() {
        Member m = Member.of(engine, "c8");
        m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z"));
        m.apply(m.usd("p1", "2025-03-05T20:00:00Z", "10000.00")); // 10,000 x 2 = 20,000 cents ($200)

        Decision reversed = m.apply(new FeeRefund("r1", m.id(), Member.instant("2025-06-15T20:00:00Z"), "f1",
                Member.money("130.00", "USD"), Map.of()));

        // membership.refund FULL: the whole $130 back; forfeitRewards: the 20,000 cents earned in the term go too
        assertThat(reversed.postings()).extracting("eventId", "type", "points", "rule").containsExactly(
                tuple("r1", PostingType.CLAWBACK, -20_000L, "A refunded paid term forfeits the rewards earned in it"));
        assertThat(m.available()).isZero();
        assertThat(m.state().ledger().totals().clawedBack()).isEqualTo(20_000L);
        assertThat(m.tier()).isEqualTo("gold_star");
    }

    @Test
    void executive_is_sold_only_at_its_130_dollar_annual_fee() {
        Member m = Member.of(engine, "c9");

        Decision cheap = m.attempt(new MembershipFee("f1", m.id(), Member.instant("2025-03-01T20:00:00Z"),
                Member.money("5.00", "USD"), "executive", 12, Map.of()));

        assertThat(cheap.refusal()).isEqualTo(new Refusal("FEE_MISMATCH",
                "executive costs 130.00 USD for this member (list price for 12 months), the fee paid 5.00 USD"));
        assertThat(m.tier()).isEqualTo("gold_star");
    }

    @Test
    void a_return_after_the_cap_withheld_reward_takes_back_its_own_share_not_the_net_of_the_year() {
        Member m = Member.of(engine, "c10");
        m.apply(executiveFee(m, "f1", "2025-03-01T20:00:00Z"));
        m.apply(m.usd("p1", "2025-06-01T20:00:00Z", "60000.00")); // 120,000 cents
        m.apply(m.usd("p2", "2025-07-01T20:00:00Z", "5000.00")); // 10,000 trimmed to the 5,000 cap headroom

        Decision back = m.apply(Refund.of("x1", m.id(), Member.instant("2025-08-01T20:00:00Z"), "p1",
                Member.money("5000.00", "USD")));

        assertThat(back.postings()).extracting("points").containsExactly(-10_000L); // 120,000 x 5,000 / 60,000
        // $1,150 left; Costco's 2 % of the $60,000 net purchases would be 120,000 cents ($1,200)
        assertThat(m.available()).isEqualTo(115_000L);
    }
}

