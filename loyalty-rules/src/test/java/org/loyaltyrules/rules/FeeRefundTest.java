package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;
import static org.loyaltyrules.rules.Programs.usd;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.LedgerTotals;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.rules.facts.MemberNotice;

/**
 * Refunds of membership fees: gold sold for $120 a year, refunded pro rata by days after a 14-day full refund period.
 * The member earns silver on the way (600 growth), so cancelling gold drops it to silver, not to the base tier.
 */
class FeeRefundTest {

    private final LoyaltyEngine engine = engine(retail("", """
            "membership": {
              "plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}],
              "refund": {"policy": "PRO_RATA_DAYS", "fullRefundDays": 14}
            }"""));

    private static MembershipFee fee(String id, String at) {
        return new MembershipFee(id, "m1", at(at), usd("120.00"), "gold", 12, Map.of());
    }

    private static FeeRefund refund(String id, String original, String at, String amount) {
        return new FeeRefund(id, "m1", at(at), original, amount == null ? null : usd(amount), Map.of());
    }

    private MemberState applied(MemberState state, LoyaltyEvent event) {
        Decision d = engine.apply(state, event);
        assertThat(d.outcome()).as(d.refused().map(Refusal::toString).orElse("")).isEqualTo(Decision.Outcome.APPLIED);
        return d.state();
    }

    private MemberState goldWithSilverEarned() {
        MemberState state = applied(null, fee("f1", "2025-01-01T00:00:00Z"));
        return applied(state, purchase("p1", "m1", "2025-02-01T10:00:00Z", "600.00"));
    }

    @Test
    void a_fee_is_recorded_with_the_term_it_bought() {
        MemberState state = applied(null, fee("f1", "2025-01-01T00:00:00Z"));

        assertThat(state.fees()).containsExactly(FeeRecord.paid("f1", at("2025-01-01T00:00:00Z"), usd("120.00"),
                "gold", 12, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z")));
    }

    @Test
    void cancelling_ends_the_paid_tier_at_once_and_says_the_pro_rata_refund_due() {
        // cancelled on 2025-07-01: 2025-07-02 .. 2025-12-31 unused = 183 of 365 days; 120 x 183 / 365 = 60.16
        Decision d = engine.apply(goldWithSilverEarned(), refund("r1", "f1", "2025-07-01T09:00:00Z", null));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.state().tier().tierId()).isEqualTo("silver");
        assertThat(d.state().tier().source()).isEqualTo(TierSource.EARNED);
        assertThat(d.tierMoves()).containsExactly(new TierMove("m1", at("2025-07-01T09:00:00Z"), "gold", "silver",
                "DOWNGRADE", "fee f1 refunded on 2025-07-01, the paid gold ends; window ending 2025-07-01 earned "
                        + "silver"));
        assertThat(d.notices()).contains(MemberNotice.of("FEE_REFUND", "fee f1 of 120.00 USD for gold (2025-01-01 to "
                + "2026-01-01) cancelled on 2025-07-01: refund due 60.16 USD (pro rata by days: 183 of 365 days "
                + "unused)"));
        assertThat(d.state().fee("f1").orElseThrow().refunded()).isEqualTo(usd("60.16"));
        assertThat(d.state().fee("f1").orElseThrow().refundedAt()).isEqualTo(at("2025-07-01T09:00:00Z"));
        assertThat(d.explanations()).anySatisfy(e -> assertThat(e.rule())
                .isEqualTo("Membership fee refunds follow the program's refund policy"));
    }

    @Test
    void within_the_full_refund_period_the_whole_fee_is_due() {
        MemberState state = applied(null, fee("f1", "2025-01-01T00:00:00Z"));

        Decision d = engine.apply(state, refund("r1", "f1", "2025-01-10T00:00:00Z", "120.00"));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.state().tier().tierId()).isEqualTo("member");
        assertThat(d.state().fee("f1").orElseThrow().refunded()).isEqualTo(usd("120.00"));
    }

