package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;
import static org.loyaltyrules.rules.Programs.usd;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.PostingType;

/** The ledger semantics of docs/semantics.md seen through the facade: pending, expiry, redemption, refunds. */
class LedgerThroughEngineTest {

    private final LoyaltyEngine engine = engine(retail("", """
            "pendingDays": 14,
            "expiry": {"policy": "END_OF_NEXT_CALENDAR_YEAR"},
            "refunds": {"policy": "RECOVER_AVAILABLE"}"""));

    @Test
    void points_stay_pending_for_the_return_window_then_become_available() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();

        Decision early = engine.apply(state, Redemption.of("x1", "m1", at("2025-03-10T10:00:00Z"), 50));
        Decision later = engine.apply(state, Redemption.of("x1", "m1", at("2025-03-17T10:00:00Z"), 50));

        assertThat(state.pointsPending()).isEqualTo(100L);
        assertThat(early.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 50, available 0"
                + " (100 pending, the first available on 2025-03-17)"));
        assertThat(early.state()).isEqualTo(state);
        assertThat(later.postings()).extracting(p -> p.type(), p -> p.points(), p -> p.at()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostingType.ACTIVATE, 100L, at("2025-03-17T10:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(PostingType.REDEEM, -50L, at("2025-03-17T10:00:00Z")));
        assertThat(later.state().pointsAvailable()).isEqualTo(50L);
    }

    @Test
    void the_postings_of_time_passing_before_an_event_come_in_the_order_of_their_instants() {
        // given: 14 pending days, points expire 30 days after earning; 100 bought 1 March, 10 bought 20 March
        LoyaltyEngine fixedDays = engine(retail("", """
                "pendingDays": 14,
                "expiry": {"policy": "FIXED_DAYS", "days": 30}"""));
        MemberState state = fixedDays.apply(null, purchase("b1", "m2", "2025-03-01T10:00:00Z", "100.00")).state();
        state = fixedDays.apply(state, purchase("b2", "m2", "2025-03-20T10:00:00Z", "10.00")).state();

        // when
        Decision redemption = fixedDays.apply(state, Redemption.of("y2", "m2", at("2025-04-04T10:00:00Z"), 10));

        // then: the 100 expired on 31 March, before the 10 became available on 3 April
        assertThat(redemption.postings()).extracting(p -> p.eventId(), p -> p.type(), p -> p.points(), p -> p.at())
                .containsExactly(tuple("b1", PostingType.EXPIRE, -100L, at("2025-03-31T10:00:00Z")),
                        tuple("b2", PostingType.ACTIVATE, 10L, at("2025-04-03T10:00:00Z")),
                        tuple("y2", PostingType.REDEEM, -10L, at("2025-04-04T10:00:00Z")));
    }

    @Test
    void a_redemption_refused_while_points_are_pending_says_how_many_and_when_the_first_become_available() {
        // given: 100 available (bought 1 February), 200 and 300 pending (bought 3 and 5 March, 14 pending days)
        MemberState state = engine.apply(null, purchase("p0", "m1", "2025-02-01T10:00:00Z", "100.00")).state();
        state = engine.apply(state, purchase("p1", "m1", "2025-03-03T10:00:00Z", "200.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-05T10:00:00Z", "300.00")).state();

        // when
        Decision refused = engine.apply(state, Redemption.of("x1", "m1", at("2025-03-10T10:00:00Z"), 150));

        // then
        assertThat(refused.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS",
                "requested 150, available 100 (500 pending, the first available on 2025-03-17)"));
        assertThat(refused.state()).isEqualTo(state);
    }

    @Test
    void a_redemption_refused_without_pending_points_says_only_what_is_available() {
        MemberState state = engine.apply(null, purchase("p0", "m1", "2025-02-01T10:00:00Z", "100.00")).state();

        Decision refused = engine.apply(state, Redemption.of("x1", "m1", at("2025-03-10T10:00:00Z"), 150));

        assertThat(refused.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 150, available 100"));
    }

    @Test
    void points_expire_at_the_end_of_the_next_calendar_year() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();

        Decision review = engine.reviewTiers(List.of(state), at("2027-01-01T00:00:00Z")).get(0);

        assertThat(review.postings()).extracting(p -> p.type(), p -> p.points(), p -> p.at()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostingType.ACTIVATE, 100L, at("2025-03-17T10:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(PostingType.EXPIRE, -100L, at("2027-01-01T00:00:00Z")));
        assertThat(review.state().ledger().totals().expired()).isEqualTo(100L);
    }

    @Test
    void the_return_window_counts_24_hour_days_so_across_a_clock_change_points_activate_an_hour_off_local_time() {
        // given: New York, 14 pending days; bought at noon EST on 1 March, the clocks go forward on 9 March
        LoyaltyEngine newYork = engine("""
                {"id": "ny", "version": "1", "currency": "USD", "zone": "America/New_York",
                 "earning": {"baseRate": "1"}, "pendingDays": 14, "tiers": {"ladder": [{"id": "member"}]}}""");
        MemberState state = newYork.apply(null, purchase("a1", "m1", "2025-03-01T17:00:00Z", "100.00")).state();

        // when: at 12:30 EDT on 15 March (14 calendar days and a half hour) and at 13:00 EDT (14 x 24 hours)
        Decision early = newYork.apply(state, Redemption.of("x1", "m1", at("2025-03-15T16:30:00Z"), 10));
        Decision due = newYork.apply(state, Redemption.of("x2", "m1", at("2025-03-15T17:00:00Z"), 10));

        // then (docs/semantics.md §11)
        assertThat(early.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 10, available 0"
                + " (100 pending, the first available on 2025-03-15)"));
        assertThat(due.postings()).extracting(p -> p.type() + " " + p.points() + " " + p.at()).containsExactly(
                "ACTIVATE 100 2025-03-15T17:00:00Z", "REDEEM -10 2025-03-15T17:00:00Z");
    }

    @Test
    void a_duplicate_event_id_changes_nothing_and_returns_the_earlier_postings() {
        Purchase p1 = purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00");
        Decision first = engine.apply(null, p1);

        Decision again = engine.apply(first.state(), p1);

        assertThat(again.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
        assertThat(again.state()).isEqualTo(first.state());
        assertThat(again.postings()).isEqualTo(first.postings());
    }

    @Test
    void a_duplicate_returns_the_postings_its_event_booked_and_not_the_activations_of_time_passing() {
        // given: p1 earns 600 pending for 14 days; x1, after the window, activates them and redeems 100
        Purchase p1 = purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00");
        Redemption x1 = Redemption.of("x1", "m1", at("2025-03-20T10:00:00Z"), 100);
        Decision bought = engine.apply(null, p1);
        Decision redeemed = engine.apply(bought.state(), x1);

        // when
        Decision p1Again = engine.apply(redeemed.state(), p1);
        Decision x1Again = engine.apply(redeemed.state(), x1);

        // then: p1's duplicate is its EARN only (the ACTIVATE carrying p1's id was x1's); x1's is its REDEEM only
        assertThat(redeemed.postings()).extracting(p -> p.type() + " " + p.eventId() + " " + p.points())
                .containsExactly("ACTIVATE p1 600", "REDEEM x1 -100");
        assertThat(p1Again.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
        assertThat(p1Again.postings()).isEqualTo(bought.postings());
        assertThat(x1Again.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
        assertThat(x1Again.postings()).isEqualTo(List.of(redeemed.postings().get(1)));
        assertThat(x1Again.state()).isEqualTo(redeemed.state());
        assertThat(x1Again.pointsAwarded()).isZero();
        assertThat(x1Again.explanations()).containsExactly(new Explanation("Duplicate events change nothing", "", 0, "",
                Map.of("event", "x1"), "event x1 was already processed; the postings it booked are returned"));
    }

    @Test
    void a_refund_of_an_unknown_purchase_is_refused() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();

        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-03-05T10:00:00Z"), "p9", usd("10.00")));

        assertThat(refund.refusal()).isEqualTo(new Refusal("UNKNOWN_PURCHASE",
                "refund r1 references purchase 'p9', which member m1 does not have"));
        assertThat(refund.state()).isEqualTo(state);
    }

    @Test
    void a_refund_beyond_what_is_left_to_refund_is_refused() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();
        state = engine.apply(state, Refund.of("r1", "m1", at("2025-03-05T10:00:00Z"), "p1", usd("70.00"))).state();

        Decision refund = engine.apply(state, Refund.of("r2", "m1", at("2025-03-06T10:00:00Z"), "p1", usd("40.00")));

        assertThat(refund.refusal()).isEqualTo(new Refusal("REFUND_EXCEEDS_PURCHASE",
                "refund 40.00 USD exceeds the 30.00 USD left to refund of purchase p1"));
    }

    @Test
    void partial_refunds_that_add_up_to_the_purchase_claw_back_every_point() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "99.99")).state();
        state = engine.apply(state, Refund.of("r1", "m1", at("2025-03-04T10:00:00Z"), "p1", usd("33.33"))).state();
        state = engine.apply(state, Refund.of("r2", "m1", at("2025-03-05T10:00:00Z"), "p1", usd("33.33"))).state();
        state = engine.apply(state, Refund.of("r3", "m1", at("2025-03-06T10:00:00Z"), "p1", usd("33.33"))).state();

        // 99 points: floor(99 x 33.33/99.99 = 33) + (floor(99 x 66.66/99.99 = 66) - 33) + (99 - 66)
        assertThat(state.ledger().totals().clawedBack()).isEqualTo(99L);
        assertThat(state.pointsAvailable() + state.pointsPending()).isZero();
        assertThat(state.growth().lifetime("growth")).isEqualByComparingTo("0");
    }

    @Test
    void a_refund_with_lines_claws_back_only_for_refunded_lines_that_earned() {
        LoyaltyEngine excluding = engine(retail("\"exclusions\": {\"categories\": [\"gasoline\"]}", ""));
        Purchase basket = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "250.00"),
                Programs.line("G1", "grocery", "180.00"), Programs.line("F1", "gasoline", "70.00"));
        MemberState state = excluding.apply(null, basket).state();

        Decision fuel = excluding.apply(state, new Refund("r1", "m1", at("2025-03-04T10:00:00Z"), "p1", usd("70.00"),
                Map.of(), List.of(Programs.line("F1", "gasoline", "70.00"))));
        Decision grocery = excluding.apply(fuel.state(), new Refund("r2", "m1", at("2025-03-05T10:00:00Z"), "p1",
                usd("90.00"), Map.of(), List.of(Programs.line("G1", "grocery", "90.00"))));

        // 180 points on 180 eligible; the fuel refund refunds nothing eligible; 90 of 180 eligible -> 90 points
        assertThat(state.pointsPending() + state.pointsAvailable()).isEqualTo(180L);
        assertThat(fuel.postings()).isEmpty();
        assertThat(grocery.state().ledger().totals().clawedBack()).isEqualTo(90L);
    }

    @Test
    void a_clawback_larger_than_what_is_left_is_recorded_as_unrecovered() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();
        state = engine.apply(state, Redemption.of("x1", "m1", at("2025-03-20T10:00:00Z"), 80)).state();

        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-03-21T10:00:00Z"), "p1", usd("100.00")));

        assertThat(refund.state().pointsAvailable()).isZero();
        assertThat(refund.state().ledger().totals().unrecovered()).isEqualTo(80L);
        assertThat(refund.postings().get(0).explanation()).isEqualTo(
                "refund of 100.00 USD of purchase p1 (100.00 USD) claws back 100 of 100 points and growth 100 of 100; "
                        + "80 points could not be recovered");
    }

    @Test
    void the_clawback_explanation_names_the_growth_taken_back_by_metric() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();

        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-03-21T10:00:00Z"), "p1", usd("50.00")));

        assertThat(refund.explanations()).extracting(Explanation::sentence).contains(
                "refund of 50.00 USD of purchase p1 (100.00 USD) claws back 50 of 100 points and growth 50 of 100");
    }

    @Test
    void under_a_negative_balance_policy_the_shortfall_is_paid_off_by_later_earnings() {
        LoyaltyEngine negative = engine(retail("", "\"refunds\": {\"policy\": \"NEGATIVE_BALANCE\"}"));
        MemberState state = negative.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();
        state = negative.apply(state, Redemption.of("x1", "m1", at("2025-03-04T10:00:00Z"), 80)).state();
        state = negative.apply(state, Refund.of("r1", "m1", at("2025-03-05T10:00:00Z"), "p1", usd("100.00"))).state();
        assertThat(state.pointsAvailable()).isEqualTo(-80L);

        Decision next = negative.apply(state, purchase("p2", "m1", "2025-03-06T10:00:00Z", "50.00"));

        assertThat(next.state().pointsAvailable()).isEqualTo(-30L);
        assertThat(next.state().ledger().isConserved()).isTrue();
    }

    @Test
    void a_reversed_redemption_gives_its_points_back_and_cannot_be_reversed_twice() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();
        state = engine.apply(state, Redemption.of("x1", "m1", at("2025-03-20T10:00:00Z"), 60)).state();

        Decision reversal = engine.apply(state, new RedemptionReversal("v1", "m1", at("2025-03-21T10:00:00Z"), "x1", Map.of()));
        Decision twice = engine.apply(reversal.state(), new RedemptionReversal("v2", "m1", at("2025-03-22T10:00:00Z"), "x1", Map.of()));
        Decision unknown = engine.apply(state, new RedemptionReversal("v3", "m1", at("2025-03-22T10:00:00Z"), "x9", Map.of()));

        assertThat(reversal.state().pointsAvailable()).isEqualTo(100L);
        assertThat(twice.refusal()).isEqualTo(new Refusal("ALREADY_REVERSED", "redemption 'x1' was already reversed"));
        assertThat(unknown.refusal()).isEqualTo(new Refusal("UNKNOWN_REDEMPTION", "no redemption 'x9' for member m1"));
    }

    @Test
    void points_a_reversal_gives_back_after_an_inactivity_deadline_expire_at_the_reversal() {
        // given: one month of inactivity expires everything; 100 earned, all redeemed the next day (the last activity)
        LoyaltyEngine inactive = engine(retail("", "\"expiry\": {\"policy\": \"INACTIVITY\", \"months\": 1}"));
        MemberState state = inactive.apply(null, purchase("p1", "m1", "2025-01-01T10:00:00Z", "100.00")).state();
        state = inactive.apply(state, Redemption.of("x1", "m1", at("2025-01-02T10:00:00Z"), 100)).state();

        // when the redemption is reversed after the deadline (2 February), then 100 are asked for again
        Decision reversal = inactive.apply(state, new RedemptionReversal("v1", "m1", at("2025-03-10T10:00:00Z"), "x1",
                Map.of()));
        Decision again = inactive.apply(reversal.state(), Redemption.of("x2", "m1", at("2025-03-10T10:05:00Z"), 100));

        // then the points come back and expire in the same instant, as they would have at the deadline
        assertThat(reversal.postings()).extracting(p -> p.type(), p -> p.points(), p -> p.at()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostingType.REDEEM_REVERSAL, 100L, at("2025-03-10T10:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(PostingType.EXPIRE, -100L, at("2025-03-10T10:00:00Z")));
        assertThat(reversal.state().pointsAvailable()).isZero();
        assertThat(again.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 100, available 0"));
        assertThat(again.state().ledger().postings()).isEqualTo(reversal.state().ledger().postings());
    }

    @Test
    void an_event_in_another_currency_is_refused() {
        Decision decision = engine.apply(null, Purchase.of("p1", "m1", at("2025-03-03T10:00:00Z"), Money.of("10.00", "EUR")));

        assertThat(decision.refusal()).isEqualTo(new Refusal("CURRENCY_MISMATCH",
                "event p1 is in EUR, the program's currency is USD"));
    }

    @Test
    void a_closed_member_is_refused_everything() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();
        state = engine.apply(state, new Adjustment("a1", "m1", at("2025-03-04T10:00:00Z"), 0, "account closed",
                MemberStatus.CLOSED, Map.of())).state();

        Decision decision = engine.apply(state, purchase("p2", "m1", "2025-03-05T10:00:00Z", "100.00"));

        assertThat(decision.refusal()).isEqualTo(new Refusal("MEMBER_CLOSED", "member m1 is closed"));
    }

    @Test
    void a_staff_adjustment_can_add_or_remove_available_points() {
        MemberState state = engine.apply(null, new Adjustment("a1", "m1", at("2025-03-03T10:00:00Z"), 250,
                "goodwill for a late delivery", null, Map.of())).state();

        Decision removal = engine.apply(state, new Adjustment("a2", "m1", at("2025-03-04T10:00:00Z"), -300,
                "correction", null, Map.of()));

        assertThat(state.pointsAvailable()).isEqualTo(250L);
        assertThat(removal.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS", "adjustment of -300 exceeds available 250"));
    }

    @Test
    void an_adjustment_of_the_smallest_long_is_refused_as_exceeding_what_is_available() {
        // given
        MemberState state = engine.apply(null, Adjustment.of("j0", "m5", at("2025-03-03T09:00:00Z"), 100, "seed"))
                .state();

        // when: -Long.MIN_VALUE overflows back to itself, so it must not be compared negated
        Decision decision = engine.apply(state, Adjustment.of("j5", "m5", at("2025-03-03T10:00:00Z"), Long.MIN_VALUE,
                "min"));

        // then
        assertThat(decision.refusal()).isEqualTo(new Refusal("INSUFFICIENT_POINTS",
                "adjustment of -9223372036854775808 exceeds available 100"));
        assertThat(decision.state()).isSameAs(state);
        assertThat(decision.postings()).isEmpty();
    }

    @Test
    void an_event_for_another_member_than_the_state_is_a_programming_error() {
        MemberState state = engine.newMember("m1", at("2025-01-01T00:00:00Z"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        engine.apply(state, purchase("p1", "m2", "2025-03-03T10:00:00Z", "1.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event p1 is for member 'm2', but the state given is of member 'm1'");
    }
}
