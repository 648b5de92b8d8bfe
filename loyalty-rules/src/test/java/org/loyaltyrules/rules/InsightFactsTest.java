package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.facts.MemberNotice;

/** Rules read RFM segments and lifetime-model values from the MemberInsight fact (program.json insight). */
class InsightFactsTest {

    private static final String RULES = """
            package org.loyaltyrules.rules.earning;
            import org.loyaltyrules.rules.facts.*;

            rule "Champions earn a ten percent bonus"
                @intent("Reward the best customers by RFM")
                ruleflow-group "earning"
            when
                MemberInsight( rfmSegment == "CHAMPIONS" )
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.percentOfBase( $event, "champion bonus", 10 ) );
            end

            rule "VIP layer members are noticed"
                @intent("Show the value layer in a notice")
                ruleflow-group "tier"
            when
                MemberInsight( valueLayer == "vip" )
                EligiblePurchase( )
            then
                insert( MemberNotice.of( "VIP", "value layer vip" ) );
            end

            rule "Members surely alive are noticed"
                @intent("Show the lifetime model's view in a notice")
                ruleflow-group "tier"
            when
                MemberInsight( $alive : probabilityAlive, probabilityAlive == 1, $value : lifetimeValue )
                EligiblePurchase( )
            then
                insert( MemberNotice.of( "ALIVE", "probability alive " + $alive ) );
            end
            """;

    private final LoyaltyEngine engine = Programs.engine(retail("", """
            "insight": {
              "rfm": {"recency": ["10", "20", "30", "40"], "frequency": ["2", "3", "4", "5"],
                      "monetary": ["100", "200", "300", "400"]},
              "bgNbd": {"r": "0.243", "alpha": "4.414", "a": "0.793", "b": "2.426"},
              "gammaGamma": {"p": "6.25", "q": "3.74", "v": "15.45"},
              "layering": {"weights": {"annualSpend": "1"}, "deductions": {"refunds": "100"},
                           "layers": [{"name": "core", "minScore": "0"}, {"name": "vip", "minScore": "300"}]}
            }""").replace("\"tierBonus\": {\"silver\": \"20\", \"gold\": \"50\", \"platinum\": \"100\"}",
            "\"tierBonus\": {}"), Map.of("earning/champions.drl", RULES));

    @Test
    void a_champion_by_rfm_earns_the_champion_bonus() {
        // five orders of 100 on consecutive days: recency 1 day (< 10: score 5), 5 orders (>= 5: 5), 500 (>= 400: 5)
        MemberState state = null;
        for (int i = 1; i <= 5; i++) {
            state = engine.apply(state, purchase("p" + i, "m1", "2025-03-0" + i + "T10:00:00Z", "100.00")).state();
        }

        Decision sixth = engine.apply(state, purchase("p6", "m1", "2025-03-06T10:00:00Z", "100.00"));

        // base 100 + 10 % champion bonus
        assertThat(sixth.pointsAwarded()).isEqualTo(110L);
    }

    @Test
    void the_value_layer_follows_the_layering_weights_and_deductions() {
        // annual spend 300 x weight 1 = 300 >= 300: vip; after a refund of 50: 250 - 100 deduction = 150: core
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "300.00")).state();
        MemberState refunded = engine.apply(state, org.loyaltyrules.core.event.Refund.of("r1", "m1",
                Programs.at("2025-03-02T10:00:00Z"), "p1", Programs.usd("50.00"))).state();

        assertThat(engine.apply(state, purchase("p2", "m1", "2025-03-03T10:00:00Z", "1.00")).notices())
                .contains(MemberNotice.of("VIP", "value layer vip"));
        assertThat(engine.apply(refunded, purchase("p2", "m1", "2025-03-03T10:00:00Z", "1.00")).notices())
                .doesNotContain(MemberNotice.of("VIP", "value layer vip"));
    }

    @Test
    void a_one_order_member_is_no_champion() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();

        assertThat(engine.apply(state, purchase("p2", "m1", "2025-03-02T10:00:00Z", "100.00")).pointsAwarded())
                .isEqualTo(100L);
    }

    @Test
    void the_lifetime_model_gives_a_member_without_repeat_purchases_probability_alive_one() {
        // BG/NBD: with no repeat purchase (frequency 0) the probability alive is exactly 1
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();

        Decision next = engine.apply(state, purchase("p2", "m1", "2025-03-20T10:00:00Z", "10.00"));

        assertThat(next.notices()).contains(MemberNotice.of("ALIVE", "probability alive 1.0000"));
    }
}