    @Test
    void a_refund_amount_other_than_the_due_one_is_refused_with_the_amount_due_and_nothing_changes() {
        MemberState state = goldWithSilverEarned();

        Decision d = engine.apply(state, refund("r1", "f1", "2025-07-01T09:00:00Z", "120.00"));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.REFUSED);
        assertThat(d.refusal()).isEqualTo(new Refusal("REFUND_MISMATCH", "the refund due for fee f1 is 60.16 USD "
                + "(pro rata by days: 183 of 365 days unused), the event refunds 120.00 USD"));
        assertThat(d.state().tier().tierId()).isEqualTo("gold");
    }

    @Test
    void a_fee_is_refunded_once_and_an_unknown_fee_not_at_all() {
        MemberState refunded = applied(goldWithSilverEarned(), refund("r1", "f1", "2025-07-01T09:00:00Z", null));

        Decision again = engine.apply(refunded, refund("r2", "f1", "2025-07-02T09:00:00Z", null));
        Decision unknown = engine.apply(refunded, refund("r3", "f9", "2025-07-02T09:00:00Z", null));

        assertThat(again.refusal()).isEqualTo(new Refusal("ALREADY_REFUNDED",
                "fee f1 was refunded on 2025-07-01 (60.16 USD)"));
        assertThat(unknown.refusal()).isEqualTo(new Refusal("UNKNOWN_FEE", "member m1 paid no membership fee f9"));
    }

    @Test
    void a_prepaid_renewal_is_refunded_in_full_and_the_paid_tier_runs_to_the_end_of_the_first_term() {
        MemberState state = applied(null, fee("f1", "2025-01-01T00:00:00Z"));
        state = applied(state, fee("f2", "2025-12-01T00:00:00Z")); // renewal: 2026-01-01 to 2027-01-01
        assertThat(state.tier().paidUntil()).isEqualTo(at("2027-01-01T00:00:00Z"));

        Decision earlier = engine.apply(state, refund("r0", "f1", "2025-12-10T00:00:00Z", null));
        Decision d = engine.apply(state, refund("r1", "f2", "2025-12-10T00:00:00Z", null));

        assertThat(earlier.refusal()).isEqualTo(new Refusal("LATER_TERM_PAID",
                "fee f2 pays gold from 2026-01-01; refund it first"));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.state().fee("f2").orElseThrow().refunded()).isEqualTo(usd("120.00"));
        assertThat(d.state().tier().tierId()).isEqualTo("gold");
        assertThat(d.state().tier().paidUntil()).isEqualTo(at("2026-01-01T00:00:00Z"));
        assertThat(d.tierMoves()).isEmpty();
    }

    @Test
    void a_fee_paid_while_an_earned_tier_above_is_held_renews_the_running_term() {
        // gold paid for 2025; 6,000 on 02-01 earns platinum; gold paid again on 12-01 extends the term to 2027
        MemberState state = applied(null, fee("f1", "2025-01-01T00:00:00Z"));
        state = applied(state, purchase("p1", "m1", "2025-02-01T10:00:00Z", "6000.00"));
        state = applied(state, fee("f2", "2025-12-01T00:00:00Z"));

        Decision d = engine.apply(state, refund("r1", "f2", "2025-12-15T00:00:00Z", null));

        assertThat(state.tier().tierId()).isEqualTo("platinum");
        assertThat(state.fee("f2").orElseThrow().termStart()).isEqualTo(at("2026-01-01T00:00:00Z"));
        assertThat(state.fee("f2").orElseThrow().termEnd()).isEqualTo(at("2027-01-01T00:00:00Z"));
        assertThat(state.membershipStart()).isEqualTo(at("2025-01-01T00:00:00Z"));
        // a prepaid renewal whose term has not started comes back whole
        assertThat(d.state().fee("f2").orElseThrow().refunded()).isEqualTo(usd("120.00"));
    }

    @Test
    void a_membership_bought_anew_after_a_lapse_does_not_block_refunding_the_old_fee_nor_end_with_it() {
        // f1 ran 2024; f2 buys gold again after the lapse, from 2025-03-01
        MemberState state = applied(null, fee("f1", "2024-01-01T00:00:00Z"));
        state = applied(state, fee("f2", "2025-03-01T00:00:00Z"));

        Decision d = engine.apply(state, refund("r1", "f1", "2025-03-10T00:00:00Z", null));

        // f1's term is over: nothing unused is due, and f2's gold runs on
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.state().fee("f1").orElseThrow().refunded()).isEqualTo(usd("0.00"));
        assertThat(d.state().tier().tierId()).isEqualTo("gold");
        assertThat(d.state().tier().paidUntil()).isEqualTo(at("2026-03-01T00:00:00Z"));
    }

    @Test
    void a_program_without_a_refund_policy_refunds_nothing_after_the_day_of_payment() {
        LoyaltyEngine noPolicy = engine(retail("", """
                "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}]}"""));
        MemberState state = noPolicy.apply(null, fee("f1", "2025-01-01T00:00:00Z")).state();

        Decision d = noPolicy.apply(state, refund("r1", "f1", "2025-03-01T00:00:00Z", null));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.state().fee("f1").orElseThrow().refunded()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(d.state().tier().tierId()).isEqualTo("member");
    }

    // ---------------------------------------------------------------- membership.refund.forfeitRewards

    /** Gold refunded in full at any time, forfeiting the rewards of the refunded term. */
    private static LoyaltyEngine forfeiting(String shortfallPolicy) {
        return engine(retail("", """
                "refunds": {"policy": "%s"},
                "membership": {
                  "plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}],
                  "refund": {"policy": "FULL", "forfeitRewards": true}
                }""".formatted(shortfallPolicy)));
    }

    private static MemberState applied(LoyaltyEngine engine, MemberState state, LoyaltyEvent event) {
        Decision d = engine.apply(state, event);
        assertThat(d.outcome()).as(d.refused().map(Refusal::toString).orElse("")).isEqualTo(Decision.Outcome.APPLIED);
        return d.state();
    }

    /** Gold paid on 2025-01-01, $200 earning 300 on 2025-02-01, 200 of them redeemed: 100 still held. */
    private static MemberState goldEarnedThreeHundredAndRedeemedTwoHundred(LoyaltyEngine engine) {
        MemberState state = applied(engine, null, fee("f1", "2025-01-01T00:00:00Z"));
        state = applied(engine, state, purchase("p1", "m1", "2025-02-01T10:00:00Z", "200.00"));
        return applied(engine, state, Redemption.of("x1", "m1", at("2025-02-10T10:00:00Z"), 200));
    }

    @Test
    void without_forfeit_rewards_a_refunded_fee_leaves_the_points_earned_in_the_term() {
        MemberState state = goldWithSilverEarned(); // 600 x 1 + gold 50 % = 900 points

        Decision d = engine.apply(state, refund("r1", "f1", "2025-07-01T09:00:00Z", null));

        assertThat(d.postings()).isEmpty();
        assertThat(d.state().ledger().available()).isEqualTo(900L);
    }

    @Test
    void a_refunded_fee_forfeits_what_purchases_in_its_term_earned_and_nothing_earned_before_it() {
        LoyaltyEngine engine = forfeiting("RECOVER_AVAILABLE");
        MemberState state = applied(engine, null, purchase("p0", "m1", "2024-12-01T10:00:00Z", "100.00")); // 100
        state = applied(engine, state, fee("f1", "2025-01-01T00:00:00Z"));
        state = applied(engine, state, purchase("p1", "m1", "2025-02-01T10:00:00Z", "200.00")); // 200 + 50 % = 300

        Decision d = engine.apply(state, refund("r1", "f1", "2025-03-01T10:00:00Z", "120.00"));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        String why = "fee f1 for gold refunded: rewards earned in the refunded term are forfeited, so purchase p1 of"
                + " 2025-02-01 gives back its 300 points";
        assertThat(d.postings()).containsExactly(new Posting("r1", "m1", at("2025-03-01T10:00:00Z"),
                PostingType.CLAWBACK, -300L, "A refunded paid term forfeits the rewards earned in it", why));
        assertThat(d.state().ledger().available()).isEqualTo(100L); // p0's 100, earned before the term
        assertThat(d.state().ledger().totals().clawedBack()).isEqualTo(300L);
        assertThat(d.state().ledger().isConserved()).isTrue();
        assertThat(d.notices()).contains(MemberNotice.of("FEE_REFUND", "fee f1 of 120.00 USD for gold (2025-01-01 to"
                + " 2026-01-01) cancelled on 2025-03-01: refund due 120.00 USD (the whole fee at any time); the 300"
                + " points purchases earned in the term are forfeited"));
        assertThat(d.explanations()).anySatisfy(e -> assertThat(e.sentence()).isEqualTo(why));

        // the purchase has nothing left to claw back: returning it later takes no points again
        Decision later = engine.apply(d.state(), Refund.of("x1", "m1", at("2025-03-02T10:00:00Z"), "p1", usd("200.00")));
        assertThat(later.postings()).isEmpty();
        assertThat(later.state().ledger().available()).isEqualTo(100L);
    }

    @Test
    void a_purchase_at_the_refund_s_instant_applied_before_it_is_forfeited_with_the_term_s_other_rewards() {
        // p2 shares the refund's instant and comes first: it was earned at gold (150 with the 50 % bonus) and is
        // taken back with p1's 300 (it was kept when the term was taken to end at the refund's instant)
        LoyaltyEngine engine = forfeiting("RECOVER_AVAILABLE");
        MemberState state = applied(engine, null, fee("f1", "2025-01-01T00:00:00Z"));
        state = applied(engine, state, purchase("p1", "m1", "2025-02-01T10:00:00Z", "200.00")); // 300
        state = applied(engine, state, purchase("p2", "m1", "2025-03-01T10:00:00Z", "100.00")); // 150

        Decision d = engine.apply(state, refund("r1", "f1", "2025-03-01T10:00:00Z", "120.00"));

        assertThat(d.postings()).extracting(Posting::points).containsExactly(-300L, -150L);
        assertThat(d.state().ledger().available()).isZero();
        assertThat(d.state().ledger().totals().clawedBack()).isEqualTo(450L);
    }

    @Test
    void a_purchase_at_the_fee_s_instant_applied_before_it_keeps_its_reward() {
        // p0 shares the fee's instant and comes first: it was earned as a member (100, no bonus), before the term
        LoyaltyEngine engine = forfeiting("RECOVER_AVAILABLE");
        MemberState state = applied(engine, null, purchase("p0", "m1", "2025-01-01T00:00:00Z", "100.00")); // 100
        state = applied(engine, state, fee("f1", "2025-01-01T00:00:00Z"));
        state = applied(engine, state, purchase("p1", "m1", "2025-02-01T10:00:00Z", "200.00")); // 300

        Decision d = engine.apply(state, refund("r1", "f1", "2025-03-01T10:00:00Z", "120.00"));

        assertThat(d.postings()).extracting(Posting::points).containsExactly(-300L);
        assertThat(d.state().ledger().available()).isEqualTo(100L);
    }

    @Test
    void a_purchase_at_the_instant_the_term_ends_is_not_forfeited() {
        // given: gold paid on 2025-01-10T10:00 for 12 months; p1 at exactly 2026-01-10T10:00, when the term ends: the
        // term is half open, so p1 earned as a member (100, no gold bonus)
        LoyaltyEngine engine = forfeiting("RECOVER_AVAILABLE");
        MemberState state = applied(engine, null, fee("f1", "2025-01-10T10:00:00Z"));
        Decision p1 = engine.apply(state, purchase("p1", "m1", "2026-01-10T10:00:00Z", "100.00"));

        // when: the fee is refunded an hour later
        Decision d = engine.apply(p1.state(), refund("r1", "f1", "2026-01-10T11:00:00Z", null));

        // then: p1 was not made within the refunded term, so it has nothing to forfeit (docs/semantics.md
        // section 5.6)
        assertThat(p1.state().tier().tierId()).isEqualTo("member");
        assertThat(p1.pointsAwarded()).isEqualTo(100L);
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.postings()).isEmpty();
        assertThat(d.state().pointsAvailable()).isEqualTo(100L);
        assertThat(d.notices()).contains(MemberNotice.of("FEE_REFUND", "fee f1 of 120.00 USD for gold (2025-01-10 to"
                + " 2026-01-10) cancelled on 2026-01-10: refund due 120.00 USD (the whole fee at any time)"));
    }

    @Test
    void what_was_redeemed_cannot_be_forfeited_and_is_recorded_as_unrecovered_under_recover_available() {
        LoyaltyEngine engine = forfeiting("RECOVER_AVAILABLE");
        Decision d = engine.apply(goldEarnedThreeHundredAndRedeemedTwoHundred(engine),
                refund("r1", "f1", "2025-03-01T10:00:00Z", null));

        assertThat(d.postings()).extracting("type", "points").containsExactly(tuple(PostingType.CLAWBACK, -300L));
        assertThat(d.postings().get(0).explanation()).endsWith("gives back its 300 points; 200 points could not be"
                + " recovered");
        assertThat(d.state().ledger().available()).isZero(); // the 100 still held is taken
        // 300 earned = 0 available + 200 redeemed + 300 clawed back - 200 unrecovered
        assertThat(d.state().ledger().totals()).isEqualTo(new LedgerTotals(300, 200, 0, 300, 200, 0, 0));
        assertThat(d.state().ledger().isConserved()).isTrue();
    }

    @Test
    void what_was_redeemed_becomes_a_negative_balance_under_negative_balance() {
        LoyaltyEngine engine = forfeiting("NEGATIVE_BALANCE");
        Decision d = engine.apply(goldEarnedThreeHundredAndRedeemedTwoHundred(engine),
                refund("r1", "f1", "2025-03-01T10:00:00Z", null));

        assertThat(d.postings().get(0).explanation()).endsWith("; 200 points left as a negative balance");
        assertThat(d.state().ledger().available()).isEqualTo(-200L);
        assertThat(d.state().ledger().totals()).isEqualTo(new LedgerTotals(300, 200, 0, 300, 0, 0, 0));
        assertThat(d.state().ledger().isConserved()).isTrue();
    }

    @Test
    void a_prepaid_renewal_refunded_before_its_term_forfeits_nothing() {
        LoyaltyEngine engine = forfeiting("RECOVER_AVAILABLE");
        MemberState state = applied(engine, null, fee("f1", "2025-01-01T00:00:00Z"));
        state = applied(engine, state, purchase("p1", "m1", "2025-02-01T10:00:00Z", "200.00")); // 300, term of f1
        state = applied(engine, state, fee("f2", "2025-12-01T00:00:00Z")); // renewal: 2026-01-01 to 2027-01-01

        Decision d = engine.apply(state, refund("r1", "f2", "2025-12-10T00:00:00Z", null));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.postings()).isEmpty();
        assertThat(d.state().ledger().available()).isEqualTo(300L);
    }
}
