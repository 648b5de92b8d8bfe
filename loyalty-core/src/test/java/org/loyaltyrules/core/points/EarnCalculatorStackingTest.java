package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.program.Rounding;
import org.loyaltyrules.core.program.RoundingScope;
import org.loyaltyrules.core.program.Stacking;

class EarnCalculatorStackingTest {

    private static final AwardPart.Base BASE = new AwardPart.Base("base", "Base 1 point per USD on 2000",
            new BigDecimal("2000"));
    private static final AwardPart.Bonus GOLD = new AwardPart.Bonus("tier-bonus", "Gold bonus",
            new BigDecimal("20"), new BigDecimal("2000"), "");
    private static final AwardPart.Bonus BIRTHDAY = new AwardPart.Bonus("birthday", "Birthday bonus",
            new BigDecimal("50"), new BigDecimal("2000"), "");

    private static EarnResult compute(Stacking stacking, AwardPart... parts) {
        return EarnCalculator.compute(List.of(parts), stacking, Rounding.FLOOR, RoundingScope.PER_AWARD);
    }

    @Test
    void additive_bonuses_are_each_a_percentage_of_the_base() {
        // when
        EarnResult result = compute(Stacking.ADDITIVE, BASE, GOLD, BIRTHDAY);

        // then: 20% of 2000 = 400, 50% of 2000 = 1000
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("tier-bonus", 400, "Gold bonus 20% of base 2000 = 400"),
                new EarnLine("birthday", 1_000, "Birthday bonus 50% of base 2000 = 1000")), List.of()));
        assertThat(result.total()).isEqualTo(3_400L);
    }

    @Test
    void highest_stacking_applies_only_the_largest_bonus_and_reports_the_others() {
        // when
        EarnResult result = compute(Stacking.HIGHEST, BASE, GOLD, BIRTHDAY);

        // then
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("birthday", 1_000, "Birthday bonus 50% of base 2000 = 1000")),
                List.of("Gold bonus 20% of base 2000 not applied: only the highest bonus counts (Birthday bonus 50%"
                        + " of base 2000)")));
        assertThat(result.total()).isEqualTo(3_000L);
    }

    @Test
    void highest_stacking_compares_amounts_so_a_smaller_percentage_of_a_larger_base_wins() {
        // given: 50% of the 300 base points of the shoes portion (150) against the gold 20% of the whole 2000 (400)
        AwardPart.Bonus shoes = new AwardPart.Bonus("category-bonus", "Shoes bonus", new BigDecimal("50"),
                new BigDecimal("300"), "shoes");

        // when
        EarnResult result = compute(Stacking.HIGHEST, BASE, shoes, GOLD);

        // then: the largest amount applies, not the largest percentage (semantics.md section 3)
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("tier-bonus", 400, "Gold bonus 20% of base 2000 = 400")),
                List.of("Shoes bonus 50% of base 300 not applied: only the highest bonus counts (Gold bonus 20% of"
                        + " base 2000)")));
        assertThat(result.total()).isEqualTo(2_400L);
    }

    @Test
    void multiplicative_bonuses_compound_on_the_base_in_order() {
        // given: a third whole-base bonus (with two, adding the rates gives the same factors as multiplying them)
        AwardPart.Bonus app = new AwardPart.Bonus("channel", "App bonus", new BigDecimal("10"), new BigDecimal("2000"),
                "");

        // when
        EarnResult result = compute(Stacking.MULTIPLICATIVE, BASE, GOLD, BIRTHDAY, app);

        // then: 2000 x 1.2 x 1.5 x 1.1 = 3960, so the bonuses are 400 (20% of 2000), 1200 (50% of 2400) and 360 (10%
        // of 3600)
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("tier-bonus", 400, "Gold bonus 20% of base 2000 = 400"),
                new EarnLine("birthday", 1_200, "Birthday bonus 50% of base 2000 compounded to 2400 = 1200"),
                new EarnLine("channel", 360, "App bonus 10% of base 2000 compounded to 3600 = 360")), List.of()));
        assertThat(result.total()).isEqualTo(3_960L);
    }

    @Test
    void each_line_names_the_part_it_came_from_also_when_one_rule_concluded_two() {
        // given: one rule's multiplier on two basket lines (two parts of the same rule), and HIGHEST stacking, which
        // keeps only the larger of two whole-base bonuses
        AwardPart.Bonus shoes = new AwardPart.Bonus("line-bonus", "category shoes x3", new BigDecimal("200"),
                new BigDecimal("60"), "line 3");
        AwardPart.Bonus bags = new AwardPart.Bonus("line-bonus", "category bags x2", new BigDecimal("100"),
                new BigDecimal("80"), "line 2");

        // when
        EarnCalculator.Computation computed = EarnCalculator.computeWithSources(List.of(BASE, shoes, GOLD, bags),
                Stacking.ADDITIVE, Rounding.FLOOR, RoundingScope.PER_AWARD);

        // then
        assertThat(computed.result().lines()).extracting(EarnLine::explanation).containsExactly(
                "Base 1 point per USD on 2000 = 2000", "category shoes x3 200% of base 60 = 120",
                "Gold bonus 20% of base 2000 = 400", "category bags x2 100% of base 80 = 80");
        assertThat(computed.sources()).containsExactly(BASE, shoes, GOLD, bags);
    }

    @Test
    void multiplicative_portion_bonuses_compound_on_their_portion_after_whole_base_bonuses() {
        // given: a 10% bonus on the 500 base points of the shoes portion, after a 20% and a 50% whole-base bonus
        AwardPart.Bonus shoes = new AwardPart.Bonus("category-bonus", "Shoes bonus", new BigDecimal("10"),
                new BigDecimal("500"), "shoes");

        // when
        EarnResult result = compute(Stacking.MULTIPLICATIVE, BASE, shoes, GOLD, BIRTHDAY);

        // then: 500 x 1.2 x 1.5 x 10% = 90
        assertThat(result.lines()).containsExactly(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("tier-bonus", 400, "Gold bonus 20% of base 2000 = 400"),
                new EarnLine("birthday", 1_200, "Birthday bonus 50% of base 2000 compounded to 2400 = 1200"),
                new EarnLine("category-bonus", 90, "Shoes bonus 10% of base 500 compounded to 900 = 90"));
    }

    @Test
    void a_replacing_multiplier_makes_the_base_count_factor_times() {
        // given
        AwardPart.Multiplier triple = new AwardPart.Multiplier("campaign", "3x points week", new BigDecimal("3"), true);

        // when
        EarnResult result = compute(Stacking.ADDITIVE, BASE, triple);

        // then: 3 x 2000 = 6000 in all, the base line plus 4000
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("campaign", 4_000, "3x points week: 3x base 2000 replaces base, 2 x 2000 more = 4000")), List.of()));
        assertThat(result.total()).isEqualTo(6_000L);
    }

    @Test
    void an_adding_multiplier_adds_factor_times_the_base_on_top() {
        // given
        AwardPart.Multiplier triple = new AwardPart.Multiplier("campaign", "3x points week", new BigDecimal("3"), false);

        // when
        EarnResult result = compute(Stacking.ADDITIVE, BASE, triple);

        // then: 2000 + 3 x 2000
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("campaign", 6_000, "3x points week: 3x base 2000 added = 6000")), List.of()));
        assertThat(result.total()).isEqualTo(8_000L);
    }

    @Test
    void only_the_largest_replacing_multiplier_applies() {
        // given
        AwardPart.Multiplier double_ = new AwardPart.Multiplier("weekend", "Weekend double", new BigDecimal("2"), true);
        AwardPart.Multiplier triple = new AwardPart.Multiplier("campaign", "3x points week", new BigDecimal("3"), true);

        // when
        EarnResult result = compute(Stacking.ADDITIVE, BASE, double_, triple);

        // then
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("campaign", 4_000, "3x points week: 3x base 2000 replaces base, 2 x 2000 more = 4000")),
                List.of("Weekend double not applied: a larger multiplier replaces the base (3x points week, 3x)")));
    }

    @Test
    void of_two_equal_replacing_multipliers_the_first_applies_and_the_other_says_it_is_equal() {
        // given
        AwardPart.Multiplier spring = new AwardPart.Multiplier("spring", "Spring triple", new BigDecimal("3"), true);
        AwardPart.Multiplier app = new AwardPart.Multiplier("app", "App triple", new BigDecimal("3"), true);

        // when
        EarnResult result = compute(Stacking.ADDITIVE, BASE, spring, app);

        // then
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("spring", 4_000, "Spring triple: 3x base 2000 replaces base, 2 x 2000 more = 4000")),
                List.of("App triple not applied: an equal multiplier replaces the base (Spring triple, 3x); only one "
                        + "replacing multiplier applies")));
    }

    @Test
    void a_percentage_longer_than_34_digits_is_multiplied_exactly_before_floor() {
        // given: a third of 3,000,000,000,000,000 is 999,999,999,999,999.99999999999999999999999 at this percentage;
        // to 34 digits it rounded up to 1,000,000,000,000,000 before FLOOR
        AwardPart.Base base = new AwardPart.Base("base", "Base", new BigDecimal("3000000000000000"));
        AwardPart.Bonus third = new AwardPart.Bonus("tier", "plat tier bonus",
                new BigDecimal("33.333333333333333333333333333333333333"), new BigDecimal("3000000000000000"), "");

        // when
        EarnResult result = compute(Stacking.ADDITIVE, base, third);

        // then
        assertThat(result.total()).isEqualTo(3_999_999_999_999_999L);
    }

    @Test
    void bonuses_are_computed_on_the_base_not_on_the_multiplied_base() {
        // given
        AwardPart.Multiplier triple = new AwardPart.Multiplier("campaign", "3x points week", new BigDecimal("3"), true);

        // when
        EarnResult result = compute(Stacking.ADDITIVE, BASE, GOLD, triple);

        // then: 2000 + 400 (20% of 2000) + 4000
        assertThat(result.lines()).extracting(EarnLine::points).containsExactly(2_000L, 400L, 4_000L);
    }

    @Test
    void fixed_awards_come_last_and_are_taken_as_they_are() {
        // given
        AwardPart.Fixed milestone = new AwardPart.Fixed("milestone", "Tenth purchase", 500);

        // when
        EarnResult result = compute(Stacking.ADDITIVE, milestone, BASE, GOLD);

        // then
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base 1 point per USD on 2000 = 2000"),
                new EarnLine("tier-bonus", 400, "Gold bonus 20% of base 2000 = 400"),
                new EarnLine("milestone", 500, "Tenth purchase = 500")), List.of()));
    }
}
