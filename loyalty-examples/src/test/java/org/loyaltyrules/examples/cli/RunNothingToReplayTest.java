package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run with no event to replay still succeeds (its outputs are complete and empty), but a mistyped year or an export
 * that wrote 0 bytes must not pass for a run in CI: stderr warns.
 */
class RunNothingToReplayTest {

    @TempDir
    Path dir;

    @Test
    void a_run_whose_every_event_is_after_the_as_of_date_warns_that_there_is_nothing_to_replay() {
        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("out").toString(), "--as-of", "1990-01-01");

        // then: events.jsonl's bad line is reported first, as in every run
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).endsWith("warning: nothing to replay: all 8 events of events.jsonl are after the as-of "
                + "date 1990-01-01 (end of day, UTC)\n");
        assertThat(run.out()).contains("  events     8 read, 0 applied, 0 rejected, 0 duplicates, 1 bad lines, 8 after "
                + "the as-of date\n");
        assertThat(dir.resolve("out/members.csv")).exists();
    }

    @Test
    void an_empty_events_file_warns_that_there_is_nothing_to_replay_in_every_command_that_replays() throws Exception {
        // given
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");

        for (String command : new String[] {"run", "report", "insight", "settlement", "what-if"}) {
            // when
            CliRun run = CliRun.replaying(command, empty, dir.resolve(command));

            // then
            assertThat(run.exitCode()).as(command).isEqualTo(0);
            assertThat(run.err()).as(command).startsWith("warning: nothing to replay: empty.jsonl holds no event\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty.csv", "empty.txt", "empty.csv.gz", "blank.csv", "bom-only.csv", "header-only.csv",
            "empty.csv --format online-retail", "empty.csv --format completejourney", "empty.csv --format cdnow",
            "empty.csv.gz --format online-retail"})
    void a_file_without_text_holds_no_event_in_any_format_as_an_empty_json_lines_file(String given) throws Exception {
        // given: 0 bytes, a gzip of nothing, two blank lines, a byte-order mark alone, a CSV header alone
        Files.write(dir.resolve("empty.csv"), new byte[0]);
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("empty.csv.gz"))).close();
        Files.writeString(dir.resolve("blank.csv"), "\n \r\n");
        Files.writeString(dir.resolve("bom-only.csv"), "\uFEFF");
        Files.writeString(dir.resolve("header-only.csv"), "member,date,amount\n");
        String[] file = given.split(" ", 2);

        // when
        CliRun run = CliRun.replaying("run", dir.resolve(file[0]), dir.resolve("out"),
                file.length == 1 ? new String[0] : file[1].split(" "));

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).endsWith("warning: nothing to replay: " + file[0] + " holds no event\n");
        assertThat(run.out()).contains("  events     0 read, 0 applied, 0 rejected, 0 duplicates, 0 bad lines\n");
        assertThat(dir.resolve("out/members.csv")).hasContent("member,tier,points_available,points_pending,"
                + "points_earned,points_redeemed,points_expired,growth,status");
    }
}
