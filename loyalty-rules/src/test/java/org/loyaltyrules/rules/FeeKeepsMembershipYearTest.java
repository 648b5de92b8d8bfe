package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.usd;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.tier.TierStatus;

/**
 * A membership fee buys a paid term from the fee's instant and leaves the member's membership year where it is (from
 * enrolment): status earned before the fee, and growth bought before it, count in their window as without the fee
 * (docs/program-types.md, docs/semantics.md §14.6). A fee starting a term used to move the membership year to the fee,
 * so a member who paid for a month of gold ended below a member who did not.
 */
class FeeKeepsMembershipYearTest {

    /** 1 point and 1 growth a USD, silver at 500 (+20 %), gold sold for 10.00 a month (or {@code term} months). */
    private static String program(String window, int term, String refund) {
        return """
                {
                  "id": "fee-test", "version": "1", "currency": "USD", "zone": "UTC",
                  "earning": {"baseRate": "1", "tierBonus": {"silver": "20", "gold": "50"}},
                  "growth": {"rates": {"growth": "1"}},
                  "tiers": {
                    "metric": "growth",
                    "window": %s,
                    "validity": "END_OF_WINDOW",
                    "downgrade": "TO_EARNED_LEVEL",
                    "ladder": [
                      {"id": "member", "threshold": "0"},
                      {"id": "silver", "threshold": "500"},
                      {"id": "gold", "threshold": "2000"}
                    ]
                  },
                  "membership": {"plans": [{"tier": "gold", "price": "10.00", "termMonths": %d}], "refund": %s}
                }
                """.formatted(window, term, refund);
    }

    private static final LoyaltyEngine MEMBERSHIP_YEARS = engine(program("{\"type\": \"ANNIVERSARY\"}", 1,
            "{\"policy\": \"FULL\"}"));

