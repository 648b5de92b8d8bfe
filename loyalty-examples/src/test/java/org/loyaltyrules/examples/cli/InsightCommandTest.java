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

    @Test
    void a_repeat_buyer_whose_repeats_are_worth_nothing_is_left_out_of_the_value_fit_not_fatal() throws Exception {
        // twelve members buying twice or three times; m00's repeat purchase is 0.00 (as CDNOW master's 10244)
        StringBuilder csv = new StringBuilder("member,date,amount\nm00,1997-02-07,15.96\nm00,1997-03-07,0.00\n");
        for (int i = 1; i < 12; i++) {
            csv.append("m%02d,1997-01-%02d,%d.50%n".formatted(i, i, 10 + i));
            csv.append("m%02d,1997-02-%02d,%d.25%n".formatted(i, i + 3, 20 + 3 * i));
            if (i % 2 == 0) {
                csv.append("m%02d,1997-04-%02d,%d.00%n".formatted(i, i + 5, 5 + i));
            }
        }
        Path events = dir.resolve("purchases.csv");
        Files.writeString(events, csv);

        CliRun run = CliRun.of("insight", "--program", "programs/retail-basic", "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--as-of", "1997-06-30");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("gammaGamma").get("members").asInt()).isEqualTo(11);
        assertThat(json.get("gammaGamma").get("repeatBuyersWithoutValue").asInt()).isEqualTo(1);
        assertThat(run.out()).contains("on 11 repeat buyers (1 with repeats worth 0 left out)");
        assertThat(Files.readAllLines(dir.resolve("out/insight.csv"))).hasSize(13);
    }
}
