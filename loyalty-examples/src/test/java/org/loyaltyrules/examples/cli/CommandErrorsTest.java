package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and messages for bad input: 2 when the command line must change (README), 1 when what it names is not
 * valid (an invalid program, a bad line under --strict) or the run failed.
 */
class CommandErrorsTest {

    @TempDir
    Path dir;

    @Test
    void strict_stops_at_the_first_bad_line_with_exit_1_and_writes_nothing() {
        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("out").toString(), "--strict");

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("stopped at the first bad line (--strict):\n"
                + "  events.jsonl:5 field amount: must be a decimal number, was \"abc\"\n");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void an_events_file_saved_as_latin_1_has_a_bad_line_for_each_line_that_is_not_utf8_and_no_member_merged()
            throws Exception {
        // given: José and Josá as Excel writes them in Windows (ISO-8859-1), and Ana
        Path events = Files.write(dir.resolve("latin.csv"), """
                member,date,amount
                Jos\u00e9,2025-01-01,300.00
                Jos\u00e1,2025-01-02,300.00
                Ana,2025-01-03,20.00
                """.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");
        CliRun strict = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("strict").toString(), "--strict");

        // then: not one member "Jos\uFFFD" of 600.00
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).isEqualTo("""
                latin.csv:2: not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8
                latin.csv:3: not UTF-8 text (byte 0xE1 at line 3 is not UTF-8); save it as UTF-8
                events: 2 bad lines skipped (listed above)
                """);
        assertThat(run.out()).contains("  events     1 read, 1 applied, 0 rejected, 0 duplicates, 2 bad lines\n");
        assertThat(Files.readAllLines(dir.resolve("out/members.csv"))).hasSize(2).last().asString().startsWith("Ana,");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.err()).isEqualTo("stopped at the first bad line (--strict):\n"
                + "  latin.csv:2: not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8\n");
        assertThat(dir.resolve("strict")).doesNotExist();
    }

    @Test
    void every_command_that_reads_events_says_how_many_bad_lines_it_skipped_after_listing_them() throws Exception {
        // given: one good line and three bad ones
        Path events = Files.writeString(dir.resolve("bad.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-10T10:00:00Z","amount":"30.00"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-01-11T10:00:00Z","amount":"abc"}
                {"id":"p3","type":"purchase","member":"m1","at":"yesterday","amount":"10.00"}
                {"id":"p4","type":"purchase","member":"m1","at":"2025-01-12T10:00:00Z"}
                """);
        String listed = "bad.jsonl:2 field amount: must be a decimal number, was \"abc\"\n"
                + "bad.jsonl:3 field at: must be an ISO instant with Z or an offset (2025-03-03T10:00:00Z, "
                + "2025-03-03T11:00:00+01:00), a local date-time in the program's zone (2025-03-03T10:00:00), an ISO "
                + "date (2025-03-03) or YYYYMMDD, was \"yesterday\"\n"
                + "bad.jsonl:4 field amount: is required for a purchase (the amount paid, delivery and tax included)\n"
                + "events: 3 bad lines skipped (listed above)\n";

        for (String command : new String[] {"run", "report", "insight", "settlement", "what-if", "explain"}) {
            // when
            CliRun run = command.equals("explain")
                    ? CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                            "--member", "m1")
                    : CliRun.replaying(command, events, dir.resolve(command));

            // then: the lines, then their count, before anything else the command says
            assertThat(run.exitCode()).as(command + ": " + run.err()).isZero();
            assertThat(run.err()).as(command).startsWith(listed);
            if (command.equals("run")) {
                assertThat(run.err()).isEqualTo(listed);
                assertThat(run.out()).contains("  events     1 read, 1 applied, 0 rejected, 0 duplicates, 3 bad lines\n");
            }
        }
    }

    @Test
    void an_events_file_whose_header_lacks_the_required_columns_is_invalid_input_not_an_empty_replay() throws Exception {
        // given
        Path events = Files.writeString(dir.resolve("purchases.csv"), "customer,when,value\nm1,19970101,1.00\n");

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("no event could be read from purchases.csv (1 problem):\n"
                + "  purchases.csv:1: header must name the columns member, date, amount (optional: id, category, "
                + "currency, partner, channel); missing [member, date, amount], was [customer, when, value]\n");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void a_file_of_only_bad_lines_fails_every_command_that_reads_events_and_shows_the_first_ten() throws Exception {
        // given: twelve purchases, none with a usable amount
        StringBuilder csv = new StringBuilder("member,date,amount\n");
        for (int i = 1; i <= 12; i++) {
            csv.append("m").append(i).append(",19970101,x\n");
        }
        Path events = Files.writeString(dir.resolve("bad.csv"), csv);

        for (String command : new String[] {"run", "report", "insight", "what-if"}) {
            // when
            CliRun run = CliRun.replaying(command, events, dir.resolve(command));

            // then
            assertThat(run.exitCode()).as(command).isEqualTo(1);
            String[] lines = run.err().split("\n");
            assertThat(lines[0]).as(command)
                    .isEqualTo("no event could be read from bad.csv (12 problems, the first 10 below):");
            assertThat(lines).as(command).hasSize(11);
            assertThat(lines[1]).isEqualTo("  bad.csv:2 field amount: must be a decimal number, was \"x\"");
            assertThat(lines[10]).isEqualTo("  bad.csv:11 field amount: must be a decimal number, was \"x\"");
            assertThat(dir.resolve(command)).doesNotExist();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "CDNOW_cut.txt.gz|| %05d %05d 19970101  1   1.99",
        "online_retail_cut.csv.gz|InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
                + "|5%05d,71053,LANTERN,1,2010-12-01 08:26:00,3.39,1%04d.0,United Kingdom"})
    void a_gzip_file_cut_short_fails_with_the_file_the_last_whole_line_and_what_to_do(String name, String header,
                                                                                      String row) throws Exception {
        // given: 5,000 lines gzipped, and the file cut right after the compressed data of the first 4,000
        StringBuilder lines = new StringBuilder(header == null ? "" : header + "\n");
        int kept = 0;
        for (int i = 1; i <= 5_000; i++) {
            kept = i == 4_001 ? lines.length() : kept;
            lines.append(row.formatted(i, i % 700)).append('\n');
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int cut;
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes, true)) {
            gzip.write(lines.substring(0, kept).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            gzip.flush(); // a sync flush: what was written so far can be decompressed from the bytes so far
            cut = bytes.size();
            gzip.write(lines.substring(kept).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Path events = Files.write(dir.resolve(name), java.util.Arrays.copyOf(bytes.toByteArray(), cut));
        String last = header == null ? "4,000" : "4,001";

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then: no bad line, no partial replay
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: cannot read " + events + ": the gzip data ends early, after line "
                + last + ": the file is truncated or corrupt; download or copy it again\n");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void an_out_folder_that_is_a_file_or_under_a_file_fails_before_any_replay() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("afile"), "not a folder");

        for (String out : new String[] {file.toString(), file.resolve("x").toString()}) {
            // when
            CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                    CliRun.EVENTS.toString(), "--out", out);

            // then: a usage error; nothing read or replayed (no bad-line report), nothing printed on stdout
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo((out.equals(file.toString())
                    ? "--out " + file + " is a file, not a folder\n"
                    : "--out " + out + " cannot be created: " + file.toAbsolutePath() + " is a file\n")
                    + "Try 'loyalty run --help' for more information.\n");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void threads_below_one_an_events_folder_and_a_program_file_are_usage_errors() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("afile"), "{}");

        // when
        CliRun threads = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("out").toString(), "--threads", "0");
        CliRun tooManyThreads = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("out").toString(), "--threads", "32768");
        CliRun folder = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", dir.toString(),
                "--out", dir.resolve("out").toString());
        CliRun program = CliRun.of("run", "--program", file.toString(), "--events", CliRun.EVENTS.toString(),
                "--out", dir.resolve("out").toString());

        // then
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).startsWith("--threads must be at least 1, was 0\n");
        assertThat(tooManyThreads.exitCode()).isEqualTo(2); // it was 'error: null', exit 1
        assertThat(tooManyThreads.err()).startsWith("--threads must be at most 32767, was 32768\n");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).startsWith("--events must be a file, was the folder " + dir + "\n");
        assertThat(program.exitCode()).isEqualTo(2);
        assertThat(program.err()).startsWith("--program must be a program folder (with program.json), was the file "
                + file + "\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void threads_at_the_maximum_32767_is_accepted() throws Exception {
        // given: two events (32768 is refused, "must be at most 32767"; the maximum itself runs)
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"type":"purchase","id":"p1","member":"m1","at":"2025-01-10","amount":"10.00"}
                {"type":"purchase","id":"q1","member":"m2","at":"2025-01-10","amount":"20.00"}
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--threads", "32767", "--no-progress");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 read, 2 applied, 0 rejected");
    }

    @Test
    void a_missing_program_folder_an_out_that_is_a_file_and_an_unknown_member_are_usage_errors_in_every_command()
            throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("afile"), "not a folder");
        String events = CliRun.EVENTS.toString();
        String program = CliRun.DEMO_PROGRAM.toString();
        String none = dir.resolve("nonexistent").toString();

        // when
        CliRun[] runs = {
            CliRun.of("run", "--program", none, "--events", events, "--out", dir.resolve("o1").toString()),
            CliRun.of("what-if", "--base", program, "--candidate", none, "--events", events),
            CliRun.of("what-if", "--base", file.toString(), "--candidate", program, "--events", events),
            CliRun.of("report", "--program", program, "--events", events, "--out", file.toString()),
            CliRun.of("what-if", "--base", program, "--candidate", program, "--events", events, "--out",
                    file.toString()),
            CliRun.of("explain", "--program", program, "--events", events, "--member", "nobody")};

        // then
        String[] said = {"--program: program folder not found: " + none,
            "--candidate: program folder not found: " + none,
            "--base must be a program folder (with program.json), was the file " + file,
            "--out " + file + " is a file, not a folder",
            "--out " + file + " is a file, not a folder",
            "no events of member nobody in events.jsonl up to 2025-03-03T12:00:00Z"};
        String[] command = {"run", "what-if", "what-if", "report", "what-if", "explain"};
        for (int i = 0; i < runs.length; i++) {
            assertThat(runs[i].exitCode()).as(said[i]).isEqualTo(2);
            assertThat(runs[i].err()).as(said[i]).endsWith(said[i] + "\n"
                    + "Try 'loyalty " + command[i] + " --help' for more information.\n");
            assertThat(runs[i].out()).as(said[i]).isEmpty();
        }
    }

    @Test
    void a_missing_events_file_is_a_usage_error() {
        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                dir.resolve("nope.jsonl").toString(), "--out", dir.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("events file not found: " + dir.resolve("nope.jsonl") + "\n"
                + "Try 'loyalty run --help' for more information.\n");
    }

    @Test
    void a_missing_option_and_an_unknown_format_are_usage_errors() {
        assertThat(CliRun.of("run", "--events", "x").exitCode()).isEqualTo(2);
        CliRun format = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.toString(), "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).startsWith("format must be one of auto, jsonl, csv, cdnow, online-retail, "
                + "completejourney, was 'xml'\n");
    }

    @Test
    void without_program_the_default_retail_basic_program_is_used() {
        // given: the tests run in loyalty-examples/, where programs/retail-basic is the default program

        // when
        CliRun run = CliRun.of("validate");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).endsWith("valid: programs/retail-basic (39 rules, 0 warnings)\n");
    }

    @Test
    void an_invalid_program_makes_run_exit_1_with_every_problem_and_no_stack_trace() throws Exception {
        // given
        Path program = dir.resolve("bad");
        Files.createDirectories(program);
        Files.writeString(program.resolve("program.json"), "{\"id\":\"x\",\"version\":\"1\",\"stacking\":\"WRONG\","
                + "\"earning\":{\"baseRate\":\"1\"},\"tiers\":{\"ladder\":[{\"id\":\"member\",\"threshold\":\"0\"}]}}");

        // when
        CliRun run = CliRun.of("run", "--program", program.toString(), "--events", CliRun.EVENTS.toString(),
                "--out", dir.resolve("out").toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("program is not valid:\n  " + program.resolve("program.json")
                + " $.stacking: must be one of [ADDITIVE, HIGHEST, MULTIPLICATIVE], was \"WRONG\"\n");
    }
}
