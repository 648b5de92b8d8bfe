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
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.rules.facts.MemberNotice;

/**
 * {@code membership.plans[].lateRenewalMonths}: gold sold for $120 a year, and a fee paid within 2 months after the
 * last gold term ended renews that term from its end, as Costco's "Memberships renewed within 2 months after
 * expiration of the current membership year will be extended for 12 months from the expiration date". The first
 * term runs from 2025-01-10 10:00 to 2026-01-10 10:00 (UTC).
 */
class LateRenewalTest {

    private final LoyaltyEngine engine = engine(retail("", """
            "membership": {
              "plans": [{"tier": "gold", "price": "120.00", "termMonths": 12, "lateRenewalMonths": 2}],
              "refund": {"policy": "FULL", "forfeitRewards": true}
            }"""));

    private static MembershipFee fee(String id, String at) {
        return new MembershipFee(id, "m1", at(at), usd("120.00"), "gold", 12, Map.of());
    }

    private Decision applied(MemberState state, LoyaltyEvent event) {
        Decision d = engine.apply(state, event);
        assertThat(d.outcome()).as(d.refused().map(Refusal::toString).orElse("")).isEqualTo(Decision.Outcome.APPLIED);
        return d;
    }

    private MemberState firstTerm() {
        return applied(null, fee("f1", "2025-01-10T10:00:00Z")).state();
    }

    /** The first term, its renewal f2 prepaid on 2025-12-20 (term 2026-01-10 to 2027-01-10), refunded at {@code at}. */
    private MemberState renewalPrepaidThenRefundedAt(String at) {
        MemberState state = applied(firstTerm(), fee("f2", "2025-12-20T10:00:00Z")).state();
        return applied(state, new FeeRefund("r2", "m1", at(at), "f2", null, Map.of())).state();
    }

    @Test
    void a_fee_within_two_months_of_the_lapse_renews_the_term_from_the_lapse() {
        // when: renewed 36 days late
        Decision renewal = applied(firstTerm(), fee("f2", "2026-02-15T10:00:00Z"));

        // then: the term runs 2026-01-10 to 2027-01-10, and gold is held from the payment to its end
        assertThat(renewal.state().fee("f2").orElseThrow()).isEqualTo(FeeRecord.paid("f2",
                at("2026-02-15T10:00:00Z"), usd("120.00"), "gold", 12, at("2026-01-10T10:00:00Z"),
                at("2027-01-10T10:00:00Z")));
        assertThat(renewal.state().tier().tierId()).isEqualTo("gold");
        assertThat(renewal.state().tier().source()).isEqualTo(TierSource.PAID);
        assertThat(renewal.state().tier().since()).isEqualTo(at("2026-02-15T10:00:00Z"));
        assertThat(renewal.state().tier().paidUntil()).isEqualTo(at("2027-01-10T10:00:00Z"));
        // (the lapse on 2026-01-10 is reviewed first, as time passes to the fee: gold was not held in the gap)
        assertThat(renewal.tierMoves()).containsExactly(
                new TierMove("m1", at("2026-01-10T10:00:00Z"), "gold", "member", "DOWNGRADE",
                        "window ending 2026-01-01 earned member"),
                new TierMove("m1", at("2026-02-15T10:00:00Z"), "member", "gold", "PAID",
                        "membership fee 120.00 USD pays tier gold until 2027-01-10"));
        assertThat(renewal.explanations()).anySatisfy(e -> assertThat(e.sentence()).isEqualTo("tier gold paid until"
                + " 2027-01-10 (renewed late: the term lapsed on 2026-01-10, and a fee within 2 months of the lapse"
                + " renews it from there)"));

        // when: a $100 purchase on 2027-01-20, after the backdated term
        Decision after = applied(renewal.state(), purchase("p1", "m1", "2027-01-20T10:00:00Z", "100.00"));

        // then: gold ended on 2027-01-10 (a term from the payment would have run to 2027-02-15): no gold bonus
        assertThat(after.state().tier().tierId()).isEqualTo("member");
        assertThat(after.pointsAwarded()).isEqualTo(100L);
    }

    @Test
    void a_fee_two_months_or_more_after_the_lapse_starts_a_new_term_at_the_payment() {
        // when: one second before, and exactly at, two months after the lapse
        FeeRecord justInTime = applied(firstTerm(), fee("f2", "2026-03-10T09:59:59Z")).state().fee("f2").orElseThrow();
        FeeRecord tooLate = applied(firstTerm(), fee("f2", "2026-03-10T10:00:00Z")).state().fee("f2").orElseThrow();

        // then
        assertThat(justInTime.termStart()).isEqualTo(at("2026-01-10T10:00:00Z"));
        assertThat(justInTime.termEnd()).isEqualTo(at("2027-01-10T10:00:00Z"));
        assertThat(tooLate.termStart()).isEqualTo(at("2026-03-10T10:00:00Z"));
        assertThat(tooLate.termEnd()).isEqualTo(at("2027-03-10T10:00:00Z"));
    }

    @Test
    void a_term_that_was_refunded_is_not_renewed_late() {
        // given: the first fee refunded in full on 2025-06-01 (cancelled, not lapsed)
        MemberState cancelled = applied(firstTerm(), new FeeRefund("r1", "m1", at("2025-06-01T10:00:00Z"), "f1", null,
                Map.of())).state();

        // when: a fee in February 2026
        FeeRecord fee = applied(cancelled, fee("f2", "2026-02-15T10:00:00Z")).state().fee("f2").orElseThrow();

        // then: a new term from the payment
        assertThat(fee.termStart()).isEqualTo(at("2026-02-15T10:00:00Z"));
        assertThat(fee.termEnd()).isEqualTo(at("2027-02-15T10:00:00Z"));
    }