    private static MemberState replay(LoyaltyEngine engine, LoyaltyEvent... events) {
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            Decision d = engine.apply(state, event);
            assertThat(d.outcome()).as(event.id() + " " + d.refused().map(Refusal::toString).orElse(""))
                    .isEqualTo(Decision.Outcome.APPLIED);
            state = d.state();
        }
        return state;
    }

    private static MembershipFee gold(String id, String when, int months) {
        return new MembershipFee(id, "m1", at(when), usd("10.00"), "gold", months, Map.of());
    }

    private static final Enrollment ENROLLED = Enrollment.of("e1", "m1", at("2025-01-10T00:00:00Z"));

    @Test
    void earned_status_is_held_again_to_its_own_validity_when_a_paid_month_ends() {
        // given a member enrolled on 2025-01-10 who earned silver with 600 in February (valid to the anniversary
        // 2026-01-10) and then paid for a month of gold on 2025-06-01
        MemberState state = replay(MEMBERSHIP_YEARS, ENROLLED, purchase("p1", "m1", "2025-02-01T10:00:00Z", "600.00"),
                gold("f1", "2025-06-01T10:00:00Z", 1));

        // when the month has ended and the member buys 100.00
        Decision d = MEMBERSHIP_YEARS.apply(state, purchase("p2", "m1", "2025-07-15T10:00:00Z", "100.00"));

        // then the review at the term's end gave silver back, to 2026-01-10 as without the fee, and the purchase
        // earns silver's bonus: 100 + 20 (it used to drop to member, 'growth 0 in the window ending 2025-06-01')
        assertThat(d.tierMoves()).extracting(TierMove::from, TierMove::to, TierMove::at)
                .containsExactly(tuple("gold", "silver", at("2025-07-01T10:00:00Z")));
        assertThat(d.pointsAwarded()).isEqualTo(120);
        assertThat(d.state().tier().tierId()).isEqualTo("silver");
        assertThat(d.state().tier().validUntil()).isEqualTo(at("2026-01-10T00:00:00Z"));
        assertThat(d.state().membershipStart()).isEqualTo(at("2025-01-10T00:00:00Z"));
    }

    @Test
    void growth_bought_before_a_fee_counts_in_the_membership_year_it_was_bought_in() {
        // given 400 bought in the membership year from 2025-01-10, then a month of gold paid on 2025-06-01
        MemberState state = replay(MEMBERSHIP_YEARS, ENROLLED, purchase("p1", "m1", "2025-02-01T10:00:00Z", "400.00"),
                gold("f1", "2025-06-01T10:00:00Z", 1));

        // when the member buys 200.00 after the month ended
        Decision d = MEMBERSHIP_YEARS.apply(state, purchase("p2", "m1", "2025-07-15T10:00:00Z", "200.00"));

        // then the month's end took gold back to member (400 reaches nothing), and 400 + 200 = 600 in the
        // membership year reaches silver on the purchase (the 400 used to fall out of the year, which the fee had
        // moved to start on 2025-06-01)
        assertThat(d.tierMoves()).extracting(TierMove::from, TierMove::to)
                .containsExactly(tuple("gold", "member"), tuple("member", "silver"));
        assertThat(d.state().tier().validUntil()).isEqualTo(at("2026-01-10T00:00:00Z"));
    }

    @Test
    void a_fee_refunded_in_full_gives_back_the_earned_status_with_its_validity() {
        // given silver earned with 500 in February (valid to 2026-01-10), a year of gold paid on 2025-06-01
        LoyaltyEngine engine = engine(program("{\"type\": \"ANNIVERSARY\"}", 12,
                "{\"policy\": \"NONE\", \"fullRefundDays\": 7}"));
        MemberState state = replay(engine, ENROLLED, purchase("p1", "m1", "2025-02-01T10:00:00Z", "500.00"),
                gold("f1", "2025-06-01T10:00:00Z", 12));

        // when the fee is refunded the next day
        Decision d = engine.apply(state, new FeeRefund("fr1", "m1", at("2025-06-02T10:00:00Z"), "f1", null,
                Map.of()));

        // then the member is silver again, to the anniversary the status had, and the membership year is unchanged
        assertThat(d.state().tier().tierId()).isEqualTo("silver");
        assertThat(d.state().tier().validUntil()).isEqualTo(at("2026-01-10T00:00:00Z"));
        assertThat(d.state().membershipStart()).isEqualTo(at("2025-01-10T00:00:00Z"));
    }

    @Test
    void fees_leave_the_reviews_of_a_rolling_window_on_the_members_anniversaries() {
        // given rolling 12 months: 600 on 2025-03-03 earns silver to 2026-03-03; two months of gold are paid
        // (2025-04-01 and 2025-06-15), and 1.00 is bought after each
        LoyaltyEngine engine = engine(program("{\"type\": \"ROLLING_MONTHS\", \"months\": 12}", 1,
                "{\"policy\": \"FULL\"}"));
        MemberState state = replay(engine, purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"),
                gold("f1", "2025-04-01T10:00:00Z", 1), purchase("p2", "m1", "2025-05-02T10:00:00Z", "1.00"),
                gold("f2", "2025-06-15T10:00:00Z", 1), purchase("p3", "m1", "2025-07-16T10:00:00Z", "1.00"));
        TierStatus afterFees = state.tier();

        // when the member is reviewed on 2026-07-01
        Decision d = engine.apply(state, new TierReview("r1", "m1", at("2026-07-01T00:00:00Z"), Map.of()));

        // then silver was valid to the anniversary of enrolment, 2026-03-03, as without fees; the review due then
        // read the window (2025-03-03, 2026-03-03], 602, and renewed silver to 2027-03-03 (the fees used to move the
        // reviews to 2026-06-15, whose window held 1 and dropped the member to member)
        assertThat(afterFees.tierId()).isEqualTo("silver");
        assertThat(afterFees.validUntil()).isEqualTo(at("2026-03-03T00:00:00Z"));
        assertThat(d.state().tier().tierId()).isEqualTo("silver");
        assertThat(d.state().tier().validUntil()).isEqualTo(at("2027-03-03T00:00:00Z"));
        assertThat(d.tierMoves()).isEmpty();
        assertThat(List.of(d.state().membershipStart())).containsExactly(at("2025-03-03T10:00:00Z"));
    }
}
