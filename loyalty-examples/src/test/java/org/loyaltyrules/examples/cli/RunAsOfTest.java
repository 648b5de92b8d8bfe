package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunAsOfTest {

    @TempDir
    Path dir;

    @Test
    void as_of_leaves_out_later_events_and_reviews_at_the_end_of_that_day() throws Exception {
        // when: as of 2025-02-03 only p1, p2 and the repeated p1 happened; p2 is still in its 14-day return window
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.toString(), "--as-of", "2025-02-03", "--threads", "1");

        // then: stdout says the day; summary.json keeps the review instant
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("members.csv"))).isEqualTo("""
                member,tier,points_available,points_pending,points_earned,points_redeemed,points_expired,growth,status
                m1,silver,300,250,550,0,0,550,ACTIVE
                """);
        assertThat(run.out()).contains(", as of 2025-02-03 (end of day, UTC)\n"
                + "  events     8 read, 2 applied, 0 rejected, 1 duplicates, 1 bad lines, 5 after the as-of date\n");
        assertThat(Files.readString(dir.resolve("summary.json")))
                .contains("\"asOf\" : \"2025-02-03T23:59:59.999999999Z\"")
                .contains("\"eventsAfterAsOf\" : 5");
    }

    @Test
    void every_event_read_is_counted_under_its_type_and_those_after_the_as_of_are_said_so() throws Exception {
        // given: 4 purchases, 2 of them after the as-of date, and 2 adjustments before it
        Path events = Files.writeString(dir.resolve("six.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-02-03T10:00:00Z","amount":"100.00"}
                {"id":"p2","type":"purchase","member":"m2","at":"2025-02-04T10:00:00Z","amount":"20.00"}
                {"id":"a1","type":"adjustment","member":"m1","at":"2025-02-06T10:00:00Z","points":5,"reason":"till"}
                {"id":"a2","type":"adjustment","member":"m2","at":"2025-02-06T11:00:00Z","points":7,"reason":"till"}
                {"id":"p3","type":"purchase","member":"m1","at":"2025-03-02T10:00:00Z","amount":"30.00"}
                {"id":"p4","type":"purchase","member":"m2","at":"2025-03-02T11:00:00Z","amount":"40.00"}
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--as-of", "2025-02-28", "--no-progress");

        // then: read = applied + rejected + duplicates + afterAsOf per type, and the reads add up to eventsRead
        assertThat(run.exitCode()).as(run.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.get("counts").get("eventsRead").asLong()).isEqualTo(6);
        assertThat(summary.get("counts").get("eventsAfterAsOf").asLong()).isEqualTo(2);
        assertThat(summary.get("eventsByType").toString()).isEqualTo("{"
                + "\"adjustment\":{\"read\":2,\"applied\":2,\"rejected\":0,\"duplicates\":0,\"afterAsOf\":0},"
                + "\"purchase\":{\"read\":4,\"applied\":2,\"rejected\":0,\"duplicates\":0,\"afterAsOf\":2,"
                + "\"amountApplied\":\"120.00\"}}");
    }

    @Test
    void a_run_that_leaves_nothing_out_writes_no_after_as_of_per_type() throws Exception {
        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.toString(), "--as-of", "2025-12-31", "--no-progress");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"eventsAfterAsOf\" : 0")
                .doesNotContain("afterAsOf\" :");
    }

    @Test
    void the_instant_a_run_prints_as_its_as_of_is_accepted_back_and_gives_the_same_run() throws Exception {
        // given: a run without --as-of prints the last event's instant
        CliRun first = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("first").toString());
        String printed = first.out().replaceFirst("(?s)^[^\n]*, as of (\\S+)\n.*$", "$1");
        assertThat(printed).isEqualTo("2025-03-03T12:00:00Z");

        // when
        CliRun again = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("again").toString(), "--as-of", printed);

        // then
        assertThat(again.exitCode()).isEqualTo(0);
        assertThat(again.out()).contains(", as of 2025-03-03T12:00:00Z\n");
        for (String file : new String[] {"members.csv", "ledger.csv", "tier_changes.csv", "summary.json"}) {
            assertThat(dir.resolve("again").resolve(file)).hasSameTextualContentAs(dir.resolve("first").resolve(file));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1998-13-40", "30/06/1998", "1998-06-30T00:00", "yesterday"})
    void an_as_of_that_is_neither_a_date_nor_an_instant_is_a_usage_error_that_shows_both_forms(String value) {
        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("out").toString(), "--as-of", value);

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Invalid value for option '--as-of': must be a date YYYY-MM-DD (e.g. "
                + "1998-06-30: the end of that day in the program's zone) or an instant as a run prints it (e.g. "
                + "1998-06-30T00:00:00Z), was '" + value + "'\n"
                + "Try 'loyalty run --help' for more information.\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run", "report", "insight", "settlement", "what-if", "explain"})
    void an_as_of_outside_the_event_years_is_a_usage_error_of_every_command_before_anything_is_read(String command) {
        for (String value : new String[] {"2200-01-01", "1899-12-31T23:59:59Z"}) {
            // when
            CliRun run = command.equals("explain")
                    ? CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                            CliRun.EVENTS.toString(), "--member", "m1", "--as-of", value)
                    : CliRun.replaying(command, CliRun.EVENTS, dir.resolve("out"), "--as-of", value);

            // then: as a malformed date, and the events file's bad line is not even reported
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.out()).as(command).isEmpty();
            assertThat(run.err()).as(command).isEqualTo("Invalid value for option '--as-of': must lie in the years "
                    + "1900..2199, as every event does, was '" + value + "'\n"
                    + "Try 'loyalty " + command + " --help' for more information.\n");
            assertThat(dir.resolve("out")).doesNotExist();
        }
    }

    @Test
    void the_last_day_of_2199_is_a_usage_error_in_a_zone_where_it_ends_in_2200() throws Exception {
        // given: the demo program in New York, where 2199-12-31 ends at 04:59:59.999999999 UTC on 2200-01-01
        Path program = Files.createDirectories(dir.resolve("new-york"));
        Files.writeString(program.resolve("program.json"), Files.readString(CliRun.DEMO_PROGRAM.resolve(
                "program.json")).replace("\"zone\": \"UTC\"", "\"zone\": \"America/New_York\""));

        // when
        CliRun run = CliRun.of("run", "--program", program.toString(), "--events", CliRun.EVENTS.toString(), "--out",
                dir.resolve("out").toString(), "--as-of", "2199-12-31");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Invalid value for option '--as-of': the end of 2199-12-31 in the program's "
                + "zone America/New_York is 2200-01-01T04:59:59.999999999Z; it must lie in the years 1900..2199, as "
                + "every event does (UTC)\n"
                + "Try 'loyalty run --help' for more information.\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
