package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.scenario.ScenarioResult.Check;

/**
 * A {@code when} event whose id the member already processed (a given event's, or an earlier when event's) is a
 * DUPLICATE: the engine applies nothing. It fails the scenario, naming the event that used the id first, unless
 * {@code then} expects {@code "DUPLICATE"} of it; and the report does not show the first event's postings as its own.
 */
class ScenarioDuplicateEventsTest {

    private static final String PROGRAM = """
            {"id": "t", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
             "tiers": {"metric": "spend", "window": {"type": "CALENDAR_YEAR"},
                       "ladder": [{"id": "member", "threshold": "0"}]}}
            """;

    private final ScenarioRunner runner = ScenarioRunner.of(LoyaltyEngine.create(Program.of(
            ProgramJson.parse(PROGRAM, "t.json"))));

    @Test
    void a_when_event_reusing_a_given_event_id_fails_with_refusal_none_naming_the_given_event() {
        // given: p1 is both the earlier purchase and the when purchase
        Scenario scenario = Scenario.parse("""
                {"given": {"events": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "2000.00"}]},
                 "when": [{"id": "p1", "type": "purchase", "at": "2025-03-06T10:00:00Z", "amount": "10.99"}],
                 "then": {"pointsAwarded": 10, "refusal": "none"}}
                """, "s.json", "dup");

        // when
        ScenarioResult result = runner.run(scenario);

        // then: nothing awarded, and the report does not show the given purchase's 2000 points as the when event's
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(
                new Check("pointsAwarded", "10", "0"),
                new Check("refusal", "none", "DUPLICATE: its id p1 was already used by given event $.given.events[0],"
                        + " so the engine did not apply it"));
        assertThat(result.explanations()).containsExactly("p1 DUPLICATE: its id p1 was already used by given event"
                + " $.given.events[0], so the engine did not apply it");
    }

    @Test
    void a_second_when_event_with_the_same_id_fails_though_not_expected_to_be_refused() {
        // given
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"},
                          {"id": "p1", "type": "purchase", "at": "2025-03-03T11:00:00Z", "amount": "50"},
                          {"id": "p2", "type": "purchase", "at": "2025-03-03T12:00:00Z", "amount": "5"}],
                 "then": {"pointsAvailable": 125, "postings": [{"points": 120}, {"points": 5}]}}
                """, "s.json", "dup");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.checks()).containsExactly(
                new Check("pointsAvailable", "125", "125"),
                new Check("postings", "[EARN 120, EARN 5]", "[EARN 120, EARN 5]"),
                new Check("refusal of p1 (not expected)", "none", "DUPLICATE: its id p1 was already used by when"
                        + " event $.when[0], so the engine did not apply it"));
        assertThat(result.passed()).isFalse();
    }

    @Test
    void a_duplicate_expected_by_refusal_or_by_id_passes() {
        // given: a client retrying p1 must change nothing
        Scenario last = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"},
                          {"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}],
                 "then": {"pointsAvailable": 120, "refusal": "DUPLICATE"}}
                """, "s.json", "retry");
        Scenario byId = Scenario.parse("""
                {"given": {"events": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "9"}]},
                 "when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "9"},
                          {"id": "p2", "type": "purchase", "at": "2025-03-04T10:00:00Z", "amount": "5"}],
                 "then": {"pointsAwarded": 5, "refusals": {"p1": "DUPLICATE"}}}
                """, "s.json", "retry");

        // when
        ScenarioResult lastResult = runner.run(last);
        ScenarioResult byIdResult = runner.run(byId);

        // then
        assertThat(lastResult.checks()).containsExactly(new Check("pointsAvailable", "120", "120"),
                new Check("refusal", "DUPLICATE", "DUPLICATE"));
        assertThat(lastResult.passed()).isTrue();
        assertThat(byIdResult.checks()).containsExactly(new Check("pointsAwarded", "5", "5"),
                new Check("refusal of p1", "DUPLICATE", "DUPLICATE"));
        assertThat(byIdResult.passed()).isTrue();
    }

    @Test
    void a_given_event_reusing_an_earlier_given_event_id_fails_the_scenario_at_its_path() {
        // given
        Scenario scenario = Scenario.parse("""
                {"given": {"events": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "9"},
                                      {"id": "p1", "type": "purchase", "at": "2025-03-04T10:00:00Z", "amount": "9"}]},
                 "when": [{"id": "p2", "type": "purchase", "at": "2025-03-05T10:00:00Z", "amount": "5"}],
                 "then": {"pointsAwarded": 5}}
                """, "s.json", "dup");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.error()).isEqualTo("s.json $.given.events[1]: given event p1 was not applied: its id was"
                + " already used by given event $.given.events[0] (DUPLICATE)");
    }
}
