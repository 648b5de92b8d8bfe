package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;
import static org.loyaltyrules.rules.Programs.usd;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;

/**
 * A purchase made exactly at a qualification window's boundary instant belongs to one window, the same one for the
 * upgrade and for the review (docs/semantics.md §5.2): a calendar or membership year opens at its boundary; a rolling
 * window (t - 12 months, t] counts its end and not its start. Silver at 500, status to the end of the window.
 */
class TierWindowBoundaryTest {

    private static final String THIRTY_DAYS_GRACE = ",\n\"graceDays\": 30";

    private static LoyaltyEngine engine(String window, String grace) {
        return Programs.engine(retail("", "").replace("{\"type\": \"CALENDAR_YEAR\"}", window)
                .replace("\"END_OF_NEXT_WINDOW\"", "\"END_OF_WINDOW\"" + grace));
    }

    /** Rolling 12 months, reviewed on the membership anniversary, no grace. */
    private static final LoyaltyEngine ROLLING_12 = engine("{\"type\": \"ROLLING_MONTHS\", \"months\": 12}", "");

    private static Decision applyAll(LoyaltyEngine engine, LoyaltyEvent... events) {
        MemberState state = null;
        Decision last = null;
        for (LoyaltyEvent event : events) {
            last = engine.apply(state, event);
            assertThat(last.outcome()).as(event.id()).isEqualTo(Decision.Outcome.APPLIED);
            state = last.state();
        }
        return last;
    }

    /**
     * Silver earned by 600 on 2024-04-01 (member since 2024-03-10), half refunded the next day: the window it was
     * earned in holds 300, and silver lapses at its end. 300 more exactly at that boundary instant, then 200 on
     * 2025-06-01. Reviewed after 30 days of grace.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CALENDAR_YEAR | 2025-01-01T00:00:00Z | 2025-01-31T00:00:00Z | 2025-01-01",
        "ANNIVERSARY   | 2025-03-10T00:00:00Z | 2025-04-09T00:00:00Z | 2025-03-10"})
    void a_purchase_at_a_year_boundary_counts_for_the_year_it_opens_at_the_upgrade_and_at_the_review(
            String window, String boundary, String reviewAt, String windowEnd) {
        // given
        LoyaltyEngine engine = engine("{\"type\": \"" + window + "\"}", THIRTY_DAYS_GRACE);

        // when
        Decision last = applyAll(engine,
                Enrollment.of("e1", "m1", at("2024-03-10T10:00:00Z")),
                purchase("p1", "m1", "2024-04-01T10:00:00Z", "600.00"),
                Refund.of("r1", "m1", at("2024-04-02T10:00:00Z"), "p1", usd("300.00")),
                purchase("p2", "m1", boundary, "300.00"),
                purchase("p3", "m1", "2025-06-01T10:00:00Z", "200.00"));

        // then: the year ending at the boundary holds 300 (not 600): member at the review; the year the boundary
        // opens holds 300 + 200: silver again on 2025-06-01
        assertThat(last.tierMoves()).containsExactly(
                new TierMove("m1", at(reviewAt), "silver", "member", "DOWNGRADE",
                        "window ending " + windowEnd + " earned member"),
                new TierMove("m1", at("2025-06-01T10:00:00Z"), "member", "silver", "UPGRADE",
                        "growth 500 in window reaches silver threshold 500"));
    }

    @Test
    void a_rolling_window_counts_neither_at_the_upgrade_nor_at_the_review_a_purchase_at_its_start_instant() {
        // given: enrolled and 600 on 2025-03-10 at 00:00 -> silver to the anniversary 2026-03-10 00:00
        // when: 300 more exactly at the anniversary, when silver lapses
        Decision last = applyAll(ROLLING_12,
                Enrollment.of("e1", "m1", at("2025-03-10T00:00:00Z")),
                purchase("p1", "m1", "2025-03-10T00:00:00Z", "600.00"),
                purchase("p2", "m1", "2026-03-10T00:00:00Z", "300.00"));

        // then: the window (2025-03-10 00:00, 2026-03-10 00:00] holds no 600, at the review or at p2's upgrade check
        assertThat(last.tierMoves()).containsExactly(new TierMove("m1", at("2026-03-10T00:00:00Z"), "silver",
                "member", "DOWNGRADE", "window ending 2026-03-10 earned member"));
        assertThat(last.state().tier().tierId()).isEqualTo("member");
    }

    @Test
    void without_grace_the_review_due_at_a_purchases_own_instant_runs_before_it_and_does_not_count_it() {
        // given: silver from 600 on 2025-03-01 (to 2026-03-01 00:00), refunded in full; no grace
        // when: 600 exactly at the anniversary, the instant the review falls due
        Decision last = applyAll(ROLLING_12,
                Enrollment.of("e1", "m1", at("2025-03-01T10:00:00Z")),
                purchase("p1", "m1", "2025-03-01T10:00:00Z", "600.00"),
                Refund.of("r1", "m1", at("2025-04-01T10:00:00Z"), "p1", usd("600.00")),
                purchase("p2", "m1", "2026-03-01T00:00:00Z", "600.00"));

        // then: time passes first (semantics.md §14 step 4): the review reads the window ending 2026-03-01 without
        // p2 (growth 0) and lapses silver; p2 then earns at the member rate (600, no silver bonus) and upgrades again,
        // silver to 2027-03-01, the validity a review counting p2 would have given
        assertThat(last.tierMoves()).extracting(TierMove::from, TierMove::to, TierMove::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("silver", "member", "DOWNGRADE"),
                org.assertj.core.groups.Tuple.tuple("member", "silver", "UPGRADE"));
        assertThat(last.pointsAwarded()).isEqualTo(600L);
        assertThat(last.state().tier().validUntil()).isEqualTo(at("2027-03-01T00:00:00Z"));
    }

    /** Enrolled with 600 on 2025-03-01 at 10:00 (silver to 2026-03-01 00:00), and 600 more at {@code secondAt}. */
    private static MemberState silverThenSixHundredAt(String secondAt) {
        return applyAll(ROLLING_12,
                Enrollment.of("e1", "m1", at("2025-03-01T10:00:00Z")),
                purchase("p1", "m1", "2025-03-01T10:00:00Z", "600.00"),
                purchase("p2", "m1", secondAt, "600.00")).state();
    }

    @Test
    void a_purchase_at_an_anniversary_counts_for_the_rolling_window_ending_there_and_not_for_the_next() {
        // given: 600 more at the anniversary 2026-03-01 00:00, or one nanosecond after it
        MemberState atAnniversary = silverThenSixHundredAt("2026-03-01T00:00:00Z");
        MemberState justAfter = silverThenSixHundredAt("2026-03-01T00:00:00.000000001Z");

        // when
        Decision review = ROLLING_12.reviewTiers(List.of(atAnniversary), at("2027-06-01T00:00:00Z")).get(0);
        Decision control = ROLLING_12.reviewTiers(List.of(justAfter), at("2027-06-01T00:00:00Z")).get(0);

        // then: both renewed silver to 2027-03-01; the window ending then is (2026-03-01 00:00, 2027-03-01 00:00]
        assertThat(atAnniversary.tier().validUntil()).isEqualTo(at("2027-03-01T00:00:00Z"));
        assertThat(review.tierMoves()).containsExactly(new TierMove("m1", at("2027-03-01T00:00:00Z"), "silver",
                "member", "DOWNGRADE", "window ending 2027-03-01 earned member"));
        assertThat(control.tierMoves()).isEmpty();
        assertThat(control.state().tier().validUntil()).isEqualTo(at("2028-03-01T00:00:00Z"));
    }
}
