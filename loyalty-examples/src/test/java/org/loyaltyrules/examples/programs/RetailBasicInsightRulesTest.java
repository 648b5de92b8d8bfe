package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.RiskFlag;

/**
 * retail-basic's insight rules: the retention bonus, the detractor's apology voucher (issue #6) and the top value
 * layer's extra free delivery (issue #10).
 */
class RetailBasicInsightRulesTest {

    private final LoyaltyEngine engine = LoyaltyEngine.create(Program.load(Path.of("programs/retail-basic")));

    private MemberState buy(MemberState state, String id, String day, String amount) {
        Decision d = engine.apply(state, Purchase.of(id, "m1", Instant.parse(day + "T10:00:00Z"), Money.of(amount, "USD")));
        assertThat(d.isApplied()).isTrue();
        return d.state();
    }

    @Test
    void a_high_value_member_returning_after_a_churn_warning_earns_a_retention_bonus() {
        // every 10 days, 1,200 spent: the usual interval is 10 days
        MemberState state = buy(null, "p1", "2025-01-01", "400.00");
        state = buy(state, "p2", "2025-01-11", "400.00");
        state = buy(state, "p3", "2025-01-21", "400.00");

        // 39 days later (> 2 x 10): silver member (1,200 growth) earns 100 base + 20 silver bonus + 50 retention
        Decision back = engine.apply(state, Purchase.of("p4", "m1", Instant.parse("2025-03-01T10:00:00Z"),
                Money.of("100.00", "USD")));

        assertThat(back.pointsAwarded()).isEqualTo(170L);
        assertThat(back.postings()).extracting(p -> p.rule())
                .contains("High-value members returning after a churn warning earn a retention bonus");
    }

    @Test
    void the_retention_bonus_starts_at_a_lifetime_spend_of_exactly_1000() {
        // every 10 days as above, 1,000.00 or 999.99 spent before the purchase that brings the member back
        MemberState exactly = buy(buy(buy(null, "p1", "2025-01-01", "400.00"), "p2", "2025-01-11", "400.00"),
                "p3", "2025-01-21", "200.00");
        MemberState justBelow = buy(buy(buy(null, "p1", "2025-01-01", "400.00"), "p2", "2025-01-11", "400.00"),
                "p3", "2025-01-21", "199.99");
        Purchase back = Purchase.of("p4", "m1", Instant.parse("2025-03-01T10:00:00Z"), Money.of("100.00", "USD"));

        // silver either way (growth 1,000 and 999): 100 base + 20 silver bonus, + 50 retention at 1,000 only
        assertThat(engine.apply(exactly, back).pointsAwarded()).isEqualTo(170L);
        assertThat(engine.apply(justBelow, back).pointsAwarded()).isEqualTo(120L);
    }

    @Test
    void a_regular_member_earns_no_retention_bonus() {
        MemberState state = buy(null, "p1", "2025-01-01", "400.00");
        state = buy(state, "p2", "2025-01-11", "400.00");
        state = buy(state, "p3", "2025-01-21", "400.00");

        // 10 days later, on the usual rhythm: 100 + 20 silver bonus
        assertThat(engine.apply(state, Purchase.of("p4", "m1", Instant.parse("2025-01-31T10:00:00Z"),
                Money.of("100.00", "USD"))).pointsAwarded()).isEqualTo(120L);
    }

    @Test
    void a_detractor_gets_a_follow_up_and_an_apology_voucher() {
        MemberState state = buy(null, "p1", "2025-01-01", "40.00");

        Decision answer = engine.apply(state, new Survey("s1", "m1", Instant.parse("2025-01-05T10:00:00Z"), 4,
                Map.of("touchpoint", "delivery")));

        assertThat(answer.riskFlags()).containsExactly(RiskFlag.warning("DETRACTOR_FOLLOW_UP",
                "member m1 answered 4 at delivery: follow up within 48 hours"));
        assertThat(answer.benefits()).containsExactly(BenefitGrant.unlocked("apology-voucher",
                "apology voucher for a survey score of 4"));
        assertThat(answer.state().surveyScore()).isEqualTo(4);
    }

    @Test
    void a_promoter_gets_neither() {
        Decision answer = engine.apply(null, new Survey("s1", "m1", Instant.parse("2025-01-05T10:00:00Z"), 9, Map.of()));

        assertThat(answer.riskFlags()).isEmpty();
        assertThat(answer.benefits()).isEmpty();
    }

    private Decision claim(MemberState state, String id, String day) {
        return engine.apply(state, new BenefitClaim(id, "m1", Instant.parse(day + "T10:00:00Z"), "free-delivery",
                Map.of()));
    }

    @Test
    void a_top_value_member_gets_a_third_free_delivery_a_month_and_not_a_fourth() {
        // $12,000 in the last year: platinum, and annual spend 12,000 >= 10,000 puts the member in the top layer
        MemberState state = buy(null, "p1", "2025-03-01", "12000.00");
        state = claim(state, "c1", "2025-04-02").state();
        state = claim(state, "c2", "2025-04-09").state();

        Decision third = claim(state, "c3", "2025-04-16");
        Decision fourth = claim(third.state(), "c4", "2025-04-23");

        assertThat(third.benefits()).containsExactly(BenefitGrant.granted("free-delivery", "use 3 of 3 this month"));
        assertThat(third.explanations()).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("Top-value members get one extra free delivery a month");
            assertThat(e.sentence()).isEqualTo("free-delivery: 1 extra use(s) per period (top value layer)");
        });
        assertThat(fourth.refused()).isPresent();
        assertThat(fourth.benefits()).containsExactly(BenefitGrant.refused("free-delivery",
                "quota of 3 per month is used up"));
    }

    @Test
    void a_gold_member_below_the_top_layer_keeps_two_free_deliveries_a_month() {
        MemberState state = buy(null, "p1", "2025-03-01", "2500.00");
        state = claim(state, "c1", "2025-04-02").state();
        state = claim(state, "c2", "2025-04-09").state();

        Decision third = claim(state, "c3", "2025-04-16");

        assertThat(third.benefits()).containsExactly(BenefitGrant.refused("free-delivery",
                "quota of 2 per month is used up"));
    }
}
