package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
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
                "DOWNGRADE", "window ending 2025-07-01 earned silver"));
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
    void a_program_without_a_refund_policy_refunds_nothing_after_the_day_of_payment() {
        LoyaltyEngine noPolicy = engine(retail("", """
                "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}]}"""));
        MemberState state = noPolicy.apply(null, fee("f1", "2025-01-01T00:00:00Z")).state();

        Decision d = noPolicy.apply(state, refund("r1", "f1", "2025-03-01T00:00:00Z", null));

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(d.state().fee("f1").orElseThrow().refunded()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(d.state().tier().tierId()).isEqualTo("member");
    }
}
