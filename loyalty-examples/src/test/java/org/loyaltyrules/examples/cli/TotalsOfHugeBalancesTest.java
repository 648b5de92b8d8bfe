package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Totals across members are exact when the members hold near Long.MAX_VALUE points each: every member fits a long,
 * their sum does not, and the summary, the console, what-if and report show the sum, never a wrapped negative one.
 */
class TotalsOfHugeBalancesTest {

    /**
     * 1 point (for a MONEY reward, 1 cent) per dollar, no bonus, one tier, points available at once and never
     * expiring.
     */
    static final String PROGRAM = """
            {"id": "huge", "version": "1", "currency": "USD", "zone": "UTC",
             "reward": {"unit": "%s"},
             "rounding": {"mode": "FLOOR", "scope": "PER_AWARD"}, "stacking": "ADDITIVE",
             "earning": {"baseRate": "1"},
             "tiers": {"metric": "spend", "window": {"type": "CALENDAR_YEAR"},
                       "ladder": [{"id": "member", "threshold": "0"}]},
             "pendingDays": 0, "expiry": {"policy": "NEVER"}, "refunds": {"policy": "RECOVER_AVAILABLE"}}
            """;

    /**
     * m1 and m2 each earn 9,000,000,000,000,000,000 in March; m3 is adjusted by Long.MAX_VALUE
     * (9,223,372,036,854,775,807) in March and redeems 7 in April.
     */
    static final String EVENTS = """
            {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"9e18"}
            {"id":"p2","type":"purchase","member":"m2","at":"2025-03-04T10:00:00Z","amount":"9e18"}
            {"id":"j1","type":"adjustment","member":"m3","at":"2025-03-03T10:00:00Z",\
            "points":9223372036854775807,"reason":"x"}
            {"id":"x1","type":"redemption","member":"m3","at":"2025-04-04T10:00:00Z","points":7}
            """;

    static final String ISSUED = "18000000000000000000";
    static final String AVAILABLE = "27223372036854775800"; // 18e18 + (2^63 - 1) - 7

    @TempDir
    Path dir;

    private Path program(String unit) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("program-" + unit));
        Files.writeString(folder.resolve("program.json"), PROGRAM.formatted(unit));
        return folder;
    }

    private Path events() throws IOException {
        return Files.writeString(dir.resolve("events.jsonl"), EVENTS);
    }

    /** {@code loyalty run} of the events under a program rewarding in {@code unit}. */
    private CliRun run(String unit) throws IOException {
        return CliRun.of("run", "--program", program(unit).toString(), "--events", events().toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");
    }

    private JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    }

    @Test
    void summary_json_totals_and_liability_of_members_near_long_max_are_exact() throws Exception {
        // when
        CliRun run = run("POINTS");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = summary();
        assertThat(summary.get("totals").toString()).isEqualTo("{\"pointsIssued\":" + ISSUED
                + ",\"pointsRedeemed\":7,\"pointsExpired\":0,\"pointsClawedBack\":0,\"pointsUnrecovered\":0,"
                + "\"pointsAdjusted\":9223372036854775807,\"pointsAvailable\":" + AVAILABLE + ",\"pointsPending\":0}");
        assertThat(summary.get("liability").toString()).isEqualTo("{\"points\":" + AVAILABLE + "}");
        assertThat(summary.get("costByRule").toString())
                .isEqualTo("{\"Purchases earn base points at the program rate\":" + ISSUED + "}");
    }

    @Test
    void the_run_console_prints_the_exact_totals_of_members_near_long_max() throws Exception {
        // when
        CliRun run = run("POINTS");

        // then: the line adds up, 18,000,000,000,000,000,000 - 7 + 9,223,372,036,854,775,807 adjusted
        assertThat(run.out()).contains("\n  points     18,000,000,000,000,000,000 issued, 7 redeemed, 0 expired, "
                + "0 clawed back, 9,223,372,036,854,775,807 adjusted\n  liability  27,223,372,036,854,775,800 points "
                + "(27,223,372,036,854,775,800 available, 0 pending)\n");
    }

    @Test
    void the_money_liability_of_members_near_long_max_minor_units_is_exact() throws Exception {
        // when: a MONEY reward, so the points are cents
        CliRun run = run("MONEY");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = summary();
        assertThat(summary.get("liability").toString()).isEqualTo("{\"points\":" + AVAILABLE
                + ",\"money\":\"272233720368547758.00\",\"currency\":\"USD\"}");
    }

    @Test
    void what_if_liability_and_cost_of_members_near_long_max_are_exact() throws Exception {
        // given: the candidate earns 1 per dollar too, so it costs the same
        Path base = program("POINTS");

        // when
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", base.toString(),
                "--events", events().toString(), "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("""
                  points issued                                        18,000,000,000,000,000,000 \
                18,000,000,000,000,000,000              +0
                  liability (points)                                   27,223,372,036,854,775,800 \
                27,223,372,036,854,775,800              +0
                """);
        JsonNode whatIf = new ObjectMapper().readTree(dir.resolve("out/what-if.json").toFile());
        assertThat(whatIf.get("base").get("pointsIssued").toString()).isEqualTo(ISSUED);
        assertThat(whatIf.get("base").get("liabilityPoints").toString()).isEqualTo(AVAILABLE);
        assertThat(whatIf.get("candidate").get("liabilityPoints").toString()).isEqualTo(AVAILABLE);
        assertThat(whatIf.get("delta").toString()).isEqualTo("{\"pointsIssued\":0,\"liabilityPoints\":0}");
        assertThat(whatIf.get("costByRule").toString()).isEqualTo("{\"Purchases earn base points at the program "
                + "rate\":{\"base\":" + ISSUED + ",\"candidate\":" + ISSUED + ",\"delta\":0}}");
    }

    @Test
    void report_points_by_month_of_members_near_long_max_are_exact() throws Exception {
        // when
        CliRun run = CliRun.of("report", "--program", program("POINTS").toString(), "--events", events().toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then: March issues m1's and m2's 9e18 and adjusts m3 by Long.MAX_VALUE; April redeems 7
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode data = ReportCommandTest.embeddedData(Files.readString(dir.resolve("out/report.html")));
        assertThat(data.get("months").toString()).isEqualTo("["
                + "{\"month\":\"2025-03\",\"issued\":" + ISSUED + ",\"redeemed\":0,\"expired\":0,"
                + "\"clawedBack\":0,\"adjusted\":9223372036854775807},"
                + "{\"month\":\"2025-04\",\"issued\":0,\"redeemed\":7,\"expired\":0,"
                + "\"clawedBack\":0,\"adjusted\":0}]");
        assertThat(data.at("/summary/liability/points").toString()).isEqualTo(AVAILABLE);
    }
}
