package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsightCommandTest {

    @TempDir
    Path dir;

    @Test
    void insight_on_the_cdnow_sample_fits_bg_nbd_and_scores_every_member() throws Exception {
        CliRun run = CliRun.of("insight", "--program", "programs/retail-basic", "--events",
                "data/cdnow/CDNOW_sample.txt", "--out", dir.toString(), "--as-of", "1998-06-30");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        List<String> rows = Files.readAllLines(dir.resolve("insight.csv"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("insight.json").toFile());
        // one row per member of the sample (2,357) plus the header
        assertThat(rows).hasSize(2_358);
        assertThat(rows.get(0)).isEqualTo("member,tier,recency_score,frequency_score,monetary_score,segment,"
                + "probability_alive,expected_purchases_next_month,lifetime_value_12m,lifecycle_stage,churn_warning,"
                + "downgrade_warning,nps_category");
        assertThat(json.get("members").asInt()).isEqualTo(2_357);
        // every member has an RFM segment; the fit is a proper maximum (finite, negative log-likelihood)
        assertThat(json.get("rfmSegments").has("NONE")).isFalse();
        assertThat(json.get("bgNbd").get("logLikelihood").asDouble()).isNegative();
        assertThat(json.get("bgNbd").get("members").asInt()).isEqualTo(2_357);
    }
}