    @Test
    void a_fee_after_a_renewal_cancelled_part_way_through_its_term_starts_at_the_payment() {
        // given: f2 prepaid on 2025-12-20 renews to 2027-01-10 from 2026-01-10, and is refunded on 2026-02-01
        MemberState state = renewalPrepaidThenRefundedAt("2026-02-01T10:00:00Z");

        // when: gold is bought again two weeks later
        FeeRecord again = applied(state, fee("f3", "2026-02-15T10:00:00Z")).state().fee("f3").orElseThrow();

        // then: the last term (f2) was cancelled, not lapsed: a new term from the payment (it used to reach past f2 to
        // f1's end and backdate to 2026-01-10, paying the weeks f2 had paid for twice)
        assertThat(again.termStart()).isEqualTo(at("2026-02-15T10:00:00Z"));
        assertThat(again.termEnd()).isEqualTo(at("2027-02-15T10:00:00Z"));
    }

    @Test
    void a_renewal_refunded_before_its_term_started_never_ran_so_the_term_before_it_is_renewed_late() {
        // given: f2 prepaid on 2025-12-20 (term from 2026-01-10) and refunded on 2026-01-05, before it started
        MemberState state = renewalPrepaidThenRefundedAt("2026-01-05T10:00:00Z");

        // when
        FeeRecord again = applied(state, fee("f3", "2026-02-15T10:00:00Z")).state().fee("f3").orElseThrow();

        // then: f1 lapsed on 2026-01-10 and is renewed from there
        assertThat(again.termStart()).isEqualTo(at("2026-01-10T10:00:00Z"));
        assertThat(again.termEnd()).isEqualTo(at("2027-01-10T10:00:00Z"));
    }

    @Test
    void a_renewal_refunded_at_the_instant_its_term_started_had_started_so_the_next_fee_starts_at_the_payment() {
        // given: f2's term starts on 2026-01-10 10:00, and it is refunded at that very instant (the refund policy
        // counts its first day as used)
        MemberState state = renewalPrepaidThenRefundedAt("2026-01-10T10:00:00Z");

        // when
        FeeRecord again = applied(state, fee("f3", "2026-02-15T10:00:00Z")).state().fee("f3").orElseThrow();

        // then: the last term, f2, was cancelled: no backdating to f1's end
        assertThat(again.termStart()).isEqualTo(at("2026-02-15T10:00:00Z"));
    }

    @Test
    void a_fee_at_the_very_end_of_the_term_is_a_new_term_there_not_a_late_renewal() {
        // when
        Decision atTheEnd = applied(firstTerm(), fee("f2", "2026-01-10T10:00:00Z"));

        // then
        assertThat(atTheEnd.state().fee("f2").orElseThrow().termStart()).isEqualTo(at("2026-01-10T10:00:00Z"));
        assertThat(atTheEnd.explanations()).anySatisfy(e -> assertThat(e.sentence())
                .isEqualTo("tier gold paid until 2027-01-10"));
    }

    @Test
    void a_pro_rata_refund_of_a_late_renewal_counts_the_backdated_part_of_the_term_as_used() {
        // given: the same plan refunded pro rata by days
        LoyaltyEngine proRata = engine(retail("", """
                "membership": {
                  "plans": [{"tier": "gold", "price": "120.00", "termMonths": 12, "lateRenewalMonths": 2}],
                  "refund": {"policy": "PRO_RATA_DAYS"}
                }"""));
        MemberState state = proRata.apply(null, fee("f1", "2025-01-10T10:00:00Z")).state();
        state = proRata.apply(state, fee("f2", "2026-02-15T10:00:00Z")).state();

        // when: cancelled on 2026-07-10
        Decision d = proRata.apply(state, new FeeRefund("r2", "m1", at("2026-07-10T10:00:00Z"), "f2", null, Map.of()));

        // then: 2026-01-10 .. 2026-07-10 used (182 days, the cancellation day counts as used), 183 of 365 unused:
        // 120 x 183 / 365 = 60.16
        assertThat(d.notices()).contains(MemberNotice.of("FEE_REFUND", "fee f2 of 120.00 USD for gold (2026-01-10 to"
                + " 2027-01-10) cancelled on 2026-07-10: refund due 60.16 USD (pro rata by days: 183 of 365 days"
                + " unused)"));
    }

    @Test
    void refunding_a_late_renewal_forfeits_what_was_bought_after_the_payment_not_in_the_gap_before_it() {
        // given: $100 bought in the gap (member tier: 100 points), the late renewal, $100 at gold (100 + 50 %)
        MemberState state = applied(firstTerm(), purchase("p1", "m1", "2026-01-20T10:00:00Z", "100.00")).state();
        state = applied(state, fee("f2", "2026-02-15T10:00:00Z")).state();
        Decision atGold = applied(state, purchase("p2", "m1", "2026-02-20T10:00:00Z", "100.00"));
        assertThat(atGold.pointsAwarded()).isEqualTo(150L);

        // when: the renewal is refunded under the satisfaction guarantee, forfeiting the term's rewards
        Decision refunded = applied(atGold.state(), new FeeRefund("r2", "m1", at("2026-03-01T10:00:00Z"), "f2", null,
                Map.of()));

        // then: p2's 150 are taken back; p1's 100, bought before the payment at the member tier, stay
        assertThat(refunded.state().ledger().totals().clawedBack()).isEqualTo(150L);
        assertThat(refunded.state().ledger().available()).isEqualTo(100L);
        assertThat(refunded.state().tier().tierId()).isEqualTo("member");
    }
}
