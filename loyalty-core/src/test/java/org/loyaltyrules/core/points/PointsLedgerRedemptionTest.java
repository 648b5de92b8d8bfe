package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.core.points.Ledgers.CALENDAR;
import static org.loyaltyrules.core.points.Ledgers.applied;
import static org.loyaltyrules.core.points.Ledgers.at;
import static org.loyaltyrules.core.points.Ledgers.earnNow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointsLedgerRedemptionTest {

    private static final Instant JAN = at("2025-01-10T10:00:00Z");
    private static final Instant FEB = at("2025-02-01T10:00:00Z");
    private static final Instant MAR = at("2025-03-01T10:00:00Z");
    private static final Instant JUN_END = at("2025-06-30T22:00:00Z");
    private static final Instant DEC_END = at("2025-12-31T23:00:00Z");
    private static final Instant REDEEMED = at("2025-04-01T10:00:00Z");

    /** Jan lot 100 expiring at year end, Feb lot 100 expiring end of June, Mar lot 200 never expiring. */
    private static PointsLedger threeLots() {
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p-jan", JAN, 100, DEC_END);
        ledger = earnNow(ledger, "p-feb", FEB, 100, JUN_END);
        return earnNow(ledger, "p-mar", MAR, 200);
    }

    @Test
    void redemption_consumes_lots_in_expiry_order() {
        // given
        PointsLedger ledger = threeLots();

        // when
        PointsLedger after = applied(ledger.redeem("x1", REDEEMED, 250, "redemption", "Voucher 250"));

        // then: June lot, then December lot, then 50 of the never-expiring lot
        assertThat(after.redemptions()).containsExactly(new RedemptionRecord("x1", REDEEMED, 250, List.of(
                new LotDraw("p-feb", 100, FEB, FEB, JUN_END),
                new LotDraw("p-jan", 100, JAN, JAN, DEC_END),
                new LotDraw("p-mar", 50, MAR, MAR, null)), false));
        assertThat(after.lots()).containsExactly(new PointsLot("p-mar", 200, 150, MAR, MAR, null, true, false));
        assertThat(after.postingsSince(ledger)).containsExactly(
                new Posting("x1", "m1", REDEEMED, PostingType.REDEEM, -250, "redemption", "Voucher 250"));
        assertThat(after.totals()).isEqualTo(new LedgerTotals(400, 250, 0, 0, 0, 0, 0));
        assertThat(after.lastActivityAt()).contains(REDEEMED);
    }

    @Test
    void redemption_takes_the_first_earned_lot_first_when_expiries_tie() {
        // given
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p-feb", FEB, 100, DEC_END);
        ledger = earnNow(ledger, "p-jan", JAN, 100, DEC_END);

        // when
        PointsLedger after = applied(ledger.redeem("x1", REDEEMED, 30, "redemption", "Coffee"));

        // then
        assertThat(after.redemptions().get(0).draws()).containsExactly(new LotDraw("p-jan", 30, JAN, JAN, DEC_END));
    }

    @Test
    void redemption_never_exceeds_available_points() {
        // given: 320 available and 100 still pending
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", JAN, 320);
        ledger = ledger.earn("p2", FEB, FEB.plus(Duration.ofDays(30)), null, false, Ledgers.base(100));

        // when
        LedgerOutcome outcome = ledger.redeem("x1", REDEEMED.minus(Duration.ofDays(60)), 500, "redemption", "TV");

        // then
        assertThat(outcome).isEqualTo(new LedgerOutcome.Refused(
                new LedgerRefusal(LedgerRefusal.Code.INSUFFICIENT_POINTS, "requested 500, available 320")));
    }

    @Test
    void redeeming_exactly_what_is_available_empties_the_ledger() {
        PointsLedger after = applied(threeLots().redeem("x1", REDEEMED, 400, "redemption", "Bike"));

        assertThat(after.available()).isZero();
        assertThat(after.lots()).isEmpty();
    }

    @Test
    void a_reversal_gives_the_points_back_to_the_lots_they_came_from() {
        // given
        PointsLedger redeemed = applied(threeLots().redeem("x1", REDEEMED, 250, "redemption", "Voucher 250"));
        Instant reversedAt = at("2025-04-02T10:00:00Z");

        // when
        PointsLedger reversed = applied(redeemed.reverseRedemption("x1r", reversedAt, "x1", "reversal",
                "Voucher cancelled"));

        // then: the emptied lots come back with their own dates and expiries
        assertThat(reversed.lots()).containsExactlyInAnyOrder(
                new PointsLot("p-jan", 100, 100, JAN, JAN, DEC_END, true, false),
                new PointsLot("p-feb", 100, 100, FEB, FEB, JUN_END, true, false),
                new PointsLot("p-mar", 200, 200, MAR, MAR, null, true, false));
        assertThat(reversed.available()).isEqualTo(400L);
        assertThat(reversed.postingsSince(redeemed)).containsExactly(new Posting("x1r", "m1", reversedAt,
                PostingType.REDEEM_REVERSAL, 250, "reversal", "Voucher cancelled"));
        assertThat(reversed.totals()).isEqualTo(new LedgerTotals(400, 0, 0, 0, 0, 0, 0));
        assertThat(reversed.redemptions().get(0).reversed()).isTrue();
    }

    @Test
    void reversed_points_past_their_expiry_expire_at_the_reversal() {
        // given: redeemed from the June lot, reversed in July
        PointsLedger redeemed = applied(earnNow(PointsLedger.empty("m1"), "p-feb", FEB, 100, JUN_END)
                .redeem("x1", REDEEMED, 60, "redemption", "Mug"));
        Instant july = at("2025-07-05T10:00:00Z");
        PointsLedger inJuly = redeemed.advanceTo(july, new ExpiryPolicy.FixedDays(150), CALENDAR);

        // when
        PointsLedger reversed = applied(inJuly.reverseRedemption("x1r", july, "x1", "reversal", "Mug returned"));

        // then: the 60 come back and expire in the same instant, after the reversal in the ledger's order
        assertThat(inJuly.totals().expired()).isEqualTo(40L);
        assertThat(reversed.available()).isZero();
        assertThat(reversed.postingsSince(inJuly)).containsExactly(
                new Posting("x1r", "m1", july, PostingType.REDEEM_REVERSAL, 60, "reversal", "Mug returned"),
                new Posting("p-feb", "m1", july, PostingType.EXPIRE, -60, "",
                        "60 points given back by x1r had expired at " + JUN_END));
        assertThat(reversed.totals()).isEqualTo(new LedgerTotals(100, 0, 100, 0, 0, 0, 0));
        assertThat(reversed.advanceTo(july, new ExpiryPolicy.FixedDays(150), CALENDAR)).isEqualTo(reversed);
    }

    @Test
    void reversed_points_past_their_expiry_are_dated_on_the_programs_calendar_when_it_is_given() {
        // given: the June lot (expiring at the end of 30 June in Paris, 22:00 UTC) redeemed, reversed in July
        PointsLedger redeemed = applied(earnNow(PointsLedger.empty("m1"), "p-feb", FEB, 100, JUN_END)
                .redeem("x1", REDEEMED, 60, "redemption", "Mug"));
        Instant july = at("2025-07-05T10:00:00Z");
        ExpiryPolicy fixed = new ExpiryPolicy.FixedDays(150);
        PointsLedger inJuly = redeemed.advanceTo(july, fixed, CALENDAR);

        // when
        PointsLedger reversed = applied(inJuly.reverseRedemption("x1r", july, "x1", "reversal", "Mug returned",
                fixed, CALENDAR));

        // then: the text gives the day the lot lapsed in Paris, as the ledger's other texts date, not a UTC instant
        assertThat(reversed.postingsSince(inJuly)).containsExactly(
                new Posting("x1r", "m1", july, PostingType.REDEEM_REVERSAL, 60, "reversal", "Mug returned"),
                new Posting("p-feb", "m1", july, PostingType.EXPIRE, -60, "",
                        "60 points given back by x1r had expired on 2025-07-01"));
    }

    @Test
    void reversed_points_past_an_inactivity_deadline_expire_at_the_reversal() {
        // given: 100 earned on 1 January and all redeemed on 2 January (the last activity); one month of inactivity
        // lapses on 2 February with nothing left to expire; the redemption is reversed on 10 March
        ExpiryPolicy inactivity = new ExpiryPolicy.Inactivity(1);
        PointsLedger redeemed = applied(earnNow(PointsLedger.empty("m1"), "p1", at("2025-01-01T10:00:00Z"), 100)
                .redeem("x1", at("2025-01-02T10:00:00Z"), 100, "redemption", "Mug"));
        Instant march = at("2025-03-10T10:00:00Z");
        PointsLedger inMarch = redeemed.advanceTo(march, inactivity, CALENDAR);

        // when
        PointsLedger reversed = applied(inMarch.reverseRedemption("x1r", march, "x1", "reversal", "Mug returned",
                inactivity, CALENDAR));

        // then: the 100 come back and expire at once, dated at the reversal (not at the past deadline), so the
        // ledger still reads in time order and nothing is left to expire later
        assertThat(inMarch.postingsSince(redeemed)).isEmpty();
        assertThat(reversed.available()).isZero();
        assertThat(reversed.postingsSince(inMarch)).containsExactly(
                new Posting("x1r", "m1", march, PostingType.REDEEM_REVERSAL, 100, "reversal", "Mug returned"),
                new Posting("p1", "m1", march, PostingType.EXPIRE, -100, "", "100 points given back by x1r had"
                        + " expired after inactivity since 2025-01-02 (deadline 2025-02-02)"));
        assertThat(reversed.totals()).isEqualTo(new LedgerTotals(100, 0, 100, 0, 0, 0, 0));
        assertThat(reversed.advanceTo(at("2025-03-10T10:05:00Z"), inactivity, CALENDAR)).isEqualTo(reversed);
    }

    @Test
    void a_reversal_after_an_inactivity_deadline_leaves_points_credited_at_its_very_instant() {
        // given: 100 earned on 15 March, 50 redeemed on 20 March at 12:00 in Paris (the last activity); three months
        // on, at the deadline's very instant (12:00 CEST, 10:00Z), 30 are credited, after the lapse that took the
        // other 50; x1 is reversed a day later
        ExpiryPolicy inactivity = new ExpiryPolicy.Inactivity(3);
        PointsLedger redeemed = applied(earnNow(PointsLedger.empty("m1"), "p1", at("2025-03-15T10:00:00Z"), 100)
                .redeem("x1", at("2025-03-20T11:00:00Z"), 50, "redemption", "Mug"));
        Instant deadline = at("2025-06-20T10:00:00Z");
        PointsLedger credited = applied(redeemed.advanceTo(deadline, inactivity, CALENDAR)
                .adjust("a1", deadline, 30, null, "adjustment", "Goodwill"));
        Instant nextDay = at("2025-06-21T11:00:00Z");

        // when
        PointsLedger reversed = applied(credited.advanceTo(nextDay, inactivity, CALENDAR)
                .reverseRedemption("x1r", nextDay, "x1", "reversal", "Mug returned", inactivity, CALENDAR));

        // then: the 50 given back expire at once; the 30, which the reversal did not give back, stay (the reversal
        // expired them too, saying it had given them back)
        assertThat(reversed.postingsSince(credited)).containsExactly(
                new Posting("x1r", "m1", nextDay, PostingType.REDEEM_REVERSAL, 50, "reversal", "Mug returned"),
                new Posting("p1", "m1", nextDay, PostingType.EXPIRE, -50, "", "50 points given back by x1r had"
                        + " expired after inactivity since 2025-03-20 (deadline 2025-06-20)"));
        assertThat(reversed.available()).isEqualTo(30L);
        assertThat(reversed.totals()).isEqualTo(new LedgerTotals(100, 0, 100, 0, 0, 30, 0));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "next activity at {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2025-04-01T10:00:00Z", "2025-03-12T10:00:00Z"})
    void reversed_points_of_a_lot_that_lapsed_for_inactivity_expire_even_after_later_activity_moved_the_deadline(
            String activity) {
        // given: 100 earned on 1 January, 60 redeemed on 12 January; two months of inactivity lapse the other 40 on
        // 12 March 10:00; a purchase on 1 April earns 8 (new activity: the member's deadline is now 1 June), or one
        // at the deadline's very instant, which comes too late too: time passes before the event
        ExpiryPolicy inactivity = new ExpiryPolicy.Inactivity(2);
        PointsLedger redeemed = applied(earnNow(PointsLedger.empty("m1"), "p1", at("2025-01-01T10:00:00Z"), 100)
                .redeem("x1", at("2025-01-12T10:00:00Z"), 60, "redemption", "Mug"));
        Instant april = at(activity);
        PointsLedger active = earnNow(redeemed.advanceTo(april, inactivity, CALENDAR), "p2", april, 8);
        Instant reversalAt = at("2025-04-10T10:00:00Z");
        PointsLedger beforeReversal = active.advanceTo(reversalAt, inactivity, CALENDAR);

        // when the January redemption is reversed on 10 April
        PointsLedger reversed = applied(beforeReversal.reverseRedemption("x1r", reversalAt, "x1", "reversal",
                "Mug returned", inactivity, CALENDAR));

        // then the 60 go back to the January lot, which expired on 12 March, and expire at once: they were never
        // to be spent again (they used to come back available, 68 to spend with the 8 of April)
        assertThat(active.postingsSince(redeemed)).startsWith(new Posting("p1", "m1", at("2025-03-12T10:00:00Z"),
                PostingType.EXPIRE, -40, "", "40 points expired after inactivity since 2025-01-12"));
        assertThat(reversed.postingsSince(beforeReversal)).containsExactly(
                new Posting("x1r", "m1", reversalAt, PostingType.REDEEM_REVERSAL, 60, "reversal", "Mug returned"),
                new Posting("p1", "m1", reversalAt, PostingType.EXPIRE, -60, "", "60 points given back by x1r had"
                        + " expired after inactivity (deadline 2025-03-12), before later activity"));
        assertThat(reversed.available()).isEqualTo(8);
        assertThat(reversed.totals()).isEqualTo(new LedgerTotals(108, 0, 100, 0, 0, 0, 0));
    }

    @Test
    void reversed_points_of_a_lot_all_redeemed_before_an_inactivity_deadline_expire_after_later_activity_too() {
        // given: 100 earned on 1 January and all redeemed on 12 January; the 12 March deadline passes with nothing
        // left to expire; a purchase on 1 April earns 8
        ExpiryPolicy inactivity = new ExpiryPolicy.Inactivity(2);
        PointsLedger redeemed = applied(earnNow(PointsLedger.empty("m1"), "p1", at("2025-01-01T10:00:00Z"), 100)
                .redeem("x1", at("2025-01-12T10:00:00Z"), 100, "redemption", "Mug"));
        Instant april = at("2025-04-01T10:00:00Z");
        PointsLedger active = earnNow(redeemed.advanceTo(april, inactivity, CALENDAR), "p2", april, 8);

        // when the redemption is reversed on 10 April
        PointsLedger reversed = applied(active.reverseRedemption("x1r", at("2025-04-10T10:00:00Z"), "x1",
                "reversal", "Mug returned", inactivity, CALENDAR));

        // then the 100 would have lapsed on 12 March had they not been out: they expire at once
        assertThat(reversed.available()).isEqualTo(8);
        assertThat(reversed.totals()).isEqualTo(new LedgerTotals(108, 0, 100, 0, 0, 0, 0));
    }

    @Test
    void a_lot_a_reversal_refills_keeps_its_first_in_first_out_place_among_lots_earned_at_the_same_instant() {
        // given two lots of 10 earned at the same instant, p1 first; a redemption of 10 empties p1 and is reversed
        Instant jan = at("2025-01-01T10:00:00Z");
        PointsLedger two = earnNow(earnNow(PointsLedger.empty("m1"), "p1", jan, 10), "p2", jan, 10);
        PointsLedger refilled = applied(applied(two.redeem("x1", at("2025-01-02T10:00:00Z"), 10, "redemption", ""))
                .reverseRedemption("x1r", at("2025-01-03T10:00:00Z"), "x1", "reversal", ""));

        // when 5 are redeemed
        PointsLedger after = applied(refilled.redeem("x2", at("2025-01-04T10:00:00Z"), 5, "redemption", ""));

        // then they come from p1, credited first (the refilled lot used to go last, and the 5 came from p2)
        assertThat(refilled.lots()).extracting(PointsLot::sourceEventId).containsExactly("p1", "p2");
        assertThat(after.lots()).extracting(PointsLot::sourceEventId, PointsLot::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", 5L),
                        org.assertj.core.groups.Tuple.tuple("p2", 10L));
    }

    @Test
    void a_reversal_leaves_a_lot_it_did_not_refill_alone_also_one_earned_at_a_past_inactivity_deadline() {
        // given: 100 earned on 1 January 10:00 lapse at the one-month deadline, 1 February 10:00; at that very instant
        // p2 earns 50, pending for 14 days (earned after the lapse: time passes before the event); 20 adjusted in on
        // 2 February are redeemed on 3 February
        ExpiryPolicy inactivity = new ExpiryPolicy.Inactivity(1);
        Instant deadline = at("2025-02-01T10:00:00Z");
        PointsLedger p1 = earnNow(PointsLedger.empty("m1"), "p1", at("2025-01-01T10:00:00Z"), 100);
        PointsLedger p2 = p1.advanceTo(deadline, inactivity, CALENDAR)
                .earn("p2", deadline, at("2025-02-15T10:00:00Z"), null, false, Ledgers.base(50));
        PointsLedger adjusted = applied(p2.advanceTo(at("2025-02-02T10:00:00Z"), inactivity, CALENDAR)
                .adjust("a1", at("2025-02-02T10:00:00Z"), 20, null, "adjustment", "goodwill"));
        PointsLedger redeemed = applied(adjusted.redeem("x1", at("2025-02-03T10:00:00Z"), 20, "redemption", ""));

        // when the redemption is reversed on 4 February
        PointsLedger reversed = applied(redeemed.advanceTo(at("2025-02-04T10:00:00Z"), inactivity, CALENDAR)
                .reverseRedemption("x1r", at("2025-02-04T10:00:00Z"), "x1", "reversal", "", inactivity, CALENDAR));

        // then the 20 come back to a1, and p2's 50 stay pending: only the 100 of p1 ever lapsed
        assertThat(reversed.available()).isEqualTo(20);
        assertThat(reversed.pending()).isEqualTo(50);
        assertThat(reversed.totals().expired()).isEqualTo(100);
    }

    @Test
    void reversing_an_unknown_redemption_is_refused() {
        assertThat(threeLots().reverseRedemption("x9r", REDEEMED, "x9", "reversal", ""))
                .isEqualTo(new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.UNKNOWN_REDEMPTION,
                        "no redemption 'x9' for member m1")));
    }

    @Test
    void reversing_a_redemption_twice_is_refused() {
        // given
        PointsLedger once = applied(applied(threeLots().redeem("x1", REDEEMED, 250, "redemption", ""))
                .reverseRedemption("x1r", REDEEMED, "x1", "reversal", ""));

        // when / then
        assertThat(once.reverseRedemption("x1r2", REDEEMED, "x1", "reversal", ""))
                .isEqualTo(new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.ALREADY_REVERSED,
                        "redemption 'x1' was already reversed")));
    }
}
