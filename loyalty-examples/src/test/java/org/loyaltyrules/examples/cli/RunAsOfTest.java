package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAsOfTest {

    @Test
    void as_of_leaves_out_later_events_and_reviews_at_the_end_of_that_day(@TempDir Path dir) throws Exception {
        // when: as of 2025-02-03 only p1, p2 and the repeated p1 happened; p2 is still in its 14-day return window
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.toString(), "--as-of", "2025-02-03", "--threads", "1");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("members.csv"))).isEqualTo("""
                member,tier,points_available,points_pending,points_earned,points_redeemed,points_expired,growth,status
                m1,silver,300,250,550,0,0,550,ACTIVE
                """);
        assertThat(run.out()).contains(", as of 2025-02-03T23:59:59.999999999Z\n"
                + "  events     8 read, 2 applied, 0 rejected, 1 duplicates, 1 bad lines, 5 after the as-of date\n");
        assertThat(Files.readString(dir.resolve("summary.json")))
                .contains("\"asOf\" : \"2025-02-03T23:59:59.999999999Z\"")
                .contains("\"eventsAfterAsOf\" : 5");
    }
}
