package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.core.points.Ledgers.CALENDAR;
import static org.loyaltyrules.core.points.Ledgers.at;
import static org.loyaltyrules.core.points.Ledgers.base;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The postings of time passing ({@code advanceTo}) come out in the order of their instants, whatever the order of the
 * lots; at one instant activations come before expiries (docs/semantics.md §6.4).
 */
class PointsLedgerTimeOrderTest {

    private static final ExpiryPolicy THIRTY_DAYS = new ExpiryPolicy.FixedDays(30);

    /** Earns {@code points} pending for 14 days and expiring after 30. */
    private static PointsLedger earnPending(PointsLedger ledger, String eventId, String when, long points) {
        Instant earned = at(when);
        return ledger.earn(eventId, earned, earned.plus(Duration.ofDays(14)), earned.plus(Duration.ofDays(30)), false,
                base(points));
    }

    @Test
    void an_earlier_expiry_is_posted_before_a_later_activation_of_an_earlier_lot() {
        // given: 100 earned 1 March (available 15 March, expiring 31 March), 10 earned 20 March (available 3 April)
        PointsLedger ledger = earnPending(PointsLedger.empty("m2"), "b1", "2025-03-01T10:00:00Z", 100);
        ledger = earnPending(ledger.advanceTo(at("2025-03-20T10:00:00Z"), THIRTY_DAYS, CALENDAR), "b2",
                "2025-03-20T10:00:00Z", 10);

        // when
        PointsLedger later = ledger.advanceTo(at("2025-04-04T10:00:00Z"), THIRTY_DAYS, CALENDAR);

        // then
        assertThat(later.postingsSince(ledger)).containsExactly(
                new Posting("b1", "m2", at("2025-03-31T10:00:00Z"), PostingType.EXPIRE, -100, "",
                        "100 points earned 2025-03-01 expired"),
                new Posting("b2", "m2", at("2025-04-03T10:00:00Z"), PostingType.ACTIVATE, 10, "",
                        "10 points became available after the return window"));
    }

    @Test
    void at_one_instant_an_activation_comes_before_an_expiry() {
        // given: 100 available at once and expiring 31 March 10:00; 10 earned 17 March, available 31 March 10:00
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "a1", at("2025-03-01T10:00:00Z"), 100,
                at("2025-03-31T10:00:00Z"));
        ledger = earnPending(ledger, "a2", "2025-03-17T10:00:00Z", 10);

        // when
        PointsLedger later = ledger.advanceTo(at("2025-04-01T00:00:00Z"), THIRTY_DAYS, CALENDAR);

        // then
        assertThat(later.postingsSince(ledger)).containsExactly(
                new Posting("a2", "m1", at("2025-03-31T10:00:00Z"), PostingType.ACTIVATE, 10, "",
                        "10 points became available after the return window"),
                new Posting("a1", "m1", at("2025-03-31T10:00:00Z"), PostingType.EXPIRE, -100, "",
                        "100 points earned 2025-03-01 expired"));
    }

    @Test
    void points_still_pending_at_the_inactivity_deadline_expire_pending_and_are_never_activated() {
        // given: 100 earned 1 January 10:00, pending 45 days; one month without activity ends on 1 February 10:00
        Instant earned = at("2025-01-01T10:00:00Z");
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", earned, earned.plus(Duration.ofDays(45)), null,
                false, base(100));

        // when
        PointsLedger later = ledger.advanceTo(at("2025-03-01T00:00:00Z"), new ExpiryPolicy.Inactivity(1), CALENDAR);

        // then
        assertThat(later.postingsSince(ledger)).containsExactly(new Posting("p1", "m1", at("2025-02-01T10:00:00Z"),
                PostingType.EXPIRE, -100, "", "100 points expired after inactivity since 2025-01-01"));
        assertThat(later.totals()).isEqualTo(new LedgerTotals(100, 0, 100, 0, 0, 0, 0));
        assertThat(later.isConserved()).isTrue();
    }
}
