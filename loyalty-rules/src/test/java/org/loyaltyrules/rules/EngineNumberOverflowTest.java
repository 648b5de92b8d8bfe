package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.EngineFixtures.earningRule;
import static org.loyaltyrules.rules.EngineFixtures.flatProgram;
import static org.loyaltyrules.rules.EngineFixtures.settings;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.purchase;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.member.MemberState;

/**
 * Totals beyond a long (docs/semantics.md §14.3, docs/reliability.md §4): whatever step of an event overflows, the
 * conservation check of its result included, the event is refused {@code NUMBER_OVERFLOW}, the state is the one given,
 * and a replay goes on with the member and with everyone else. (An adjustment of {@code Long.MIN_VALUE}: {@code
 * LedgerThroughEngineTest}.)
 */
class EngineNumberOverflowTest {

    private static final LoyaltyEngine FLAT = LoyaltyEngine.create(Program.of(settings(flatProgram("A", "1"))));
    private static final String MAX = Long.toString(Long.MAX_VALUE);

    @AfterEach
    void no_drools_session_is_left_open() {
        assertThat(LoyaltyEngine.liveSessions()).isZero();
    }

    private static Adjustment credit(String id, String member, String when, long points) {
        return Adjustment.of(id, member, at(when), points, "test credit");
    }

    @Test
    void a_purchase_that_takes_the_balance_past_the_largest_long_is_refused_and_changes_nothing() {
        // given: the member holds every point a long can count; the purchase earns 1 more
        MemberState full = FLAT.apply(null, credit("j1", "m2", "2025-03-03T10:00:00Z", Long.MAX_VALUE)).state();

        // when
        Decision decision = FLAT.apply(full, purchase("p2", "m2", "2025-03-03T12:00:00Z", "1.00"));

        // then
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REFUSED);
        assertThat(decision.refusal()).isEqualTo(new Refusal("NUMBER_OVERFLOW", "event p2 would take a points or growth"
                + " total of member m2 beyond " + MAX + " (Overflow: " + MAX + " + 1 exceeds " + MAX + ")"));
        assertThat(decision.state()).isSameAs(full);
        assertThat(decision.postings()).isEmpty();
        assertThat(decision.pointsAwarded()).isZero();
    }

    @Test
    void a_purchase_whose_points_alone_pass_the_largest_long_is_refused_quoting_them() {
        // when: 1 point per unit on 92,233,720,368,547,758,080,000.00 is 10,000 times the largest long
        Decision decision = FLAT.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z",
                "92233720368547758080000.00"));

        // then: the detail quotes the number, where BigDecimal's own message says only "Overflow"
        assertThat(decision.refusal()).isEqualTo(new Refusal("NUMBER_OVERFLOW", "event p1 would take a points or growth"
                + " total of member m1 beyond " + MAX + " (Overflow: 92233720368547758080000 exceeds " + MAX + ")"));
        assertThat(decision.postings()).isEmpty();
    }

    @Test
    void a_redemption_reversal_that_takes_the_balance_past_the_largest_long_is_refused_and_changes_nothing() {
        // given: 10 earned and redeemed, then the balance filled to the largest long (the lifetime credits, 10 + max,
        // pass a long; the balance does not, so the credit is applied)
        MemberState state = FLAT.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "10.00")).state();
        state = FLAT.apply(state, Redemption.of("x1", "m1", at("2025-03-01T11:00:00Z"), 10)).state();
        MemberState full = FLAT.apply(state, credit("j1", "m1", "2025-03-01T12:00:00Z", Long.MAX_VALUE)).state();

        // when: giving the 10 back
        Decision decision = FLAT.apply(full, new RedemptionReversal("v1", "m1", at("2025-03-01T13:00:00Z"), "x1",
                Map.of()));

        // then
        assertThat(decision.refusal()).isEqualTo(new Refusal("NUMBER_OVERFLOW", "event v1 would take a points or"
                + " growth total of member m1 beyond " + MAX + " (Overflow: 10 + " + MAX + " exceeds " + MAX + ")"));
        assertThat(decision.state()).isSameAs(full);
        assertThat(decision.postings()).isEmpty();
    }

    @Test
    void a_replay_refuses_the_overflowing_event_and_goes_on_with_the_member_and_the_others() {
        // given
        List<LoyaltyEvent> events = List.of(
                credit("j1", "m2", "2025-03-03T10:00:00Z", Long.MAX_VALUE),
                purchase("p2", "m2", "2025-03-03T12:00:00Z", "1.00"),
                Redemption.of("x2", "m2", at("2025-03-03T13:00:00Z"), 7),
                purchase("q1", "q", "2025-03-03T10:00:00Z", "5.00"));

        // when
        ReplayResult result = FLAT.replay(events);

        // then
        assertThat(result.rejections()).containsExactly(new ReplayResult.Rejection("p2", "m2", "NUMBER_OVERFLOW",
                "event p2 would take a points or growth total of member m2 beyond " + MAX + " (Overflow: " + MAX + " + 1"
                        + " exceeds " + MAX + ")"));
        assertThat(result.members().get("m2").pointsAvailable()).isEqualTo(Long.MAX_VALUE - 7);
        assertThat(result.members().get("q").pointsAvailable()).isEqualTo(5L);
        assertThat(result.eventsApplied()).isEqualTo(3L);
    }

    @Test
    void a_rule_whose_award_overflows_refuses_the_event_naming_the_rule() {
        // given: a milestone paid twice, each worth the largest long (times x points overflows in the consequence)
        String twice = earningRule("Milestones worth the largest long are paid twice",
                "EligiblePurchase( $event : eventId )",
                "insert( PointsAward.milestone( $event, \"huge\", 2, Long.MAX_VALUE ) );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(settings(flatProgram("A", "1")),
                Map.of("earning/twice.drl", twice)));

        // when
        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "1.00"));

        // then
        assertThat(decision.refusal()).isEqualTo(new Refusal("NUMBER_OVERFLOW", "event p1 would take a points or growth"
                + " total of member m1 beyond " + MAX + " (rule \"Milestones worth the largest long are paid twice\":"
                + " Overflow: 2 x " + MAX + " exceeds " + MAX + ")"));
        assertThat(decision.postings()).isEmpty();
    }
}
