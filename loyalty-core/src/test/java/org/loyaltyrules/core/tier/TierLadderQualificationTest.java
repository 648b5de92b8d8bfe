package org.loyaltyrules.core.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierLadderQualificationTest {

    private static final Tier STAFF = new Tier("staff", "Staff", new BigDecimal("2000"), null, false);
    private final TierLadder ladder = TierLadder.of("spend", List.of(
            Tier.of("base", 0),
            Tier.of("silver", 1_000),
            STAFF,
            new Tier("gold", "Gold", new BigDecimal("5000"), new BigDecimal("4000"), true),
            Tier.of("platinum", 10_000)));

    @Test
    void the_highest_reached_tier_is_the_last_threshold_the_growth_reaches() {
        assertThat(ladder.highestReached(new BigDecimal("0")).id()).isEqualTo("base");
        assertThat(ladder.highestReached(new BigDecimal("999.99")).id()).isEqualTo("base");
        assertThat(ladder.highestReached(new BigDecimal("1000")).id()).isEqualTo("silver");
        assertThat(ladder.highestReached(new BigDecimal("4999.99")).id()).isEqualTo("silver");
        assertThat(ladder.highestReached(new BigDecimal("7500")).id()).isEqualTo("gold");
        assertThat(ladder.highestReached(new BigDecimal("10000.00")).id()).isEqualTo("platinum");
    }

    @Test
    void keeping_a_tier_needs_only_its_keep_threshold() {
        // gold needs 5000 to reach but 4000 to keep
        assertThat(ladder.highestKept(new BigDecimal("4500"), "gold").id()).isEqualTo("gold");
        assertThat(ladder.highestKept(new BigDecimal("3999"), "gold").id()).isEqualTo("silver");
        assertThat(ladder.highestKept(new BigDecimal("500"), "gold").id()).isEqualTo("base");
    }

    @Test
    void keeping_never_raises_a_member_above_the_current_tier() {
        assertThat(ladder.highestKept(new BigDecimal("20000"), "silver").id()).isEqualTo("silver");
    }

    @Test
    void one_step_below_skips_assigned_only_tiers_and_stops_at_base() {
        assertThat(ladder.oneStepBelow("platinum").id()).isEqualTo("gold");
        assertThat(ladder.oneStepBelow("gold").id()).isEqualTo("silver");
        assertThat(ladder.oneStepBelow("silver").id()).isEqualTo("base");
        assertThat(ladder.oneStepBelow("base").id()).isEqualTo("base");
    }

    @Test
    void an_unknown_tier_is_rejected_with_the_known_ones() {
        assertThatThrownBy(() -> ladder.rank("diamond"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tier must be one of [base, silver, staff, gold, platinum], was 'diamond'");
        assertThat(ladder.tier("diamond")).isEmpty();
        assertThat(ladder.require("gold").name()).isEqualTo("Gold");
    }
}
