package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * retail-basic's program.json (no program DRL) against a candidate paying gold 60 % instead of 50 %. Four members:
 * m1 gold then $100 (150 vs 160), m2 silver then $100 (120 both), m3 $25,000 capped at 20,000 under both, m4 gold
 * then $13,000: 13,000 + 6,500 = 19,500 vs 13,000 + 7,800 = 20,800, trimmed by the daily cap to 20,000.
 */
class WhatIfCommandTest {

    private static final String BASE_RULE = "Purchases earn base points at the program rate";
    private static final String TIER_BONUS = "Tier members earn their tier bonus on base points";

    private static final String HISTORY = """
            {"id":"a1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"2000.00"}
            {"id":"a2","type":"purchase","member":"m1","at":"2025-03-10T10:00:00Z","amount":"100.00"}
            {"id":"b1","type":"purchase","member":"m2","at":"2025-03-03T10:00:00Z","amount":"600.00"}
            {"id":"b2","type":"purchase","member":"m2","at":"2025-03-10T10:00:00Z","amount":"100.00"}
            {"id":"c1","type":"purchase","member":"m3","at":"2025-03-03T10:00:00Z","amount":"25000.00"}
            {"id":"d1","type":"purchase","member":"m4","at":"2025-03-03T10:00:00Z","amount":"2000.00"}
            {"id":"d2","type":"purchase","member":"m4","at":"2025-03-10T10:00:00Z","amount":"13000.00"}
            """;

    @Test
    void a_higher_gold_bonus_costs_ten_points_for_m1_five_hundred_for_m4_and_the_cap_now_hits_two_members(
            @TempDir Path dir) throws IOException {
        // given
        Path base = retailBasic(dir.resolve("base"), json -> json);
        Path candidate = retailBasic(dir.resolve("candidate"), json -> json
                .replace("\"gold\": \"50\"", "\"gold\": \"60\"")
                .replace("\"version\": \"2026.1\"", "\"version\": \"2026.2-gold60\""));
        Path events = Files.writeString(dir.resolve("history.jsonl"), HISTORY);
        Path out = dir.resolve("out");

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--out", out.toString(), "--threads", "1");

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("loyalty what-if: base retail-basic 2026.1 vs candidate retail-basic"
                + " 2026.2-gold60\n");
        assertThat(run.out()).contains("""
                  points issued                                                 44,370          44,880            +510
                  liability (points)                                            44,370          44,880            +510
                  cost by rule (EARN points)
                    Purchases earn base points at the program rate              37,800          37,800              +0
                    Tier members earn their tier bonus on base points            6,570           7,080            +510
                  tier mix
                    member                                                           0               0              +0
                    silver                                                           1               1              +0
                    gold                                                             1               1              +0
                    platinum                                                         2               2              +0
                  members whose tier differs: 0
                  top 2 members by points delta
                    m4                                                          21,500          22,000            +500
                    m1                                                           2,150           2,160             +10
                  warnings    \n    cap daily-points now hit by 2 members (was 1)
                """);
        assertThat(Files.readString(out.resolve("members-delta.csv"))).isEqualTo("""
                member,base_tier,candidate_tier,base_points_earned,candidate_points_earned,points_delta,\
                base_liability,candidate_liability
                m4,platinum,platinum,21500,22000,500,21500,22000
                m1,gold,gold,2150,2160,10,2150,2160
                """);
        JsonNode report = new ObjectMapper().readTree(out.resolve("what-if.json").toFile());
        assertThat(report.get("members").asLong()).isEqualTo(4L);
        assertThat(report.at("/base/pointsIssued").asLong()).isEqualTo(44_370L);
        assertThat(report.at("/candidate/pointsIssued").asLong()).isEqualTo(44_880L);
        assertThat(report.at("/delta/pointsIssued").asLong()).isEqualTo(510L);
        assertThat(report.at("/delta/liabilityPoints").asLong()).isEqualTo(510L);
        assertThat(report.get("costByRule").get(TIER_BONUS).toString())
                .isEqualTo("{\"base\":6570,\"candidate\":7080,\"delta\":510}");
        assertThat(report.get("costByRule").get(BASE_RULE).get("delta").asLong()).isZero();
        assertThat(report.at("/base/capsHitByMembers/daily-points").asInt()).isEqualTo(1);
        assertThat(report.at("/candidate/capsHitByMembers/daily-points").asInt()).isEqualTo(2);
        assertThat(report.get("membersWithTierChange").asInt()).isZero();
        assertThat(report.get("tierChanges")).isEmpty();
        assertThat(Files.readString(out.resolve("members-tier-changes.csv")))
                .isEqualTo("member,base_tier,candidate_tier\n");
        assertThat(report.get("topMembersByPointsDelta").toString()).isEqualTo(
                "[{\"member\":\"m4\",\"base\":21500,\"candidate\":22000,\"delta\":500},"
                        + "{\"member\":\"m1\",\"base\":2150,\"candidate\":2160,\"delta\":10}]");
        assertThat(report.get("warnings").toString()).isEqualTo("[\"cap daily-points now hit by 2 members (was 1)\"]");
    }

