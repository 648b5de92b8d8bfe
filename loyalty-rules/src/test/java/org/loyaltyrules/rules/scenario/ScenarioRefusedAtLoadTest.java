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

    private static final String EXPECTATIONS = "[benefits, caps, growth, pointsAvailable, pointsAwarded,"
            + " pointsPending, postings, refusal, refusals, riskFlags, status, tier]";

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
                new Problem("s.json $.then", "must name at least one expectation, one of " + EXPECTATIONS));
    }

    @Test
    void a_scenario_without_then_is_refused_because_then_is_required() {
        assertThat(problems("{" + WHEN + "}")).containsExactly(
                new Problem("s.json $.then", "is required (at least one expectation, one of " + EXPECTATIONS + ")"));
    }

    @Test
    void an_empty_then_is_refused_because_it_checks_nothing() {
        assertThat(problems("{" + WHEN + ", \"then\": {}}")).containsExactly(
                new Problem("s.json $.then", "must name at least one expectation, one of " + EXPECTATIONS));
    }

    @Test
    void an_integer_expectation_with_a_fraction_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"pointsAwarded\": 120.5}}")).containsExactly(
                new Problem("s.json $.then.pointsAwarded", "must be an integer, was 120.5"));
    }

    @Test
    void a_growth_with_a_unit_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"growth\": \"120 USD\"}}")).containsExactly(
                new Problem("s.json $.then.growth", "must be a decimal (\"600\" or 600), was \"120 USD\""));
    }

    @Test
    void a_blank_name_is_refused_with_its_json_path() {
        assertThat(problems("{\"name\": \" \", " + WHEN + ", \"then\": {\"pointsAwarded\": 120}}"))
                .containsExactly(new Problem("s.json $.name", "must not be blank, was \" \""));
    }

    @Test
    void a_then_as_of_that_is_not_a_time_is_refused_at_load_with_its_json_path() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"asOf\": \"tomorrow\", \"pointsAwarded\": 120}}"))
                .containsExactly(new Problem("s.json $.then.asOf", "must be a date (2025-03-03 or 20250303), a local"
                        + " date-time (2025-03-03T10:00:00) or an instant (2025-03-03T10:00:00Z), was \"tomorrow\""));
    }

    @Test
    void a_given_enrolled_at_on_a_day_that_does_not_exist_is_refused_at_load_with_its_json_path() {
        assertThat(problems("{\"given\": {\"enrolledAt\": \"2025-02-30\"}, " + WHEN
                + ", \"then\": {\"pointsAwarded\": 120}}"))
                .containsExactly(new Problem("s.json $.given.enrolledAt", "must be an ISO instant with Z or an offset"
                        + " (2025-03-03T10:00:00Z, 2025-03-03T11:00:00+01:00), a local date-time in the program's zone"
                        + " (2025-03-03T10:00:00), an ISO date (2025-03-03) or YYYYMMDD, was \"2025-02-30\""));
    }

    @Test
    void a_given_attribute_that_is_an_object_is_refused_naming_what_an_attribute_may_be() {
        // strings, numbers and booleans are read as their text ("complaints": 2 is "2"); the message said "a string"
        assertThat(problems("{\"given\": {\"attributes\": {\"complaints\": 2, \"nested\": {\"a\": 1}}}, " + WHEN
                + ", \"then\": {\"pointsAwarded\": 120}}")).containsExactly(
                new Problem("s.json $.given.attributes.nested", "must be a string, number or boolean, was {\"a\":1}"));
    }

    @Test
    void a_blank_member_is_refused() {
        assertThat(problems("{\"given\": {\"member\": \" \"}, " + WHEN + ", \"then\": {\"pointsAwarded\": 120}}"))
                .containsExactly(new Problem("s.json $.given.member", "must not be blank, was \" \""));
    }

    @Test
    void an_event_id_that_is_not_a_string_or_a_whole_number_is_refused_at_load_with_its_json_path() {
        assertThat(problems("{\"when\": [{\"id\": \"p1\", \"type\": \"purchase\", \"at\": \"2025-03-03\","
                + " \"amount\": \"1\"}, {\"id\": 1.5, \"type\": \"purchase\", \"at\": \"2025-03-04\","
                + " \"amount\": \"1\"}], \"then\": {\"pointsAwarded\": 1}}")).containsExactly(
                new Problem("s.json $.when[1].id", "must be a non-blank string or a whole number, was 1.5"));
    }

    @Test
    void an_earlier_event_member_given_as_an_object_is_refused_at_load_with_its_json_path() {
        assertThat(problems("{\"given\": {\"events\": [{\"member\": {\"id\": 1}, \"type\": \"purchase\","
                + " \"at\": \"2025-03-01\", \"amount\": \"1\"}]}, " + WHEN + ", \"then\": {\"pointsAwarded\": 120}}"))
                .containsExactly(new Problem("s.json $.given.events[0].member",
                        "must be a non-blank string or a whole number, was {\"id\":1}"));
    }

    @Test
    void a_blank_event_id_is_refused_at_load_rather_than_when_the_scenario_runs() {
        assertThat(problems("{\"when\": [{\"id\": \" \", \"type\": \"purchase\", \"at\": \"2025-03-03\","
                + " \"amount\": \"1\"}], \"then\": {\"pointsAwarded\": 1}}")).containsExactly(
                new Problem("s.json $.when[0].id", "must be a non-blank string or a whole number, was \" \""));
    }

    @Test
    void a_tag_given_twice_is_refused_at_its_second_place() {
        assertThat(problems("{\"given\": {\"tags\": [\"vip\", \"staff\", \"vip\"]}, " + WHEN
                + ", \"then\": {\"pointsAwarded\": 120}}")).containsExactly(
                new Problem("s.json $.given.tags[2]", "repeats \"vip\"; name each tag once"));
    }

    @Test
    void an_expected_posting_without_points_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"postings\": [{\"points\": 120},"
                + " {\"rule\": \"Purchases earn base points at the program rate\"}]}}")).containsExactly(
                new Problem("s.json $.then.postings[1].points", "is required"));
    }

    @Test
    void an_expected_cap_without_its_id_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"caps\": [{\"withheld\": 5}]}}")).containsExactly(
                new Problem("s.json $.then.caps[0].cap", "is required"));
    }

    @Test
    void an_expected_benefit_without_its_outcome_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"benefits\": [{\"benefit\": \"free-delivery\"}]}}"))
                .containsExactly(new Problem("s.json $.then.benefits[0].outcome", "is required"));
    }

    @Test
    void a_status_in_lower_case_is_refused_with_the_allowed_values() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"status\": \"Active\"}}")).containsExactly(
                new Problem("s.json $.then.status", "must be one of [ACTIVE, UNDER_REVIEW, FROZEN, CLOSED],"
                        + " was \"Active\""));
    }

    @Test
    void a_posting_type_in_lower_case_is_refused_with_the_allowed_values() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"postings\": [{\"type\": \"earn\", \"points\": 120}]}}"))
                .containsExactly(new Problem("s.json $.then.postings[0].type", "must be one of [EARN, ACTIVATE,"
                        + " REDEEM, REDEEM_REVERSAL, EXPIRE, CLAWBACK, ADJUST], was \"earn\""));
    }

    @Test
    void a_benefit_outcome_in_lower_case_is_refused_with_the_allowed_values() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"benefits\": [{\"benefit\": \"free-delivery\","
                + " \"outcome\": \"granted\"}]}}")).containsExactly(new Problem("s.json $.then.benefits[0].outcome",
                "must be one of [GRANTED, REFUSED, UNLOCKED], was \"granted\""));
    }

    @Test
    void a_refusal_expected_of_an_id_no_when_event_has_is_refused_with_the_when_ids() {
        assertThat(problems("{\"when\": [{\"id\": \"x1\", \"type\": \"redemption\", \"at\": \"2025-03-03\","
                + " \"points\": 5}, {\"type\": \"survey\", \"at\": \"2025-03-04\", \"score\": 9}],"
                + " \"then\": {\"refusals\": {\"x2\": \"INSUFFICIENT_POINTS\"}}}")).containsExactly(
                new Problem("s.json $.then.refusals.x2", "no when event has this id; when event ids: [x1, when-2]"));
    }

    @Test
    void a_refusal_of_the_last_when_event_expected_in_both_places_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"refusal\": \"none\","
                + " \"refusals\": {\"p1\": \"CURRENCY_MISMATCH\"}}}")).containsExactly(
                new Problem("s.json $.then.refusals.p1",
                        "the last when event's refusal is already expected by $.then.refusal"));
    }

    @Test
    void an_empty_refusals_object_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"refusals\": {}}}")).containsExactly(
                new Problem("s.json $.then.refusals",
                        "must map when event ids to refusal codes ({\"x1\": \"CODE\"}), was {}"));
    }

    @Test
    void a_blank_refusal_code_is_refused() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"refusals\": {\"p1\": \" \"}}}")).containsExactly(
                new Problem("s.json $.then.refusals.p1", "must be a refusal code, was \" \""));
    }

    @Test
    void a_when_event_of_another_member_is_refused_at_load_with_its_json_path() {
        assertThat(problems("{\"given\": {\"member\": \"m1\"}, \"when\": [{\"id\": \"p1\", \"member\": \"m2\","
                + " \"type\": \"purchase\", \"at\": \"2025-03-03T10:00:00Z\", \"amount\": \"120.50\"}],"
                + " \"then\": {\"pointsAwarded\": 120}}")).containsExactly(new Problem("s.json $.when[0].member",
                "must be the scenario's member \"m1\" (given.member), was \"m2\"; a scenario tests one member"));
    }

    @Test
    void an_event_time_written_as_a_number_is_refused_at_load_as_the_schema_refuses_it() {
        assertThat(problems("{\"when\": [{\"id\": \"p1\", \"type\": \"purchase\", \"at\": 20250303,"
                + " \"amount\": \"120.50\"}], \"then\": {\"pointsAwarded\": 120}}")).containsExactly(
                new Problem("s.json $.when[0].at", "must be a string (an instant, a local date-time or a date), was"
                        + " 20250303"));
    }

    @Test
    void an_event_id_of_a_no_break_space_is_refused_as_blank() {
        assertThat(problems("{\"when\": [{\"id\": \"\\u00a0\", \"type\": \"purchase\", \"at\": \"2025-03-03\","
                + " \"amount\": \"1\"}], \"then\": {\"pointsAwarded\": 1}}")).containsExactly(
                new Problem("s.json $.when[0].id", "must be a non-blank string or a whole number, was \"\u00a0\""));
    }

    @Test
    void an_integer_beyond_a_long_is_refused_naming_the_bounds() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"pointsAwarded\": 1e30}}")).containsExactly(
                new Problem("s.json $.then.pointsAwarded", "must be an integer from -9223372036854775808 to"
                        + " 9223372036854775807, was 1000000000000000000000000000000"));
    }

    @Test
    void a_blank_expected_posting_rule_is_refused_because_it_could_only_fail() {
        assertThat(problems("{" + WHEN + ", \"then\": {\"postings\": [{\"points\": 120, \"rule\": \"\"}]}}"))
                .containsExactly(new Problem("s.json $.then.postings[0].rule", "must not be blank (leave it out not"
                        + " to check the rule), was \"\""));
    }

    @Test
    void a_misspelt_cap_field_is_refused_with_the_allowed_fields_and_a_near_miss() {
        // a misspelt "withheld" ignored would leave the cap's withholding unchecked, the scenario still passing
        // (audit 13, SC3)
        assertThat(problems("{" + WHEN + ", \"then\": {\"caps\": [{\"cap\": \"two-a-day\", \"headroom\": 0,"
                + " \"witheld\": 999}]}}")).containsExactly(new Problem("s.json $.then.caps[0].witheld",
                        "unknown field; allowed: [cap, headroom, withheld]; did you mean \"withheld\"?"));
    }
}
