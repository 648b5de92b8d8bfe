package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;
import static org.loyaltyrules.rules.Programs.usd;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;
import org.loyaltyrules.rules.facts.MemberNotice;

/** Scenarios for the tier group of the standard pack (tier/upgrade.drl, downgrade.drl, grace.drl, floor.drl). */
class TierRulesTest {

    /** Gold sold at 99.00 and silver at 49.00 for 12 months: a program without plans refuses every fee. */
    private static final String PLANS = "\"membership\": {\"plans\": [{\"tier\": \"gold\", \"price\": \"99.00\","
            + " \"termMonths\": 12}, {\"tier\": \"silver\", \"price\": \"49.00\", \"termMonths\": 12}]}";

    /** Calendar-year window, status through the end of the next year, straight to the earned level. */
    private final LoyaltyEngine engine = engine(retail("", PLANS));

    private static LoyaltyEngine oneStep() {
        return engine(retail("", "").replace("\"TO_EARNED_LEVEL\"", "\"ONE_STEP\""));
    }

    /** Membership-year window, status to the end of the window, 30 days grace. */
    private static LoyaltyEngine anniversaryWithGrace() {
        return engine(retail("", PLANS)
                .replace("{\"type\": \"CALENDAR_YEAR\"}", "{\"type\": \"ANNIVERSARY\"}")
                .replace("\"END_OF_NEXT_WINDOW\"", "\"END_OF_WINDOW\",\n\"graceDays\": 30"));
    }

    private MemberState apply(LoyaltyEngine e, MemberState s, org.loyaltyrules.core.event.LoyaltyEvent event) {
        Decision d = e.apply(s, event);
        assertThat(d.outcome()).as(d.refused().map(Refusal::toString).orElse("")).isEqualTo(Decision.Outcome.APPLIED);
        return d.state();
    }

    @Test
    void the_upgrade_takes_effect_on_the_event_that_crosses_the_threshold() {
        MemberState state = apply(engine, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "400.00"));

        Decision crossing = engine.apply(state, purchase("p2", "m1", "2025-04-03T10:00:00Z", "150.00"));

