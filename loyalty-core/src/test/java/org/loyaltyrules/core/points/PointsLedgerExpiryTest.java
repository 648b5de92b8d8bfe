package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.core.points.Ledgers.CALENDAR;
import static org.loyaltyrules.core.points.Ledgers.PARIS;
import static org.loyaltyrules.core.points.Ledgers.at;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PointsLedgerExpiryTest {

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @Test
    void fixed_days_expiry_counts_days_of_24_hours_from_the_earn_instant() {
        assertThat(new ExpiryPolicy.FixedDays(30).lotExpiry(at("2025-03-03T10:00:00Z"), CALENDAR))
                .contains(at("2025-04-02T10:00:00Z"));
    }

    @Test
    void end_of_sixth_month_after_earn_expires_at_the_first_midnight_of_the_seventh_month() {
        // earned 15 March 2025: points last through 30 September and are gone at 1 October 00:00 in Paris
        assertThat(new ExpiryPolicy.EndOfNthMonthAfterEarn(6).lotExpiry(paris("2025-03-15T12:00"), CALENDAR))
                .contains(paris("2025-10-01T00:00"));
    }

    @Test
    void end_of_next_calendar_year_expiry_is_the_midnight_two_new_years_later() {
        // earned 1 June 2025: points last through 31 December 2026
        assertThat(new ExpiryPolicy.EndOfNextCalendarYear().lotExpiry(paris("2025-06-01T12:00"), CALENDAR))
                .contains(paris("2027-01-01T00:00"));
    }

    @Test
    void inactivity_expiry_has_no_lot_expiry_but_a_deadline_n_months_after_the_last_activity() {
        ExpiryPolicy policy = new ExpiryPolicy.Inactivity(12);

        assertThat(policy.lotExpiry(paris("2025-03-15T12:00"), CALENDAR)).isEmpty();
        assertThat(policy.inactivityDeadline(paris("2025-03-15T12:00"), CALENDAR))
                .contains(paris("2026-03-15T12:00"));
        assertThat(ExpiryPolicy.never().lotExpiry(paris("2025-03-15T12:00"), CALENDAR)).isEqualTo(Optional.empty());
    }

    @Test
    void a_lot_expires_at_its_expiry_with_an_expire_posting_dated_then() {
        // given
        ExpiryPolicy policy = new ExpiryPolicy.EndOfNthMonthAfterEarn(6);
        Instant earned = paris("2025-03-15T12:00");
        Instant expires = policy.lotExpiry(earned, CALENDAR).orElseThrow();
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "p1", earned, 300, expires);

        // when
        PointsLedger lastDay = ledger.advanceTo(paris("2025-09-30T23:59"), policy, CALENDAR);
        PointsLedger lastNanosecond = ledger.advanceTo(expires.minusNanos(1), policy, CALENDAR);
        PointsLedger atTheExpiry = ledger.advanceTo(expires, policy, CALENDAR);
        PointsLedger firstDayAfter = ledger.advanceTo(paris("2025-10-01T08:00"), policy, CALENDAR);

        // then: the points are gone at the expiry instant itself (1 October 00:00 in Paris), not an instant later
        assertThat(lastDay.available()).isEqualTo(300L);
        assertThat(lastNanosecond.available()).isEqualTo(300L);
        assertThat(atTheExpiry.available()).isZero();
        assertThat(atTheExpiry.totals().expired()).isEqualTo(300L);
        assertThat(firstDayAfter.available()).isZero();
        assertThat(firstDayAfter.lots()).isEmpty();
        assertThat(firstDayAfter.postingsSince(ledger)).containsExactly(new Posting("p1", "m1", expires,
                PostingType.EXPIRE, -300, "", "300 points earned 2025-03-15 expired"));
        assertThat(firstDayAfter.totals()).isEqualTo(new LedgerTotals(300, 0, 300, 0, 0, 0, 0));
    }

    @Test
    void only_the_lots_past_their_expiry_expire() {
        // given
        ExpiryPolicy policy = new ExpiryPolicy.FixedDays(30);
        Instant first = at("2025-03-01T10:00:00Z");
        Instant second = at("2025-03-20T10:00:00Z");
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "p1", first, 100,
                policy.lotExpiry(first, CALENDAR).orElseThrow());
        ledger = Ledgers.earnNow(ledger, "p2", second, 250, policy.lotExpiry(second, CALENDAR).orElseThrow());

        // when: 31 March is past p1's expiry (31 March 10:00) but not p2's
        PointsLedger later = ledger.advanceTo(at("2025-04-01T00:00:00Z"), policy, CALENDAR);

        // then
        assertThat(later.available()).isEqualTo(250L);
        assertThat(later.totals().expired()).isEqualTo(100L);
        assertThat(later.lots()).extracting(PointsLot::sourceEventId).containsExactly("p2");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "available from day {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {40, 30})
    void pending_points_whose_return_window_outlasts_or_ends_at_their_expiry_expire_without_becoming_available(
            int pendingDays) {
        // given: available from day 40, or from day 30 (the instant they expire: docs/semantics.md 6.2, "at or after"),
        // expiring on day 30
        Instant earned = at("2025-03-01T10:00:00Z");
        PointsLedger ledger = PointsLedger.empty("m1").earn("p1", earned,
                earned.plus(java.time.Duration.ofDays(pendingDays)), earned.plus(java.time.Duration.ofDays(30)), false,
                Ledgers.base(100));

        // when
        PointsLedger later = ledger.advanceTo(at("2025-05-01T00:00:00Z"), new ExpiryPolicy.FixedDays(30), CALENDAR);

        // then: no ACTIVATE of points that could never be spent
        assertThat(later.postingsSince(ledger)).containsExactly(new Posting("p1", "m1", at("2025-03-31T10:00:00Z"),
                PostingType.EXPIRE, -100, "", "100 points earned 2025-03-01 expired"));
        assertThat(later.totals()).isEqualTo(new LedgerTotals(100, 0, 100, 0, 0, 0, 0));
        assertThat(later.isConserved()).isTrue();
    }

    @Test
    void all_points_expire_after_twelve_months_without_earning_or_redeeming() {
        // given: earned in March, last redeemed on 1 September 2025
        ExpiryPolicy policy = new ExpiryPolicy.Inactivity(12);
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "p1", paris("2025-03-15T12:00"), 500);
        ledger = Ledgers.earnNow(ledger, "p2", paris("2025-04-15T12:00"), 300);
        ledger = Ledgers.applied(ledger.redeem("x1", paris("2025-09-01T10:00"), 100, "redemption", "Mug"));

        // when
        PointsLedger stillActive = ledger.advanceTo(paris("2026-09-01T09:59"), policy, CALENDAR);
        PointsLedger inactive = ledger.advanceTo(paris("2026-09-02T00:00"), policy, CALENDAR);

        // then
        assertThat(stillActive.available()).isEqualTo(700L);
        assertThat(inactive.available()).isZero();
        assertThat(inactive.postingsSince(ledger)).containsExactly(
                new Posting("p1", "m1", paris("2026-09-01T10:00"), PostingType.EXPIRE, -400, "",
                        "400 points expired after inactivity since 2025-09-01"),
                new Posting("p2", "m1", paris("2026-09-01T10:00"), PostingType.EXPIRE, -300, "",
                        "300 points expired after inactivity since 2025-09-01"));
        assertThat(inactive.totals()).isEqualTo(new LedgerTotals(800, 100, 700, 0, 0, 0, 0));
    }
    @Test
    void points_credited_after_the_inactivity_deadline_do_not_expire_at_that_deadline() {
        // given: inactive since 15 March 2025, so everything lapsed on 15 June; staff credit 50 points on 1 July
        ExpiryPolicy policy = new ExpiryPolicy.Inactivity(3);
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "p1", paris("2025-03-15T12:00"), 100)
                .advanceTo(paris("2025-07-01T09:00"), policy, CALENDAR);
        PointsLedger credited = Ledgers.applied(ledger.adjust("a1", paris("2025-07-01T09:00"), 50, null,
                "adjustment", "Goodwill"));

        // when
        PointsLedger nextDay = credited.advanceTo(paris("2025-07-02T09:00"), policy, CALENDAR);

        // then
        assertThat(ledger.postings()).extracting(Posting::type, Posting::at, Posting::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostingType.EARN, paris("2025-03-15T12:00"), 100L),
                org.assertj.core.groups.Tuple.tuple(PostingType.EXPIRE, paris("2025-06-15T12:00"), -100L));
        assertThat(nextDay.available()).isEqualTo(50L);
        assertThat(nextDay.postingsSince(credited)).isEmpty();
    }

    @Test
    void points_credited_at_the_very_instant_of_the_inactivity_deadline_do_not_expire_at_that_deadline() {
        // given: inactive since 15 March 2025 12:00, so everything lapses at 15 June 12:00, and 50 points are credited
        // at that very instant: time passes before the event, so the 100 lapse first and the 50 come after
        ExpiryPolicy policy = new ExpiryPolicy.Inactivity(3);
        PointsLedger ledger = Ledgers.earnNow(PointsLedger.empty("m1"), "p1", paris("2025-03-15T12:00"), 100)
                .advanceTo(paris("2025-06-15T12:00"), policy, CALENDAR);
        PointsLedger credited = Ledgers.applied(ledger.adjust("a1", paris("2025-06-15T12:00"), 50, null,
                "adjustment", "Goodwill"));

        // when
        PointsLedger nextDay = credited.advanceTo(paris("2025-06-16T12:00"), policy, CALENDAR);

        // then: the property run with seed 4374951457387448218 expired such a credit at the next advance, dated at the
        // deadline it came after
        assertThat(ledger.available()).isZero();
        assertThat(nextDay.available()).isEqualTo(50L);
        assertThat(nextDay.postingsSince(credited)).isEmpty();
        assertThat(nextDay.totals()).isEqualTo(new LedgerTotals(100, 0, 100, 0, 0, 50, 0));
    }
}
