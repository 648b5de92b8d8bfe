package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {

    private static final Path RETAIL = Path.of("programs/retail-basic");

    /** Gold pays 60 % instead of the 50 % of program.json: the mistake a scenario must catch. */
    private static final String BROKEN_TIER_BONUS = """
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Tier members earn their tier bonus on base points"
                @intent("A member's tier adds its bonus percentage to a purchase's base points")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
                CurrentTier( $tier : tierId )
                TierBonusRate( tierId == $tier, $percent : percent > 0 )
            then
                insert( PointsAward.percentOfBase( $event, $tier + " tier bonus",
                        $tier.equals("gold") ? new java.math.BigDecimal("60") : $percent ) );
            end
            """;

    @Test
    void every_retail_basic_scenario_passes_and_the_exit_code_is_zero() {
        CliRun run = CliRun.of("test", "--program", RETAIL.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PASS 02-gold-bonus-rounded-per-award - A gold member's $10.99")
                .endsWith("passed: 5 of 5 scenarios passed\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_tier_bonus_paying_sixty_instead_of_fifty_percent_fails_with_expected_and_actual(@TempDir Path dir)
            throws IOException {
        // given: a copy of retail-basic whose tier-bonus.drl pays gold 60 %
        Path program = copy(RETAIL, dir.resolve("retail-broken"));
        Files.writeString(program.resolve("rules/earning/tier-bonus.drl"), BROKEN_TIER_BONUS);

        // when
        CliRun run = CliRun.of("test", "--program", program.toString(), "--scenarios",
                RETAIL.resolve("scenarios").toString());

        // then: 10.99 -> base 10, 60 % of 10 = 6 (not 5); pending 2,000 + 16; the bonus posting cites the replacing file
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL 02-gold-bonus-rounded-per-award", """
                     pointsAwarded
                       expected: 15
                       actual:   16
                     pointsPending
                       expected: 2015
                       actual:   2016
                     postings
                       expected: [EARN 10 Purchases earn base points at the program rate, EARN 5 Tier members earn \
                their tier bonus on base points]
                       actual:   [EARN 10 Purchases earn base points at the program rate, EARN 6 Tier members earn \
                their tier bonus on base points]
                     what the when events did:
                       p2 EARN 10 [rule "Purchases earn base points at the program rate" at standard:earning/base-earn.drl:9] base 1 per unit on eligible 10.99 = 10
                       p2 EARN 6 [rule "Tier members earn their tier bonus on base points" at TIER_BONUS:5] gold tier bonus 60% of base 10 = 6
                """.replace("TIER_BONUS", program.resolve("rules/earning/tier-bonus.drl").toString()))
                .contains("PASS 01-purchase-earns-pending-points")
                .endsWith("FAILED: 4 of 5 scenarios passed\n");
        assertThat(run.err()).isEqualTo("1 of 5 scenarios failed (the report on stdout says why)\n");
    }

    @Test
    void a_misspelt_optional_event_field_is_printed_as_a_warning_under_a_scenario_that_passes(@TempDir Path dir)
            throws IOException {
        // given: a purchase whose "chanel" is kept as an attribute, so the scenario passes without the app channel
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("01-chanel.json"), """
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50",
                           "chanel": "app"}],
                 "then": {"pointsAwarded": 120}}
                """);

        // when
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios", scenarios.toString());

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PASS 01-chanel\n     warning: " + scenarios.resolve("01-chanel.json")
                + " $.when[0].chanel: kept as an attribute; a misspelling of \"channel\"?\n");
    }

    @Test
    void a_scenario_naming_a_refusal_code_the_engine_lacks_fails_with_the_codes_it_has(@TempDir Path dir)
            throws IOException {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("20-code.json"), """
                {"when": [{"id": "x1", "type": "redemption", "at": "2025-03-03T10:00:00Z", "points": 500}],
                 "then": {"refusal": "INSUFICIENT_POINTS"}}
                """);

        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios", scenarios.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("     error: " + scenarios.resolve("20-code.json") + " $.then.refusal: must be"
                + " \"none\", DUPLICATE or a refusal code of the engine, one of [none, DUPLICATE, ALREADY_REFUNDED, ")
                .contains(", was \"INSUFICIENT_POINTS\"; did you mean \"INSUFFICIENT_POINTS\"?\n");
    }

    @Test
    void a_scenario_file_that_is_not_json_is_one_failure_and_the_other_scenarios_still_run(@TempDir Path dir)
            throws IOException {
        // given: retail-basic's five scenarios and a file cut short after its first object opened
        Path scenarios = copy(RETAIL.resolve("scenarios"), dir.resolve("scenarios"));
        Path broken = Files.writeString(scenarios.resolve("00-broken.json"), "{ \"given\": {");

        // when
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios", scenarios.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("\nFAIL 00-broken\n     " + broken + ":1:13: not valid JSON: Unexpected"
                        + " end-of-input: expected close marker for Object (opened at line 1, column 12)\nPASS 01-")
                .contains("PASS 02-gold-bonus-rounded-per-award")
                .doesNotContain("Source:")
                .endsWith("FAILED: 5 of 6 scenarios passed\n");
        assertThat(run.err()).isEqualTo("1 of 6 scenarios failed, 1 of them a file that is not a valid scenario"
                + " (the report on stdout says why)\n");
    }

    @Test
    void a_scenario_with_an_unknown_field_is_one_failure_named_with_its_json_path(@TempDir Path dir)
            throws IOException {
        // given
        Path scenarios = copy(RETAIL.resolve("scenarios"), dir.resolve("scenarios"));
        Path unknown = Files.writeString(scenarios.resolve("09-unknown.json"), """
                {"when": [{"type": "purchase", "at": "2025-03-03", "amount": "1.00"}], "then": {"points": 1}}
                """);

        // when
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios", scenarios.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).endsWith("FAIL 09-unknown\n     " + unknown + " $.then.points: unknown field; allowed:"
                + " [asOf, benefits, caps, growth, pointsAvailable, pointsAwarded, pointsPending, postings, refusal,"
                + " refusals, riskFlags, status, tier]\nFAILED: 5 of 6 scenarios passed\n");
    }

    @Test
    void a_scenario_folder_without_scenario_files_fails_instead_of_passing_zero_scenarios(@TempDir Path dir)
            throws IOException {
        // given: a folder with a README only
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("README.md"), "scenarios go here\n");

        // when
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios", scenarios.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("no scenario files (*.json) in " + scenarios + "\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void scenarios_in_subfolders_run_in_the_order_of_their_relative_paths(@TempDir Path dir) throws IOException {
        // given: two of retail-basic's scenarios, one of them in a subfolder
        Path scenarios = Files.createDirectories(dir.resolve("scenarios/earning"));
        Files.copy(RETAIL.resolve("scenarios/02-gold-bonus-rounded-per-award.json"),
                scenarios.resolve("02-gold-bonus-rounded-per-award.json"));
        Files.copy(RETAIL.resolve("scenarios/01-purchase-earns-pending-points.json"),
                dir.resolve("scenarios/01-purchase-earns-pending-points.json"));

        // when
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios",
                dir.resolve("scenarios").toString());

        // then
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsSubsequence("PASS 01-purchase-earns-pending-points",
                "PASS earning/02-gold-bonus-rounded-per-award").endsWith("passed: 2 of 2 scenarios passed\n");
    }

    @Test
    void files_of_the_same_name_in_two_subfolders_are_named_by_their_relative_paths(@TempDir Path dir)
            throws IOException {
        // given: 01-base.json under earning/ and under tiers/, one of them broken
        Path scenarios = Files.createDirectories(dir.resolve("scenarios/earning"));
        Files.copy(RETAIL.resolve("scenarios/01-purchase-earns-pending-points.json"),
                scenarios.resolve("01-base.json"));
        Path tiers = Files.createDirectories(dir.resolve("scenarios/tiers"));
        Path broken = Files.writeString(tiers.resolve("01-base.json"), "{");

        // when
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios",
                dir.resolve("scenarios").toString());

        // then
        assertThat(run.out()).contains("\nPASS earning/01-base - ").contains("\nFAIL tiers/01-base\n     " + broken
                + ":1:2: not valid JSON: ");
    }

    @Test
    void a_missing_scenario_folder_is_a_usage_error(@TempDir Path dir) {
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios", dir.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("scenario folder not found: " + dir.resolve("none") + "\n"
                + "Try 'loyalty test --help' for more information.\n");
    }

    @Test
    void a_program_without_a_scenarios_folder_is_a_usage_error_that_points_to_the_scenarios_option(@TempDir Path dir)
            throws IOException {
        // given: a copy of retail-basic's program.json only
        Path program = Files.createDirectories(dir.resolve("my-copy"));
        Files.copy(RETAIL.resolve("program.json"), program.resolve("program.json"));

        // when
        CliRun run = CliRun.of("test", "--program", program.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("scenario folder not found: " + program.resolve("scenarios") + " (the default, "
                + "DIR/scenarios; --scenarios names another)\n"
                + "Try 'loyalty test --help' for more information.\n");
    }

    @Test
    void scenarios_naming_a_file_is_a_usage_error_that_says_it_is_a_file_not_a_folder(@TempDir Path dir)
            throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("afile"), "{}");

        // when
        CliRun run = CliRun.of("test", "--program", RETAIL.toString(), "--scenarios", file.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--scenarios " + file + " is a file, not a folder: name the folder that holds "
                + "the scenario files (*.json)\n"
                + "Try 'loyalty test --help' for more information.\n");
    }

    @Test
    void the_help_states_the_exit_codes_the_command_returns() {
        // when
        CliRun run = CliRun.of("test", "--help");

        // then: each case above, and a failing scenario
        assertThat(run.out()).contains("""
                Run a program's scenario tests (docs/scenarios.md): every *.json under the
                scenario folder and its subfolders. The report goes to stdout; when a scenario
                fails, stderr says how many in one line. Exit 0 when all pass; 1 when one
                fails, or the folder holds no scenario file; 2 when the folder does not exist
                or is a file.
                """);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
