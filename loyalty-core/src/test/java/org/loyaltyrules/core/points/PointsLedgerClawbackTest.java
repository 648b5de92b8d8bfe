package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.core.points.Ledgers.applied;
import static org.loyaltyrules.core.points.Ledgers.at;
import static org.loyaltyrules.core.points.Ledgers.earnNow;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PointsLedgerClawbackTest {

    private static final Instant P1 = at("2025-03-01T10:00:00Z");
    private static final Instant P2 = at("2025-03-05T10:00:00Z");
    private static final Instant REFUND = at("2025-03-10T10:00:00Z");

    @Test
    void a_clawback_takes_from_the_purchase_own_lot_first_even_while_pending() {
        // given: p1's 300 are still pending, p2's 500 are available
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", P1, P1.plus(Duration.ofDays(30)), null, false,
                Ledgers.base(300));
        ledger = earnNow(ledger, "p2", P2, 500);

        // when
        PointsLedger after = ledger.clawBack("r1", REFUND, "p1", 200, RefundPolicy.RECOVER_AVAILABLE, "refund",
                "Refund of 40.00 USD on p1");

        // then
        assertThat(after.pending()).isEqualTo(100L);
        assertThat(after.available()).isEqualTo(500L);
        assertThat(after.postingsSince(ledger)).containsExactly(new Posting("r1", "m1", REFUND, PostingType.CLAWBACK,
                -200, "refund", "Refund of 40.00 USD on p1"));
        assertThat(after.totals()).isEqualTo(new LedgerTotals(800, 0, 0, 200, 0, 0, 0));
    }

    @Test
    void a_clawback_larger_than_the_own_lot_takes_the_rest_from_other_available_points() {
        // given: p1 expires first, so redeeming 200 left 100 in p1's lot
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", P1, 300, at("2025-12-31T00:00:00Z"));
        ledger = earnNow(ledger, "p2", P2, 500);
        ledger = applied(ledger.redeem("x1", P2, 200, "redemption", "Mug"));

        // when
        PointsLedger after = ledger.clawBack("r1", REFUND, "p1", 300, RefundPolicy.RECOVER_AVAILABLE, "refund",
                "Refund of p1");

        // then: 100 from p1's lot, 200 from p2's
        assertThat(after.lots()).containsExactly(new PointsLot("p2", 500, 300, P2, P2, null, true, false));
        assertThat(after.available()).isEqualTo(300L);
        assertThat(after.totals()).isEqualTo(new LedgerTotals(800, 200, 0, 300, 0, 0, 0));
    }

    @Test
    void under_negative_balance_a_shortfall_becomes_debt_that_later_earning_pays_off() {
        // given: all 300 points of p1 were redeemed
        PointsLedger ledger = applied(earnNow(PointsLedger.empty("m1"), "p1", P1, 300)
                .redeem("x1", P2, 300, "redemption", "Headphones"));

        // when
        PointsLedger clawed = ledger.clawBack("r1", REFUND, "p1", 300, RefundPolicy.NEGATIVE_BALANCE, "refund",
                "Refund of p1");
        PointsLedger earnedAgain = earnNow(clawed, "p3", at("2025-03-20T10:00:00Z"), 500);

        // then
        assertThat(clawed.available()).isEqualTo(-300L);
        assertThat(clawed.debt()).isEqualTo(300L);
        assertThat(clawed.postingsSince(ledger)).containsExactly(new Posting("r1", "m1", REFUND, PostingType.CLAWBACK,
                -300, "refund", "Refund of p1; 300 points left as a negative balance"));
        assertThat(clawed.totals()).isEqualTo(new LedgerTotals(300, 300, 0, 300, 0, 0, 0));
        assertThat(clawed.isConserved()).isTrue();
        assertThat(earnedAgain.debt()).isZero();
        assertThat(earnedAgain.available()).isEqualTo(200L);
        assertThat(earnedAgain.lots()).containsExactly(new PointsLot("p3", 500, 200, at("2025-03-20T10:00:00Z"),
                at("2025-03-20T10:00:00Z"), null, true, false));
        assertThat(earnedAgain.isConserved()).isTrue();
    }

    @Test
    void ledger_texts_are_the_same_whatever_the_default_locale() {
        // given: a JVM whose default locale writes other digits (Arabic-Indic in ar-EG)
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("ar-EG"));
        try {
            PointsLedger ledger = applied(earnNow(PointsLedger.empty("m1"), "p1", P1, 300)
                    .redeem("x1", P2, 200, "redemption", "Mug"));

            // when the refund's clawback falls short, and a redemption asks for more than is left
            PointsLedger after = ledger.clawBack("r1", REFUND, "p1", 300, RefundPolicy.RECOVER_AVAILABLE, "refund",
                    "Refund of p1");
            LedgerOutcome tooMuch = ledger.redeem("x2", REFUND, 500, "redemption", "");

            // then the texts that end in the stored state and in refusals have ASCII digits
            assertThat(after.postingsSince(ledger)).extracting(Posting::explanation)
                    .containsExactly("Refund of p1; 200 points could not be recovered");
            assertThat(tooMuch).isEqualTo(new LedgerOutcome.Refused(new LedgerRefusal(
                    LedgerRefusal.Code.INSUFFICIENT_POINTS, "requested 500, available 100")));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void a_negative_balance_blocks_redemption() {
        PointsLedger clawed = applied(earnNow(PointsLedger.empty("m1"), "p1", P1, 300)
                .redeem("x1", P2, 300, "redemption", "")).clawBack("r1", REFUND, "p1", 300,
                RefundPolicy.NEGATIVE_BALANCE, "refund", "");

        assertThat(clawed.redeem("x2", REFUND, 1, "redemption", "")).isEqualTo(new LedgerOutcome.Refused(
                new LedgerRefusal(LedgerRefusal.Code.INSUFFICIENT_POINTS, "requested 1, available -300")));
    }

    @Test
    void under_recover_available_the_shortfall_is_recorded_as_unrecovered() {
        // given: 200 of p1's 300 were redeemed, 100 remain
        PointsLedger ledger = applied(earnNow(PointsLedger.empty("m1"), "p1", P1, 300)
                .redeem("x1", P2, 200, "redemption", "Mug"));

        // when
        PointsLedger after = ledger.clawBack("r1", REFUND, "p1", 300, RefundPolicy.RECOVER_AVAILABLE, "refund",
                "Refund of p1");

        // then
        assertThat(after.available()).isZero();
        assertThat(after.debt()).isZero();
        assertThat(after.postingsSince(ledger)).containsExactly(new Posting("r1", "m1", REFUND, PostingType.CLAWBACK,
                -300, "refund", "Refund of p1; 200 points could not be recovered"));
        assertThat(after.totals()).isEqualTo(new LedgerTotals(300, 200, 0, 300, 200, 0, 0));
        assertThat(after.isConserved()).isTrue();
    }

    @Test
    void a_clawback_of_zero_points_changes_nothing() {
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", P1, 300);

        assertThat(ledger.clawBack("r1", REFUND, "p1", 0, RefundPolicy.NEGATIVE_BALANCE, "refund", ""))
                .isSameAs(ledger);
    }

    @Test
    void clawing_back_several_purchases_takes_every_own_lot_before_any_shortfall() {
        // given: p1's 300 all redeemed (it expires first), p2's 500 untouched
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", P1, 300, at("2025-12-31T00:00:00Z"));
        ledger = earnNow(ledger, "p2", P2, 500);
        ledger = applied(ledger.redeem("x1", P2, 300, "redemption", "Mug"));

        // when: one event takes both back, p1 first
        PointsLedger.Clawbacks clawed = ledger.clawBack("f1r", REFUND, java.util.List.of(
                new PointsLedger.Clawback("p1", 300, "forfeit", "p1 gives back its 300 points"),
                new PointsLedger.Clawback("p2", 500, "forfeit", "p2 gives back its 500 points")),
                RefundPolicy.RECOVER_AVAILABLE);

        // then: p2's own lot goes back for p2, so p1's 300 (spent) are its own shortfall; taken one after the
        // other, p1 would have taken 300 of p2's lot and p2 would have recorded 300 it could not recover
        assertThat(clawed.unrecovered()).containsExactly(300L, 0L);
        assertThat(clawed.ledger().postingsSince(ledger)).containsExactly(
                new Posting("f1r", "m1", REFUND, PostingType.CLAWBACK, -300, "forfeit",
                        "p1 gives back its 300 points; 300 points could not be recovered"),
                new Posting("f1r", "m1", REFUND, PostingType.CLAWBACK, -500, "forfeit",
                        "p2 gives back its 500 points"));
        assertThat(clawed.ledger().available()).isZero();
        assertThat(clawed.ledger().totals()).isEqualTo(new LedgerTotals(800, 300, 0, 800, 300, 0, 0));
        assertThat(clawed.ledger().isConserved()).isTrue();
        // the totals are those of one purchase taken back after the other; only whose shortfall it is differs
        PointsLedger oneByOne = ledger.clawBack("f1r", REFUND, "p1", 300, RefundPolicy.RECOVER_AVAILABLE, "forfeit", "")
                .clawBack("f1r", REFUND, "p2", 500, RefundPolicy.RECOVER_AVAILABLE, "forfeit", "");
        assertThat(oneByOne.totals()).isEqualTo(clawed.ledger().totals());
    }

    @Test
    void a_shortfall_left_after_every_own_lot_is_taken_from_other_available_points_in_order() {
        // given: 400 redeemed from the lots that expire first, all of p1's 300 and 100 of p2's 200; p3 is not forfeited
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", P1, 300, at("2025-06-30T00:00:00Z"));
        ledger = earnNow(ledger, "p2", P2, 200, at("2025-07-31T00:00:00Z"));
        ledger = earnNow(ledger, "p3", P2, 400);
        ledger = applied(ledger.redeem("x1", P2, 400, "redemption", "Bag")); // p1's 300, then 100 of p2's

        // when
        PointsLedger.Clawbacks clawed = ledger.clawBack("f1r", REFUND, java.util.List.of(
                new PointsLedger.Clawback("p1", 300, "forfeit", "p1"),
                new PointsLedger.Clawback("p2", 200, "forfeit", "p2")), RefundPolicy.RECOVER_AVAILABLE);

        // then: p2's own 100 first; then p1's 300 from p3's 400, p2's other 100 from the 100 left of p3
        assertThat(clawed.unrecovered()).containsExactly(0L, 0L);
        assertThat(clawed.ledger().available()).isZero();
        assertThat(clawed.ledger().totals()).isEqualTo(new LedgerTotals(900, 400, 0, 500, 0, 0, 0));
    }
}
