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
 * The console's points line adds up to the liability: what clawbacks could not recover and what adjustments added
 * are on it when there are any (terms5 audit F2: "1,254 issued, 1,000 redeemed, 1,254 clawed back" and a liability
 * of 0 did not add up).
 */
class RunConsoleAddsUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void the_points_line_names_what_a_refund_could_not_recover_and_what_adjustments_added() throws IOException {
        // given: 200 earned (retail-basic: pending 14 days, RECOVER_AVAILABLE), 150 redeemed once available, the
        // purchase refunded in full (200 clawed back: the 50 left, 150 unrecovered), then 30 adjusted in
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"200.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-01-20T10:00:00Z","points":150}
                {"id":"r1","type":"refund","member":"m1","at":"2025-01-21T10:00:00Z","original":"p1","amount":"200.00"}
                {"id":"a1","type":"adjustment","member":"m1","at":"2025-01-22T10:00:00Z","points":30,"reason":"till"}
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then: 200 - 150 - 0 - 200 + 150 + 30 = 30
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(
                "  points     200 issued, 150 redeemed, 0 expired, 200 clawed back (150 of it unrecovered), 30 adjusted\n"
                        + "  liability  30 points (30 available, 0 pending)\n");
    }

    @Test
    void without_unrecovered_or_adjusted_points_the_line_is_as_before() throws IOException {
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"200.00"}
                {"id":"r1","type":"refund","member":"m1","at":"2025-01-03T10:00:00Z","original":"p1","amount":"50.00"}
                """);

        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  points     200 issued, 0 redeemed, 0 expired, 50 clawed back\n"
                + "  liability  150 points (0 available, 150 pending)\n");
    }

    @Test
    void a_reversed_redemption_is_not_counted_as_redeemed_in_summary_json_stdout_and_the_report_months()
            throws Exception {
        // given: 300 earned (available on 01-16), 100 redeemed on 02-01 and that redemption reversed on 02-02
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"300.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-02-01T10:00:00Z","points":100}
                {"id":"xr1","type":"redemption_reversal","member":"m1","at":"2025-02-02T10:00:00Z","original":"x1"}
                """);

        // when
        CliRun run = CliRun.replaying("run", events, dir.resolve("out"));
        CliRun report = CliRun.replaying("report", events, dir.resolve("report"));

        // then: "redeemed" is net of reversals (docs/decisions.md): -100 + 100 = 0, so 300 - 0 = 300 held.
        // Audit mutation5 C1 (reversals not netted in the totals) and C7 (nor in the report's months) survived.
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  points     300 issued, 0 redeemed, 0 expired, 0 clawed back\n"
                + "  liability  300 points (300 available, 0 pending)\n");
        JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.at("/totals/pointsRedeemed").asLong()).isZero();
        assertTotalsAddUpToTheLiability(summary);
        assertThat(report.exitCode()).as(report.err()).isZero();
        JsonNode data = ReportCommandTest.embeddedData(Files.readString(dir.resolve("report/report.html")));
        assertThat(JSON.writeValueAsString(data.get("months"))).isEqualTo("["
                + "{\"month\":\"2025-01\",\"issued\":300,\"redeemed\":0,\"expired\":0,\"clawedBack\":0,\"adjusted\":0},"
                + "{\"month\":\"2025-02\",\"issued\":0,\"redeemed\":0,\"expired\":0,\"clawedBack\":0,\"adjusted\":0}]");
        ReportCommandTest.assertMonthsAddUp(data);
    }

    @Test
    void a_debit_adjustment_is_netted_and_every_adjustment_is_a_ledger_row() throws Exception {
        // given: 300 earned (available on 01-16), then adjusted by -20 and by +30
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"300.00"}
                {"id":"a1","type":"adjustment","member":"m1","at":"2025-02-03T10:00:00Z","points":-20,"reason":"correction"}
                {"id":"a2","type":"adjustment","member":"m1","at":"2025-02-04T10:00:00Z","points":30,"reason":"goodwill"}
                """);

        // when
        CliRun run = CliRun.replaying("run", events, dir.resolve("out"));

        // then: adjusted is the net of the ADJUST postings, -20 + 30 = 10, and 300 + 10 = 310 held; both postings
        // are the run's own and so ledger.csv rows. Audit mutation5 C3 (credits only: 30) and C6 (ledger.csv
        // without ADJUST rows) survived.
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  points     300 issued, 0 redeemed, 0 expired, 0 clawed back, 10 adjusted\n"
                + "  liability  310 points (310 available, 0 pending)\n");
        JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.at("/totals/pointsAdjusted").asLong()).isEqualTo(10);
        assertTotalsAddUpToTheLiability(summary);
        assertThat(Files.readString(dir.resolve("out/ledger.csv"))).isEqualTo("""
                event,member,at,type,points,rule,explanation
                p1,m1,2025-01-02T10:00:00Z,EARN,300,Purchases earn base points at the program rate,base 1 per unit on eligible 300.00 = 300
                p1,m1,2025-01-16T10:00:00Z,ACTIVATE,300,,300 points became available after the return window
                a1,m1,2025-02-03T10:00:00Z,ADJUST,-20,Staff adjustments,correction
                a2,m1,2025-02-04T10:00:00Z,ADJUST,30,Staff adjustments,goodwill
                """);
    }

    /**
     * summary.json's totals add up to what is held (docs/decisions.md): issued - redeemed - expired - clawed back
     * + unrecovered + adjusted = available + pending = the liability.
     */
    static void assertTotalsAddUpToTheLiability(JsonNode summary) {
        JsonNode t = summary.get("totals");
        long flows = t.get("pointsIssued").asLong() - t.get("pointsRedeemed").asLong()
                - t.get("pointsExpired").asLong() - t.get("pointsClawedBack").asLong()
                + t.get("pointsUnrecovered").asLong() + t.get("pointsAdjusted").asLong();
        long held = t.get("pointsAvailable").asLong() + t.get("pointsPending").asLong();
        assertThat(flows).as("issued - redeemed - expired - clawed back + unrecovered + adjusted in %s", t)
                .isEqualTo(held);
        assertThat(summary.at("/liability/points").asLong()).isEqualTo(held);
    }
}
