package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;

/** Scenario files that would check nothing, or something other than what they say, are refused when read. */
class ScenarioRefusedAtLoadTest {

    private static final String WHEN = """
            "when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}]""";

    private static List<Problem> problems(String json) {
        return catchThrowableOfType(() -> Scenario.parse(json, "s.json", "s"), ProgramException.class).problems();
    }

    @Test
    void a_null_expectation_is_refused_with_its_json_path() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"pointsAwarded\": null}}")).containsExactly(
                new Problem("s.json $.then.pointsAwarded", "null; leave the field out or give a value"));
    }

    @Test
    void a_null_field_of_an_expected_posting_is_refused_with_its_json_path() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"postings\": [{\"points\": 120, \"rule\": null}]}}"))
                .containsExactly(new Problem("s.json $.then.postings[0].rule",
                        "null; leave the field out or give a value"));
    }

    @Test
    void a_null_given_member_is_refused_rather_than_read_as_the_default_member() {
        assertThat(problems("{\"given\": {\"member\": null}, " + WHEN + ", \"then\": {\"pointsAwarded\": 120}}"))
                .containsExactly(new Problem("s.json $.given.member", "null; leave the field out or give a value"));
    }

    @Test
    void a_then_with_only_as_of_is_refused_because_it_checks_nothing() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"asOf\": \"2025-04-01\"}}")).containsExactly(
                new Problem("s.json $.then", "must name at least one expectation, one of [benefits, caps, growth,"
                        + " pointsAvailable, pointsAwarded, pointsPending, postings, refusal, riskFlags, status, tier]"));
    }

    @Test
    void a_scenario_without_then_is_refused_because_it_checks_nothing() {
        assertThat(problems("{" + WHEN + "}")).containsExactly(
                new Problem("s.json $.then", "must name at least one expectation, one of [benefits, caps, growth,"
                        + " pointsAvailable, pointsAwarded, pointsPending, postings, refusal, riskFlags, status, tier]"));
    }
}
