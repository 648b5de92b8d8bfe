package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.program.Rounding;
import org.loyaltyrules.core.program.RoundingScope;
import org.loyaltyrules.core.program.Stacking;

class EarnCalculatorRoundingTest {

    // 1.5 points per unit on 57.30 = 85.95 exact points
    private static final AwardPart.Base BASE_85_95 = new AwardPart.Base("base", "1.5 points per unit on 57.30",
            new BigDecimal("1.5").multiply(new BigDecimal("57.30")));

    @Test
    void one_and_a_half_points_per_unit_on_57_30_with_ceiling_gives_86() {
        // when
        EarnResult result = EarnCalculator.compute(List.of(BASE_85_95), Stacking.ADDITIVE, Rounding.CEILING,
                RoundingScope.PER_AWARD);

        // then
        assertThat(result).isEqualTo(new EarnResult(
                List.of(new EarnLine("base", 86, "1.5 points per unit on 57.30 = 86")), List.of()));
    }

    @Test
    void the_same_award_gives_85_with_floor_and_86_with_half_up() {
        assertThat(EarnCalculator.compute(List.of(BASE_85_95), Stacking.ADDITIVE, Rounding.FLOOR,
                RoundingScope.PER_AWARD).total()).isEqualTo(85L);
        assertThat(EarnCalculator.compute(List.of(BASE_85_95), Stacking.ADDITIVE, Rounding.HALF_UP,
                RoundingScope.PER_AWARD).total()).isEqualTo(86L);
    }

    @Test
    void per_award_rounding_rounds_base_and_bonus_separately() {
        // given: base 10.6 and a 100% bonus of 10.6
        List<AwardPart> parts = List.of(
                new AwardPart.Base("base", "Base", new BigDecimal("10.6")),
                new AwardPart.Bonus("promo", "Promo", new BigDecimal("100"), new BigDecimal("10.6"), ""));

        // when
        EarnResult result = EarnCalculator.compute(parts, Stacking.ADDITIVE, Rounding.FLOOR, RoundingScope.PER_AWARD);

        // then: the base award is posted as floor(10.6) = 10, and the bonus is 100 % of that posted base
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 10, "Base = 10"),
                new EarnLine("promo", 10, "Promo 100% of base 10 = 10")), List.of()));
        assertThat(result.total()).isEqualTo(20L);
    }

    @Test
    void per_award_a_bonus_of_a_basket_line_is_a_percentage_of_the_line_s_exact_base_points() {
        // given: 1 point per unit on 20 shoe lines of 0.50 (base 10) and a x3 shoes multiplier: 200 % of each line's 0.5
        List<AwardPart> parts = new ArrayList<>();
        parts.add(new AwardPart.Base("base", "Base", new BigDecimal("10.00")));
        for (int i = 0; i < 20; i++) {
            parts.add(new AwardPart.Bonus("shoes", "category shoes x3", new BigDecimal("200"), new BigDecimal("0.50"),
                    "line " + i));
        }

        // when
        EarnResult floor = EarnCalculator.compute(parts, Stacking.ADDITIVE, Rounding.FLOOR, RoundingScope.PER_AWARD);
        EarnResult ceiling = EarnCalculator.compute(parts, Stacking.ADDITIVE, Rounding.CEILING,
                RoundingScope.PER_AWARD);

        // then: 10 + 20 x (200 % of 0.5 = 1) = 30 in both modes; the line's base, rounded first, made FLOOR pay
        // 200 % of 0 = 0 (10 in all) and CEILING 200 % of 1 = 2 (50 in all)
        assertThat(floor.total()).isEqualTo(30L);
        assertThat(ceiling.total()).isEqualTo(30L);
        assertThat(floor.lines().get(1)).isEqualTo(new EarnLine("shoes", 1, "category shoes x3 200% of base 0.5 = 1"));
    }

    @Test
    void per_award_bonuses_are_a_percentage_of_the_posted_base_and_per_event_of_the_exact_one() {
        // given: base 3.9 and a 150 % bonus
        List<AwardPart> parts = List.of(
                new AwardPart.Base("base", "Base", new BigDecimal("3.9")),
                new AwardPart.Bonus("gold", "Gold", new BigDecimal("150"), new BigDecimal("3.9"), ""));

        // when
        EarnResult perAward = EarnCalculator.compute(parts, Stacking.ADDITIVE, Rounding.FLOOR, RoundingScope.PER_AWARD);
        EarnResult perEvent = EarnCalculator.compute(parts, Stacking.ADDITIVE, Rounding.FLOOR, RoundingScope.PER_EVENT);

        // then: per award 3 + floor(150 % of 3 = 4.5) = 7; per event floor(3.9 + 5.85 = 9.75) = 9
        assertThat(perAward.lines()).extracting(EarnLine::points).containsExactly(3L, 4L);
        assertThat(perEvent.total()).isEqualTo(9L);
    }

    @Test
    void per_event_rounding_rounds_the_exact_total_once_and_shares_it_out() {
        // given
        List<AwardPart> parts = List.of(
                new AwardPart.Base("base", "Base", new BigDecimal("10.6")),
                new AwardPart.Bonus("promo", "Promo", new BigDecimal("100"), new BigDecimal("10.6"), ""));

        // when
        EarnResult result = EarnCalculator.compute(parts, Stacking.ADDITIVE, Rounding.FLOOR, RoundingScope.PER_EVENT);

        // then: floor(21.2) = 21; the unit left after the floors goes to the earliest line of the equal fractions
        assertThat(result).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 11, "Base = 10.6; 11 of the event's 21 (21.2 rounded down once)"),
                new EarnLine("promo", 10, "Promo 100% of base 10.6 = 10.6; 10 of the event's 21 (21.2 rounded down"
                        + " once)")), List.of()));
        assertThat(result.total()).isEqualTo(21L);
    }

    @Test
    void per_event_rounding_gives_the_left_units_to_the_largest_fractions() {
        // given: 10.2 + 5.9 + 0.5 = 16.6, half-up 17; floors are 10 + 5 + 0 = 15
        List<AwardPart> parts = List.of(
                new AwardPart.Base("base", "Base", new BigDecimal("10.2")),
                new AwardPart.Bonus("promo", "Promo", new BigDecimal("59"), new BigDecimal("10"), ""),
                new AwardPart.Bonus("app", "App", new BigDecimal("5"), new BigDecimal("10"), ""));

        // when
        EarnResult result = EarnCalculator.compute(parts, Stacking.ADDITIVE, Rounding.HALF_UP, RoundingScope.PER_EVENT);

        // then: the two units go to 0.9 (promo) and 0.5 (app)
        assertThat(result.lines()).extracting(EarnLine::points).containsExactly(10L, 6L, 1L);
        assertThat(result.total()).isEqualTo(17L);
    }
}
