package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.examples.data.EventFormat;
import org.loyaltyrules.examples.data.LoadedEvents;

/**
 * dunnhumby The Complete Journey sample (shared data, completejourney/README.md): 75,000 line items in 47,243
 * baskets of 2,377 households; 74,669 items have a product category in products.csv.gz. The base-rule cost is
 * Σ floor(basket total) computed independently; other totals are the demo program's measured results.
 */
@Tag("real-data")
class CompleteJourneyReplayTest {

    @Test
    void baskets_become_purchases_with_categorised_lines_and_replay_with_points_conserved() {
        // given
        LoadedEvents loaded = RealData.load(RealData.file("completejourney/transactions_sample.csv.gz"));

        // then: reading
        assertThat(loaded.format()).isEqualTo(EventFormat.COMPLETEJOURNEY);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.counts()).containsExactly(Map.entry("rows", 75_000L), Map.entry("baskets", 47_243L),
                Map.entry("purchases", 47_243L), Map.entry("basketsSentInPart", 0L), Map.entry("basketsNotSent", 0L),
                Map.entry("linesWithCategory", 74_669L));
        assertThat(loaded.unsent()).isEmpty();
        assertThat(loaded.members()).isEqualTo(2_377);
        assertThat(loaded.events().stream().mapToLong(e -> ((Purchase) e).lines().size()).sum()).isEqualTo(75_000);

        // when
        RealData.Replayed replayed = RealData.replay(loaded);
        ReplayReport report = replayed.report();

        // then: replay
        assertThat(replayed.result().eventsApplied()).isEqualTo(47_243);
        assertThat(report.costByRule()).containsExactly(
                Map.entry("Purchases earn base points at the program rate", BigInteger.valueOf(209_739)),
                Map.entry("Tier members earn their tier bonus on base points", BigInteger.valueOf(216)));
        assertThat(report.liabilityPoints()).isEqualTo(209_955);
        assertThat(report.tierMix()).containsExactly(Map.entry("member", 2_365L), Map.entry("silver", 12L),
                Map.entry("gold", 0L), Map.entry("platinum", 0L));
        RealData.assertPointsConserved(replayed.result());
    }
}
