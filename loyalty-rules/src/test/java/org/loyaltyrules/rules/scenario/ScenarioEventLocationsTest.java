package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * A scenario's events are located like every other problem of the file, by JSON path counted from 0
 * ({@code $.when[1].amount}), and a field that looks like a misspelt event field is named: in the error when the
 * field it misses is required, as a warning of a scenario that still runs when it is optional.
 */
class ScenarioEventLocationsTest {

    private final ScenarioRunner runner = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse("""
            {"id": "t", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
             "tiers": {"metric": "spend", "window": {"type": "CALENDAR_YEAR"},
                       "ladder": [{"id": "member", "threshold": "0"}]}}
            """, "t.json"))));

    private ScenarioResult run(String json) {
        return runner.run(Scenario.parse(json, "s.json", "s"));
    }

    @Test
    void a_bad_field_of_the_second_when_event_is_at_when_1() {
        ScenarioResult result = run("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "5.00"},
                          {"type": "purchase", "at": "2025-03-03T11:00:00Z", "amount": "-5"}],
                 "then": {"pointsAwarded": 5}}
                """);

        assertThat(result.error()).isEqualTo("s.json $.when[1].amount: must be >= 0, was -5");
    }

    @Test
    void a_bad_given_event_is_at_its_json_path_under_given_events() {
        ScenarioResult result = run("""
                {"given": {"events": [{"type": "purchase", "at": "03/03/2025", "amount": "5.00"}]},
                 "when": [{"type": "purchase", "at": "2025-03-04T10:00:00Z", "amount": "5.00"}],
                 "then": {"pointsAwarded": 5}}
                """);

        assertThat(result.error()).startsWith("s.json $.given.events[0].at: must be an ISO instant");
    }

    @Test
    void a_refused_given_event_fails_the_scenario_at_its_json_path_under_given_events() {
        ScenarioResult result = run("""
                {"given": {"events": [{"id": "p0", "type": "purchase", "at": "2025-03-01T10:00:00Z", "amount": "5.00"},
                                      {"id": "e1", "type": "enrollment", "at": "2025-03-02T10:00:00Z", "tier": "glod"}]},
                 "when": [{"type": "purchase", "at": "2025-03-04T10:00:00Z", "amount": "5.00"}],
                 "then": {"pointsAwarded": 5}}
                """);

        assertThat(result.error()).isEqualTo("s.json $.given.events[1]: given event e1 was refused: UNKNOWN_TIER"
                + " enrollment e1 assigns tier 'glod'; tiers are [member]");
    }

    @Test
    void an_event_without_a_type_is_located_at_the_event_field() {
        ScenarioResult result = run("""
                {"when": [{"id": "p1", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}],
                 "then": {"pointsAwarded": 120}}
                """);

        assertThat(result.error()).isEqualTo("s.json $.when[0].type: is required");
    }

    @Test
    void a_required_event_field_misspelt_names_the_misspelling() {
        ScenarioResult result = run("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amout": "120.50"}],
                 "then": {"pointsAwarded": 120}}
                """);

        assertThat(result.passed()).isFalse();
        assertThat(result.error()).isEqualTo("s.json $.when[0].amount: is required for a purchase (the amount paid, delivery and tax included; "
                + "found \"amout\": a misspelling?)");
    }

    @Test
    void an_optional_event_field_misspelt_passes_with_a_warning_in_the_result_and_the_report() {
        ScenarioResult result = run("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "50.00",
                           "chanel": "app",
                           "lines": [{"sku": "B1", "catgory": "books", "quantity": 1, "amount": "30.00"}]}],
                 "then": {"pointsAwarded": 50}}
                """);

        assertThat(result.passed()).isTrue();
        assertThat(result.warnings()).containsExactly(
                "s.json $.when[0].chanel: kept as an attribute; a misspelling of \"channel\"?",
                "s.json $.when[0].lines[0].catgory: kept as an attribute; a misspelling of \"category\"?");
        assertThat(result.report()).isEqualTo("""
                PASS s
                     warning: s.json $.when[0].chanel: kept as an attribute; a misspelling of "channel"?
                     warning: s.json $.when[0].lines[0].catgory: kept as an attribute; a misspelling of "category"?
                """);
    }
}
