package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.io.EventReader;
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
                "when-1 EARN 10 [rule \"Purchases earn base points at the program rate\" at standard:earning/base-earn.drl:9] base 1 per unit on eligible 10.99 = 10",
                "when-1 EARN 5 [rule \"Tier members earn their tier bonus on base points\" at standard:earning/tier-bonus.drl:7] gold tier bonus 50% of base 10 = 5");
    }

    @Test
    void balances_status_and_risk_flags_expected_wrongly_fail_the_scenario_with_expected_and_actual() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"pointsAvailable": 11, "pointsPending": 1, "status": "UNDER_REVIEW",
                          "riskFlags": ["VELOCITY"]}}
                """, "s.json", "balances");

        ScenarioResult result = runner.run(scenario);

        // 10 points, available at once (no pending days), the member active, no risk flag
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(
                new Check("pointsAvailable", "11", "10"),
                new Check("pointsPending", "1", "0"),
                new Check("status", "UNDER_REVIEW", "ACTIVE"),
                new Check("riskFlags", "[VELOCITY]", "[]"));
        assertThat(result.checks()).noneMatch(Check::passed);
    }

    @Test
    void risk_flags_are_compared_in_order_with_repeats() {
        // two detractor answers (3, then 2) each raise DETRACTOR_FOLLOW_UP: the flags are a list, not a set, so
        // expecting one flag where two are raised fails (audit 13, SN1: compared as a set, it passed)
        String surveys = """
                "when": [{"id": "s1", "type": "survey", "at": "2025-03-03T10:00:00Z", "score": 3},
                         {"id": "s2", "type": "survey", "at": "2025-03-04T10:00:00Z", "score": 2}]""";
        Scenario once = Scenario.parse("{" + surveys + ", \"then\": {\"riskFlags\": [\"DETRACTOR_FOLLOW_UP\"]}}",
                "s.json", "once");
        Scenario twice = Scenario.parse("{" + surveys + ", \"then\": {\"riskFlags\": [\"DETRACTOR_FOLLOW_UP\","
                + " \"DETRACTOR_FOLLOW_UP\"]}}", "s.json", "twice");

        ScenarioResult onceResult = runner.run(once);
        ScenarioResult twiceResult = runner.run(twice);

        assertThat(onceResult.passed()).isFalse();
        assertThat(onceResult.checks()).containsExactly(new Check("riskFlags", "[DETRACTOR_FOLLOW_UP]",
                "[DETRACTOR_FOLLOW_UP, DETRACTOR_FOLLOW_UP]"));
        assertThat(twiceResult.passed()).isTrue();
    }

    @Test
    void a_benefit_outcome_expected_wrongly_fails_the_scenario_with_expected_and_actual() {
        ScenarioRunner withGift = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM.replace(
                "\"risk\"", "\"benefits\": [{\"id\": \"gift\", \"name\": \"Gift\", \"tiers\": [\"member\"], \"quota\": 1,"
                        + " \"period\": \"YEAR\"}], \"risk\""), "t.json"))));
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "benefit_claim", "at": "2025-03-03T10:00:00Z", "benefit": "gift"}],
                 "then": {"benefits": [{"benefit": "gift", "outcome": "REFUSED"}]}}
                """, "s.json", "gift");

        ScenarioResult result = withGift.run(scenario);

        // the first claim of a quota of 1 a year is granted
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(new Check("benefits", "[gift REFUSED]", "[gift GRANTED]"));
    }

    @Test
    void a_cap_headroom_expected_wrongly_fails_the_scenario_with_expected_and_actual() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "150.00"}],
                 "then": {"caps": [{"cap": "daily-points", "headroom": 90}]}}
                """, "s.json", "headroom");

        ScenarioResult result = runner.run(scenario);

        // the day's cap of 100 is untouched before the purchase: headroom 100, 50 withheld
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(
                new Check("caps", "[daily-points headroom 90]", "[daily-points headroom 100]"));
    }

    @Test
    void growth_is_checked_in_the_current_window_only() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2024-12-31T10:00:00Z", "amount": "10.00"},
                          {"type": "purchase", "at": "2025-01-02T10:00:00Z", "amount": "20.00"}],
                 "then": {"growth": "20"}}
                """, "s.json", "window");

        ScenarioResult result = runner.run(scenario);

        // a calendar-year window: the 10.00 of 2024 is not in 2025's growth
        assertThat(result.passed()).isTrue();
        assertThat(result.checks()).containsExactly(new Check("growth (spend in the current window)", "20", "20"));
    }

    @Test
    void a_given_complaints_attribute_the_layering_cannot_read_fails_the_scenario_at_its_path() {
        // it failed at the first event as a stored state's ("event p1: the state of member ... holds attribute
        // complaints 'many'"), not where the scenario file has it (adv16 F5)
        ScenarioRunner layered = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM.replace(
                "\"risk\"", "\"insight\": {\"layering\": {\"weights\": {\"annualSpend\": \"1\"}, \"deductions\":"
                        + " {\"complaints\": \"5\"}, \"layers\": [{\"name\": \"core\", \"minScore\": \"0\"}]}},"
                        + " \"risk\""), "t.json"))));
        Scenario scenario = Scenario.parse("""
                {"given": {"attributes": {"complaints": "many"}},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.00"}],
                 "then": {"pointsAwarded": 10}}
                """, "s.json", "complaints");

        ScenarioResult result = layered.run(scenario);

        assertThat(result.passed()).isFalse();
        assertThat(result.error()).isEqualTo("s.json $.given.attributes: INVALID_ATTRIBUTE enrollment"
                + " given-attributes sets attribute complaints to 'many'; insight.layering deducts 5 of the layer"
                + " score per complaint, so it must be a whole number from 0 to 9223372036854775807");
        assertThat(layered.run(Scenario.parse("""
                {"given": {"attributes": {"complaints": "2"}},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.00"}],
                 "then": {"pointsAwarded": 10}}
                """, "s.json", "complaints")).passed()).isTrue();
    }

    @Test
    void a_bad_event_fails_the_scenario_with_its_location() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "ten"}],
                 "then": {"pointsAwarded": 10}}
                """, "s.json", "bad");

        ScenarioResult result = runner.run(scenario);

        assertThat(result.passed()).isFalse();
        assertThat(result.error()).isEqualTo("s.json $.when[0].amount: must be a decimal number, was \"ten\"");
    }

    @Test
    void an_unknown_expectation_is_refused_with_its_json_path() {
        ProgramException e = catchThrowableOfType(() -> Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03", "amount": "1.00"}], "then": {"points": 1}}
                """, "s.json", "x"), ProgramException.class);

        assertThat(e.problems()).containsExactly(new Problem("s.json $.then.points", "unknown field; allowed: [asOf,"
                + " benefits, caps, growth, pointsAvailable, pointsAwarded, pointsPending, postings, refusal,"
                + " refusals, riskFlags, status, tier]"));
    }

    @Test
    void an_unknown_expectation_near_a_known_one_is_named_as_what_was_probably_meant() {
        ProgramException e = catchThrowableOfType(() -> Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03", "amount": "1.00"}], "then": {"pointsAwared": 1}}
                """, "s.json", "x"), ProgramException.class);

        assertThat(e.problems()).containsExactly(new Problem("s.json $.then.pointsAwared", "unknown field; allowed:"
                + " [asOf, benefits, caps, growth, pointsAvailable, pointsAwarded, pointsPending, postings, refusal,"
                + " refusals, riskFlags, status, tier]; did you mean \"pointsAwarded\"?"));
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

    @Test
    void an_as_of_before_a_when_event_fails_the_scenario_naming_the_event() {
        // given: time would have to run backwards from the purchase to asOf
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}],
                 "then": {"asOf": "2025-01-01", "pointsAvailable": 120}}
                """, "s.json", "early");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).isEmpty();
        assertThat(result.error()).isEqualTo("s.json $.then.asOf: must not be before when event p1"
                + " (2025-03-03T10:00:00Z), was 2025-01-01T23:59:59.999999999Z");
    }

    @Test
    void an_as_of_date_is_the_end_of_that_day_as_the_command_line_reads_it() {
        // given: a purchase at 10:00 on 3 March; asOf "2025-03-03" is that day's last instant, after the purchase
        Scenario date = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "50.00"}],
                 "then": {"asOf": "2025-03-03", "pointsAvailable": 50}}
                """, "s.json", "date");
        Scenario basicDate = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "50.00"}],
                 "then": {"asOf": "20250303", "pointsAvailable": 50}}
                """, "s.json", "basic date");

        // when
        ScenarioResult result = runner.run(date);
        ScenarioResult basic = runner.run(basicDate);

        // then: time passed to 23:59:59.999999999 of that day in the program's zone (UTC here), not to its midnight
        assertThat(result.error()).isNull();
        assertThat(result.checks()).containsExactly(new Check("pointsAvailable", "50", "50"));
        assertThat(basic.error()).isNull();
        assertThat(basic.checks()).containsExactly(new Check("pointsAvailable", "50", "50"));
        assertThat(EventReader.asOf("2025-03-03", ZoneId.of("America/St_Johns")))
                .isEqualTo(Instant.parse("2025-03-04T03:29:59.999999999Z"));
    }

    @Test
    void an_as_of_date_is_the_end_of_that_day_in_a_zone_east_of_utc() {
        // given: the program in Asia/Shanghai (UTC+8); a purchase at 10:00 local on 3 March is 02:00Z, and asOf
        // "2025-03-03" is 23:59:59.999999999 of that day there, 15:59:59.999999999Z (taken in UTC, the date of the
        // instant would be the day before, and asOf before the purchase)
        ScenarioRunner shanghai = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse(
                PROGRAM.replace("\"zone\": \"UTC\"", "\"zone\": \"Asia/Shanghai\""), "t.json"))));
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00", "amount": "50.00"}],
                 "then": {"asOf": "2025-03-03", "pointsAvailable": 50}}
                """, "s.json", "east");

        // when
        ScenarioResult result = shanghai.run(scenario);

        // then
        assertThat(result.error()).isNull();
        assertThat(result.checks()).containsExactly(new Check("pointsAvailable", "50", "50"));
        assertThat(EventReader.asOf("2025-03-03", ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2025-03-03T15:59:59.999999999Z"));
    }

    @Test
    void an_as_of_at_the_last_when_event_is_allowed() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "50.00"}],
                 "then": {"asOf": "2025-03-03T10:00:00Z", "pointsAvailable": 50}}
                """, "s.json", "same instant");

        ScenarioResult result = runner.run(scenario);

        assertThat(result.error()).isNull();
        assertThat(result.checks()).containsExactly(new Check("pointsAvailable", "50", "50"));
    }

    @Test
    void a_refusal_of_a_when_event_before_the_last_fails_the_scenario_with_its_code_and_detail() {
        // given: a redemption with no points, then a purchase; only the purchase is expected
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "x1", "type": "redemption", "at": "2025-03-03T09:00:00Z", "points": 500},
                          {"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "50.00"}],
                 "then": {"pointsAwarded": 50}}
                """, "s.json", "midrefusal");

        // when
        ScenarioResult result = runner.run(scenario);

        // then: the purchase as expected, and the refusal nobody expected
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(
                new Check("pointsAwarded", "50", "50"),
                new Check("refusal of x1 (not expected)", "none", "INSUFFICIENT_POINTS: requested 500, available 0"));
        assertThat(result.report()).isEqualTo("""
                FAIL midrefusal
                     s.json
                     refusal of x1 (not expected)
                       expected: none
                       actual:   INSUFFICIENT_POINTS: requested 500, available 0
                     what the when events did:
                       x1 refused: INSUFFICIENT_POINTS requested 500, available 0
                       p1 EARN 50 [rule "Purchases earn base points at the program rate" at standard:earning/base-earn.drl:9] base 1 per unit on eligible 50.00 = 50
                """);
    }

    @Test
    void a_failure_shows_what_time_passing_to_as_of_did_after_the_when_events() {
        // given points that expire 30 days after they are earned, and a check 60 days on that forgot the expiry
        ScenarioRunner expiring = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM.replace(
                "\"zone\": \"UTC\",", "\"zone\": \"UTC\", \"expiry\": {\"policy\": \"FIXED_DAYS\", \"days\": 30},"),
                "t.json"))));
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "50.00"}],
                 "then": {"asOf": "2025-05-02", "pointsAvailable": 50,
                          "postings": [{"type": "EARN", "points": 50}]}}
                """, "s.json", "expired");

        // when
        ScenarioResult result = expiring.run(scenario);

        // then the postings check holds (it reads the when events), and the report shows the expiry of asOf
        assertThat(result.checks()).containsExactly(new Check("pointsAvailable", "50", "0"),
                new Check("postings", "[EARN 50]", "[EARN 50]"));
        assertThat(result.report()).isEqualTo("""
                FAIL expired
                     s.json
                     pointsAvailable
                       expected: 50
                       actual:   0
                     what the when events and asOf did:
                       p1 EARN 50 [rule "Purchases earn base points at the program rate" at standard:earning/base-earn.drl:9] base 1 per unit on eligible 50.00 = 50
                       asOf EXPIRE -50 50 points earned 2025-03-03 expired
                       asOf why: review on 2025-05-02: member kept; the base tier has no end, so no review was due [rule "Tier reviews run when status lapses", engine]
                """);
    }

    @Test
    void a_refusal_of_the_last_when_event_fails_the_scenario_when_it_is_not_expected() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "x1", "type": "redemption", "at": "2025-03-03T09:00:00Z", "points": 500}],
                 "then": {"pointsAvailable": 0}}
                """, "s.json", "last refused");

        ScenarioResult result = runner.run(scenario);

        assertThat(result.checks()).containsExactly(
                new Check("pointsAvailable", "0", "0"),
                new Check("refusal of x1 (not expected)", "none", "INSUFFICIENT_POINTS: requested 500, available 0"));
    }

    @Test
    void a_refusal_expected_by_event_id_passes() {
        // given
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "x1", "type": "redemption", "at": "2025-03-03T09:00:00Z", "points": 500},
                          {"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "50.00"}],
                 "then": {"pointsAwarded": 50, "refusals": {"x1": "INSUFFICIENT_POINTS"}}}
                """, "s.json", "expected");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.checks()).containsExactly(
                new Check("pointsAwarded", "50", "50"),
                new Check("refusal of x1", "INSUFFICIENT_POINTS", "INSUFFICIENT_POINTS"));
        assertThat(result.passed()).isTrue();
    }

    @Test
    void a_refusal_expected_of_an_applied_when_event_fails() {
        // given: the purchase without an id is when-1, and it is applied
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T09:00:00Z", "amount": "50.00"},
                          {"id": "p2", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "5.00"}],
                 "then": {"refusals": {"when-1": "INSUFFICIENT_POINTS"}}}
                """, "s.json", "applied");

        // when
        ScenarioResult result = runner.run(scenario);

        // then
        assertThat(result.checks()).containsExactly(new Check("refusal of when-1", "INSUFFICIENT_POINTS", "none"));
        assertThat(result.passed()).isFalse();
    }

    @Test
    void a_wrong_tier_fails_with_expected_and_actual() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"tier": "gold"}}
                """, "s.json", "tier");

        ScenarioResult result = runner.run(scenario);

        // gold is not reachable by spend: the member stays on the base tier
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(new Check("tier", "gold", "member"));
    }

    @Test
    void a_wrong_posting_rule_fails_with_expected_and_actual() {
        // given: the two postings' rules written the wrong way round
        Scenario scenario = Scenario.parse("""
                {"given": {"tier": "gold"},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"postings": [
                     {"type": "EARN", "points": 10, "rule": "Tier members earn their tier bonus on base points"},
                     {"type": "EARN", "points": 5, "rule": "Purchases earn base points at the program rate"}]}}
                """, "s.json", "rule");

        // when
        ScenarioResult result = runner.run(scenario);

        // then: base 10 comes from the base rule, the 5 of bonus (50 % of 10) from the tier bonus rule
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(new Check("postings",
                "[EARN 10 Tier members earn their tier bonus on base points,"
                        + " EARN 5 Purchases earn base points at the program rate]",
                "[EARN 10 Purchases earn base points at the program rate,"
                        + " EARN 5 Tier members earn their tier bonus on base points]"));
    }

    @Test
    void a_wrong_posting_type_fails_with_expected_and_actual() {
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"postings": [{"type": "REDEEM", "points": 10}]}}
                """, "s.json", "type");

        ScenarioResult result = runner.run(scenario);

        // a purchase earns: its posting is EARN, whatever its points
        assertThat(result.passed()).isFalse();
        assertThat(result.checks()).containsExactly(new Check("postings", "[REDEEM 10]", "[EARN 10]"));
    }

    @Test
    void a_given_tier_holds_with_given_events() {
        // given: a manual gold tier and a history before the when event
        Scenario scenario = Scenario.parse("""
                {"given": {"tier": "gold",
                           "events": [{"id": "p0", "type": "purchase", "at": "2025-02-01T10:00:00Z", "amount": "10.00"}]},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"pointsAwarded": 15, "tier": "gold"}}
                """, "s.json", "tier and events");

        // when
        ScenarioResult result = runner.run(scenario);

        // then: still gold after the given events, so base 10 + 50 % gold bonus 5 = 15 (a member would earn 10)
        assertThat(result.checks()).containsExactly(new Check("pointsAwarded", "15", "15"),
                new Check("tier", "gold", "gold"));
        assertThat(result.passed()).isTrue();
    }

    private static final String VIP_EXTRA = """
            package org.loyaltyrules.rules.earning;
            import org.loyaltyrules.rules.facts.*;
            rule "Tagged vip members earn 7 extra"
                @intent("Reward members tagged vip")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
                Member( hasTag("vip") )
            then
                insert( PointsAward.fixed( $event, "vip extra", 7 ) );
            end
            """;

    @Test
    void given_tags_reach_the_rules() {
        // given: a rule that reads the tag vip
        ScenarioRunner vip = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM, "t.json"),
                Map.of("earning/vip-extra.drl", VIP_EXTRA))));
        Scenario scenario = Scenario.parse("""
                {"given": {"tags": ["vip"]},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"pointsAwarded": 17}}
                """, "s.json", "tags");

        // when
        ScenarioResult result = vip.run(scenario);

        // then: base 10 + 7 for the tag (10 without it)
        assertThat(result.checks()).containsExactly(new Check("pointsAwarded", "17", "17"));
        assertThat(result.passed()).isTrue();
    }

    private static final String SCORE_EXTRA = """
            package org.loyaltyrules.rules.earning;
            import org.loyaltyrules.rules.facts.*;
            rule "Members with a score of 1000 earn 3 extra"
                @intent("Reward members with a high score")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
                Member( number("score") != null, number("score") >= 1000 )
            then
                insert( PointsAward.fixed( $event, "score extra", 3 ) );
            end
            """;

    @Test
    void given_attributes_reach_the_rules() {
        // given: a rule that reads the attribute score
        ScenarioRunner scored = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM,
                "t.json"), Map.of("earning/score-extra.drl", SCORE_EXTRA))));
        Scenario scenario = Scenario.parse("""
                {"given": {"attributes": {"score": "1000"}},
                 "when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"pointsAwarded": 13}}
                """, "s.json", "attributes");

        // when
        ScenarioResult result = scored.run(scenario);

        // then: base 10 + 3 for the score (10 without it)
        assertThat(result.checks()).containsExactly(new Check("pointsAwarded", "13", "13"));
        assertThat(result.passed()).isTrue();
    }

    @Test
    void postings_are_checked_with_their_sign_in_the_order_of_the_when_events() {
        // given: 100 points from the given purchase, then a redemption of 40 before a purchase of 10.99
        Scenario scenario = Scenario.parse("""
                {"given": {"events": [{"id": "p0", "type": "purchase", "at": "2025-03-01T10:00:00Z", "amount": "100.00"}]},
                 "when": [{"id": "x1", "type": "redemption", "at": "2025-03-03T10:00:00Z", "points": 40, "reward": "mug"},
                          {"id": "p1", "type": "purchase", "at": "2025-03-04T10:00:00Z", "amount": "10.99"}],
                 "then": {"postings": [{"type": "REDEEM", "points": -40}, {"type": "EARN", "points": 10}]}}
                """, "s.json", "redeem then earn");

        // when
        ScenarioResult result = runner.run(scenario);

        // then: a redemption posts negative points, and x1's posting comes before p1's
        assertThat(result.checks()).containsExactly(
                new Check("postings", "[REDEEM -40, EARN 10]", "[REDEEM -40, EARN 10]"));
        assertThat(result.passed()).isTrue();
    }

    @Test
    void pending_points_are_not_counted_as_available() {
        // given: points pending for 14 days
        ScenarioRunner pending = ScenarioRunner.of(LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM.replace(
                "\"zone\": \"UTC\",", "\"zone\": \"UTC\", \"pendingDays\": 14,"), "t.json"))));
        Scenario scenario = Scenario.parse("""
                {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
                 "then": {"pointsAvailable": 0, "pointsPending": 10, "postings": [{"type": "EARN", "points": 10}]}}
                """, "s.json", "pending");

        // when
        ScenarioResult result = pending.run(scenario);

        // then: the 10 earned are pending until 17 March, none available yet
        assertThat(result.checks()).containsExactly(new Check("pointsAvailable", "0", "0"),
                new Check("pointsPending", "10", "10"), new Check("postings", "[EARN 10]", "[EARN 10]"));
        assertThat(result.passed()).isTrue();
    }
}
