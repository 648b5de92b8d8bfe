package org.loyaltyrules.core.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.statistics.Statistics;

class TierLadderProperties {

    /** Ladders of 1 to 6 reachable tiers with strictly increasing thresholds (positive steps of up to 5,000.00). */
    @Provide
    Arbitrary<TierLadder> ladders() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("5000")).ofScale(2)
                .list().ofMinSize(0).ofMaxSize(5)
                .map(steps -> {
                    List<Tier> tiers = new ArrayList<>();
                    tiers.add(Tier.of("t0", 0));
                    BigDecimal threshold = BigDecimal.ZERO;
                    for (int i = 0; i < steps.size(); i++) {
                        threshold = threshold.add(steps.get(i));
                        tiers.add(new Tier("t" + (i + 1), null, threshold, null, true));
                    }
                    return TierLadder.of("spend", tiers);
                });
    }

    @Provide
    Arbitrary<BigDecimal> growth() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("30000")).ofScale(2);
    }

    @Property(tries = 200)
    void ranks_strictly_increase_with_thresholds(@ForAll("ladders") TierLadder ladder) {
        List<Tier> tiers = ladder.tiers();
        Statistics.label("tiers").collect(tiers.size())
                .coverage(c -> c.checkQuery(size -> (int) size.get(0) >= 4).percentage(p -> p > 20));

        for (int i = 0; i < tiers.size(); i++) {
            for (int j = i + 1; j < tiers.size(); j++) {
                assertThat(ladder.rank(tiers.get(i).id())).isLessThan(ladder.rank(tiers.get(j).id()));
                assertThat(tiers.get(i).threshold()).isLessThan(tiers.get(j).threshold());
            }
        }
    }

    @Property(tries = 200)
    void more_growth_never_reaches_a_lower_tier(@ForAll("ladders") TierLadder ladder,
                                                @ForAll("growth") BigDecimal some,
                                                @ForAll("growth") BigDecimal extra) {
        Tier withLess = ladder.highestReached(some);
        Tier withMore = ladder.highestReached(some.add(extra));

        Statistics.label("change").collect(withLess.equals(withMore) ? "same tier" : "higher tier");
        assertThat(ladder.rank(withMore.id())).isGreaterThanOrEqualTo(ladder.rank(withLess.id()));
    }

    @Property(tries = 200)
    void a_threshold_reaches_its_own_tier_and_a_cent_less_the_one_below(@ForAll("ladders") TierLadder ladder) {
        for (int i = 1; i < ladder.tiers().size(); i++) {
            Tier tier = ladder.tiers().get(i);
            assertThat(ladder.highestReached(tier.threshold())).isEqualTo(tier);
            assertThat(ladder.highestReached(tier.threshold().subtract(new BigDecimal("0.01"))))
                    .isEqualTo(ladder.tiers().get(i - 1));
            assertThat(ladder.oneStepBelow(tier.id())).isEqualTo(ladder.tiers().get(i - 1));
        }
    }

    @Property(tries = 200)
    void keeping_never_exceeds_the_current_tier_nor_what_the_growth_reaches(@ForAll("ladders") TierLadder ladder,
                                                                           @ForAll("growth") BigDecimal growth) {
        Tier top = ladder.tiers().get(ladder.tiers().size() - 1);
        for (Tier current : ladder.tiers()) {
            Tier kept = ladder.highestKept(growth, current.id());
            assertThat(ladder.rank(kept.id())).isLessThanOrEqualTo(ladder.rank(current.id()));
            assertThat(ladder.rank(kept.id())).isLessThanOrEqualTo(ladder.rank(ladder.highestReached(growth).id()));
        }
        // keep thresholds default to reach thresholds, so from the top the two agree
        assertThat(ladder.highestKept(growth, top.id())).isEqualTo(ladder.highestReached(growth));
    }

    @Property(tries = 200)
    void a_ladder_with_two_tiers_swapped_is_rejected(@ForAll("ladders") TierLadder ladder,
                                                    @ForAll @BigRange(min = "0", max = "1") BigDecimal where) {
        List<Tier> tiers = new ArrayList<>(ladder.tiers());
        if (tiers.size() < 3) {
            return;
        }
        // swap two adjacent non-base tiers
        int i = 1 + where.multiply(BigDecimal.valueOf(tiers.size() - 3)).intValue();
        Tier lower = tiers.get(i);
        Tier higher = tiers.get(i + 1);
        tiers.set(i, higher);
        tiers.set(i + 1, lower);

        assertThatThrownBy(() -> TierLadder.of("spend", tiers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tiers[%d].threshold must be > %s (%s), was %s", i + 1,
                        higher.threshold().toPlainString(), higher.id(), lower.threshold().toPlainString());
    }
}
