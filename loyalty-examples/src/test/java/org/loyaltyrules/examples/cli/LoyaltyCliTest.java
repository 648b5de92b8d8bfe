package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the {@code loyalty} command itself answers, whichever command is named. */
class LoyaltyCliTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--version", "run --version", "validate -V", "explain --version", "test --version",
        "what-if --version", "report --version", "insight --version", "settlement --version", "member --version",
        "member export --version", "member erase -V"})
    void every_command_that_lists_version_in_its_help_prints_the_version(String args) {
        // when
        CliRun run = CliRun.of(args.split(" "));

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("loyalty 0.1.0-SNAPSHOT\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void the_help_of_run_and_of_loyalty_name_every_file_run_writes_unsent_csv_included() {
        // when
        CliRun top = CliRun.of("--help");
        CliRun run = CliRun.of("run", "--help");

        // then
        assertThat(top.out()).contains("""
                  run         Replay events through a program; write members.csv, ledger.csv,
                                tier_changes.csv, rejections.csv, unsent.csv (when a dataset
                                reader did not send some records as events) and summary.json to
                                --out.
                """);
        assertThat(run.out()).contains("""
                Replay events through a program; write members.csv, ledger.csv, tier_changes.
                csv, rejections.csv, unsent.csv (when a dataset reader did not send some
                records as events) and summary.json to --out.
                """);
    }

    @Test
    void an_unknown_command_is_named_as_such_with_the_commands_there_are() {
        // when
        CliRun top = CliRun.of("frobnicate");
        CliRun member = CliRun.of("member", "frob");

        // then
        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(top.err()).isEqualTo("unknown command 'frobnicate'; commands: run, validate, explain, test, "
                + "what-if, report, insight, settlement, member or migrate\n"
                + "Try 'loyalty --help' for more information.\n");
        assertThat(member.exitCode()).isEqualTo(2);
        assertThat(member.err()).isEqualTo("unknown member command 'frob'; commands: export or erase\n"
                + "Try 'loyalty member --help' for more information.\n");
    }

    @Test
    void an_unknown_option_is_named_even_when_required_options_are_missing_too() {
        // when
        CliRun alone = CliRun.of("run", "--bogus");
        CliRun two = CliRun.of("run", "--bogus", "--frob", "--events", "e.jsonl");
        CliRun withRequired = CliRun.of("run", "--bogus", "--events", "e.jsonl", "--out", "out");
        CliRun badValue = CliRun.of("run", "--bogus", "--as-of", "yesterday", "--events", "e.jsonl", "--out", "out");

        // then: the unknown option first, then what else is wrong; a usage error (2) each time
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo("Unknown option: '--bogus'\n"
                + "Missing required options: '--events=FILE', '--out=DIR'\n"
                + "Try 'loyalty run --help' for more information.\n");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).isEqualTo("Unknown options: '--bogus', '--frob'\n"
                + "Missing required option: '--out=DIR'\n"
                + "Try 'loyalty run --help' for more information.\n");
        assertThat(withRequired.exitCode()).isEqualTo(2);
        assertThat(withRequired.err()).isEqualTo("Unknown option: '--bogus'\n"
                + "Try 'loyalty run --help' for more information.\n");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).startsWith("Unknown option: '--bogus'\n"
                + "Invalid value for option '--as-of': ");
    }

    @Test
    void no_command_names_the_commands_in_the_same_words() {
        // when
        CliRun run = CliRun.of();

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("a command is required: run, validate, explain, test, what-if, report, "
                + "insight, settlement, member or migrate\n"
                + "Try 'loyalty --help' for more information.\n");
    }
}