        // growth 400 + 150 = 550 >= 500; the crossing purchase itself earns at the old tier: 150
        assertThat(state.tier().tierId()).isEqualTo("member");
        assertThat(crossing.tierMoves()).containsExactly(new TierMove("m1", at("2025-04-03T10:00:00Z"), "member",
                "silver", "UPGRADE", "growth 550 in window reaches silver threshold 500"));
        assertThat(crossing.pointsAwarded()).isEqualTo(150L);
        assertThat(crossing.state().tier().validUntil()).isEqualTo(at("2027-01-01T00:00:00Z"));
        assertThat(crossing.explanations()).extracting(Explanation::rule)
                .contains("Members upgrade on the event that crosses a higher tier's threshold");
    }

    @Test
    void a_large_purchase_upgrades_straight_to_the_highest_tier_reached() {
        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "2500.00"));

        assertThat(decision.state().tier().tierId()).isEqualTo("gold");
        assertThat(decision.tierMoves()).hasSize(1);
    }

    @Test
    void a_refund_never_demotes_before_a_review_but_takes_back_points_and_growth() {
        MemberState state = apply(engine, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"));

        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-03-10T10:00:00Z"), "p1", usd("300.00")));

        // 600 x 300 / 600 = 300 points and 300 growth back; silver stays until the review
        assertThat(refund.state().tier().tierId()).isEqualTo("silver");
        assertThat(refund.state().pointsAvailable()).isEqualTo(300L);
        assertThat(refund.state().growth().lifetime("growth")).isEqualByComparingTo("300");
        assertThat(refund.postings()).extracting(p -> p.type().name(), p -> p.points())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CLAWBACK", -300L));
        assertThat(refund.tierMoves()).isEmpty();
    }

    @Test
    void the_downgrade_happens_only_at_the_review_to_the_level_the_window_earned() {
        MemberState state = apply(engine, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "2500.00"));
        state = apply(engine, state, purchase("p2", "m1", "2026-05-03T10:00:00Z", "600.00"));

        List<Decision> before = engine.reviewTiers(List.of(state), at("2026-12-31T23:59:59Z"));
        List<Decision> after = engine.reviewTiers(List.of(state), at("2027-01-02T00:00:00Z"));

        // gold earned in 2025 lasts through 2026; 2026 earned 600 -> silver from 1 January 2027
        assertThat(before.get(0).state().tier().tierId()).isEqualTo("gold");
        assertThat(after.get(0).tierMoves()).containsExactly(new TierMove("m1", at("2027-01-01T00:00:00Z"), "gold",
                "silver", "DOWNGRADE", "window ending 2027-01-01 earned silver"));
        assertThat(after.get(0).state().tier().validUntil()).isEqualTo(at("2028-01-01T00:00:00Z"));
    }

    @Test
    void requalifying_in_the_next_year_extends_the_status() {
        MemberState state = apply(engine, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "2500.00"));
        state = apply(engine, state, purchase("p2", "m1", "2026-05-03T10:00:00Z", "2100.00"));

        assertThat(state.tier().validUntil()).isEqualTo(at("2028-01-01T00:00:00Z"));
        assertThat(engine.reviewTiers(List.of(state), at("2027-06-01T00:00:00Z")).get(0).tierMoves()).isEmpty();
    }

    @Test
    void one_step_policy_lowers_one_rung_per_review() {
        LoyaltyEngine oneStep = oneStep();
        MemberState state = apply(oneStep, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "5000.00"));

        Decision first = oneStep.reviewTiers(List.of(state), at("2027-01-01T00:00:00Z")).get(0);
        Decision second = oneStep.reviewTiers(List.of(first.state()), at("2028-01-01T00:00:00Z")).get(0);
        Decision both = oneStep.reviewTiers(List.of(state), at("2028-01-01T00:00:00Z")).get(0);

        assertThat(first.state().tier().tierId()).isEqualTo("gold");
        assertThat(second.state().tier().tierId()).isEqualTo("silver");
        assertThat(both.tierMoves()).extracting(TierMove::to).containsExactly("gold", "silver");
    }

    @ParameterizedTest(name = "p3 at {0}")
    @ValueSource(strings = {"2027-01-20T10:00:00Z", "2027-01-10T00:00:00Z"})
    void in_the_grace_period_from_the_instant_status_lapses_the_member_keeps_the_tier_and_is_warned(String p3At) {
        LoyaltyEngine graceful = anniversaryWithGrace();
        MemberState state = apply(graceful, null, purchase("p1", "m1", "2025-01-10T10:00:00Z", "600.00"));
        state = apply(graceful, state, purchase("p2", "m1", "2026-01-20T10:00:00Z", "100.00"));

        Decision inGrace = graceful.apply(state, purchase("p3", "m1", p3At, "50.00"));

        // review after the first anniversary's grace (2026-02-09): year one earned 600, silver renewed to 2027-01-10;
        // p3 falls in the grace after the second anniversary, and year two earned only 100. The grace period is
        // [validUntil, validUntil + grace) (docs/semantics.md section 5.5), so p3 at validUntil itself is warned too
        assertThat(state.tier().validUntil()).isEqualTo(at("2026-01-10T00:00:00Z"));
        assertThat(inGrace.state().tier().validUntil()).isEqualTo(at("2027-01-10T00:00:00Z"));
        assertThat(inGrace.state().tier().tierId()).isEqualTo("silver");
        assertThat(inGrace.notices()).containsExactly(MemberNotice.of("TIER_RENEWED",
                "silver renewed at the review of 2026-02-09, valid until 2027-01-10"), MemberNotice.of("DOWNGRADE_WARNING",
                "silver lapsed; unless requalified by 2027-02-09 the member moves towards member"));
    }

    @Test
    void a_review_that_finds_the_keep_threshold_met_renews_by_the_renewal_rule() {
        // given: silver kept at 400; 600 in 2025 reaches silver (valid to 2027-01-01), 450 in 2026 does not requalify
        LoyaltyEngine keeping = engine(retail("", "").replace("{\"id\": \"silver\", \"threshold\": \"500\"}",
                "{\"id\": \"silver\", \"threshold\": \"500\", \"keep\": \"400\"}"));
        MemberState state = apply(keeping, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"));
        state = apply(keeping, state, purchase("p2", "m1", "2026-03-03T10:00:00Z", "450.00"));

        // when
        Decision review = keeping.reviewTiers(List.of(state), at("2027-01-02T00:00:00Z")).get(0);

        // then: 2026 earned exactly the current tier, silver (450 >= keep 400): the renewal rule decides and explains
        // it; the engine's own renewal when no rule concludes gives the same state without the rule's reason
        assertThat(review.state().tier().tierId()).isEqualTo("silver");
        assertThat(review.state().tier().validUntil()).isEqualTo(at("2028-01-01T00:00:00Z"));
        assertThat(review.notices()).containsExactly(MemberNotice.of("TIER_RENEWED",
                "silver renewed at the review of 2027-01-01, valid until 2028-01-01"));
        assertThat(review.explanations()).extracting(Explanation::rule)
                .containsExactly("Lapsed status renews when the window kept the current tier");
        assertThat(review.explanations()).extracting(Explanation::sentence).singleElement().asString()
                .startsWith("window ending 2027-01-01 kept silver");
    }

    @Test
    void points_growth_counts_only_the_points_a_cap_lets_through() {
        // given: tiers on points, silver at 200; a daily cap of 100 points
        LoyaltyEngine pointsLadder = engine(retail("", "\"risk\": {\"caps\": [{\"id\": \"daily\","
                + " \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 100}]}")
                .replace("\"metric\": \"growth\"", "\"metric\": \"points\"")
                .replace("{\"id\": \"silver\", \"threshold\": \"500\"}",
                        "{\"id\": \"silver\", \"threshold\": \"200\"}"));

        // when: 300.00 would earn 300, the cap lets 100 through
        Decision decision = pointsLadder.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "300.00"));

        // then: growth in points is the points awarded after caps (docs/semantics.md section 14): 100, below
        // silver's 200
        assertThat(decision.pointsAwarded()).isEqualTo(100L);
        assertThat(decision.state().growth().total("points", at("2025-01-01T00:00:00Z"), at("2025-12-31T00:00:00Z")))
                .isEqualByComparingTo("100");
        assertThat(decision.state().tier().tierId()).isEqualTo("member");
        assertThat(decision.tierMoves()).isEmpty();
    }

    @Test
    void the_grace_warning_names_the_tier_the_running_window_already_reaches_and_a_requalifying_purchase_gets_none() {
        LoyaltyEngine graceful = anniversaryWithGrace();
        MemberState gold = apply(graceful, null, purchase("p1", "m1", "2025-01-10T10:00:00Z", "2000.00"));

        // nothing in the second year; in the grace after its anniversary, 600 (silver) or 2,000 (gold again)
        Decision silverSoFar = graceful.apply(gold, purchase("p2", "m1", "2027-01-20T10:00:00Z", "600.00"));
        Decision requalified = graceful.apply(gold, purchase("p2", "m1", "2027-01-20T10:00:00Z", "2000.00"));

        MemberNotice renewed = MemberNotice.of("TIER_RENEWED", "gold renewed at the review of 2026-02-09, valid until"
                + " 2027-01-10");
        assertThat(silverSoFar.notices()).containsExactly(renewed, MemberNotice.of("DOWNGRADE_WARNING",
                "gold lapsed; unless requalified by 2027-02-09 the member moves towards silver"));
        assertThat(requalified.notices()).containsExactly(renewed);
        assertThat(requalified.state().tier().tierId()).isEqualTo("gold");
        assertThat(requalified.state().tier().validUntil()).isEqualTo(at("2028-01-10T00:00:00Z"));
    }

    @Test
    void a_review_in_the_grace_period_says_the_status_lapsed_and_when_it_is_reviewed() {
        LoyaltyEngine graceful = anniversaryWithGrace();
        MemberState silver = apply(graceful, null, purchase("p1", "m1", "2025-01-10T10:00:00Z", "600.00"));

        Decision inGrace = graceful.apply(silver, TierReview.of("m1", at("2026-01-20T00:00:00Z")));

        assertThat(inGrace.tierMoves()).isEmpty();
        assertThat(inGrace.explanations()).extracting(Explanation::sentence).containsExactly("review on 2026-01-20:"
                + " silver kept; it lapsed on 2026-01-10 and is in its grace period; no review was due (the next on"
                + " 2026-02-09)");
    }

    @Test
    void after_the_grace_period_the_review_lowers_the_tier() {
        LoyaltyEngine graceful = anniversaryWithGrace();
        MemberState state = apply(graceful, null, purchase("p1", "m1", "2025-01-10T10:00:00Z", "600.00"));
        state = apply(graceful, state, purchase("p2", "m1", "2026-01-20T10:00:00Z", "100.00"));

        Decision review = graceful.apply(state, TierReview.of("m1", at("2027-02-10T00:00:00Z")));

        // membership year 2026-01-10..2027-01-10 earned 100: member, effective when grace ends on 2027-02-09
        assertThat(review.tierMoves()).containsExactly(new TierMove("m1", at("2027-02-09T00:00:00Z"), "silver",
                "member", "DOWNGRADE", "window ending 2027-01-10 earned member"));
        assertThat(review.state().tier().source()).isEqualTo(TierSource.BASE);
    }

    @Test
    void requalifying_during_the_grace_period_keeps_the_tier() {
        LoyaltyEngine graceful = anniversaryWithGrace();
        MemberState state = apply(graceful, null, purchase("p1", "m1", "2025-01-10T10:00:00Z", "600.00"));
        state = apply(graceful, state, purchase("p2", "m1", "2026-01-20T10:00:00Z", "100.00"));
        state = apply(graceful, state, purchase("p3", "m1", "2027-01-20T10:00:00Z", "550.00"));

        Decision review = graceful.apply(state, TierReview.of("m1", at("2027-02-10T00:00:00Z")));

        assertThat(state.tier().validUntil()).isEqualTo(at("2028-01-10T00:00:00Z"));
        assertThat(review.tierMoves()).isEmpty();
        assertThat(review.state().tier().tierId()).isEqualTo("silver");
    }

    @Test
    void a_manually_assigned_tier_is_a_floor_for_reviews() {
        MemberState state = apply(engine, null, new Enrollment("e1", "m1", at("2025-01-01T00:00:00Z"), "gold", Map.of()));
        state = apply(engine, state, purchase("p1", "m1", "2025-03-03T10:00:00Z", "5000.00"));
        assertThat(state.tier().tierId()).isEqualTo("platinum");

        Decision review = engine.reviewTiers(List.of(state), at("2027-01-02T00:00:00Z")).get(0);

        // 2026 earned nothing: to the earned level (member), but never below the manual floor gold
        assertThat(review.tierMoves()).containsExactly(new TierMove("m1", at("2027-01-01T00:00:00Z"), "platinum",
                "gold", "DOWNGRADE", "kept at gold: manually assigned tier"));
        assertThat(review.state().tier().source()).isEqualTo(TierSource.MANUAL);
        assertThat(review.state().tier().validUntil()).isNull();
    }

    @Test
    void a_lower_manual_tier_replaces_the_earlier_assignment_or_gives_way_to_what_the_growth_reaches() {
        MemberState platinum = apply(engine, null, new Enrollment("e1", "m1", at("2025-01-01T00:00:00Z"), "platinum",
                Map.of()));
        MemberState gold = apply(engine, platinum, purchase("p1", "m1", "2025-03-03T10:00:00Z", "2100.00"));

        // when: staff assign silver instead, to a member with 1.00 of spend and to one whose 2,100 reaches gold
        Decision toSilver = engine.apply(apply(engine, platinum, purchase("p1", "m1", "2025-03-03T10:00:00Z", "1.00")),
                new Enrollment("e2", "m1", at("2025-04-01T00:00:00Z"), "silver", Map.of()));
        Decision toGold = engine.apply(gold, new Enrollment("e2", "m1", at("2025-04-01T00:00:00Z"), "silver",
                Map.of()));

        assertThat(toSilver.tierMoves()).containsExactly(new TierMove("m1", at("2025-04-01T00:00:00Z"), "platinum",
                "silver", "MANUAL", "tier silver assigned at enrollment replaces the manual platinum; it is the"
                        + " member's floor"));
        assertThat(toSilver.state().tier()).isEqualTo(new TierStatus("silver", TierSource.MANUAL,
                at("2025-04-01T00:00:00Z"), null, "silver", null));
        assertThat(toGold.tierMoves()).containsExactly(new TierMove("m1", at("2025-04-01T00:00:00Z"), "platinum",
                "gold", "MANUAL", "tier silver assigned at enrollment replaces the manual platinum; it is the"
                        + " member's floor, and the window's growth reaches gold"));
        // gold earned on 2025-04-01 lasts through 2026 (END_OF_NEXT_WINDOW), silver stays the floor
        assertThat(toGold.state().tier()).isEqualTo(new TierStatus("gold", TierSource.EARNED,
                at("2025-04-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), "silver", null));
    }

    @Test
    void assigning_the_tier_a_member_holds_tells_no_tier_move_and_makes_it_a_manual_floor() {
        // when: a new member enrolled at the base tier, then silver assigned twice
        Decision base = engine.apply(null, new Enrollment("e1", "m1", at("2025-01-01T00:00:00Z"), "member", Map.of()));
        Decision silver = engine.apply(base.state(), new Enrollment("e2", "m1", at("2025-02-01T00:00:00Z"), "silver",
                Map.of()));
        Decision again = engine.apply(silver.state(), new Enrollment("e3", "m1", at("2025-03-01T00:00:00Z"), "silver",
                Map.of()));

        // then: only the move from member to silver is told (the others used to be "member -> member" rows)
        assertThat(base.tierMoves()).isEmpty();
        assertThat(base.state().tier().source()).isEqualTo(TierSource.MANUAL);
        assertThat(silver.tierMoves()).containsExactly(new TierMove("m1", at("2025-02-01T00:00:00Z"), "member",
                "silver", "MANUAL", "tier assigned at enrollment; it is the member's floor"));
        assertThat(again.tierMoves()).isEmpty();
        assertThat(again.state().tier()).isEqualTo(silver.state().tier());
    }

    @Test
    void an_enrollment_tier_must_exist_on_the_ladder() {
        Decision decision = engine.apply(null, new Enrollment("e1", "m1", at("2025-01-01T00:00:00Z"), "diamond", Map.of()));

        assertThat(decision.refusal()).isEqualTo(new Refusal("UNKNOWN_TIER",
                "enrollment e1 assigns tier 'diamond'; tiers are [member, silver, gold, platinum]"));
    }

    @Test
    void redemption_never_demotes() {
        MemberState state = apply(engine, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"));

        Decision redemption = engine.apply(state, Redemption.of("x1", "m1", at("2025-03-04T10:00:00Z"), 600));

        assertThat(redemption.state().pointsAvailable()).isZero();
        assertThat(redemption.state().tier()).isEqualTo(state.tier());
        assertThat(redemption.state().growth()).isEqualTo(state.growth());
    }

    @Test
    void a_membership_fee_on_a_program_that_sells_no_membership_is_refused_unknown_plan() {
        // given: a program without membership.plans, and a fee of 0.00 for a century of platinum
        LoyaltyEngine noPlans = engine(retail("", ""));
        MemberState state = apply(noPlans, null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"));

        // when
        Decision fee = noPlans.apply(state, new MembershipFee("f1", "m1", at("2025-03-04T10:00:00Z"), usd("0.00"),
                "platinum", 1200, Map.of()));

        // then
        assertThat(fee.refusal()).isEqualTo(new Refusal("UNKNOWN_PLAN", "membership fee f1 buys tier 'platinum', but"
                + " program retail-test sells no membership (it has no membership.plans)"));
        assertThat(fee.state()).isSameAs(state);
    }

    @Test
    void a_paid_tier_lasts_its_paid_term_then_falls_back_to_the_earned_level() {
        MemberState state = apply(engine, null, new MembershipFee("f1", "m1", at("2025-03-01T00:00:00Z"),
                usd("99.00"), "gold", 12, Map.of()));
        state = apply(engine, state, purchase("p1", "m1", "2025-06-01T10:00:00Z", "600.00"));

        Decision during = engine.reviewTiers(List.of(state), at("2026-02-28T00:00:00Z")).get(0);
        Decision after = engine.reviewTiers(List.of(state), at("2026-03-02T00:00:00Z")).get(0);

        assertThat(state.tier().tierId()).isEqualTo("gold");
        assertThat(state.tier().source()).isEqualTo(TierSource.PAID);
        assertThat(during.state().tier().tierId()).isEqualTo("gold");
        // the paid term ends 2026-03-01; the last window over by then, 2025, holds the 600 that reached silver during
        // the term: silver, kept through 2026 as status earned in 2025 is
        assertThat(after.tierMoves()).containsExactly(new TierMove("m1", at("2026-03-01T00:00:00Z"), "gold",
                "silver", "DOWNGRADE", "window ending 2026-01-01 earned silver"));
        assertThat(after.state().tier().validUntil()).isEqualTo(at("2027-01-01T00:00:00Z"));
    }

    @Test
    void a_paid_tier_below_an_earned_one_is_a_floor_when_the_earned_tier_ends() {
        // gold earned in 2025 (valid through 2026); silver paid on 2026-06-01 for 12 months, to 2027-06-01
        MemberState state = apply(engine, null, purchase("p1", "m1", "2025-07-01T10:00:00Z", "2000.00"));
        state = apply(engine, state, new MembershipFee("f1", "m1", at("2026-06-01T00:00:00Z"), usd("49.00"), "silver",
                12, Map.of()));

        Decision review = engine.reviewTiers(List.of(state), at("2027-01-02T00:00:00Z")).get(0);
        Decision lapse = engine.reviewTiers(List.of(review.state()), at("2027-06-02T00:00:00Z")).get(0);

        // 2026 earned nothing: gold ends on 2027-01-01, but the silver term runs: silver, paid until 2027-06-01
        assertThat(state.tier().tierId()).isEqualTo("gold");
        assertThat(review.tierMoves()).extracting(TierMove::from, TierMove::to, TierMove::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gold", "silver", "DOWNGRADE"));
        assertThat(review.state().tier().source()).isEqualTo(TierSource.PAID);
        assertThat(review.state().tier().paidUntil()).isEqualTo(at("2027-06-01T00:00:00Z"));
        // then the paid term ends: 2026, the last window over, and 2027 so far earned nothing
        assertThat(lapse.tierMoves()).extracting(TierMove::at, TierMove::from, TierMove::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2027-06-01T00:00:00Z"), "silver", "member"));
    }

    @Test
    void an_earned_upgrade_over_a_paid_tier_does_not_cancel_the_paid_term() {
        // silver paid on 2025-06-01 for 24 months (to 2027-06-01); 2,000 on 2025-07-01 earns gold, valid through 2026
        LoyaltyEngine twoYearSilver = engine(retail("", "\"membership\": {\"plans\": [{\"tier\": \"silver\","
                + " \"price\": \"89.00\", \"termMonths\": 24}]}"));
        MemberState state = apply(twoYearSilver, null, new MembershipFee("f1", "m1", at("2025-06-01T00:00:00Z"),
                usd("89.00"), "silver", 24, Map.of()));
        state = apply(twoYearSilver, state, purchase("p1", "m1", "2025-07-01T10:00:00Z", "2000.00"));

        Decision review = twoYearSilver.reviewTiers(List.of(state), at("2027-01-02T00:00:00Z")).get(0);

        assertThat(state.tier().tierId()).isEqualTo("gold");
        assertThat(review.tierMoves()).extracting(TierMove::from, TierMove::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gold", "silver"));
        assertThat(review.state().tier().paidUntil()).isEqualTo(at("2027-06-01T00:00:00Z"));
    }

    @Test
    void a_paid_tier_ends_with_its_term_without_the_grace_period_of_earned_status() {
        // 30 days of grace for earned status; gold paid 2025-03-01 for 12 months ends on 2026-03-01
        LoyaltyEngine graced = anniversaryWithGrace();
        MemberState state = apply(graced, null, new MembershipFee("f1", "m1", at("2025-03-01T00:00:00Z"),
                usd("99.00"), "gold", 12, Map.of()));

        Decision review = graced.reviewTiers(List.of(state), at("2026-03-02T00:00:00Z")).get(0);

        assertThat(review.tierMoves()).extracting(TierMove::at, TierMove::from, TierMove::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2026-03-01T00:00:00Z"), "gold", "member"));
    }

    @Test
    void growth_earned_during_the_grace_period_counts_at_the_review() {
        // calendar years, status through the next year, 30 days of grace: gold earned in 2025 lapses on 2027-01-01,
        // reviewed on 2027-01-31; 2026 earned nothing, but 600 on 2027-01-10 (in the grace period) reaches silver
        LoyaltyEngine graced = engine(retail("", "").replace("\"END_OF_NEXT_WINDOW\"",
                "\"END_OF_NEXT_WINDOW\",\n\"graceDays\": 30"));
        MemberState state = apply(graced, null, purchase("p1", "m1", "2025-06-01T10:00:00Z", "2000.00"));
        state = apply(graced, state, purchase("p2", "m1", "2027-01-10T10:00:00Z", "600.00"));

        Decision review = graced.reviewTiers(List.of(state), at("2027-02-01T00:00:00Z")).get(0);

        // to silver, not to member (and back up to silver at the next purchase), for as long as the upgrade to silver
        // on 2027-01-10 would have lasted: through 2028
        assertThat(state.tier().tierId()).isEqualTo("gold");
        assertThat(review.tierMoves()).extracting(TierMove::at, TierMove::from, TierMove::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2027-01-31T00:00:00Z"), "gold", "silver"));
        // the window that earned silver is 2027's, read up to the review, not 2026's
        assertThat(review.tierMoves()).extracting(TierMove::reason)
                .containsExactly("window ending 2027-01-31 earned silver");
        assertThat(review.state().tier().validUntil()).isEqualTo(at("2029-01-01T00:00:00Z"));
        assertThat(review.explanations()).extracting(Explanation::sentence).anyMatch(sentence -> sentence.endsWith(
                "growth 0 in the window ending 2027-01-01, gold is kept at 2000; 600 since 2027-01-01 reaches silver)"));
    }

    @Test
    void a_one_step_review_names_the_lapse_of_the_status_it_did_not_keep_when_the_running_window_reached_a_tier() {
        // the same member under ONE_STEP: gold lapses on 2027-01-01, 600 bought on 2027-01-10 in the grace period
        LoyaltyEngine graced = engine(retail("", "").replace("\"TO_EARNED_LEVEL\"", "\"ONE_STEP\"")
                .replace("\"END_OF_NEXT_WINDOW\"", "\"END_OF_NEXT_WINDOW\",\n\"graceDays\": 30"));
        MemberState state = apply(graced, null, purchase("p1", "m1", "2025-06-01T10:00:00Z", "2000.00"));
        state = apply(graced, state, purchase("p2", "m1", "2027-01-10T10:00:00Z", "600.00"));

        Decision review = graced.reviewTiers(List.of(state), at("2027-02-01T00:00:00Z")).get(0);

        // one step down to silver; what was not kept is gold, which lapsed on 2027-01-01 (the reason named the
        // window running at the review, 'window ending 2027-01-31 did not keep gold', which had reached silver)
        assertThat(review.tierMoves()).extracting(TierMove::from, TierMove::to, TierMove::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gold", "silver",
                        "gold lapsed on 2027-01-01 and was not kept: one step down"));
        assertThat(review.state().tier().validUntil()).isEqualTo(at("2029-01-01T00:00:00Z"));
    }

    @Test
    void a_review_dated_before_the_members_enrolment_says_there_was_nothing_to_review() {
        // given a member enrolled by a purchase of 600 on 2025-03-03 (silver)
        MemberState state = apply(engine(retail("", "")), null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"));

        // when a review is run for 2025-03-01, two days before
        Decision review = engine(retail("", "")).reviewTiers(List.of(state), at("2025-03-01T00:00:00Z")).get(0);

        // then nothing changes, and the explanation does not claim silver was held on 2025-03-01
        assertThat(review.state()).isEqualTo(state);
        assertThat(review.explanations()).extracting(Explanation::sentence).containsExactly(
                "review on 2025-03-01: nothing to review, member m1 was enrolled later, on 2025-03-03");
    }

    @Test
    void a_review_earlier_on_the_day_of_the_enrolment_names_the_enrolment_instant() {
        MemberState state = apply(engine(retail("", "")), null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"));

        Decision review = engine(retail("", "")).reviewTiers(List.of(state), at("2025-03-03T08:00:00Z")).get(0);

        assertThat(review.explanations()).extracting(Explanation::sentence).containsExactly(
                "review on 2025-03-03: nothing to review, member m1 was enrolled later, at 2025-03-03T10:00:00Z");
    }
}
