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
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;

/**
 * Which postings a rule explains with its DRL file and line, and what the postings the engine books itself carry
 * (README, docs/embedding.md "What explains a posting").
 */
class PostingExplanationsTest {

    private final LoyaltyEngine engine = engine(retail("", """
            "pendingDays": 14,
            "expiry": {"policy": "END_OF_NEXT_CALENDAR_YEAR"},
            "refunds": {"policy": "RECOVER_AVAILABLE"}"""));

    private final Decision bought = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"));

    @Test
    void an_earn_posting_names_the_rule_and_its_drl_file_and_line() {
        assertThat(bought.postings()).containsExactly(new Posting("p1", "m1", at("2025-03-03T10:00:00Z"),
                PostingType.EARN, 600, "Purchases earn base points at the program rate",
                "base 1 per unit on eligible 600.00 = 600"));
        Explanation why = bought.explanations().get(0);
        assertThat(why.rule()).isEqualTo("Purchases earn base points at the program rate");
        assertThat(why.location()).isEqualTo("standard:earning/base-earn.drl:9");
        assertThat(why.sentence()).isEqualTo("base 1 per unit on eligible 600.00 = 600");
    }

    @Test
    void an_activation_has_no_rule_and_no_explanation_only_the_sentence_of_its_posting() {
        // when: a redemption after the 14 pending days lets time pass first
        Decision redeemed = engine.apply(bought.state(), Redemption.of("x1", "m1", at("2025-03-20T10:00:00Z"), 100));

        // then: ACTIVATE carries p1's id, an empty rule and a sentence; only the REDEEM is explained, by the engine
        assertThat(redeemed.postings()).containsExactly(
                new Posting("p1", "m1", at("2025-03-17T10:00:00Z"), PostingType.ACTIVATE, 600, "",
                        "600 points became available after the return window"),
                new Posting("x1", "m1", at("2025-03-20T10:00:00Z"), PostingType.REDEEM, -100,
                        "Redemptions spend available points, soonest-expiring first", "redeemed 100 points"));
        assertThat(redeemed.explanations()).containsExactly(new Explanation(
                "Redemptions spend available points, soonest-expiring first", "", 0,
                "redemption never exceeds available points and never changes tier",
                Map.of("points", "100", "available", "600"), "redeemed 100 points"));
        assertThat(redeemed.explanations().get(0).location()).isEmpty();
    }

