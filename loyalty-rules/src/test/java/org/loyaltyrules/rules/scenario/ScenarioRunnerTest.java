package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.scenario.ScenarioResult.Check;

class ScenarioRunnerTest {

    private static final String PROGRAM = """
            {"id": "t", "version": "1", "currency": "USD", "zone": "UTC",
             "earning": {"baseRate": "1", "tierBonus": {"gold": "50"}},
             "tiers": {"metric": "spend", "window": {"type": "CALENDAR_YEAR"},
                       "ladder": [{"id": "member", "threshold": "0"}, {"id": "gold", "reachable": false}]},
             "risk": {"caps": [{"id": "daily-points", "period": "DAY", "measure": "POINTS", "limit": 100}]}}
            """;

    private final ScenarioRunner runner = ScenarioRunner.of(LoyaltyEngine.create(Program.of(
            ProgramJson.parse(PROGRAM, "t.json"))));

    @Test
    void a_manual_gold_member_is_checked_field_by_field_with_expected_and_actual() {
        Scenario scenario = Scenario.parse("""
                {"given": {"tier": "gold", "enrolledAt": "2025-01-01"},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"pointsAwarded": 16, "tier": "gold", "growth": "10.99", "refusal": "none",
                          "postings": [{"points": 10}, {"points": 6}]}}
                """, "s.json", "gold");

        ScenarioResult result = runner.run(scenario);

        // base 10.99 -> 10, 50 % of the posted 10 = 5: 15, not the 16 expected
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(
                new Check("pointsAwarded", "16", "15"),
                new Check("growth (spend in the current window)", "10.99", "10.99"),
                new Check("tier", "gold", "gold"),
                new Check("postings", "[EARN 10, EARN 6]", "[EARN 10, EARN 5]"),
                new Check("refusal", "none", "none"));
        assertThat(result.explanations()).containsExactly(
                "when-1 EARN 10 [Purchases earn base points at the program rate] base 1 per unit on eligible 10.99 = 10",
                "when-1 EARN 5 [Tier members earn their tier bonus on base points] gold tier bonus 50% of base 10 = 5");
    }

    @Test
    void a_bad_event_fails_the_scenario_with_its_location() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "ten"}],
                 "then": {"pointsAwarded": 10}}
                """, "s.json", "bad");

        ScenarioResult result = runner.run(scenario);

        assertThat(result.passed()).isFalse();
        assertThat(result.error()).startsWith("s.json $.when:1 field amount: ");
    }

    @Test
    void an_unknown_expectation_is_refused_with_its_json_path() {
        ProgramException e = catchThrowableOfType(() -> Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03", "amount": "1.00"}], "then": {"points": 1}}
                """, "s.json", "x"), ProgramException.class);

        assertThat(e.problems()).containsExactly(new Problem("s.json $.then.points", "unknown field; allowed: [asOf,"
                + " benefits, caps, growth, pointsAvailable, pointsAwarded, pointsPending, postings, refusal,"
                + " riskFlags, status, tier]"));
    }

    @Test
    void a_cap_expectation_that_names_only_the_cap_passes_whatever_its_headroom_and_withheld() {
        // given: 150 points against a daily cap of 100 (headroom 100, 50 withheld)
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "150.00"}],
                 "then": {"caps": [{"cap": "daily-points"}]}}
                """, "s.json", "cap");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.checks()).containsExactly(new Check("caps", "[daily-points]", "[daily-points]"));
        assertThat(result.passed()).isTrue();
    }

    @Test
    void a_cap_expectation_compares_only_the_fields_written() {
        // given: withheld written (wrong: 40, not 50), headroom left out
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "150.00"}],
                 "then": {"caps": [{"cap": "daily-points", "withheld": 40}]}}
                """, "s.json", "cap");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.checks()).containsExactly(
                new Check("caps", "[daily-points withheld 40]", "[daily-points withheld 50]"));
    }

    @Test
    void a_cap_applied_beyond_the_expected_ones_is_shown_with_every_field() {
        // given: no cap expected, one applied
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "150.00"}],
                 "then": {"caps": []}}
                """, "s.json", "cap");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.checks()).containsExactly(
                new Check("caps", "[]", "[daily-points headroom 100 withheld 50]"));
    }
}
