package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.examples.data.EventFormat;
import org.loyaltyrules.examples.data.EventSources;
import org.loyaltyrules.examples.data.LoadedEvents;

/**
 * CDNOW (shared data, cdnow/README.md) through the retail-basic demo program. Counts come from the README; the
 * base-rule cost is Σ floor(dollar_value) over all rows, computed independently (no cap is reached); other totals
 * are the measured results of the demo program, pinned so that a change of engine semantics shows (see
 * docs/examples.md).
 */
@Tag("real-data")
class CdnowReplayTest {

    private static final String BASE_RULE = "Purchases earn base points at the program rate";
    private static final String TIER_BONUS_RULE = "Tier members earn their tier bonus on base points";

    @Test
    void the_master_file_reads_as_69659_purchases_of_23570_members_without_bad_lines() {
        // when
        LoadedEvents loaded = RealData.load(RealData.file("cdnow/CDNOW_master.txt.gz"));

        // then
        assertThat(loaded.format()).isEqualTo(EventFormat.CDNOW);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.records()).isEqualTo(69_659);
        assertThat(loaded.countOfType("purchase")).isEqualTo(69_659);
        assertThat(loaded.members()).isEqualTo(23_570);
        assertThat(loaded.events().get(0).id()).isEqualTo("CDNOW_master:2"); // line 1 is the header
    }

    @Test
    void the_sample_with_its_first_row_missing_its_dollar_value_has_that_one_bad_line_and_6918_events(
            @TempDir Path dir) throws IOException {
        // given: the bundled sample, its first row cut to 4 columns (" 00004 0001 19970101  2")
        List<String> rows = Files.readAllLines(CliRun.resource("cli").getParent().getParent().getParent()
                .resolve("data/cdnow/CDNOW_sample.txt"));
        rows.set(0, " 00004 0001 19970101  2");
        Path file = Files.write(dir.resolve("CDNOW_sample.txt"), rows);

        // when: as --format=cdnow reads it (the first row no longer has the shape that tells the format)
        LoadedEvents loaded = EventSources.load(file, EventFormat.CDNOW, RealData.engine().program().settings(),
                false);
        RealData.Replayed replayed = RealData.replay(loaded);

        // then: the first row no longer fixes a 4-column layout that makes the 6,918 good rows bad
        assertThat(loaded.problems()).containsExactly(new Problem("CDNOW_sample.txt:1", "has 4 columns, the file's"
                + " rows have 5 (customer_id sample_id date number_of_cds dollar_value)"));
        assertThat(loaded.records()).isEqualTo(6_919);
        assertThat(replayed.result().eventsApplied()).isEqualTo(6_918);
    }

    @Test
    void the_bundled_sample_replays_to_exact_points_and_tier_mix() {
        // given
        LoadedEvents loaded = RealData.load(CliRun.resource("cli").getParent().getParent().getParent()
                .resolve("data/cdnow/CDNOW_sample.txt"));

        // when
        RealData.Replayed replayed = RealData.replay(loaded);
        ReplayReport report = replayed.report();

        // then
        assertThat(loaded.records()).isEqualTo(6_919);
        assertThat(loaded.members()).isEqualTo(2_357);
        assertThat(replayed.result().eventsApplied()).isEqualTo(6_919);
        assertThat(report.eventsRejected()).isZero();
        assertThat(report.costByRule()).containsExactly(Map.entry(BASE_RULE, BigInteger.valueOf(239_444)),
                Map.entry(TIER_BONUS_RULE, BigInteger.valueOf(7_300)));
        assertThat(report.pointsIssued()).isEqualTo(246_744);
        assertThat(report.pointsAvailable()).isEqualTo(244_636);
        assertThat(report.pointsPending()).isEqualTo(2_108);
        assertThat(report.tierMix()).containsExactly(Map.entry("member", 2_307L), Map.entry("silver", 49L),
                Map.entry("gold", 0L), Map.entry("platinum", 1L));
        RealData.assertPointsConserved(replayed.result());
    }

    @Test
    void the_full_master_file_replays_with_every_purchase_applied_and_points_conserved() {
        // given
        LoadedEvents loaded = RealData.load(RealData.file("cdnow/CDNOW_master.txt.gz"));

        // when
        RealData.Replayed replayed = RealData.replay(loaded);
        ReplayReport report = replayed.report();

        // then
        assertThat(replayed.result().eventsApplied()).isEqualTo(69_659);
        assertThat(replayed.result().members()).hasSize(23_570);
        assertThat(report.costByRule()).containsExactly(Map.entry(BASE_RULE, BigInteger.valueOf(2_453_159)),
                Map.entry(TIER_BONUS_RULE, BigInteger.valueOf(83_676)));
        assertThat(report.pointsIssued()).isEqualTo(2_536_835);
        assertThat(report.liabilityPoints()).isEqualTo(2_536_835);
        assertThat(report.pointsPending()).isEqualTo(34_025);
        assertThat(report.tierMix()).containsExactly(Map.entry("member", 23_072L), Map.entry("silver", 469L),
                Map.entry("gold", 25L), Map.entry("platinum", 4L));
        RealData.assertPointsConserved(replayed.result());
    }
}