    @Test
    void clawbacks_adjustments_and_expiries_are_booked_by_the_engine_without_a_drl_location() {
        // when
        Decision refunded = engine.apply(bought.state(), Refund.of("r1", "m1", at("2025-03-05T10:00:00Z"), "p1",
                usd("60.00")));
        Decision adjusted = engine.apply(refunded.state(), Adjustment.of("a1", "m1", at("2025-03-06T10:00:00Z"), 50,
                "goodwill"));
        Decision expired = engine.reviewTiers(List.of(adjusted.state()), at("2027-01-01T00:00:00Z")).get(0);

        // then
        assertThat(refunded.postings()).extracting(Posting::type, Posting::points, Posting::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostingType.CLAWBACK, -60L,
                        "Refunds claw back points and growth in proportion"));
        assertThat(adjusted.postings()).extracting(Posting::type, Posting::points, Posting::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PostingType.ADJUST, 50L, "Staff adjustments"));
        assertThat(expired.postings()).extracting(Posting::type, Posting::points, Posting::rule, Posting::explanation)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PostingType.ACTIVATE, 540L, "",
                                "540 points became available after the return window"),
                        org.assertj.core.groups.Tuple.tuple(PostingType.EXPIRE, -540L, "",
                                "540 points earned 2025-03-03 expired"),
                        org.assertj.core.groups.Tuple.tuple(PostingType.EXPIRE, -50L, "",
                                "50 points earned 2025-03-06 expired"));
        assertThat(List.of(refunded, adjusted)).flatExtracting(Decision::explanations)
                .extracting(Explanation::rule, Explanation::location).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Refunds claw back points and growth in proportion", ""),
                        org.assertj.core.groups.Tuple.tuple("Staff adjustments", ""));
        // the review's one explanation is its tier move (silver lapses), a rule with a location; none for its postings
        assertThat(expired.explanations()).extracting(Explanation::rule, Explanation::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Lapsed status drops to the level the window earned",
                        "standard:tier/downgrade.drl:19"));
    }
    private static final String REVIEW_INTENT = "a tier changes at a review only once its status lapsed: earned status"
            + " after the grace period, a paid tier at the end of its term";

    @Test
    void a_survey_is_explained_by_the_score_it_recorded_and_its_net_promoter_class() {
        for (int score : new int[] {10, 9, 8, 7, 6, 0}) {
            Decision answered = engine.apply(bought.state(), new Survey("s" + score, "m1", at("2025-03-20T10:00:00Z"),
                    score, Map.of()));

            String category = score >= 9 ? "PROMOTER" : score >= 7 ? "PASSIVE" : "DETRACTOR";
            String range = score >= 9 ? "9-10" : score >= 7 ? "7-8" : "0-6";
            assertThat(answered.explanations().get(0)).isEqualTo(new Explanation("Survey answers are recorded", "", 0,
                    "net promoter classes: promoter 9-10, passive 7-8, detractor 0-6",
                    Map.of("score", Integer.toString(score), "category", category), "survey s" + score + ": score "
                    + score + " recorded, a " + category.toLowerCase(java.util.Locale.ROOT) + " (" + range + ")"));
        }
    }

    @Test
    void a_tier_review_that_moves_nothing_says_which_tier_it_kept_and_why() {
        // given: p1's 600 reached silver, valid until 2027-01-01; a new member holds the base tier
        Decision kept = engine.apply(bought.state(), new TierReview("t1", "m1", at("2025-06-01T10:00:00Z"), Map.of()));
        Decision scheduled = engine.reviewTiers(List.of(bought.state()), at("2025-06-01T10:00:00Z")).get(0);
        Decision base = engine.apply(engine.newMember("m2", at("2025-03-01T00:00:00Z")),
                new TierReview("t2", "m2", at("2025-06-01T10:00:00Z"), Map.of()));

        // then
        Explanation silverKept = new Explanation("Tier reviews run when status lapses", "", 0, REVIEW_INTENT,
                Map.of("tier", "silver", "source", "EARNED", "validUntil", "2027-01-01T00:00:00Z"),
                "review on 2025-06-01: silver kept, valid until 2027-01-01; no review was due (the next on 2027-01-01)");
        assertThat(kept.tierMoves()).isEmpty();
        assertThat(kept.explanations()).containsExactly(silverKept);
        assertThat(scheduled.explanations()).containsExactly(silverKept);
        assertThat(base.explanations()).containsExactly(new Explanation("Tier reviews run when status lapses", "", 0,
                REVIEW_INTENT, Map.of("tier", "member", "source", "BASE"),
                "review on 2025-06-01: member kept; the base tier has no end, so no review was due"));
    }

    @Test
    void a_status_adjustment_is_explained_by_its_reason_and_by_the_move() {
        Decision closed = engine.apply(bought.state(), Adjustment.status("c1", "m1", at("2025-03-05T10:00:00Z"),
                MemberStatus.CLOSED, "asked to leave"));

        assertThat(closed.explanations()).containsExactly(
                new Explanation("Staff adjustments", "", 0, "", Map.of("points", "0"), "asked to leave"),
                new Explanation("Member status changes", "", 0, "a member is ACTIVE, UNDER_REVIEW, FROZEN or CLOSED;"
                        + " staff move it, and a closed member takes no more events",
                        Map.of("from", "ACTIVE", "to", "CLOSED"), "member m1 status ACTIVE -> CLOSED"));
    }
    @Test
    void a_first_enrollment_without_a_tier_says_the_member_was_enrolled() {
        Decision enrolled = engine.apply(null, org.loyaltyrules.core.event.Enrollment.of("e1", "m3",
                at("2025-03-01T09:00:00Z")));

        assertThat(enrolled.explanations()).containsExactly(new Explanation("A member is enrolled once", "", 0,
                "a later enrollment keeps the enrolment date; it only sets attributes and assigns a manual tier",
                Map.of("enrolledAt", "2025-03-01T09:00:00Z", "event", "e1"), "member m3 enrolled on 2025-03-01 in tier"
                + " member"));
    }
}
