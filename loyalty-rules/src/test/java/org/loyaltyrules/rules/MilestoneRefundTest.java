package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;
import static org.loyaltyrules.rules.Programs.usd;

import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;

/** A milestone mark is paid once per window, also when a refund takes the window's total back below it. */
class MilestoneRefundTest {

    /** The retail test program with a one-off 500 points at 1,000 growth in the calendar year. */
    private final LoyaltyEngine engine = engine(retail("""
            "milestones": [{"id": "s1000", "metric": "growth", "at": 1000, "points": 500}]""", ""));

    @Test
    void a_mark_crossed_again_after_a_refund_is_not_paid_twice() {
        // 150 + 380 (silver at 530) + 500 crosses 1,000: 500 + 20 % bonus 100 + milestone 500 = 1,100
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "150.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-02T10:00:00Z", "380.00")).state();
        Decision crossing = engine.apply(state, purchase("p3", "m1", "2025-03-03T10:00:00Z", "500.00"));
        // a refund of 100 of p3 takes 1,100 x 100 / 500 = 220 back and the year's growth to 930
        Decision refund = engine.apply(crossing.state(), Refund.of("r1", "m1", at("2025-03-04T10:00:00Z"), "p3",
                usd("100.00")));

        // 70 takes the growth back to 1,000: 70 + 14 bonus, no second milestone
        Decision again = engine.apply(refund.state(), purchase("p4", "m1", "2025-03-05T10:00:00Z", "70.00"));
        // 40 more takes it to 1,040, past the 1,030 reached before: still the same one-off mark
        Decision past = engine.apply(again.state(), purchase("p5", "m1", "2025-03-06T10:00:00Z", "40.00"));

        assertThat(crossing.pointsAwarded()).isEqualTo(1_100L);
        assertThat(refund.state().pointsAvailable()).isEqualTo(150L + 380L + 1_100L - 220L);
        assertThat(again.pointsAwarded()).isEqualTo(84L);
        assertThat(past.pointsAwarded()).isEqualTo(48L);
    }

    @Test
    void a_second_purchase_at_the_instant_of_the_one_that_crossed_the_mark_does_not_pay_it_again() {
        // given: 1,000 at 10:00 crosses the mark: 1,000 + milestone 500 (earned at member; silver after it)
        Decision crossing = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "1000.00"));

        // when: 100 more at the very same instant
        Decision same = engine.apply(crossing.state(), purchase("p2", "m1", "2025-03-01T10:00:00Z", "100.00"));

        // then: the growth before p2 holds p1's 1,000 (a window runs to its end instant inclusive), so p2 crosses
        // nothing: 100 + 20 % silver bonus (audit mutation11's S5, a peak that left out the entry at its end, paid the
        // mark again: 620)
        assertThat(crossing.pointsAwarded()).isEqualTo(1_500L);
        assertThat(same.pointsAwarded()).isEqualTo(120L);
    }

    @Test
    void the_next_year_window_pays_the_mark_again() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "1000.00")).state();

        Decision nextYear = engine.apply(state, purchase("p2", "m1", "2026-03-01T10:00:00Z", "1000.00"));

        // silver (earned with 2025's 1,000, kept through 2026): 1,000 + 20 % 200 + milestone 500
        assertThat(nextYear.pointsAwarded()).isEqualTo(1_700L);
    }
}
