package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @Test
    void a_valid_program_prints_its_rule_count_and_exits_0() {
        // when
        CliRun run = CliRun.of("validate", "--program", CliRun.DEMO_PROGRAM.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("valid: " + CliRun.DEMO_PROGRAM + " (36 rules, 0 warnings)\n");
    }

    @Test
    void a_program_that_declares_monotonicity_in_spend_says_so_above_the_verdict(@TempDir Path dir) throws Exception {
        // given: the demo terms, declaring that more spend never earns fewer points
        String demo = Files.readString(CliRun.DEMO_PROGRAM.resolve("program.json"));
        Files.writeString(dir.resolve("program.json"),
                demo.replaceFirst("\\{", "{\"declares\": {\"monotoneInSpend\": true},"));

        // when
        CliRun run = CliRun.of("validate", "--program", dir.toString());

        // then
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("  declares: monotone in spend (more spend never earns fewer points)\n"
                + "valid: " + dir + " (36 rules, 0 warnings)\n");
    }

    @Test
    void an_invalid_program_prints_each_problem_as_error_location_colon_message_and_exits_1(@TempDir Path dir)
            throws Exception {
        // given
        Files.writeString(dir.resolve("program.json"), "{\"id\":\"x\",\"version\":\"1\",\"colour\":\"red\"}");
        String json = dir.resolve("program.json").toString();

        // when
        CliRun run = CliRun.of("validate", "--program", dir.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("error: " + json + " $.colour: is not a known field; allowed here: [benefits, "
                + "currency, declares, description, earning, expiry, growth, id, insight, membership, name, partners, "
                + "pendingDays, refunds, reward, risk, rounding, stacking, tiers, version, zone]\n"
                + "error: " + json + " $.tiers: is required: the tier ladder (at least the base tier)\n"
                + "error: " + json + " $.earning: is required: at least {\"baseRate\": \"1\"}\n"
                + "invalid: " + dir + " (3 errors, 0 warnings)\n");
    }

    @Test
    void a_valid_program_lists_what_its_own_rule_files_do_to_the_standard_pack(@TempDir Path dir) throws Exception {
        // given: the demo terms; a tier bonus that replaces the standard one, a copy saved under another name (so
        // added, paying the bonus twice), and a minimum-order file holding no rule
        Files.copy(CliRun.DEMO_PROGRAM.resolve("program.json"), dir.resolve("program.json"));
        Path earning = Files.createDirectories(dir.resolve("rules/earning"));
        String tierBonus = new String(getClass().getClassLoader()
                .getResourceAsStream("org/loyaltyrules/rules/earning/tier-bonus.drl").readAllBytes());
        Files.writeString(earning.resolve("tier-bonus.drl"), tierBonus);
        Files.writeString(earning.resolve("tier-bonuses.drl"), tierBonus.replace("rule \"", "rule \"Copy: "));
        Files.writeString(earning.resolve("minimum-order.drl"), "package org.loyaltyrules.rules.earning;\n");

        // when
        CliRun run = CliRun.of("validate", "--program", dir.toString());

        // then
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).contains("""
                  rules/earning/tier-bonus.drl: replaces the standard earning/tier-bonus.drl
                """).contains("""
                  rules/earning/minimum-order.drl: replaces the standard earning/minimum-order.drl (holds no rule: switches it off)
                """).contains("""
                  rules/earning/tier-bonuses.drl: added to the standard pack
                """).containsPattern("valid: .* \\(\\d+ rules, \\d+ warnings?\\)\n$");
    }

    @Test
    void errors_and_warnings_are_each_labelled_so_the_lines_that_block_show_at_once(@TempDir Path dir)
            throws Exception {
        // given: the demo terms and one rule that compares the tier with one the ladder lacks (an error) and has no
        // @intent (a warning)
        Files.copy(CliRun.DEMO_PROGRAM.resolve("program.json"), dir.resolve("program.json"));
        Path earning = Files.createDirectories(dir.resolve("rules/earning"));
        Files.writeString(earning.resolve("golden.drl"), """
                package org.loyaltyrules.rules.earning;

                import org.loyaltyrules.rules.facts.*;

                rule "Golden members earn a bonus"
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                    CurrentTier( tierId == "golden" )
                then
                    insert( PointsAward.fixed( $event, "golden bonus", 10 ) );
                end
                """);
        String drl = earning.resolve("golden.drl").toString();

        // when
        CliRun run = CliRun.of("validate", "--program", dir.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("error: " + drl + ":9: rule \"Golden members earn a bonus\" compares a tier "
                + "with \"golden\", which is not a tier of the ladder [member, silver, gold, platinum]; the condition "
                + "can never match\n"
                + "warning: " + drl + ":5: rule \"Golden members earn a bonus\" has no @intent(\"...\"); "
                + "explanations will show only its name\n"
                + "invalid: " + dir + " (1 error, 1 warning)\n");
    }
}
