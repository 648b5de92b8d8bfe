package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.loyaltyrules.examples.programs.StandardRules.BASE;
import static org.loyaltyrules.examples.programs.StandardRules.SPECIAL_RATE;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * programs/china-mobile (CNY, zone Asia/Shanghai): the terms are in its README.md; every expected number is worked out
 * by hand beside it. Bills are dated 04:00Z (noon in Beijing).
 */
class ChinaMobileScenariosTest {

    private static final String NOT_A_BILL_LINE_RULE = "Lines other than the monthly bill earn nothing";
    private static final String NO_BILL_RULE = "Purchases without a monthly bill earn no points";

    private static LoyaltyEngine engine;

    @BeforeAll
    static void load() {
        engine = Member.engine("china-mobile");
    }

    private static Purchase bill(Member m, String id, String at, String amount) {
        return m.purchase(id, at, amount, "CNY").withLines(List.of(Member.line("monthly-bill", "bill", amount, "CNY")));
    }

    private static Member withStars(String memberId, String tier) {
        Member m = Member.of(engine, memberId);
        m.apply(new Enrollment("e-" + memberId, memberId, Member.instant("2025-01-01T04:00:00Z"), tier, Map.of()));
        return m;
    }

    @Test
    void a_one_star_bill_earns_one_point_per_yuan_rounded_up() {
        Member m = Member.of(engine, "cm1");

        Decision d = m.apply(bill(m, "b1", "2025-02-01T04:00:00Z", "57.30"));

        assertThat(d.postings()).extracting("points", "rule").containsExactly(tuple(58L, BASE)); // 57.30 x 1.0 -> 58
        assertThat(m.tier()).isEqualTo("star1");
    }

    @Test
    void each_star_level_multiplies_the_bill_by_its_coefficient_rounded_up_to_a_whole_point() {
        Member two = withStars("cm2", "star2");
        Member three = withStars("cm3", "star3");
        Member four = withStars("cm4", "star4");
        Member five = withStars("cm5", "star5");

        Decision d2 = two.apply(bill(two, "b1", "2025-02-01T04:00:00Z", "57.30"));
        Decision d3 = three.apply(bill(three, "b1", "2025-02-01T04:00:00Z", "57.30"));
        Decision d4 = four.apply(bill(four, "b1", "2025-02-01T04:00:00Z", "88.00"));
        Decision d5 = five.apply(bill(five, "b1", "2025-02-01T04:00:00Z", "57.30"));

        assertThat(d2.postings()).extracting("points", "rule")
                .containsExactly(tuple(86L, SPECIAL_RATE)); // 57.30 x 1.5 = 85.95 -> CEILING 86
        assertThat(d3.pointsAwarded()).isEqualTo(115L); // 57.30 x 2.0 = 114.6 -> 115
        assertThat(d4.pointsAwarded()).isEqualTo(220L); // 88.00 x 2.5 = 220.0 exactly: stays 220
        assertThat(d5.pointsAwarded()).isEqualTo(172L); // 57.30 x 3.0 = 171.9 -> 172
    }

    @Test
    void only_the_bill_line_of_a_mixed_purchase_earns() {
        Member m = withStars("cm6", "star3");

        Decision d = m.apply(m.purchase("b1", "2025-02-01T04:00:00Z", "3099.00", "CNY").withLines(List.of(
                Member.line("monthly-bill", "bill", "100.00", "CNY"),
                Member.line("handset", "device", "2999.00", "CNY"))));

        assertThat(d.pointsAwarded()).isEqualTo(200L); // eligible 3,099 - 2,999 = 100; x 2.0 = 200
        assertThat(d.explanations()).extracting("rule").contains(NOT_A_BILL_LINE_RULE);
    }

    @Test
    void a_purchase_without_a_bill_line_earns_no_points() {
        Member m = withStars("cm7", "star5");

        Decision plain = m.apply(m.purchase("p1", "2025-02-01T04:00:00Z", "500.00", "CNY"));

        assertThat(plain.pointsAwarded()).isZero();
        assertThat(plain.explanations()).extracting("rule").contains(NO_BILL_RULE);
    }

    @Test
    void star_levels_are_assigned_never_earned_by_spending() {
        Member m = Member.of(engine, "cm8");

        Decision d = m.apply(bill(m, "b1", "2025-02-01T04:00:00Z", "99999.00"));

        assertThat(d.tierMoves()).isEmpty();
        assertThat(m.tier()).isEqualTo("star1");
        Member assigned = withStars("cm9", "star4");
        assertThat(assigned.tier()).isEqualTo("star4");
        assigned.reviewAt("2027-06-01T04:00:00Z"); // an assigned level is a floor, never reviewed
        assertThat(assigned.tier()).isEqualTo("star4");
    }
}
