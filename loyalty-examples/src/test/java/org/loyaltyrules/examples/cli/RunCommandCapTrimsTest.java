package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json and the run console say which cap withheld how much, also of awards a cap trimmed to nothing. */
class RunCommandCapTrimsTest {

    /** 1 point per dollar plus a 50% bonus; caps of 500 a day, 1,000 a month, 1,500 a year, 2,000 a lifetime. */
    static final String PROGRAM = """
            {"id": "caps", "version": "1", "currency": "USD", "zone": "UTC",
             "reward": {"unit": "%1$s"},
             "rounding": {"mode": "FLOOR", "scope": "PER_AWARD"}, "stacking": "ADDITIVE",
             "earning": {"baseRate": "1", "tierBonus": {"member": "50"}},
             "tiers": {"metric": "spend", "window": {"type": "CALENDAR_YEAR"},
                       "ladder": [{"id": "member", "threshold": "0"}, {"id": "silver", "threshold": "1000000"}]},
             "pendingDays": 0, "expiry": {"policy": "NEVER"}, "refunds": {"policy": "RECOVER_AVAILABLE"},
             "risk": {"caps": [
               {"id": "daily", "period": "DAY", "measure": "%1$s", "limit": %2$s},
               {"id": "monthly", "period": "MONTH", "measure": "%1$s", "limit": 1000},
               {"id": "yearly", "period": "YEAR", "measure": "%1$s", "limit": 1500},
               {"id": "lifetime", "period": "LIFETIME", "measure": "%1$s", "limit": 2000},
               {"id": "silver-daily", "tier": "silver", "period": "DAY", "measure": "%1$s", "limit": 100}]}}
            """;

    /**
     * m1: p1 300 earned; p2 300 → 200 (daily withholds 100); p3 600 → 500 (daily 100, monthly ties); p4 15 → 0
     * (monthly 15); p5 300; p6 300 → 200 (yearly 100); p7 600 → 500 (daily 100, lifetime ties); p8 15 → 0
     * (lifetime 15). m2: q1 600 → 500 (daily 100). The silver cap never applies: nobody is silver.
     */
    static final String EVENTS = """
            {"id":"p1","type":"purchase","member":"m1","at":"2025-01-10T10:00:00Z","amount":"200.00"}
            {"id":"p2","type":"purchase","member":"m1","at":"2025-01-10T11:00:00Z","amount":"200.00"}
            {"id":"p3","type":"purchase","member":"m1","at":"2025-01-11T10:00:00Z","amount":"400.00"}
            {"id":"p4","type":"purchase","member":"m1","at":"2025-01-12T10:00:00Z","amount":"10.00"}
            {"id":"p5","type":"purchase","member":"m1","at":"2025-02-01T10:00:00Z","amount":"200.00"}
            {"id":"p6","type":"purchase","member":"m1","at":"2025-02-02T10:00:00Z","amount":"200.00"}
            {"id":"p7","type":"purchase","member":"m1","at":"2026-01-05T10:00:00Z","amount":"400.00"}
            {"id":"p8","type":"purchase","member":"m1","at":"2026-02-05T10:00:00Z","amount":"10.00"}
            {"id":"q1","type":"purchase","member":"m2","at":"2025-01-10T10:00:00Z","amount":"400.00"}
            """;

    @TempDir
    Path dir;

    private CliRun run(String unit, String dailyLimit) throws IOException {
        Path program = Files.createDirectories(dir.resolve("program"));
        Files.writeString(program.resolve("program.json"), PROGRAM.formatted(unit, dailyLimit));
        Path events = Files.writeString(dir.resolve("events.jsonl"), EVENTS);
        CliRun run = CliRun.of("run", "--program", program.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    }

    @Test
    void summary_json_counts_per_cap_the_events_trimmed_the_members_affected_and_the_points_withheld()
            throws Exception {
        // when
        run("POINTS", "500");

        // then: a cap that tied with the one applied withheld nothing; the silver cap is listed with zeros. Issued:
        // m1 300 + 200 + 500 + 0 + 300 + 200 + 500 + 0 = 2,000 and m2 500, with 530 withheld in all
        assertThat(summary().get("caps").toString()).isEqualTo("{"
                + "\"daily\":{\"measure\":\"POINTS\",\"eventsTrimmed\":4,\"membersAffected\":2,\"withheld\":400},"
                + "\"monthly\":{\"measure\":\"POINTS\",\"eventsTrimmed\":1,\"membersAffected\":1,\"withheld\":15},"
                + "\"yearly\":{\"measure\":\"POINTS\",\"eventsTrimmed\":1,\"membersAffected\":1,\"withheld\":100},"
                + "\"lifetime\":{\"measure\":\"POINTS\",\"eventsTrimmed\":1,\"membersAffected\":1,\"withheld\":15},"
                + "\"silver-daily\":{\"measure\":\"POINTS\",\"eventsTrimmed\":0,\"membersAffected\":0,"
                + "\"withheld\":0}}");
        assertThat(summary().at("/totals/pointsIssued").asLong()).isEqualTo(2_500L);
    }

    @Test
    void the_run_console_prints_one_line_per_cap_that_withheld_anything() throws Exception {
        // when
        CliRun run = run("POINTS", "500");

        // then
        assertThat(run.out()).contains("""
                  liability  2,500 points (2,500 available, 0 pending)
                  cap        daily withheld 400 points from 4 events of 2 members
                  cap        monthly withheld 15 points from 1 event of 1 member
                  cap        yearly withheld 100 points from 1 event of 1 member
                  cap        lifetime withheld 15 points from 1 event of 1 member
                  output     \
                """);
    }

    @Test
    void a_money_reward_cap_reports_the_cents_withheld_and_their_money() throws Exception {
        // when: cashback of 1 cent per dollar plus 50%, a daily cap of 5.00; the other limits are money too
        // ($1,000 and more), never reached
        CliRun run = run("MONEY", "\"5.00\"");

        // then: the daily cap withholds 100 cents of each of p2, p3, p7 and q1
        assertThat(summary().get("caps").get("daily").toString()).isEqualTo("{\"measure\":\"MONEY\","
                + "\"eventsTrimmed\":4,\"membersAffected\":2,\"withheld\":400,\"money\":\"4.00\"}");
        assertThat(run.out()).contains("  cap        daily withheld 4.00 USD from 4 events of 2 members\n");
        // and the totals are money too: m1 300 + 200 + 500 + 15 + 300 + 300 + 500 + 15 and m2 500 = 2,630 cents
        assertThat(run.out()).contains("""
                  cashback   26.30 USD issued, 0.00 USD redeemed, 0.00 USD expired, 0.00 USD clawed back
                  liability  26.30 USD (26.30 USD available, 0.00 USD pending)
                """);
    }
}