    private static final String SMALL_BASKET_RULE = """
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Baskets under 1,000 earn 5 extra points"
                @intent("Test candidate: a small fixed bonus for ordinary baskets")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId, amount < 1000 )
            then
                insert( PointsAward.fixed( $event, "small basket bonus", 5 ) );
            end
            """;

    @Test
    void an_as_of_date_is_printed_as_that_day_in_the_base_programs_zone_and_later_events_are_left_out(@TempDir Path dir)
            throws IOException {
        // given
        Path base = retailBasic(dir.resolve("base"), json -> json);
        Path events = Files.writeString(dir.resolve("history.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"1000.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-04-01T10:00:00Z","points":800}
                """);

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", base.toString(),
                "--events", events.toString(), "--as-of", "2025-03-31", "--no-progress");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  history     history.jsonl: 1 event, 1 member, as of 2025-03-31 (end of day, "
                + "UTC) (1 later event left out)\n");
    }

    @Test
    void a_candidate_earning_nothing_warns_that_the_base_rule_no_longer_earns_and_that_a_redemption_is_now_refused(
            @TempDir Path dir) throws IOException {
        // given: m1 spends $1,000 (1,000 points under the base, available after 14 days) and redeems 800 four weeks
        // later; the candidate's base rate is 0, so it earns nothing and the redemption finds no points
        Path base = retailBasic(dir.resolve("base"), json -> json);
        Path candidate = retailBasic(dir.resolve("candidate"),
                json -> json.replace("\"baseRate\": \"1\"", "\"baseRate\": \"0\""));
        Path events = Files.writeString(dir.resolve("history.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"1000.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-04-01T10:00:00Z","points":800}
                """);

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--out", dir.resolve("out").toString());

        // then: 1,000 - 800 = 200 points of liability under the base, none under the candidate
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  history     history.jsonl: 2 events, 1 member, as of 2025-04-01T10:00:00Z\n")
                .contains("""
                          points issued                                                  1,000               0          -1,000
                          liability (points)                                               200               0            -200
                        """)
                .contains("""
                          warnings    \n    events rejected: 1 (was 0): INSUFFICIENT_POINTS 1 (was none)
                            rule "Purchases earn base points at the program rate" no longer earns (was 1,000 points)
                        """);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/what-if.json").toFile());
        assertThat(report.at("/base/eventsRejected").asInt()).isZero();
        assertThat(report.at("/candidate/eventsRejected").asInt()).isEqualTo(1);
        assertThat(report.at("/candidate/rejectionsByCode").toString()).isEqualTo("{\"INSUFFICIENT_POINTS\":1}");
        assertThat(report.at("/base/rejectionsByCode").toString()).isEqualTo("{}");
        assertThat(report.get("reward").asText()).isEqualTo("POINTS");
        assertThat(report.get("currency").asText()).isEqualTo("USD");
        assertThat(report.get("warnings")).hasSize(2);
    }

    @Test
    void a_cashback_comparison_is_told_in_money_and_its_json_names_the_unit(@TempDir Path dir) throws IOException {
        // given: cashback of 1 cent per USD against 2 cents; m1 spends $1,190.00 and m2 $250.50
        String json = """
                {"id": "cash", "version": "%s", "currency": "USD", "reward": {"unit": "MONEY"},
                 "earning": {"baseRate": "%s"}, "tiers": {"ladder": [{"id": "member"}]}}
                """;
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("program.json"), json.formatted("1", "1"));
        Path candidate = Files.createDirectories(dir.resolve("candidate"));
        Files.writeString(candidate.resolve("program.json"), json.formatted("2", "2"));
        Path events = Files.writeString(dir.resolve("history.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"1190.00"}
                {"id":"p2","type":"purchase","member":"m2","at":"2025-03-04T10:00:00Z","amount":"250.50"}
                """);

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--out", dir.resolve("out").toString());

        // then: 1,190 + 250 cents (250.5 rounded down) = 14.40 USD under the base; 2,380 + 501 = 28.81 USD after
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("""
                  cashback issued (USD)                                          14.40           28.81          +14.41
                  liability (USD)                                                14.40           28.81          +14.41
                  cost by rule (EARN USD)
                    Purchases earn base points at the program rate               14.40           28.81          +14.41
                """).contains("""
                  top 2 members by cashback delta (USD)
                    m1                                                           11.90           23.80          +11.90
                    m2                                                            2.50            5.01           +2.51
                """);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/what-if.json").toFile());
        assertThat(report.get("reward").asText()).isEqualTo("MONEY");
        assertThat(report.get("currency").asText()).isEqualTo("USD");
        assertThat(report.at("/base/pointsIssued").asLong()).isEqualTo(1_440L); // minor units, as ledger.csv has
        assertThat(report.at("/candidate/pointsIssued").asLong()).isEqualTo(2_881L);
    }

    /** A program folder with retail-basic's program.json, changed by {@code change}. */
    private static Path retailBasic(Path folder, java.util.function.UnaryOperator<String> change) throws IOException {
        String json = Files.readString(Path.of("programs/retail-basic/program.json"));
        Files.writeString(Files.createDirectories(folder).resolve("program.json"), change.apply(json));
        return folder;
    }

    /** A program folder with retail-basic's program.json and, when given, {@code drl} as its earning/small-basket.drl. */
    private static Path retailBasicWithRule(Path folder, String drl) throws IOException {
        retailBasic(folder, json -> json);
        if (drl != null) {
            Path rules = Files.createDirectories(folder.resolve("rules/earning"));
            Files.writeString(rules.resolve("small-basket.drl"), drl);
        }
        return folder;
    }

    @Test
    void a_candidate_with_its_own_rule_file_is_compiled_and_its_rule_costs_five_points_per_small_basket(
            @TempDir Path dir) throws IOException {
        // given: the candidate adds a rule; three purchases are under 1,000 (m1's $100, m2's $600 and $100)
        Path base = retailBasicWithRule(dir.resolve("base"), null);
        Path candidate = retailBasicWithRule(dir.resolve("candidate"), SMALL_BASKET_RULE);
        Path events = Files.writeString(dir.resolve("history.jsonl"), HISTORY);
        Path out = dir.resolve("out");

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--out", out.toString(), "--threads", "2");

        // then: both sides are retail-basic 2026.1, so the header names the folders (rule-author audit F11)
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("loyalty what-if: base retail-basic 2026.1 (" + base + ") vs candidate"
                + " retail-basic 2026.1 (" + candidate + ")\n");
        JsonNode report = new ObjectMapper().readTree(out.resolve("what-if.json").toFile());
        assertThat(report.at("/delta/pointsIssued").asLong()).isEqualTo(15L);
        assertThat(report.get("costByRule").get("Baskets under 1,000 earn 5 extra points").toString())
                .isEqualTo("{\"base\":0,\"candidate\":15,\"delta\":15}");
        assertThat(report.get("topMembersByPointsDelta").toString()).isEqualTo(
                "[{\"member\":\"m2\",\"base\":720,\"candidate\":730,\"delta\":10},"
                        + "{\"member\":\"m1\",\"base\":2150,\"candidate\":2155,\"delta\":5}]");
    }

    @Test
    void figures_stay_under_their_headings_when_a_rule_name_and_a_member_id_are_longer_than_the_label_column(
            @TempDir Path dir) throws IOException {
        // given: a rule name of 68 characters and a member id of 61 (the column holds 52 by default)
        String longName = "Baskets under 1,000 earn 5 extra points for every member of the shop";
        Path base = retailBasicWithRule(dir.resolve("base"), null);
        Path candidate = retailBasicWithRule(dir.resolve("candidate"),
                SMALL_BASKET_RULE.replace("Baskets under 1,000 earn 5 extra points", longName));
        String member = "member-with-a-long-identifier-from-the-crm-0123456789abcdefgh";
        Path events = Files.writeString(dir.resolve("history.jsonl"), HISTORY.replace("\"m2\"", "\"" + member + "\""));

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--threads", "1");

        // then: the label column is as wide as the longest label (2 + 68), the figures under the header's
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\n  " + " ".repeat(70) + "            base       candidate           delta\n")
                .contains("\n    " + longName + "               0              15             +15\n")
                .contains("\n    " + member + " ".repeat(70 - 2 - member.length())
                        + "             720             730             +10\n")
                .contains("\n  points issued" + " ".repeat(70 - "points issued".length())
                        + "          44,370          44,385             +15\n");
    }

    @Test
    void a_candidate_whose_rules_do_not_compile_fails_with_the_file_and_line_and_prints_no_comparison(
            @TempDir Path dir) throws IOException {
        // given: the candidate's rule misses the closing parenthesis of its pattern (line 9): 'then' (line 10) is wrong
        Path base = retailBasicWithRule(dir.resolve("base"), null);
        Path candidate = retailBasicWithRule(dir.resolve("candidate"),
                SMALL_BASKET_RULE.replace("amount < 1000 )", "amount < 1000"));

        // when: the CDNOW sample, so the base replay is still running when the candidate's compile fails
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", "data/cdnow/CDNOW_sample.txt");

        // then
        assertThat(run.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(run.err()).contains("program is not valid:").contains("rules/earning/small-basket.drl:10:1: rule "
                + "\"Baskets under 1,000 earn 5 extra points\": [ERR 102] Line 10:0 mismatched input 'then'");
        assertThat(run.out()).doesNotContain("points issued");
    }

    @Test
    void watching_compares_again_after_each_change_reports_a_rule_that_does_not_compile_and_reads_changed_events(
            @TempDir Path dir) throws Exception {
        // given: the gold-60 candidate, watched
        Path base = retailBasic(dir.resolve("base"), json -> json);
        Path candidate = retailBasic(dir.resolve("candidate"), json -> json
                .replace("\"gold\": \"50\"", "\"gold\": \"60\""));
        Path events = Files.writeString(dir.resolve("history.jsonl"), HISTORY);
        Path outFolder = dir.resolve("out");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread watching = new Thread(() -> exitCode.set(LoyaltyCli.execute(new PrintWriter(out, true),
                new PrintWriter(err, true), "what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--out", outFolder.toString(), "--threads", "1", "--no-progress",
                "--watch")));
        watching.start();
        try {
            awaitComparisons(err, 1);
            assertThat(out.toString()).contains(pointsIssued(44_370, 44_880))
                    .contains("elapsed").contains("(read and compile the base");

            // when: gold earns 70 % (m1 +20 in all; m4's 22,100 is still trimmed to the daily cap of 20,000)
            Files.writeString(candidate.resolve("program.json"), Files.readString(candidate.resolve("program.json"))
                    .replace("\"gold\": \"60\"", "\"gold\": \"70\""));
            awaitComparisons(err, 2);

            // then: compared again, the events as read before
            assertThat(err.toString()).contains("changed: " + candidate.resolve("program.json") + "; comparing again");
            assertThat(lastReport(out)).contains(pointsIssued(44_370, 44_890))
                    .contains("(compile (events as read before) the base");

            // when: a rule file is added that does not compile (its pattern misses its closing parenthesis)
            Path rule = Files.createDirectories(candidate.resolve("rules/earning")).resolve("small-basket.drl");
            Files.writeString(rule, SMALL_BASKET_RULE.replace("amount < 1000 )", "amount < 1000"));
            awaitComparisons(err, 3);

            // then: its problem is told and the watch goes on
            assertThat(err.toString()).contains("changed: " + rule + " (new); comparing again")
                    .contains("program is not valid:").contains("rules/earning/small-basket.drl:10:1: rule "
                            + "\"Baskets under 1,000 earn 5 extra points\": [ERR 102] Line 10:0 mismatched input 'then'");
            assertThat(out.toString().split("points issued", -1)).hasSize(3); // no third report
            // and the files of the comparison before are gone: they no longer match the programs
            assertThat(err.toString()).contains("removed the last comparison's files from " + outFolder
                    + ": they no longer match the programs");
            assertThat(WhatIfCommand.OUTPUT_FILES).allSatisfy(name -> assertThat(outFolder.resolve(name))
                    .doesNotExist());

            // when: the rule is mended: 5 more points for each of the three purchases under 1,000
            Files.writeString(rule, SMALL_BASKET_RULE);
            awaitComparisons(err, 4);
            assertThat(lastReport(out)).contains(pointsIssued(44_370, 44_905));
            assertThat(WhatIfCommand.OUTPUT_FILES).allSatisfy(name -> assertThat(outFolder.resolve(name)).exists());

            // when: the history gains m5's purchase of $100 (100 points under both, and a small basket)
            Files.writeString(events, HISTORY + """
                    {"id":"e1","type":"purchase","member":"m5","at":"2025-03-10T10:00:00Z","amount":"100.00"}
                    """);
            awaitComparisons(err, 5);

            // then: the events are read again
            assertThat(err.toString()).contains("changed: " + events + "; comparing again");
            assertThat(lastReport(out)).contains("history.jsonl: 8 events, 5 members")
                    .contains(pointsIssued(44_470, 45_010)).contains("(read and compile the base");
        } finally {
            // then: Ctrl-C's counterpart in a test, an interrupt, ends the watch with exit 0
            watching.interrupt();
            watching.join(30_000);
        }
        assertThat(watching.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
    }

    private static String pointsIssued(long base, long candidate) {
        return String.format(java.util.Locale.ROOT, "  %-52s %,15d %,15d %+,15d%n", "points issued", base, candidate,
                candidate - base);
    }

    /** Waits (at most a minute) until the watch has finished {@code count} comparisons and waits for a change. */
    private static void awaitComparisons(StringWriter err, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (err.toString().split("for changes \\(Ctrl-C stops\\)", -1).length - 1 < count) {
            assertThat(System.nanoTime()).as("comparison %d within a minute; stderr: %s", count, err)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The last comparison printed. */
    private static String lastReport(StringWriter out) {
        String all = out.toString();
        return all.substring(all.lastIndexOf("loyalty what-if:"));
    }

    @Test
    void a_candidate_in_another_currency_is_refused_before_any_replay(@TempDir Path dir) throws IOException {
        // given: retail-basic priced in euros
        Path candidate = retailBasic(dir.resolve("candidate"), json -> json.replace("\"currency\": \"USD\"",
                "\"currency\": \"EUR\""));

        // when
        CliRun run = CliRun.of("what-if", "--base", "programs/retail-basic", "--candidate", candidate.toString(),
                "--events", "data/cdnow/CDNOW_sample.txt", "--out", dir.resolve("out").toString());

        // then
        assertThat(run.exitCode()).isEqualTo(LoyaltyCli.FAILED);
        assertThat(run.err()).isEqualTo("error: the candidate's currency EUR differs from the base's USD: a what-if "
                + "compares two programs on the same events, in one currency\n");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void what_if_html_holds_what_if_json_and_the_members_of_members_delta_csv(@TempDir Path dir) throws Exception {
        // given: the same four members; the candidate also moves gold's threshold from 2,000 to 2,100, so m1
        // ($2,000 then $100) reaches gold one purchase later and m4 ($2,000 then $13,000) goes from gold straight to
        // platinum
        Path base = retailBasic(dir.resolve("base"), json -> json);
        Path candidate = retailBasic(dir.resolve("candidate"), json -> json
                .replace("\"gold\": \"50\"", "\"gold\": \"60\"")
                .replace("{\"id\": \"gold\", \"threshold\": \"2000\"}", "{\"id\": \"gold\", \"threshold\": \"2100\"}"));
        Path events = Files.writeString(dir.resolve("history.jsonl"), HISTORY);
        Path out = dir.resolve("out");

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--out", out.toString(), "--threads", "1");

        // then: the page embeds what-if.json unchanged
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.toFile().list()).containsExactlyInAnyOrder("what-if.json", "members-delta.csv",
                "members-tier-changes.csv", "what-if.html");
        String html = Files.readString(out.resolve("what-if.html"));
        assertThat(html).contains("Chart.js v4.6.1").contains("default-src 'none'").doesNotContain("<script src")
                .doesNotContain("@REPORT_DATA@").doesNotContain("@CHART_JS@");
        JsonNode data = ReportCommandTest.embeddedData(html);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(data.get("whatIf")).isEqualTo(mapper.readTree(out.resolve("what-if.json").toFile()));

        // and its member rows are members-delta.csv's rows, in the same order
        List<String> csv = Files.readAllLines(out.resolve("members-delta.csv"));
        List<String> rows = new ArrayList<>();
        for (JsonNode m : data.get("changedMembers")) {
            rows.add(String.join(",", m.get("member").asText(), m.get("baseTier").asText(),
                    m.get("candidateTier").asText(), m.get("baseEarned").asText(), m.get("candidateEarned").asText(),
                    m.get("delta").asText(), m.get("baseLiability").asText(), m.get("candidateLiability").asText()));
        }
        assertThat(rows).isEqualTo(csv.subList(1, csv.size()));
        assertThat(data.get("membersChanged").asInt()).isEqualTo(csv.size() - 1);

        // and the tier moves add up to the members whose tier differs, the spread to all four members
        long moved = 0;
        for (JsonNode t : data.get("tierTransitions")) {
            assertThat(t.get("from").asText()).isNotEqualTo(t.get("to").asText());
            moved += t.get("members").asLong();
        }
        assertThat(moved).isEqualTo(data.at("/whatIf/membersWithTierChange").asLong());
        long spread = 0;
        for (JsonNode b : data.get("pointsDeltaSpread")) {
            spread += b.get("members").asLong();
        }
        assertThat(spread).isEqualTo(4);
        assertThat(data.get("pointsDeltaSpread").toString()).isEqualTo(expectedSpread(data));
    }

    @Test
    void a_candidate_starting_gold_at_700_lists_the_members_it_moves_on_stdout_in_what_if_json_and_in_a_csv(
            @TempDir Path dir) throws IOException {
        // given: 22 members spend $700 each (silver under the base, gold from 700 under the candidate) and m99 spends
        // $100 (member under both); the tier moves after the purchase's earning, so the points are the same
        Path base = retailBasic(dir.resolve("base"), json -> json);
        Path candidate = retailBasic(dir.resolve("candidate"), json -> json
                .replace("{\"id\": \"gold\", \"threshold\": \"2000\"}", "{\"id\": \"gold\", \"threshold\": \"700\"}"));
        StringBuilder history = new StringBuilder();
        for (int i = 1; i <= 22; i++) {
            history.append(String.format(java.util.Locale.ROOT, "{\"id\":\"p%02d\",\"type\":\"purchase\",\"member\":"
                    + "\"m%02d\",\"at\":\"2025-03-03T10:00:00Z\",\"amount\":\"700.00\"}%n", i, i));
        }
        history.append("{\"id\":\"p99\",\"type\":\"purchase\",\"member\":\"m99\",\"at\":\"2025-03-03T10:00:00Z\","
                + "\"amount\":\"100.00\"}\n");
        Path events = Files.writeString(dir.resolve("history.jsonl"), history);
        Path out = dir.resolve("out");

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString(), "--out", out.toString());
        CliRun withoutOut = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(),
                "--events", events.toString());

        // then: the first 20 on stdout, by member id
        assertThat(run.exitCode()).as(run.err()).isZero();
        StringBuilder listed = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            listed.append(String.format(java.util.Locale.ROOT, "    %-50s silver -> gold\n", "m%02d".formatted(i)));
        }
        assertThat(run.out()).contains("  members whose tier differs: 22 (list in "
                + out.resolve("members-tier-changes.csv") + ")\n" + listed
                + "    ... and 2 more\n  warnings    none\n");
        assertThat(withoutOut.out()).contains("  members whose tier differs: 22\n" + listed
                + "    ... and 2 more (--out DIR lists them all in members-tier-changes.csv)\n  warnings    none\n");

        // and all 22 in what-if.json and members-tier-changes.csv
        JsonNode report = new ObjectMapper().readTree(out.resolve("what-if.json").toFile());
        assertThat(report.get("membersWithTierChange").asInt()).isEqualTo(22);
        assertThat(report.get("tierChanges")).hasSize(22);
        assertThat(report.get("tierChanges").get(21).toString())
                .isEqualTo("{\"member\":\"m22\",\"base\":\"silver\",\"candidate\":\"gold\"}");
        assertThat(report.get("tierMix").toString()).isEqualTo("{\"member\":{\"base\":1,\"candidate\":1},"
                + "\"silver\":{\"base\":22,\"candidate\":0},\"gold\":{\"base\":0,\"candidate\":22},"
                + "\"platinum\":{\"base\":0,\"candidate\":0}}");
        List<String> csv = Files.readAllLines(out.resolve("members-tier-changes.csv"));
        assertThat(csv).hasSize(23);
        assertThat(csv.subList(0, 3)).containsExactly("member,base_tier,candidate_tier", "m01,silver,gold",
                "m02,silver,gold");
        assertThat(csv.get(22)).isEqualTo("m22,silver,gold");
    }

    /** The spread computed here from the page's own member rows: members not listed changed by 0. */
    private static String expectedSpread(JsonNode data) {
        long[] from = {Long.MIN_VALUE, -999, -99, -9, 0, 1, 10, 100, 1000};
        String[] labels = {"<= -1000", "-999 to -100", "-99 to -10", "-9 to -1", "0", "1 to 9", "10 to 99",
            "100 to 999", ">= 1000"};
        long[] counts = new long[from.length];
        long listed = 0;
        for (JsonNode m : data.get("changedMembers")) {
            long d = m.get("delta").asLong();
            int b = from.length - 1;
            while (d < from[b]) {
                b--;
            }
            counts[b]++;
            listed++;
        }
        counts[4] += 4 - listed;
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < counts.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"range\":\"").append(labels[i]).append("\",\"members\":")
                    .append(counts[i]).append('}');
        }
        return json.append(']').toString();
    }
}
