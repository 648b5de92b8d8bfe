package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.retail;
import static org.loyaltyrules.rules.Programs.usd;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.tier.TierSource;

/**
 * The price a membership fee must pay (docs/program-types.md): the standard rule concludes the plan's list price,
 * program rules may conclude lower prices ({@code MembershipPrice}) and the lowest price concluded for the fee's tier
 * applies; a fee that does not equal it is FEE_MISMATCH and a fee for another term than the plan's is TERM_MISMATCH.
 * Gold is sold for $120 and silver for $50, each for 12 months; a program rule prices silver at $40 for everyone, and
 * another, on a gold payment, concludes a silver price of $1 that must not price the gold fee.
 */
class MembershipPriceTest {

    private final LoyaltyEngine engine = engine(retail("", """
            "membership": {
              "plans": [{"tier": "gold", "price": "120.00", "termMonths": 12},
                        {"tier": "silver", "price": "50.00", "termMonths": 12}],
              "refund": {"policy": "FULL"}
            }"""), Map.of("tier/promo.drl", """
                    package org.loyaltyrules.rules.tier;
                    import org.loyaltyrules.rules.facts.*;
                    rule "Silver sells at 40 to everyone"
                        @intent("a test price")
                        ruleflow-group "tier"
                    when
                        FeePayment( tierId == "silver", $t : tierId )
                    then
                        insert( MembershipPrice.of( $t, "40.00", "promo" ) );
                    end
                    rule "A gold payment also prices silver at 1"
                        @intent("a test price of another tier")
                        ruleflow-group "tier"
                    when
                        FeePayment( tierId == "gold" )
                    then
                        insert( MembershipPrice.of( "silver", "1.00", "a silver price seen with gold" ) );
                    end
                    """));

    private static MembershipFee fee(String tier, String amount, int termMonths) {
        return new MembershipFee("f1", "m1", at("2025-01-10T10:00:00Z"), usd(amount), tier, termMonths, Map.of());
    }

    @Test
    void the_lowest_price_concluded_for_the_fee_s_tier_applies_and_other_tiers_prices_are_ignored() {
        // when
        Decision silver = engine.apply(null, fee("silver", "40.00", 12));
        Decision gold = engine.apply(null, fee("gold", "120.00", 12));
        Decision goldForOne = engine.apply(null, fee("gold", "1.00", 12));

        // then: silver costs 40, the lower of the list price 50 and the promo 40 (audit mutation12 P1 kept the highest)
        assertThat(silver.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(silver.state().tier().tierId()).isEqualTo("silver");
        assertThat(silver.state().tier().source()).isEqualTo(TierSource.PAID);
        // and gold costs its list price 120: the silver price of 1 concluded on the gold payment is not gold's (audit
        // mutation12 P2 let any tier's price price the fee, refusing 120 and accepting 1)
        assertThat(gold.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(gold.state().tier().tierId()).isEqualTo("gold");
        assertThat(gold.state().tier().paidUntil()).isEqualTo(at("2026-01-10T10:00:00Z"));
        assertThat(goldForOne.refusal()).isEqualTo(new Refusal("FEE_MISMATCH",
                "gold costs 120.00 USD for this member (list price for 12 months), the fee paid 1.00 USD"));
    }

    @Test
    void a_fee_for_another_term_than_the_plan_s_is_refused_with_term_mismatch() {
        // when: the list price of gold, but for 6 months where gold is sold for 12 (audit mutation12 P3 accepted it,
        // paid until 2025-07-10)
        Decision decision = engine.apply(null, fee("gold", "120.00", 6));

        // then
        assertThat(decision.refusal()).isEqualTo(new Refusal("TERM_MISMATCH",
                "plan gold is sold for 12 months, the fee pays 6"));
    }

    @Test
    void a_fee_above_the_price_is_refused_too() {
        // when: 130 paid for gold at 120 (audit mutation12 P4 refused only fees below the price)
        Decision decision = engine.apply(null, fee("gold", "130.00", 12));

        // then
        assertThat(decision.refusal()).isEqualTo(new Refusal("FEE_MISMATCH",
                "gold costs 120.00 USD for this member (list price for 12 months), the fee paid 130.00 USD"));
    }
}
