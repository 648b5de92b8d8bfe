package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON Lines field the event does not know is kept as an attribute (docs/program-json.md, Events); one that looks
 * like a misspelt event field is used that way, and stderr says so, so that an app purchase written with "chanel"
 * does not silently earn as a purchase without a channel.
 */
class RunMisspeltFieldTest {

    @TempDir
    Path dir;

    @Test
    void a_field_that_looks_like_a_misspelt_event_field_is_kept_as_an_attribute_and_warned_about_on_stderr()
            throws Exception {
        // given: p1 writes "chanel"; p2 is correct
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-10T10:00:00Z","amount":"30.00","chanel":"app"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-01-11T10:00:00Z","amount":"20.00","channel":"app"}
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then: both applied; the warning names file, line and field
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo(
                "warning: events.jsonl:1 field chanel: kept as an attribute; a misspelling of \"channel\"?\n");
        assertThat(run.out()).contains("2 read, 2 applied, 0 rejected");
    }
}
