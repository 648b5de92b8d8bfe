package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loyalty report} on a small history of the retail-basic demo program (1 point and 1 growth per $, FLOOR,
 * 14 pending days, silver at 500 on 12 rolling months), next to {@code loyalty run} on the same input:
 * <ul>
 * <li>m3 buys 60 on 01-01 and 40 on 01-06, answers the survey 8 (02-10) then 10 (03-02);</li>
 * <li>m1 buys 300 (01-10) and 250 (02-01, crossing silver), 50 of it refunded (02-05), redeems 100 (03-01), answers
 * 9;</li>
 * <li>m2 buys 20 (03-01, still pending), answers 6, and over-redeems 1,000 (refused) at 03-03T12:00, the last event
 * and so the review instant.</li>
 * </ul>
 */
class ReportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = CliRun.resource("report/events.jsonl");

    @TempDir
    static Path dir;
    static CliRun report;
    static CliRun run;
    static JsonNode data;

    @BeforeAll
    static void runBoth() throws Exception {
        report = CliRun.of("report", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", EVENTS.toString(),
                "--out", dir.resolve("report").toString(), "--no-progress");
        run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", EVENTS.toString(),
                "--out", dir.resolve("run").toString(), "--no-progress");
        data = embeddedData(Files.readString(dir.resolve("report").resolve("report.html")));
    }

    /** The JSON in the page's {@code <script id="report-data">} element. */
    static JsonNode embeddedData(String html) throws Exception {
        String open = "<script id=\"report-data\" type=\"application/json\">";
        int from = html.indexOf(open);
        assertThat(from).as("data block").isPositive();
        int to = html.indexOf("</script>", from);
        return JSON.readTree(html.substring(from + open.length(), to));
    }

    /**
     * Online Retail rows through the demo program as of 2010-12-02: 17850 buys 2 lanterns and cancels 3 (1 matches
     * nothing: sent in part) and a discount (matches nothing); 536366 has no CustomerID; 17851 buys 20,000 lanterns
     * at 3.39 (67,800 points, of which the daily cap of 20,000 withholds 47,800) and, after the as-of date, a hand
     * warmer. So 3 records are not sent (or sent in part) and 4 events read, 1 of them after the as-of date.
     */
    static final String ONLINE_RETAIL = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,71053,WHITE METAL LANTERN,2,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
            536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom
            C536391,71053,WHITE METAL LANTERN,-3,2010-12-01 10:24:00,3.39,17850.0,United Kingdom
            C536392,D,Discount,-1,2010-12-01 10:30:00,27.50,17850.0,United Kingdom
            536367,71053,WHITE METAL LANTERN,20000,2010-12-01 11:00:00,3.39,17851.0,United Kingdom
            536368,22633,HAND WARMER,1,2010-12-03 09:00:00,1.85,17851.0,United Kingdom
            """;

    @Test
    void report_writes_one_page_and_says_where() {
        assertThat(report.exitCode()).isZero();
        assertThat(report.err()).isEmpty();
        assertThat(report.out()).startsWith("loyalty report: program retail-basic 2026.1-demo, events events.jsonl "
                + "(jsonl), as of 2025-03-03T12:00:00Z\n"
                + "  events     12 read, 11 applied, 1 rejected, 0 duplicates, 0 bad lines\n"
                + "  members    3\n"
                + "  rejected   INSUFFICIENT_POINTS 1\n"
                + "  output     " + dir.resolve("report").resolve("report.html") + "\n"
                + "  elapsed    ");
    }

    @Test
    void report_says_as_run_does_what_was_not_sent_what_caps_withheld_and_what_came_after_the_as_of_date()
            throws Exception {
        // given
        Path events = Files.writeString(dir.resolve("online_retail.csv"), ONLINE_RETAIL);

        // when
        CliRun withCaps = CliRun.of("report", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                events.toString(), "--as-of", "2010-12-02", "--out", dir.resolve("retail-report").toString(),
                "--no-progress");
        CliRun runOfThem = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--as-of", "2010-12-02", "--out", dir.resolve("retail-run").toString(), "--no-progress");

        // then: run's lines, but for where the records not sent are listed (report writes no unsent.csv)
        assertThat(withCaps.exitCode()).as(withCaps.err()).isZero();
        assertThat(withCaps.out()).startsWith("loyalty report: program retail-basic 2026.1-demo, events "
                + "online_retail.csv (online-retail), as of 2010-12-02 (end of day, UTC)\n"
                + "  events     4 read, 3 applied, 0 rejected, 0 duplicates, 0 bad lines, 1 after the as-of date\n"
                + "  members    2\n"
                + "  cap        daily-points withheld 47,800 points from 1 event of 1 member\n"
                + "  not sent   3 input records the reader did not send as events, or sent in part (loyalty run lists "
                + "them in unsent.csv, with the reason)\n"
                + "  output     ");
        assertThat(runOfThem.out()).contains(
                "  events     4 read, 3 applied, 0 rejected, 0 duplicates, 0 bad lines, 1 after the as-of date\n",
                "  cap        daily-points withheld 47,800 points from 1 event of 1 member\n",
                "  not sent   3 input records the reader did not send as events, or sent in part (unsent.csv says "
                        + "why)\n");
        assertThat(embeddedData(Files.readString(dir.resolve("retail-report/report.html"))).get("recordsNotSent")
                .asInt()).isEqualTo(3);
        assertThat(dir.resolve("report")).isDirectoryContaining("glob:**/report.html");
        assertThat(dir.resolve("report").toFile().list()).containsExactly("report.html");
    }

    @Test
    void the_page_is_self_contained_no_address_is_fetched() throws Exception {
        String html = Files.readString(dir.resolve("report").resolve("report.html"));
        assertThat(html).contains("Chart.js v4.6.1").contains("default-src 'none'")
                .doesNotContain("<script src").doesNotContain("<link").doesNotContain("@REPORT_DATA@")
                .doesNotContain("@CHART_JS@");
    }

    @Test
    void the_embedded_summary_equals_summary_json_of_run_on_the_same_input() throws Exception {
        JsonNode summary = JSON.readTree(Files.readString(dir.resolve("run").resolve("summary.json")));
        assertThat(data.get("summary")).isEqualTo(summary);
        assertThat(summary.at("/totals/pointsIssued").asLong()).isEqualTo(670);
        assertThat(summary.at("/liability/points").asLong()).isEqualTo(520);
    }

    @Test
    void points_by_month_add_up_to_the_totals() throws Exception {
        assertThat(JSON.writeValueAsString(data.get("months"))).isEqualTo("["
                + "{\"month\":\"2025-01\",\"issued\":400,\"redeemed\":0,\"expired\":0,\"clawedBack\":0,\"adjusted\":0},"
                + "{\"month\":\"2025-02\",\"issued\":250,\"redeemed\":0,\"expired\":0,\"clawedBack\":50,\"adjusted\":0},"
                + "{\"month\":\"2025-03\",\"issued\":20,\"redeemed\":100,\"expired\":0,\"clawedBack\":0,\"adjusted\":0}]");
        assertMonthsAddUp(data);
    }

    @Test
    void tiers_by_month_follow_enrolments_and_moves_and_end_at_the_tier_mix() throws Exception {
        assertThat(JSON.writeValueAsString(data.get("tiersByMonth"))).isEqualTo("["
                + "{\"month\":\"2025-01\",\"members\":{\"member\":2,\"silver\":0,\"gold\":0,\"platinum\":0}},"
                + "{\"month\":\"2025-02\",\"members\":{\"member\":1,\"silver\":1,\"gold\":0,\"platinum\":0}},"
                + "{\"month\":\"2025-03\",\"members\":{\"member\":2,\"silver\":1,\"gold\":0,\"platinum\":0}}]");
        assertTiersEndAtTheMix(data);
    }

    @Test
    void value_pyramid_ranks_annual_spend_net_of_refunds_in_money_at_the_currencys_scale() throws Exception {
        // m1 300 + 250 - 50 = 500, m3 100, m2 20; with 3 members top ends at rank ceil(0.03) = 1, high and middle
        // at ceil(0.15) = ceil(0.6) = 1, so they are empty and base holds m3 and m2
        assertThat(JSON.writeValueAsString(data.get("valuePyramid"))).isEqualTo("{\"asOf\":\"2025-03-03T12:00:00Z\","
                + "\"bands\":["
                + "{\"band\":\"top\",\"share\":\"0.01\",\"members\":1,\"spend\":\"500.00\",\"spendShare\":\"0.8065\","
                + "\"minSpend\":\"500.00\"},"
                + "{\"band\":\"high\",\"share\":\"0.04\",\"members\":0,\"spend\":\"0.00\",\"spendShare\":\"0\","
                + "\"minSpend\":null},"
                + "{\"band\":\"middle\",\"share\":\"0.15\",\"members\":0,\"spend\":\"0.00\",\"spendShare\":\"0\","
                + "\"minSpend\":null},"
                + "{\"band\":\"base\",\"share\":\"0.8\",\"members\":2,\"spend\":\"120.00\",\"spendShare\":\"0.1935\","
                + "\"minSpend\":\"20.00\"}],"
                + "\"totalSpend\":\"620.00\"}");
    }

    @Test
    void rfm_segments_use_the_population_quantiles_as_of_the_review_day() throws Exception {
        // recency days m2 2, m1 30, m3 56; orders 1, 2, 2; monetary 20, 500 (300 + 250 - 50), 100.
        // Type-7 quantiles at k/5 + 1: recency 14.2, 25.4, 36.2, 46.6; orders 2.4, 2.8, 3, 3; monetary 53, 85, 181, 341.
        // m2 RFM 511: frequency 1 leaves out the first three boxes, recency 5 Promising: New Customers;
        // m1 315: Promising (recency 3-4, frequency 1-3, monetary 3-5); m3 113: recency 1 and frequency 1: Lost
        JsonNode rfm = data.get("rfm");
        assertThat(rfm.get("analysisDate").asText()).isEqualTo("2025-03-03");
        assertThat(JSON.writeValueAsString(rfm.get("thresholds"))).isEqualTo("{"
                + "\"recencyDays\":[\"14.2\",\"25.4\",\"36.2\",\"46.6\"],\"orders\":[\"2.4\",\"2.8\",\"3\",\"3\"],"
                + "\"monetary\":[\"53\",\"85\",\"181\",\"341\"]}");
        assertThat(JSON.writeValueAsString(rfm.get("segments"))).isEqualTo("{\"Champions\":0,\"Potential Loyalist\":0,"
                + "\"Loyal Customers\":0,\"Promising\":1,\"New Customers\":1,\"Can't Lose Them\":0,\"At Risk\":0,"
                + "\"Need Attention\":0,\"About To Sleep\":0,\"Lost\":1,\"Others\":0}");
        assertThat(rfm.get("members").asInt()).isEqualTo(3);
        assertThat(rfm.get("withoutPurchases").asInt()).isZero();
    }

    @Test
    void nps_counts_each_members_latest_answer() throws Exception {
        // m1 9 promoter, m2 6 detractor, m3 10 (its 8 is superseded) promoter: (2 - 1) * 100 / 3 = 33.33
        assertThat(JSON.writeValueAsString(data.get("nps"))).isEqualTo("{\"surveyEvents\":4,\"respondents\":3,"
                + "\"promoters\":2,\"passives\":0,\"detractors\":1,\"score\":\"33.33\"}");
    }

    @Test
    void warnings_count_churn_by_silence_and_downgrade_pace() throws Exception {
        // m3's purchase days are 5 days apart and it has been silent for 56 days (> 2 x 5): churn. m1's gap is 22
        // days and it has been silent 30 (<= 44). m1 keeps silver's pace; m2 and m3 are on the base tier.
        assertThat(JSON.writeValueAsString(data.get("warnings"))).isEqualTo("{\"members\":3,\"churn\":1,"
                + "\"downgrade\":0,\"lifecycle\":{\"ACQUISITION\":3,\"FORMATION\":0,\"STABLE\":0,\"DECLINE\":0},"
                + "\"churnIntervalMultiple\":\"2\"}");
    }

    @Test
    void lifecycle_and_churn_follow_the_programs_insight_settings_as_insight_does() throws Exception {
        // given: the demo program with acquisition up to 30 days of tenure, formation up to 90, and churn after
        // 1 x the usual interval (standard: 90, 365 and 2 x)
        Path program = Files.createDirectories(dir.resolve("insight-settings"));
        Files.writeString(program.resolve("program.json"), Files.readString(CliRun.DEMO_PROGRAM.resolve("program.json"))
                .replace("\"pendingDays\": 14,", "\"insight\": {\"acquisitionDays\": 30, \"formationDays\": 90, "
                        + "\"intervalMultiple\": \"1\"},\n  \"pendingDays\": 14,"));

        // when
        CliRun withSettings = CliRun.of("report", "--program", program.toString(), "--events", EVENTS.toString(),
                "--out", dir.resolve("insight-settings-report").toString(), "--no-progress");
        CliRun insight = CliRun.of("insight", "--program", program.toString(), "--events", EVENTS.toString(),
                "--out", dir.resolve("insight-settings-insight").toString(), "--no-progress");

        // then: tenure m2 2 days (ACQUISITION), m1 52 and m3 61 (FORMATION: under 90 days, spend not declining);
        // m3 silent 56 days after a 5-day gap and m1 30 after a 22-day one are churn warnings, m2 has one purchase
        // day. With 3 buyers insight fits no lifetime model, so its churn is the silence test too.
        assertThat(withSettings.exitCode()).as(withSettings.err()).isZero();
        assertThat(insight.exitCode()).as(insight.err()).isZero();
        JsonNode warnings = embeddedData(Files.readString(dir.resolve("insight-settings-report/report.html")))
                .get("warnings");
        assertThat(JSON.writeValueAsString(warnings)).isEqualTo("{\"members\":3,\"churn\":2,\"downgrade\":0,"
                + "\"lifecycle\":{\"ACQUISITION\":1,\"FORMATION\":2,\"STABLE\":0,\"DECLINE\":0},"
                + "\"churnIntervalMultiple\":\"1\"}");
        JsonNode fromInsight = JSON.readTree(dir.resolve("insight-settings-insight/insight.json").toFile());
        assertThat(fromInsight.get("lifecycleStages").toString()).isEqualTo("{\"ACQUISITION\":1,\"FORMATION\":2}");
        assertThat(fromInsight.get("churnWarnings").asLong()).isEqualTo(2);
        assertThat(fromInsight.get("downgradeWarnings").asLong()).isZero();
    }

    @Test
    void top_members_are_ranked_by_points_held() throws Exception {
        JsonNode top = data.get("topMembers");
        assertThat(top).hasSize(3);
        assertThat(JSON.writeValueAsString(top.get(0))).isEqualTo("{\"member\":\"m1\",\"tier\":\"silver\","
                + "\"points\":400,\"available\":400,\"pending\":0,\"earned\":550,\"redeemed\":100,\"expired\":0,"
                + "\"annualSpend\":\"500.00\",\"band\":\"top\",\"rfm\":\"315\",\"segment\":\"Promising\",\"churn\":false,"
                + "\"downgrade\":null}");
        assertThat(top.get(1).get("member").asText()).isEqualTo("m3");
        assertThat(top.get(1).get("points").asLong()).isEqualTo(100);
        assertThat(top.get(1).get("churn").asBoolean()).isTrue();
        assertThat(top.get(2).get("member").asText()).isEqualTo("m2");
        assertThat(top.get(2).get("pending").asLong()).isEqualTo(20);
    }

    static void assertMonthsAddUp(JsonNode data) {
        JsonNode totals = data.at("/summary/totals");
        long issued = 0;
        long redeemed = 0;
        long expired = 0;
        long clawedBack = 0;
        long adjusted = 0;
        for (JsonNode m : data.get("months")) {
            issued += m.get("issued").asLong();
            redeemed += m.get("redeemed").asLong();
            expired += m.get("expired").asLong();
            clawedBack += m.get("clawedBack").asLong();
            adjusted += m.get("adjusted").asLong();
        }
        assertThat(issued).isEqualTo(totals.get("pointsIssued").asLong());
        assertThat(redeemed).isEqualTo(totals.get("pointsRedeemed").asLong());
        assertThat(expired).isEqualTo(totals.get("pointsExpired").asLong());
        assertThat(clawedBack).isEqualTo(totals.get("pointsClawedBack").asLong());
        assertThat(adjusted).isEqualTo(totals.get("pointsAdjusted").asLong());
    }

    static void assertTiersEndAtTheMix(JsonNode data) {
        JsonNode months = data.get("tiersByMonth");
        assertThat(months.get(months.size() - 1).get("members")).isEqualTo(data.at("/summary/tierMix"));
    }
}
