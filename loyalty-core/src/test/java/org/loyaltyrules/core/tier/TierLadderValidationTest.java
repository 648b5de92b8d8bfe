package org.loyaltyrules.core.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierLadderValidationTest {

    @Test
    void thresholds_must_increase_along_the_ladder() {
        assertThatThrownBy(() -> TierLadder.of("spend",
                List.of(Tier.of("base", 0), Tier.of("gold", 5_000), Tier.of("silver", 3_000))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tiers[2].threshold must be > 5000 (gold), was 3000");
    }

    @Test
    void an_equal_threshold_is_not_an_increase() {
        assertThatThrownBy(() -> TierLadder.of("spend",
                List.of(Tier.of("base", 0), Tier.of("silver", 1_000), Tier.of("gold", 1_000))))
                .hasMessage("tiers[2].threshold must be > 1000 (silver), was 1000");
    }

    @Test
    void assigned_only_tiers_do_not_take_part_in_the_ordering() {
        // given: staff tier with threshold 0 between gold and platinum
        Tier staff = new Tier("staff", "Staff", BigDecimal.ZERO, null, false);

        // when
        TierLadder ladder = TierLadder.of("spend",
                List.of(Tier.of("base", 0), Tier.of("gold", 5_000), staff, Tier.of("platinum", 10_000)));

        // then
        assertThat(ladder.rank("staff")).isEqualTo(2);
        assertThatThrownBy(() -> TierLadder.of("spend",
                List.of(Tier.of("base", 0), Tier.of("gold", 5_000), staff, Tier.of("platinum", 4_000))))
                .hasMessage("tiers[3].threshold must be > 5000 (gold), was 4000");
    }

    @Test
    void the_base_tier_has_threshold_zero() {
        assertThatThrownBy(() -> TierLadder.of("spend", List.of(Tier.of("base", 100))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tiers[0] is the base tier and its threshold must be 0, was 100");
    }

    @Test
    void ladder_shape_errors_name_the_field_and_value() {
        assertThatThrownBy(() -> TierLadder.of("spend", List.of()))
                .hasMessage("tiers must name at least the base tier, was empty");
        assertThatThrownBy(() -> TierLadder.of("spend", List.of(Tier.of("base", 0), Tier.of("base", 10))))
                .hasMessage("tiers[1].id must be unique, was 'base' again");
        assertThatThrownBy(() -> TierLadder.of(" ", List.of(Tier.of("base", 0))))
                .hasMessage("metric must not be blank, was  ");
        assertThatThrownBy(() -> new TierLadder(List.of(Tier.of("base", 0)), "spend",
                new QualificationWindow.CalendarYear(), StatusValidity.END_OF_WINDOW, DowngradePolicy.ONE_STEP,
                Duration.ofHours(-1)))
                .hasMessage("grace must be >= 0, was PT-1H");
        assertThatThrownBy(() -> new QualificationWindow.RollingMonths(0))
                .hasMessage("rolling window months must be > 0, was 0");
    }

    @Test
    void tier_errors_name_the_tier_and_value() {
        assertThatThrownBy(() -> new Tier("", null, BigDecimal.ONE, null, true))
                .hasMessage("tier id must not be blank, was ''");
        assertThatThrownBy(() -> new Tier("gold", null, new BigDecimal("-1"), null, true))
                .hasMessage("threshold of tier 'gold' must be >= 0, was -1");
        assertThatThrownBy(() -> new Tier("gold", null, new BigDecimal("5000"), new BigDecimal("6000"), true))
                .hasMessage("keepThreshold of tier 'gold' must be in 0..5000, was 6000");
    }

    @Test
    void a_tier_normalises_its_numbers_and_defaults_its_name_and_keep_threshold() {
        assertThat(new Tier("gold", " ", new BigDecimal("5000.00"), null, true))
                .isEqualTo(new Tier("gold", "gold", new BigDecimal("5E+3"), new BigDecimal("5E+3"), true));
    }

    @Test
    void a_paid_status_needs_the_end_of_its_term() {
        assertThatThrownBy(() -> new TierStatus("gold", TierSource.PAID, java.time.Instant.EPOCH, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a paid tier needs paidUntil, was null for tier 'gold'");
    }

    @Test
    void the_default_ladder_reviews_calendar_years_down_to_the_earned_level_without_grace() {
        TierLadder ladder = TierLadder.of("spend", List.of(Tier.of("base", 0)));

        assertThat(ladder).isEqualTo(new TierLadder(List.of(Tier.of("base", 0)), "spend",
                new QualificationWindow.CalendarYear(), StatusValidity.END_OF_WINDOW,
                DowngradePolicy.TO_EARNED_LEVEL, Duration.ZERO));
    }
}
