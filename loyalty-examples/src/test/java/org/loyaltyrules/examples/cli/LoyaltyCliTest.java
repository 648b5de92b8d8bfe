package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
