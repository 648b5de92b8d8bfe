package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.core.points.Ledgers.applied;
import static org.loyaltyrules.core.points.Ledgers.at;
import static org.loyaltyrules.core.points.Ledgers.earnNow;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PointsLedgerAdjustmentTest {

    private static final Instant EARNED = at("2025-03-01T10:00:00Z");
    private static final Instant ADJUSTED = at("2025-03-10T10:00:00Z");
    private static final Instant EXPIRES = at("2026-03-10T10:00:00Z");

    @Test
    void a_positive_adjustment_becomes_an_available_lot() {
        // given
        PointsLedger ledger = PointsLedger.empty("m1");

        // when
        PointsLedger after = applied(ledger.adjust("a1", ADJUSTED, 150, EXPIRES, "adjustment", "Goodwill"));

        // then
        assertThat(after.lots()).containsExactly(new PointsLot("a1", 150, 150, ADJUSTED, ADJUSTED, EXPIRES, true, false));
        assertThat(after.postings()).containsExactly(
                new Posting("a1", "m1", ADJUSTED, PostingType.ADJUST, 150, "adjustment", "Goodwill"));
        assertThat(after.totals()).isEqualTo(new LedgerTotals(0, 0, 0, 0, 0, 150, 0));
        assertThat(after.lastActivityAt()).isEmpty();
    }

    @Test
    void a_negative_adjustment_takes_from_available_points() {
        // given
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", EARNED, 320);

        // when
        PointsLedger after = applied(ledger.adjust("a1", ADJUSTED, -120, null, "adjustment", "Duplicate award"));

        // then
        assertThat(after.available()).isEqualTo(200L);
        assertThat(after.postingsSince(ledger)).containsExactly(
                new Posting("a1", "m1", ADJUSTED, PostingType.ADJUST, -120, "adjustment", "Duplicate award"));
        assertThat(after.totals()).isEqualTo(new LedgerTotals(320, 0, 0, 0, 0, 0, 120));
        assertThat(after.isConserved()).isTrue();
    }

    @Test
    void a_negative_adjustment_beyond_available_points_is_refused() {
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", EARNED, 320);

        assertThat(ledger.adjust("a1", ADJUSTED, -500, null, "adjustment", "Oops")).isEqualTo(
                new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.INSUFFICIENT_POINTS,
                        "adjustment of -500 exceeds available 320")));
    }

    @Test
    void an_adjustment_of_the_smallest_long_is_refused_like_any_debit_beyond_available_points() {
        // given: -Long.MIN_VALUE is Long.MIN_VALUE again, so a check on -points let it through
        PointsLedger ledger = earnNow(PointsLedger.empty("m1"), "p1", EARNED, 100);

        // when
        LedgerOutcome outcome = ledger.adjust("a1", ADJUSTED, Long.MIN_VALUE, null, "adjustment", "min");

        // then
        assertThat(outcome).isEqualTo(new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.INSUFFICIENT_POINTS,
                "adjustment of -9223372036854775808 exceeds available 100")));
    }

    @Test
    void an_adjustment_of_the_smallest_long_is_refused_on_an_empty_ledger() {
        assertThat(PointsLedger.empty("m1").adjust("a1", ADJUSTED, Long.MIN_VALUE, null, "adjustment", "min"))
                .isEqualTo(new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.INSUFFICIENT_POINTS,
                        "adjustment of -9223372036854775808 exceeds available 0")));
    }

    @Test
    void a_debit_of_the_largest_long_takes_every_point_of_a_full_ledger() {
        // given
        PointsLedger ledger = applied(PointsLedger.empty("m1").adjust("a0", EARNED, Long.MAX_VALUE, null, "adjustment",
                "max"));

        // when
        PointsLedger after = applied(ledger.adjust("a1", ADJUSTED, -Long.MAX_VALUE, null, "adjustment", "all"));

        // then
        assertThat(after.available()).isZero();
        assertThat(after.totals()).isEqualTo(new LedgerTotals(0, 0, 0, 0, 0, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(after.isConserved()).isTrue();
    }

    @Test
    void lifetime_credits_beyond_a_long_conserve_while_the_balance_fits() {
        // given: 10 earned and redeemed, then the largest long credited: earned + adjustedIn passes a long
        PointsLedger spent = applied(earnNow(PointsLedger.empty("m1"), "p1", EARNED, 10)
                .redeem("x1", EARNED, 10, "redeem", "spent"));

        // when
        PointsLedger after = applied(spent.adjust("a1", ADJUSTED, Long.MAX_VALUE, null, "adjustment", "max"));

        // then
        assertThat(after.available()).isEqualTo(Long.MAX_VALUE);
        assertThat(after.totals()).isEqualTo(new LedgerTotals(10, 10, 0, 0, 0, Long.MAX_VALUE, 0));
        assertThat(after.isConserved()).isTrue();
    }

    @Test
    void a_balance_beyond_a_long_cannot_be_checked_and_says_which_sum_overflowed() {
        // given: two lots that each fit, together one more than a long holds
        PointsLedger full = applied(PointsLedger.empty("m1").adjust("a1", EARNED, Long.MAX_VALUE, null, "adjustment",
                "max"));
        PointsLedger beyond = earnNow(full, "p1", ADJUSTED, 1);

        // when / then
        assertThatThrownBy(beyond::isConserved).isInstanceOf(ArithmeticException.class)
                .hasMessage("Overflow: 9223372036854775807 + 1 exceeds 9223372036854775807");
    }

    @Test
    void a_positive_adjustment_pays_off_a_negative_balance_first() {
        // given: a 300-point debt
        PointsLedger indebted = applied(earnNow(PointsLedger.empty("m1"), "p1", EARNED, 300)
                .redeem("x1", EARNED, 300, "redemption", "")).clawBack("r1", ADJUSTED, "p1", 300,
                RefundPolicy.NEGATIVE_BALANCE, "refund", "");

        // when
        PointsLedger after = applied(indebted.adjust("a1", ADJUSTED, 500, null, "adjustment", "Goodwill"));

        // then
        assertThat(after.debt()).isZero();
        assertThat(after.available()).isEqualTo(200L);
        assertThat(after.isConserved()).isTrue();
    }
}
