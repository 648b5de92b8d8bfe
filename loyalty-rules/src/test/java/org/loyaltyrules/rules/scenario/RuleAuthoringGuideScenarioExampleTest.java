package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;

/** The scenario example of docs/rule-authoring.md works as written against retail-basic. */
class RuleAuthoringGuideScenarioExampleTest {

    private static final Path GUIDE = Path.of("../docs/rule-authoring.md");

    @Test
    void the_guides_silver_bonus_scenario_passes_against_retail_basic() throws IOException {
        // given: the one scenario block of the guide, saved as 06-silver-bonus.json
        List<String> examples = ScenarioSchemaTest.scenarioBlocks(Files.readString(GUIDE));
        assertThat(examples).hasSize(1);
        Scenario scenario = Scenario.parse(examples.get(0), "my-program/scenarios/06-silver-bonus.json",
                "06-silver-bonus");

        // when
        LoyaltyEngine retailBasic = LoyaltyEngine.load(Path.of("../loyalty-examples/programs/retail-basic"));
        ScenarioResult result = ScenarioRunner.of(retailBasic).run(scenario);

        // then: the PASS line the guide shows
        assertThat(result.report()).isEqualTo("PASS 06-silver-bonus - A silver member's $80.40: base 80 + 20 % of 80"
                + " = 16 -> 96; growth 600 + 80\n");
        assertThat(result.checks()).allMatch(ScenarioResult.Check::passed).hasSize(5);
    }
}
