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
}
