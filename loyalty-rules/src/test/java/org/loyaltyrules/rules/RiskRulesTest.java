package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.facts.RiskFlag;

/** Scenarios for the risk group of the standard pack (risk/caps.drl, risk/abnormal-member.drl, risk/nps-follow-up.drl). */
class RiskRulesTest {

    /** No tier bonus, so the numbers show the caps alone. */
    private static LoyaltyEngine capped(String caps) {
        return engine(retail("", "\"risk\": {\"caps\": [" + caps + "]}")
                .replace("\"tierBonus\": {\"silver\": \"20\", \"gold\": \"50\", \"platinum\": \"100\"}",
                        "\"tierBonus\": {\"gold\": \"50\"}"));
    }

    @Test
    void an_award_above_the_daily_cap_is_trimmed_to_the_headroom() {
        LoyaltyEngine engine = capped("{\"id\": \"daily\", \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 1000}");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "800.00")).state();

        Decision decision = engine.apply(state, purchase("p2", "m1", "2025-03-03T18:00:00Z", "500.00"));

        // 1000 - 800 = 200 left today; 500 - 200 = 300 withheld
        assertThat(decision.pointsAwarded()).isEqualTo(200L);
        assertThat(decision.capsApplied()).containsExactly(new CapApplied("daily", 200, 300));
        assertThat(decision.postings().get(0).explanation())
                .isEqualTo("base 1 per unit on eligible 500.00 = 500, 300 withheld by cap daily");
        assertThat(decision.explanations()).extracting(Explanation::sentence)
                .contains("cap daily leaves 200 of an award of 500: 300 withheld");
    }

    @Test
    void the_cap_starts_again_the_next_day() {
        LoyaltyEngine engine = capped("{\"id\": \"daily\", \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 1000}");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "1500.00")).state();

        Decision next = engine.apply(state, purchase("p2", "m1", "2025-03-04T09:00:00Z", "500.00"));

        assertThat(state.pointsAvailable()).isEqualTo(1000L);
        assertThat(next.pointsAwarded()).isEqualTo(500L);
        assertThat(next.capsApplied()).isEmpty();
    }

    @Test
    void the_cap_day_is_the_calendar_day_in_the_program_zone_not_in_utc() {
        // given: Paris (UTC+1 in March); 22:30Z on 3 March is 23:30 that day there, 23:30Z is already 00:30 on 4 March
        LoyaltyEngine engine = engine(retail("", "\"risk\": {\"caps\": [{\"id\": \"daily\", \"period\": \"DAY\","
                + " \"measure\": \"POINTS\", \"limit\": 1000}]}").replace("\"zone\": \"UTC\"", "\"zone\": \"Europe/Paris\"")
                .replace("\"tierBonus\": {\"silver\": \"20\", \"gold\": \"50\", \"platinum\": \"100\"}",
                        "\"tierBonus\": {\"gold\": \"50\"}"));
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T22:30:00Z", "800.00")).state();

        // when: p2 the same UTC day but the next Paris day, p3 later that Paris day but the next UTC day; then a
        // refund of p1 (3 March in Paris), a purchase, a refund of p2 (4 March in Paris, 3 March in UTC), a purchase
        Decision p2 = engine.apply(state, purchase("p2", "m1", "2025-03-03T23:30:00Z", "800.00"));
        Decision p3 = engine.apply(p2.state(), purchase("p3", "m1", "2025-03-04T20:00:00Z", "300.00"));
        state = engine.apply(p3.state(), Refund.of("r1", "m1", at("2025-03-04T21:00:00Z"), "p1",
                Programs.usd("300.00"))).state();
        Decision p4 = engine.apply(state, purchase("p4", "m1", "2025-03-04T21:10:00Z", "100.00"));
        state = engine.apply(p4.state(), Refund.of("r2", "m1", at("2025-03-04T21:20:00Z"), "p2",
                Programs.usd("300.00"))).state();
        Decision p5 = engine.apply(state, purchase("p5", "m1", "2025-03-04T21:30:00Z", "100.00"));

        // then: p2 opens 4 March (Paris) and gets its 800, p3 the 200 left of that day's 1000; p1's refund gives
        // nothing back to 4 March, so p4 gets nothing; p2's refund gives its 300 back to 4 March, so p5 gets its 100
        // (growth stays below gold's 2000, so no tier bonus)
        assertThat(p2.pointsAwarded()).isEqualTo(800L);
        assertThat(p2.capsApplied()).isEmpty();
        assertThat(p3.pointsAwarded()).isEqualTo(200L);
        assertThat(p3.capsApplied()).containsExactly(new CapApplied("daily", 200, 100));
        assertThat(p4.pointsAwarded()).isZero();
        assertThat(p4.capsApplied()).containsExactly(new CapApplied("daily", 0, 100));
        assertThat(p5.pointsAwarded()).isEqualTo(100L);
        assertThat(p5.capsApplied()).isEmpty();
    }

    @Test
    void a_tier_cap_applies_only_to_members_of_that_tier() {
        LoyaltyEngine engine = capped("{\"id\": \"gold-daily\", \"tier\": \"gold\", \"period\": \"DAY\", \"limit\": 100}");
        MemberState gold = engine.apply(null, new Enrollment("e1", "g1", at("2025-01-01T00:00:00Z"), "gold", Map.of()))
                .state();

        // gold: 300 + 150 bonus = 450 capped to 100; member: 300 uncapped
        assertThat(engine.apply(gold, purchase("p1", "g1", "2025-03-03T09:00:00Z", "300.00")).pointsAwarded())
                .isEqualTo(100L);
        assertThat(engine.apply(null, purchase("p2", "m1", "2025-03-03T09:00:00Z", "300.00")).pointsAwarded())
                .isEqualTo(300L);
    }

    @Test
    void the_tightest_of_several_caps_wins() {
        LoyaltyEngine engine = capped("""
                {"id": "daily", "period": "DAY", "limit": 1000},
                {"id": "monthly", "period": "MONTH", "limit": 1200}""");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-01T09:00:00Z", "900.00")).state();

        Decision decision = engine.apply(state, purchase("p2", "m1", "2025-03-02T09:00:00Z", "900.00"));

        // daily headroom 1000, monthly headroom 1200 - 900 = 300: 300 awarded, 600 withheld by the monthly cap
        assertThat(decision.pointsAwarded()).isEqualTo(300L);
        assertThat(decision.capsApplied()).containsExactly(new CapApplied("monthly", 300, 600));
    }

    @Test
    void a_cap_the_award_exactly_fills_is_not_listed_beside_the_tighter_cap() {
        LoyaltyEngine engine = capped("""
                {"id": "a", "period": "DAY", "limit": 30},
                {"id": "b", "period": "DAY", "limit": 50}""");

        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-01T09:00:00Z", "50.00"));

        // the award of 50 goes over a (30 left, 20 withheld) and exactly fills b, which withholds nothing
        assertThat(decision.pointsAwarded()).isEqualTo(30L);
        assertThat(decision.capsApplied()).containsExactly(new CapApplied("a", 30, 20));
        assertThat(decision.explanations()).extracting(Explanation::sentence)
                .noneMatch(sentence -> sentence.startsWith("cap b"));
    }

    @Test
    void a_count_cap_withholds_awards_beyond_the_count() {
        LoyaltyEngine engine = capped("{\"id\": \"two-a-day\", \"period\": \"DAY\", \"measure\": \"COUNT\", \"limit\": 2}");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "10.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-03T10:00:00Z", "10.00")).state();

        Decision third = engine.apply(state, purchase("p3", "m1", "2025-03-03T11:00:00Z", "10.00"));

        assertThat(third.pointsAwarded()).isZero();
        assertThat(third.capsApplied()).containsExactly(new CapApplied("two-a-day", 0, 10));
        assertThat(third.state().pointsAvailable()).isEqualTo(20L);
    }

    @Test
    void caps_that_tie_are_explained_as_a_tie_and_a_count_cap_in_rewarded_events() {
        LoyaltyEngine engine = capped("{\"id\": \"dayA\", \"period\": \"DAY\", \"limit\": 80}, "
                + "{\"id\": \"dayB\", \"period\": \"DAY\", \"limit\": 80}, "
                + "{\"id\": \"tight\", \"period\": \"DAY\", \"limit\": 60}, "
                + "{\"id\": \"cnt2\", \"period\": \"DAY\", \"measure\": \"COUNT\", \"limit\": 2}");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "30.00")).state();

        // 60 - 30 = 30 left under tight, 50 under dayA and dayB: tight withholds 25 of 55
        Decision second = engine.apply(state, purchase("p2", "m1", "2025-03-03T10:00:00Z", "55.00"));
        // two rewarded events today: cnt2 ties with tight (0 left) and is not counted
        Decision third = engine.apply(second.state(), purchase("p3", "m1", "2025-03-03T11:00:00Z", "10.00"));

        assertThat(second.pointsAwarded()).isEqualTo(30L);
        assertThat(second.explanations()).extracting(Explanation::sentence)
                .contains("cap tight leaves 30 of an award of 55: 25 withheld",
                        "cap dayA leaves 50 of an award of 55: 5 over, a tighter cap (tight) applies",
                        "cap dayB leaves 50 of an award of 55: 5 over, a tighter cap (tight) applies");
        assertThat(third.pointsAwarded()).isZero();
        assertThat(third.capTrims()).containsExactly(new CapApplied("tight", 0, 10));
        assertThat(third.explanations()).extracting(Explanation::sentence)
                .contains("cap tight leaves 0 of an award of 10: 10 withheld",
                        "cap cnt2 allows no more rewarded events (2 per day) for an award of 10: 10 over, as under "
                                + "cap tight, which is counted as withholding it");
    }

    @Test
    void a_count_cap_keeps_counting_a_purchase_refunded_in_full_the_same_day() {
        LoyaltyEngine engine = capped("{\"id\": \"once\", \"period\": \"DAY\", \"measure\": \"COUNT\", \"limit\": 1}");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "10.00")).state();
        state = engine.apply(state, Refund.of("r1", "m1", at("2025-03-03T10:00:00Z"), "p1", Programs.usd("10.00")))
                .state();

        Decision second = engine.apply(state, purchase("p2", "m1", "2025-03-03T11:00:00Z", "20.00"));

        // the member was rewarded once today; the return does not undo that (docs/semantics.md section 9)
        assertThat(second.pointsAwarded()).isZero();
        assertThat(second.explanations()).extracting(Explanation::sentence)
                .contains("cap once allows no more rewarded events (1 per day) for an award of 20: 20 withheld");
    }

    @Test
    void a_count_cap_does_not_count_a_purchase_that_earned_nothing() {
        // given: one rewarded purchase a day, and no points below a 20.00 order: p1 of 10.00 earns nothing
        LoyaltyEngine engine = engine(retail("\"minimumOrder\": \"20.00\"", "\"risk\": {\"caps\": [{\"id\": \"once\","
                + " \"period\": \"DAY\", \"measure\": \"COUNT\", \"limit\": 1}]}"));
        Decision first = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "10.00"));

        // when
        Decision second = engine.apply(first.state(), purchase("p2", "m1", "2025-03-03T10:00:00Z", "50.00"));

        // then: a COUNT cap counts rewarded events (docs/program-json.md, monotoneInSpend), so p2 is the day's first
        assertThat(first.pointsAwarded()).isZero();
        assertThat(second.pointsAwarded()).isEqualTo(50L);
        assertThat(second.capsApplied()).isEmpty();
    }

    @Test
    void a_refund_gives_back_cap_headroom_in_the_same_period() {
        LoyaltyEngine engine = capped("{\"id\": \"daily\", \"period\": \"DAY\", \"limit\": 1000}");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "1000.00")).state();
        state = engine.apply(state, Refund.of("r1", "m1", at("2025-03-03T10:00:00Z"), "p1", Programs.usd("400.00")))
                .state();

        // 400 points clawed back also free 400 of today's cap
        assertThat(engine.apply(state, purchase("p2", "m1", "2025-03-03T11:00:00Z", "500.00")).pointsAwarded())
                .isEqualTo(400L);
    }

    @Test
    void points_already_redeemed_that_a_refund_cannot_recover_stay_counted_by_the_cap() {
        // given: 1,000 of a monthly 1,000-point cap earned, 700 of it redeemed, then the purchase refunded in full
        LoyaltyEngine engine = capped("{\"id\": \"monthly\", \"period\": \"MONTH\", \"limit\": 1000}");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "1000.00")).state();
        state = engine.apply(state, org.loyaltyrules.core.event.Redemption.of("x1", "m1", at("2025-03-04T09:00:00Z"),
                700)).state();
        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-03-05T09:00:00Z"), "p1",
                Programs.usd("1000.00")));

        // when
        Decision next = engine.apply(refund.state(), purchase("p2", "m1", "2025-03-06T09:00:00Z", "500.00"));

        // then: the clawback of 1,000 took back the 300 left and could not recover the 700 the member spent
        // (RECOVER_AVAILABLE): the member obtained 700 this month and keeps it, so only 300 of the cap is free again
        assertThat(refund.state().ledger().totals().unrecovered()).isEqualTo(700L);
        assertThat(next.pointsAwarded()).isEqualTo(300L);
        assertThat(next.capsApplied()).containsExactly(new CapApplied("monthly", 300, 200));
    }

    @Test
    void under_a_negative_balance_a_refund_gives_the_whole_share_back_to_the_cap() {
        // given: as above, but the shortfall becomes a debt the member owes, which later points pay off first
        LoyaltyEngine engine = engine(retail("", "\"refunds\": {\"policy\": \"NEGATIVE_BALANCE\"}, "
                + "\"risk\": {\"caps\": [{\"id\": \"monthly\", \"period\": \"MONTH\", \"limit\": 1000}]}")
                .replace("\"tierBonus\": {\"silver\": \"20\", \"gold\": \"50\", \"platinum\": \"100\"}",
                        "\"tierBonus\": {\"gold\": \"50\"}"));
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "1000.00")).state();
        state = engine.apply(state, org.loyaltyrules.core.event.Redemption.of("x1", "m1", at("2025-03-04T09:00:00Z"),
                700)).state();
        state = engine.apply(state, Refund.of("r1", "m1", at("2025-03-05T09:00:00Z"), "p1", Programs.usd("1000.00")))
                .state();

        // when
        Decision next = engine.apply(state, purchase("p2", "m1", "2025-03-06T09:00:00Z", "500.00"));

        // then: all 1,000 were taken back (700 as a debt), so the cap is free again; the 500 pay the debt first
        assertThat(state.pointsAvailable()).isEqualTo(-700L);
        assertThat(next.pointsAwarded()).isEqualTo(500L);
        assertThat(next.capsApplied()).isEmpty();
        assertThat(next.state().pointsAvailable()).isEqualTo(-200L);
    }

    private static LoyaltyEngine abnormal(String settings) {
        return engine(retail("", "\"risk\": {\"abnormal\": {" + settings + "}}"));
    }

    @Test
    void a_member_buying_too_often_is_put_under_review_and_the_award_is_held() {
        LoyaltyEngine engine = abnormal("\"maxPurchases\": 2, \"velocityMinutes\": 60");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "10.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-03T09:20:00Z", "10.00")).state();

        Decision third = engine.apply(state, purchase("p3", "m1", "2025-03-03T09:40:00Z", "10.00"));

        assertThat(third.riskFlags()).containsExactly(
                RiskFlag.underReview("VELOCITY", "3 purchases within 60 minutes exceed 2"));
        assertThat(third.state().status()).isEqualTo(MemberStatus.UNDER_REVIEW);
        assertThat(third.state().pointsAvailable()).isEqualTo(20L);
        assertThat(third.state().pointsPending()).isEqualTo(10L);
        assertThat(third.state().ledger().held()).isEqualTo(10L);
    }

    @ParameterizedTest(name = "third purchase at {0}")
    @ValueSource(strings = {"2025-03-03T10:01:00Z", "2025-03-03T10:00:00Z"})
    void a_purchase_one_window_or_more_before_is_outside_the_velocity_window(String third) {
        LoyaltyEngine engine = abnormal("\"maxPurchases\": 2, \"velocityMinutes\": 60");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "10.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-03T09:30:00Z", "10.00")).state();

        Decision decision = engine.apply(state, purchase("p3", "m1", third, "10.00"));

        // the window is (t - 60 min, t] (docs/semantics.md section 9): p1 at 09:00 is outside it even when
        // exactly 60 minutes before p3, so it holds p2 and p3, 2 purchases, not above 2; p3's 10 points are not held
        assertThat(decision.riskFlags()).isEmpty();
        assertThat(decision.state().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(decision.state().pointsAvailable()).isEqualTo(30L);
        assertThat(decision.state().pointsPending()).isZero();
    }

    @Test
    void releasing_a_member_under_review_makes_held_points_available() {
        LoyaltyEngine engine = abnormal("\"maxPurchases\": 1, \"velocityMinutes\": 60");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "10.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-03T09:10:00Z", "30.00")).state();
        state = engine.apply(state, purchase("p3", "m1", "2025-03-05T09:10:00Z", "5.00")).state();
        assertThat(state.pointsPending()).isEqualTo(35L);

        Decision release = engine.apply(state, new Adjustment("a1", "m1", at("2025-03-06T09:00:00Z"), 0,
                "reviewed: genuine customer", MemberStatus.ACTIVE, Map.of()));

        assertThat(release.state().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(release.state().pointsAvailable()).isEqualTo(45L);
        assertThat(release.state().pointsPending()).isZero();
        // the held lots of p2 (30) and p3 (5) become available at the release, not back when they were earned
        assertThat(release.postings()).extracting(p -> p.type().name(), Posting::eventId, Posting::at, Posting::points)
                .containsExactly(tuple("ACTIVATE", "p2", at("2025-03-06T09:00:00Z"), 30L),
                        tuple("ACTIVATE", "p3", at("2025-03-06T09:00:00Z"), 5L));
    }

    @Test
    void a_member_frozen_after_review_gets_the_held_points_when_set_back_to_active() {
        LoyaltyEngine engine = abnormal("\"maxPurchases\": 1, \"velocityMinutes\": 60");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "10.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-03T09:10:00Z", "30.00")).state();
        state = engine.apply(state, new Adjustment("f1", "m1", at("2025-03-04T09:00:00Z"), 0, "fraud check",
                MemberStatus.FROZEN, Map.of())).state();
        assertThat(state.ledger().held()).isEqualTo(30L);

        Decision release = engine.apply(state, new Adjustment("a1", "m1", at("2025-03-06T09:00:00Z"), 0,
                "reviewed: genuine customer", MemberStatus.ACTIVE, Map.of()));

        assertThat(release.state().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(release.state().ledger().held()).isZero();
        assertThat(release.state().pointsAvailable()).isEqualTo(40L);
        assertThat(release.state().pointsPending()).isZero();
        assertThat(release.postings()).extracting(p -> p.type().name(), Posting::eventId, Posting::at, Posting::points)
                .containsExactly(tuple("ACTIVATE", "p2", at("2025-03-06T09:00:00Z"), 30L));
        assertThat(release.explanations()).extracting(Explanation::sentence)
                .contains("member m1 status FROZEN -> ACTIVE; held points released");
    }

    @Test
    void a_member_refunding_more_than_the_allowed_share_is_put_under_review() {
        LoyaltyEngine engine = abnormal("\"maxRefundRatio\": \"0.5\", \"refundWindowDays\": 90");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "100.00")).state();

        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-03-10T09:00:00Z"), "p1",
                Programs.usd("60.00")));

        assertThat(refund.riskFlags()).containsExactly(RiskFlag.underReview("REFUND_RATIO",
                "refunds are 60% of purchases over 90 days, above 50%"));
        assertThat(refund.state().status()).isEqualTo(MemberStatus.UNDER_REVIEW);
    }

    @Test
    void a_refund_exactly_one_window_before_is_outside_the_refund_ratio_window() {
        // given: p1 100.00, then 40.00 of it refunded an hour later (40 % of the day's purchases, not above 50 %)
        LoyaltyEngine engine = abnormal("\"maxRefundRatio\": \"0.5\", \"refundWindowDays\": 1");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();
        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-03-01T11:00:00Z"), "p1",
                Programs.usd("40.00")));

        // when: p2 exactly one day after the refund
        Decision next = engine.apply(refund.state(), purchase("p2", "m1", "2025-03-02T11:00:00Z", "10.00"));

        // then: p2's window (2025-03-01T11:00, 2025-03-02T11:00] is open at its start, where r1 is: it holds p2's
        // 10.00 and no refund (counting r1 would make it 40.00 of 10.00, 400 %)
        assertThat(refund.riskFlags()).isEmpty();
        assertThat(next.riskFlags()).isEmpty();
        assertThat(next.state().status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void a_refund_share_a_hair_above_the_limit_is_above_it() {
        LoyaltyEngine engine = abnormal("\"maxRefundRatio\": \"0.5\", \"refundWindowDays\": 90");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "1000.00")).state();

        Decision exactlyHalf = engine.apply(state, Refund.of("r1", "m1", at("2025-03-10T09:00:00Z"), "p1",
                Programs.usd("500.00")));
        Decision aHairAbove = engine.apply(state, Refund.of("r1", "m1", at("2025-03-10T09:00:00Z"), "p1",
                Programs.usd("500.04")));

        assertThat(exactlyHalf.riskFlags()).isEmpty();
        assertThat(aHairAbove.riskFlags()).containsExactly(RiskFlag.underReview("REFUND_RATIO",
                "refunds are 50.01% of purchases over 90 days, above 50%")); // 500.04 / 1000.00 = 0.50004
    }

    @Test
    void a_refund_with_no_purchase_in_the_window_is_above_every_limit() {
        // given: p1 on 2 January, 103 days before the refund, so the 90-day window ending at it holds no purchase
        LoyaltyEngine engine = abnormal("\"maxRefundRatio\": \"0.5\", \"refundWindowDays\": 90");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-01-02T09:00:00Z", "100.00")).state();

        // when: a tenth of it comes back
        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-04-15T09:00:00Z"), "p1",
                Programs.usd("10.00")));

        // then: 10.00 of nothing is no share under any limit
        assertThat(refund.riskFlags()).containsExactly(RiskFlag.underReview("REFUND_RATIO",
                "refunds of 10.00 over 90 days with no purchase in them, above 50%"));
        assertThat(refund.state().status()).isEqualTo(MemberStatus.UNDER_REVIEW);
        assertThat(refund.explanations()).extracting(Explanation::rule)
                .contains("Members refunding with no purchase in the refund window are put under review");
    }

    @Test
    void a_refund_in_a_window_that_also_holds_a_purchase_is_measured_against_it() {
        // given: p1 long before the window, p2 of 50.00 inside it
        LoyaltyEngine engine = abnormal("\"maxRefundRatio\": \"0.5\", \"refundWindowDays\": 90");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-01-02T09:00:00Z", "100.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-04-14T09:00:00Z", "50.00")).state();

        // when: 10.00 of p1 comes back, a fifth of what the window holds
        Decision refund = engine.apply(state, Refund.of("r1", "m1", at("2025-04-15T09:00:00Z"), "p1",
                Programs.usd("10.00")));

        // then
        assertThat(refund.riskFlags()).isEmpty();
        assertThat(refund.state().status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void a_member_repeating_identical_baskets_is_put_under_review() {
        LoyaltyEngine engine = abnormal("\"maxIdenticalBaskets\": 2, \"basketWindowHours\": 24");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "49.99")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-03T12:00:00Z", "49.99")).state();

        Decision third = engine.apply(state, purchase("p3", "m1", "2025-03-03T15:00:00Z", "49.99"));

        assertThat(third.riskFlags()).containsExactly(RiskFlag.underReview("IDENTICAL_BASKETS",
                "3 identical baskets within 24 hours exceed 2"));
    }

    @Test
    void the_same_basket_scanned_in_another_order_is_the_same_basket() {
        LoyaltyEngine engine = abnormal("\"maxIdenticalBaskets\": 2, \"basketWindowHours\": 24");
        List<PurchaseLine> shoesThenSocks = List.of(Programs.line("A1", "shoes", "40.00"), Programs.line("B2", "socks", "9.99"));
        List<PurchaseLine> socksThenShoes = List.of(shoesThenSocks.get(1), shoesThenSocks.get(0));
        MemberState state = engine.apply(null, basket("p1", "2025-03-03T09:00:00Z", shoesThenSocks)).state();
        state = engine.apply(state, basket("p2", "2025-03-03T12:00:00Z", socksThenShoes)).state();

        Decision third = engine.apply(state, basket("p3", "2025-03-03T15:00:00Z", shoesThenSocks));

        assertThat(third.riskFlags()).containsExactly(RiskFlag.underReview("IDENTICAL_BASKETS",
                "3 identical baskets within 24 hours exceed 2"));
    }

    private static Purchase basket(String id, String when, List<PurchaseLine> lines) {
        return new Purchase(id, "m1", at(when), Programs.usd("49.99"), "", "", Map.of(), Map.of(), lines, null, null);
    }

    @Test
    void a_member_under_review_cannot_redeem() {
        LoyaltyEngine engine = abnormal("\"maxPurchases\": 1, \"velocityMinutes\": 60");
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T09:00:00Z", "100.00")).state();
        state = engine.apply(state, purchase("p2", "m1", "2025-03-03T09:10:00Z", "10.00")).state();

        Decision redemption = engine.apply(state, org.loyaltyrules.core.event.Redemption.of("x1", "m1",
                at("2025-03-04T09:00:00Z"), 50));

        assertThat(redemption.refusal()).isEqualTo(new Refusal("MEMBER_NOT_ACTIVE",
                "member m1 is UNDER_REVIEW and cannot redeem"));
        assertThat(redemption.state()).isEqualTo(state);
    }

    @Test
    void only_a_detractor_answer_opens_a_follow_up_and_names_its_touchpoint() {
        // given: a retail member
        LoyaltyEngine engine = engine(retail("", ""));
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-01-10T10:00:00Z", "10.00")).state();

        // when: answers 6 (a detractor, 0-6), then 7 and 8 (passives, 7-8: docs/insight.md)
        Decision six = engine.apply(state, new Survey("s1", "m1", at("2025-01-11T10:00:00Z"), 6,
                Map.of("touchpoint", "store", "channel", "web")));
        Decision seven = engine.apply(six.state(), new Survey("s2", "m1", at("2025-01-12T10:00:00Z"), 7,
                Map.of("touchpoint", "store")));
        Decision eight = engine.apply(seven.state(), new Survey("s3", "m1", at("2025-01-13T10:00:00Z"), 8, Map.of()));

        // then: the follow-up names the touchpoint attribute, not the channel (audit mutation12 N1, killed only in
        // loyalty-examples), and passives open none (audit mutation12 N2 followed up every answer but a promoter's)
        assertThat(six.riskFlags()).containsExactly(RiskFlag.warning("DETRACTOR_FOLLOW_UP",
                "member m1 answered 6 at store: follow up within 48 hours"));
        assertThat(seven.riskFlags()).isEmpty();
        assertThat(eight.riskFlags()).isEmpty();
    }
}
