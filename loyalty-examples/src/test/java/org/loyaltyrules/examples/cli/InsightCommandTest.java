package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
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
                + "downgrade_warning,nps_category,annual_spend,value_band,layer_score,layer");
        assertThat(json.get("members").asInt()).isEqualTo(2_357);
        // every member has an RFM segment; the fit is a proper maximum (finite, negative log-likelihood)
        assertThat(json.get("rfmSegments").has("NONE")).isFalse();
        assertThat(json.get("bgNbd").get("fitted").asBoolean()).isTrue();
        assertThat(json.get("bgNbd").get("logLikelihood").asDouble()).isNegative();
        assertThat(json.get("bgNbd").get("members").asInt()).isEqualTo(2_357);
    }

    @Test
    void a_short_history_whose_fit_has_a_plus_b_below_one_scores_every_member() throws Exception {
        // given the first 300 lines of the sample: few repeat buyers, a BG/NBD fit with a + b = 0.25, so a member
        // without repeat purchases meets 2F1(r, b; a + b - 1; z) with a negative c ("hypergeometric c must be > 0"
        // stopped the command after one member's row)
        List<String> lines = Files.readAllLines(Path.of("data/cdnow/CDNOW_sample.txt")).subList(0, 300);
        Path events = Files.write(dir.resolve("first-300.txt"), lines);

        // when
        CliRun run = CliRun.of("insight", "--program", "programs/retail-basic", "--events", events.toString(),
                "--out", dir.resolve("out").toString());

        // then every member has a row and a finite expectation
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.at("/bgNbd/a").asDouble() + json.at("/bgNbd/b").asDouble()).isLessThan(1);
        List<String> rows = Files.readAllLines(dir.resolve("out/insight.csv"));
        assertThat(rows).hasSize(json.get("members").asInt() + 1);
        int expected = List.of(rows.get(0).split(",")).indexOf("expected_purchases_next_month");
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(Double.parseDouble(row.split(",")[expected]))
                .isFinite().isNotNegative());
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
        assertThat(json.get("gammaGamma").get("fitted").asBoolean()).isTrue();
        assertThat(json.get("gammaGamma").get("members").asInt()).isEqualTo(11);
        assertThat(json.get("gammaGamma").get("repeatBuyersWithoutValue").asInt()).isEqualTo(1);
        assertThat(run.out()).contains("on 11 repeat buyers (1 with repeats worth 0 left out)");
        assertThat(Files.readAllLines(dir.resolve("out/insight.csv"))).hasSize(13);
    }

    @Test
    void a_fit_that_runs_away_to_a_near_0_prints_a_not_0_0000_and_every_member_alive() throws Exception {
        // given 12 members who each buy every 4, 8 or 12 weeks up to the as-of date: no dropout in the data, so the
        // likelihood's supremum is a / (a + b) -> 0 (insight audit F2: "a 0.0000, b 0.0000" read as a broken model)
        StringBuilder csv = new StringBuilder("member,date,amount\n");
        for (int m = 0; m < 12; m++) {
            for (LocalDate d = LocalDate.of(1996, 1, 10).plusDays(m); !d.isAfter(LocalDate.of(1997, 6, 20));
                    d = d.plusWeeks(4L * (m % 3 + 1))) {
                csv.append(String.format(Locale.ROOT, "m%02d,%s,%d.00%n", m, d, 10 + 5 * m));
            }
        }

        // when
        CliRun run = insight(csv.toString());

        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out().lines()).contains("loyalty insight: program retail-basic, 12 members as of 1997-06-30",
                "  BG/NBD     r 8.5148, alpha 58.7958, a 2.581e-12, b 10.5432, log-likelihood -384.15");
        assertThat(modelColumns()).hasSize(12).allSatisfy(row -> assertThat(row).startsWith("1.0000,"));
    }

    @Test
    void with_fewer_than_ten_buyers_neither_model_is_fitted_and_insight_says_why() throws Exception {
        // three members with purchases, one of them (m1) buying twice
        CliRun run = insight("""
                member,date,amount
                m1,1997-01-05,10.00
                m1,1997-02-05,20.00
                m2,1997-01-10,15.00
                m3,1997-03-01,30.00
                """);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out().lines()).contains("  BG/NBD     not fitted: 3 members with purchases, fewer than the 10 "
                        + "the fit needs; no probability alive, expected purchases or lifetime value",
                "  Gamma-Gamma not fitted: 1 repeat buyer with value, fewer than the 10 the fit needs; "
                        + "no lifetime value");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("bgNbd")).isEqualTo(new ObjectMapper().readTree("""
                {"fitted": false, "reason": "3 members with purchases, fewer than the 10 the fit needs", "members": 3}
                """));
        assertThat(json.get("gammaGamma")).isEqualTo(new ObjectMapper().readTree("""
                {"fitted": false, "reason": "1 repeat buyer with value, fewer than the 10 the fit needs", "members": 1,
                 "repeatBuyersWithoutValue": 0}
                """));
        assertThat(modelColumns()).containsExactly(",,", ",,", ",,");
    }

    @Test
    void without_a_repeat_purchase_bg_nbd_is_not_fitted_rather_than_expecting_no_purchase_from_anyone()
            throws Exception {
        // twelve members who bought once each: the likelihood has no maximum (it rises as r/alpha falls to 0)
        StringBuilder csv = new StringBuilder("member,date,amount\n");
        for (int i = 1; i <= 12; i++) {
            csv.append("m%02d,1997-01-%02d,%d.00%n".formatted(i, i, 10 + i));
        }

        CliRun run = insight(csv.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out().lines()).contains("  BG/NBD     not fitted: no member has a repeat purchase, so the "
                        + "likelihood has no maximum; no probability alive, expected purchases or lifetime value",
                "  Gamma-Gamma not fitted: 0 repeat buyers with value, fewer than the 10 the fit needs; "
                        + "no lifetime value");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("bgNbd")).isEqualTo(new ObjectMapper().readTree("""
                {"fitted": false, "reason": "no member has a repeat purchase, so the likelihood has no maximum",
                 "members": 12}
                """));
        assertThat(json.get("gammaGamma")).isEqualTo(new ObjectMapper().readTree("""
                {"fitted": false, "reason": "0 repeat buyers with value, fewer than the 10 the fit needs", "members": 0,
                 "repeatBuyersWithoutValue": 0}
                """));
        assertThat(modelColumns()).hasSize(12).containsOnly(",,");
    }

    @Test
    void with_fewer_than_ten_repeat_buyers_only_the_lifetime_value_is_missing() throws Exception {
        // twelve buyers: m01..m04 bought again, m05's repeat purchase is worth 0.00, the others bought once
        StringBuilder csv = new StringBuilder("member,date,amount\n");
        for (int i = 1; i <= 12; i++) {
            csv.append("m%02d,1997-01-%02d,%d.00%n".formatted(i, i, 10 + i));
            if (i <= 5) {
                csv.append("m%02d,1997-03-%02d,%s%n".formatted(i, 2 * i, i == 5 ? "0.00" : "25.00"));
            }
        }

        CliRun run = insight(csv.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out().lines()).contains("  Gamma-Gamma not fitted: 4 repeat buyers with value, fewer than the "
                + "10 the fit needs (1 with repeats worth 0 left out); no lifetime value");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("bgNbd").get("fitted").asBoolean()).isTrue();
        assertThat(json.get("bgNbd").get("members").asInt()).isEqualTo(12);
        assertThat(json.get("gammaGamma")).isEqualTo(new ObjectMapper().readTree("""
                {"fitted": false, "reason": "4 repeat buyers with value, fewer than the 10 the fit needs", "members": 4,
                 "repeatBuyersWithoutValue": 1}
                """));
        // probability alive and expected purchases for everyone, no lifetime value
        assertThat(modelColumns()).hasSize(12).allSatisfy(columns -> assertThat(columns).matches("[0-9.]+,[0-9.]+,"));
    }

    @Test
    void rfm_scores_are_in_their_columns_and_churn_warnings_are_counted() throws Exception {
        // given: m1 bought most often but longest ago, m2 once the day before the as-of date, m3..m5 in between
        CliRun run = insight("""
                member,date,amount
                m1,1996-01-05,10.00
                m1,1996-02-05,10.00
                m1,1996-03-05,10.00
                m1,1996-04-05,10.00
                m2,1997-06-29,10.00
                m3,1996-09-01,10.00
                m3,1996-10-01,10.00
                m4,1997-03-01,10.00
                m4,1997-04-01,10.00
                m4,1997-05-01,10.00
                m5,1996-06-01,10.00
                """);

        // then: member, recency, frequency, monetary, segment; m2 is recency 5, frequency 1, m1 recency 1,
        // frequency 4 (audit mutation7 I1 swapped the recency and frequency columns and no test read them)
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(Files.readAllLines(dir.resolve("out/insight.csv")).stream().skip(1).map(row -> {
            List<String> columns = List.of(row.split(",", -1));
            return String.join(",", columns.get(0), columns.get(2), columns.get(3), columns.get(4), columns.get(5));
        })).containsExactly("m1,1,4,5,CANT_LOSE_THEM", "m2,5,1,1,NEW_CUSTOMERS", "m3,3,2,3,LOYAL_CUSTOMERS",
                "m4,4,3,4,POTENTIAL_LOYALIST", "m5,2,1,1,ABOUT_TO_SLEEP");
        // m1 (451 days without a purchase, more than 2 x its usual 31) and m3 (272 > 2 x 30) are warned of churn
        // (I3 wrote the downgrade count as churnWarnings)
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("churnWarnings").asInt()).isEqualTo(2);
        assertThat(json.get("downgradeWarnings").asInt()).isEqualTo(0);
        assertThat(run.out().lines()).contains("  warnings   2 churn, 0 downgrade");
    }

    @Test
    void nps_counts_each_respondent_once_by_the_latest_answer_and_none_counts_members_without_purchases()
            throws Exception {
        // m1 answered 10 on 03-01 after 3 on 02-01 (listed first, replayed in time order); m2 answered but never bought
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, """
                {"type":"purchase","id":"p1","member":"m1","at":"2025-01-10T10:00:00Z","amount":"20.00"}
                {"type":"survey","id":"s2","member":"m1","at":"2025-03-01T10:00:00Z","score":10}
                {"type":"survey","id":"s1","member":"m1","at":"2025-02-01T10:00:00Z","score":3}
                {"type":"survey","id":"s3","member":"m2","at":"2025-02-15T10:00:00Z","score":8}
                {"type":"purchase","id":"p2","member":"m3","at":"2025-02-01T10:00:00Z","amount":"15.00"}
                """);

        CliRun run = CliRun.of("insight", "--program", "programs/retail-basic", "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--as-of", "2025-06-30", "--no-progress");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("members").asInt()).isEqualTo(3);
        assertThat(json.get("rfmSegments").get("NONE").asInt()).isEqualTo(1);
        assertThat(json.get("nps")).isEqualTo(new ObjectMapper().readTree("""
                {"responses": 2, "promoters": 1, "passives": 1, "detractors": 0, "score": 50.0,
                 "byTier": {"member": {"responses": 2, "promoters": 1, "passives": 1, "detractors": 0, "score": 50.0}},
                 "bySegment": {"LOST": {"responses": 1, "promoters": 1, "passives": 0, "detractors": 0, "score": 100.0},
                               "NONE": {"responses": 1, "promoters": 0, "passives": 1, "detractors": 0, "score": 0.0}},
                 "byTouchpoint": {"NONE": {"responses": 2, "promoters": 1, "passives": 1, "detractors": 0,
                                           "score": 50.0}}}
                """));
        // the score is written with its two decimals
        assertThat(Files.readString(dir.resolve("out/insight.json"))).contains("\"score\" : 50.00\n");
    }

    @Test
    void each_member_gets_the_value_pyramid_band_of_the_year_s_spend_and_the_program_s_value_layer() throws Exception {
        // retail-basic's layering weighs annualSpend 1: core from 0, top from 10,000. The year to 1997-06-30 starts
        // after 1996-06-30, so m2's 300.00 of May 1996 is out of it.
        CliRun run = insight("""
                member,date,amount
                m1,1997-03-01,12000.00
                m2,1996-05-01,300.00
                m2,1997-01-10,200.50
                m3,1997-06-30,10.00
                """);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        // three members: the top 1 % ends at rank ceil(0.03) = 1, high (5 %) and middle (20 %) at ceil(0.15) and
        // ceil(0.6) = 1 too, so they are empty and the base takes ranks 2 and 3
        assertThat(Files.readAllLines(dir.resolve("out/insight.csv")).stream().skip(1)
                .map(row -> String.join(",", List.of(row.split(",", -1)).subList(13, 17))))
                .containsExactly("12000.00,top,12000,top", "200.50,base,200.5,core", "10.00,base,10,core");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("valuePyramid").toString()).isEqualTo("{\"top\":1,\"high\":0,\"middle\":0,\"base\":2}");
        assertThat(json.get("layers").toString()).isEqualTo("{\"top\":1,\"core\":2}");
        assertThat(run.out().lines()).contains(
                "  pyramid    {top=1, high=0, middle=0, base=2} by spend in the year to 1997-06-30",
                "  layers     {top=1, core=2}");
    }

    @Test
    void nps_is_given_per_tier_rfm_segment_and_touchpoint_from_each_member_s_latest_answer() throws Exception {
        // m1 ($600: silver) is a promoter at the store; m2 a detractor in the app; m3 answered 9 in the app, then 7
        // on the web (the latest answer counts: a passive, on the web); m4 a detractor with no touchpoint
        Path events = dir.resolve("surveys.jsonl");
        Files.writeString(events, """
                {"id":"p1","type":"purchase","member":"m1","at":"1997-03-01T10:00:00Z","amount":"600.00","currency":"USD"}
                {"id":"s1","type":"survey","member":"m1","at":"1997-03-02T10:00:00Z","score":10,"attributes":{"touchpoint":"store"}}
                {"id":"s2","type":"survey","member":"m2","at":"1997-03-02T10:00:00Z","score":3,"attributes":{"touchpoint":"app"}}
                {"id":"s3","type":"survey","member":"m3","at":"1997-03-02T10:00:00Z","score":9,"attributes":{"touchpoint":"app"}}
                {"id":"s4","type":"survey","member":"m3","at":"1997-04-02T10:00:00Z","score":7,"touchpoint":"web"}
                {"id":"s5","type":"survey","member":"m4","at":"1997-04-02T10:00:00Z","score":0}
                """);

        CliRun run = CliRun.of("insight", "--program", "programs/retail-basic", "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--as-of", "1997-06-30", "--no-progress");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        JsonNode nps = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(dir.resolve("out/insight.json").toFile()).get("nps");
        // 1 promoter, 1 passive, 2 detractors: (1 - 2) x 100 / 4 = -25.00
        assertThat(nps.get("score").decimalValue()).isEqualByComparingTo("-25.00");
        assertThat(groups(nps.get("byTier"))).containsExactly("member 3: 0/1/2 -66.67", "silver 1: 1/0/0 100.00");
        assertThat(groups(nps.get("bySegment")))
                .containsExactly("NEW_CUSTOMERS 1: 1/0/0 100.00", "NONE 3: 0/1/2 -66.67");
        assertThat(groups(nps.get("byTouchpoint"))).containsExactly("NONE 1: 0/0/1 -100.00",
                "app 1: 0/0/1 -100.00", "store 1: 1/0/0 100.00", "web 1: 0/1/0 0.00");
    }

    /** A group of an NPS breakdown as "key responses: promoters/passives/detractors score", score with 2 decimals. */
    private static List<String> groups(JsonNode byGroup) {
        List<String> out = new java.util.ArrayList<>();
        byGroup.fields().forEachRemaining(e -> out.add("%s %d: %d/%d/%d %s".formatted(e.getKey(),
                e.getValue().get("responses").asLong(), e.getValue().get("promoters").asLong(),
                e.getValue().get("passives").asLong(), e.getValue().get("detractors").asLong(),
                e.getValue().get("score").decimalValue().setScale(2).toPlainString())));
        return out;
    }

    /** Runs insight on {@code csv} as of 1997-06-30 into {@code dir/out}. */
    @Test
    void insight_on_an_input_without_events_says_no_events_for_the_pyramid_too_not_the_year_to_1970() throws Exception {
        // given: a header and no purchase, no --as-of
        Path events = Files.writeString(dir.resolve("purchases.csv"), "member,date,amount\n");

        // when
        CliRun run = CliRun.of("insight", "--program", "programs/retail-basic", "--events", events.toString(), "--out",
                dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out().lines()).contains("loyalty insight: program retail-basic, 0 members (no events)",
                "  pyramid    {top=0, high=0, middle=0, base=0} (no events)");
        assertThat(run.out()).doesNotContain("1970");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("asOf").isNull()).isTrue();
        assertThat(json.get("valuePyramid")).isEqualTo(new ObjectMapper().readTree("""
                {"top": 0, "high": 0, "middle": 0, "base": 0}
                """));
    }

    @Test
    void purchases_the_engine_refuses_are_counted_and_named_so_a_smaller_fit_says_why() throws Exception {
        // given three purchases in USD and one in EUR, which retail-basic (USD) refuses: insight said nothing, and on
        // a file all in EUR gave "0 members" with exit 0
        Path events = Files.writeString(dir.resolve("purchases.csv"), """
                member,date,amount,currency
                m1,1997-01-02,10.00,USD
                m1,1997-02-02,20.00,USD
                m2,1997-03-02,30.00,USD
                m2,1997-04-02,40.00,EUR
                """);

        // when
        CliRun run = CliRun.of("insight", "--program", "programs/retail-basic", "--events", events.toString(), "--out",
                dir.resolve("out").toString(), "--no-progress");

        // then the console has run's lines about the input, and insight.json its counts
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out().lines()).contains(
                "  events     4 read, 3 applied, 1 rejected, 0 duplicates, 0 bad lines",
                "  rejected   CURRENCY_MISMATCH 1");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/insight.json").toFile());
        assertThat(json.get("counts").get("eventsRejected").asLong()).isEqualTo(1);
        assertThat(json.get("counts").get("eventsApplied").asLong()).isEqualTo(3);
        assertThat(json.get("rejectionsByCode")).isEqualTo(new ObjectMapper().readTree("""
                {"CURRENCY_MISMATCH": 1}
                """));
    }

    private CliRun insight(String csv) throws Exception {
        Path events = dir.resolve("purchases.csv");
        Files.writeString(events, csv);
        return CliRun.of("insight", "--program", "programs/retail-basic", "--events", events.toString(), "--out",
                dir.resolve("out").toString(), "--as-of", "1997-06-30", "--no-progress");
    }

    /** Each member's probability_alive, expected_purchases_next_month and lifetime_value_12m, as in insight.csv. */
    private List<String> modelColumns() throws Exception {
        return Files.readAllLines(dir.resolve("out/insight.csv")).stream().skip(1)
                .map(row -> String.join(",", List.of(row.split(",", -1)).subList(6, 9))).toList();
    }
}
