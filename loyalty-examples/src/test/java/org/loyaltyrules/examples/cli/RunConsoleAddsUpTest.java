package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
