package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EarnResultWithholdTest {

    private final EarnResult award = new EarnResult(List.of(
            new EarnLine("base", 2_000, "Base = 2000"),
            new EarnLine("tier-bonus", 400, "Gold bonus = 400"),
            new EarnLine("milestone", 100, "Tenth purchase = 100")), List.of());

    @Test
    void withholding_trims_the_last_lines_first() {
        // when
        EarnResult trimmed = award.withhold(300, "cap daily-points");

        // then: 100 from the milestone, 200 from the bonus
        assertThat(trimmed).isEqualTo(new EarnResult(List.of(
                new EarnLine("base", 2_000, "Base = 2000"),
                new EarnLine("tier-bonus", 200, "Gold bonus = 400, 200 withheld by cap daily-points"),
                new EarnLine("milestone", 0, "Tenth purchase = 100, 100 withheld by cap daily-points")), List.of()));
        assertThat(trimmed.total()).isEqualTo(2_200L);
    }

    @Test
    void withholding_nothing_changes_nothing() {
        assertThat(award.withhold(0, "cap")).isSameAs(award);
    }

    @Test
    void withholding_more_than_the_award_is_a_broken_contract() {
        assertThatThrownBy(() -> award.withhold(2_501, "cap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot withhold 2501 of an award of 2500");
        assertThatThrownBy(() -> award.withhold(-1, "cap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("withheld must be >= 0, was -1");
    }
}
