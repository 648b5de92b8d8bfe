package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.core.points.Ledgers.CALENDAR;
import static org.loyaltyrules.core.points.Ledgers.NEVER;
import static org.loyaltyrules.core.points.Ledgers.at;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointsLedgerPendingTest {

    private static final Instant BOUGHT = at("2025-03-03T10:00:00Z");
    private static final Instant RETURN_WINDOW_ENDS = BOUGHT.plus(Duration.ofDays(30));

    @Test
    void points_earned_inside_the_return_window_are_pending() {
        // when
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", BOUGHT, RETURN_WINDOW_ENDS, null, false,
                List.of(new EarnLine("base", 200, "Base = 200"), new EarnLine("tier-bonus", 40, "Gold bonus = 40"),
                        new EarnLine("campaign", 0, "Campaign = 0")));

        // then: one lot, one EARN per rule that gave points
        assertThat(ledger.pending()).isEqualTo(240L);
        assertThat(ledger.available()).isZero();
        assertThat(ledger.lots()).containsExactly(
                new PointsLot("p1", 240, 240, BOUGHT, RETURN_WINDOW_ENDS, null, false, false));
        assertThat(ledger.postings()).containsExactly(
                new Posting("p1", "m1", BOUGHT, PostingType.EARN, 200, "base", "Base = 200"),
                new Posting("p1", "m1", BOUGHT, PostingType.EARN, 40, "tier-bonus", "Gold bonus = 40"));
        assertThat(ledger.totals()).isEqualTo(new LedgerTotals(240, 0, 0, 0, 0, 0, 0));
        assertThat(ledger.lastActivityAt()).contains(BOUGHT);
    }

    @Test
    void pending_points_become_available_when_the_return_window_ends() {
        // given
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", BOUGHT, RETURN_WINDOW_ENDS, null, false,
                Ledgers.base(200));

        // when
        PointsLedger dayBefore = ledger.advanceTo(RETURN_WINDOW_ENDS.minusSeconds(1), NEVER, CALENDAR);
        PointsLedger after = ledger.advanceTo(at("2025-04-10T00:00:00Z"), NEVER, CALENDAR);

        // then: the ACTIVATE posting is dated when the window ended, not when time was advanced
        assertThat(dayBefore.pending()).isEqualTo(200L);
        assertThat(after.pending()).isZero();
        assertThat(after.available()).isEqualTo(200L);
        assertThat(after.postingsSince(ledger)).containsExactly(new Posting("p1", "m1", RETURN_WINDOW_ENDS,
                PostingType.ACTIVATE, 200, "", "200 points became available after the return window"));
        assertThat(after.totals()).isEqualTo(ledger.totals());
    }

    @Test
    void points_without_a_return_window_are_available_at_once() {
        // when
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "p1", BOUGHT, 200);

        // then
        assertThat(ledger.available()).isEqualTo(200L);
        assertThat(ledger.pending()).isZero();
    }

    @Test
    void an_award_of_zero_points_changes_nothing() {
        PointsLedger empty = PointsLedger.empty("m1");

        assertThat(empty.earn("p1", BOUGHT, BOUGHT, null, false, Ledgers.base(0))).isSameAs(empty);
    }

    @Test
    void points_held_during_a_review_stay_pending_until_released() {
        // given: the member is under review, the award is held
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", BOUGHT, BOUGHT, null, true, Ledgers.base(200));
        PointsLedger later = ledger.advanceTo(at("2025-05-01T00:00:00Z"), NEVER, CALENDAR);

        // when
        Instant releasedAt = at("2025-05-02T09:00:00Z");
        PointsLedger released = later.release("a1", releasedAt, NEVER, CALENDAR);

        // then
        assertThat(later.held()).isEqualTo(200L);
        assertThat(later.pending()).isEqualTo(200L);
        assertThat(later.available()).isZero();
        assertThat(released.held()).isZero();
        assertThat(released.available()).isEqualTo(200L);
        // dated at the release: the points were not available while held
        assertThat(released.postingsSince(later)).containsExactly(new Posting("p1", "m1", releasedAt,
                PostingType.ACTIVATE, 200, "", "200 points became available when the review released them"));
    }

    @Test
    void released_points_still_wait_for_their_return_window() {
        // given
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", BOUGHT, RETURN_WINDOW_ENDS, null, true,
                Ledgers.base(200));

        // when
        PointsLedger released = ledger.release("a1", at("2025-03-10T00:00:00Z"), NEVER, CALENDAR);
        PointsLedger afterWindow = released.advanceTo(RETURN_WINDOW_ENDS, NEVER, CALENDAR);

        // then
        assertThat(released.held()).isZero();
        assertThat(released.pending()).isEqualTo(200L);
        assertThat(afterWindow.available()).isEqualTo(200L);
    }

    @Test
    void releasing_a_member_with_nothing_held_changes_nothing() {
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "p1", BOUGHT, 200);

        assertThat(ledger.release("a1", BOUGHT, NEVER, CALENDAR)).isSameAs(ledger);
    }

    @Test
    void a_restored_ledger_must_conserve_points() {
        // given
        List<PointsLot> lots = List.of(new PointsLot("p1", 100, 100, BOUGHT, BOUGHT, null, true, false));

        // when / then
        assertThat(PointsLedger.restore("m1", lots, List.of(), List.of(), 0,
                new LedgerTotals(100, 0, 0, 0, 0, 0, 0), BOUGHT).available()).isEqualTo(100L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PointsLedger.restore("m1", lots, List.of(),
                        List.of(), 0, new LedgerTotals(150, 0, 0, 0, 0, 0, 0), BOUGHT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ledger of member m1 does not conserve points: LedgerTotals[earned=150, redeemed=0, "
                        + "expired=0, clawedBack=0, unrecovered=0, adjustedIn=0, adjustedOut=0] with available 100 "
                        + "and pending 0");
    }
}
