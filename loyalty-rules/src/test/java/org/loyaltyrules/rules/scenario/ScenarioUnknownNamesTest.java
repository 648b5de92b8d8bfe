package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * An expectation that names a tier, cap, benefit, rule, refusal code or risk flag the program cannot have could only
 * fail, showing a diff that hides the typo: the scenario fails with an error at the name's JSON path, listing the
 * names the program has.
 */
class ScenarioUnknownNamesTest {

    private static final String PROGRAM = """
            {"id": "t", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
             "tiers": {"metric": "spend", "window": {"type": "CALENDAR_YEAR"},
                       "ladder": [{"id": "member", "threshold": "0"}, {"id": "gold", "threshold": "1000"}]},
             "risk": {"caps": [{"id": "daily-points", "period": "DAY", "measure": "POINTS", "limit": 100}]},
             "benefits": [{"id": "free-delivery", "name": "Free delivery", "tiers": ["gold"], "quota": 2,
                           "period": "MONTH", "cost": "6.00"}]}
            """;

    private static final String VOUCHER = """
            package org.loyaltyrules.rules.benefit;
            import org.loyaltyrules.rules.facts.*;
            rule "Detractors receive an apology voucher"
                @intent("Close the loop")
                ruleflow-group "benefit"
            when
                SurveyAnswer( category == "DETRACTOR" )
            then
                insert( BenefitGrant.unlocked( "apology-voucher", "apology voucher" ) );
            end
            """;

    private final LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM, "t.json"),
            Map.of("benefit/apology-voucher.drl", VOUCHER)));
    private final ScenarioRunner runner = ScenarioRunner.of(engine);

    private ScenarioResult run(String then) {
        return runner.run(Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}],
                 "then": %s}
                """.formatted(then), "s.json", "s"));
    }

    @Test
    void an_expected_tier_not_in_the_ladder_is_an_error_listing_the_tiers() {
        ScenarioResult result = run("{\"tier\": \"bronze\"}");

        assertThat(result.checks()).isEmpty();
        assertThat(result.error()).isEqualTo("s.json $.then.tier: must be a tier of the ladder, one of [member, gold],"
                + " was \"bronze\"");
    }

    @Test
    void a_given_tier_not_in_the_ladder_is_an_error_at_given_tier_not_a_refused_given_tier_event() {
        ScenarioResult result = runner.run(Scenario.parse("""
                {"given": {"tier": "glod"},
                 "when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "120.50"}],
                 "then": {"pointsAwarded": 120}}
                """, "s.json", "s"));

        assertThat(result.error()).isEqualTo("s.json $.given.tier: must be a tier of the ladder, one of"
                + " [member, gold], was \"glod\"; did you mean \"gold\"?");
    }

    @Test
    void unknown_cap_benefit_and_risk_flag_are_each_an_error_at_their_path() {
        ScenarioResult result = run("{\"caps\": [{\"cap\": \"daily-point\"}], \"benefits\": [{\"benefit\":"
                + " \"free-delivry\", \"outcome\": \"GRANTED\"}], \"riskFlags\": [\"REFUND_RATO\"]}");

        assertThat(result.error()).isEqualTo(String.join("; ",
                "s.json $.then.caps[0].cap: must be a cap of program.json risk.caps, one of [daily-points], was"
                        + " \"daily-point\"; did you mean \"daily-points\"?",
                "s.json $.then.benefits[0].benefit: must be a benefit of program.json, of a rule or of a claim, one of"
                        + " [free-delivery, apology-voucher], was \"free-delivry\"; did you mean \"free-delivery\"?",
                "s.json $.then.riskFlags[0]: must be a risk flag code the rules conclude, one of [DETRACTOR_FOLLOW_UP,"
                        + " IDENTICAL_BASKETS, REFUND_RATIO, VELOCITY], was \"REFUND_RATO\"; did you mean"
                        + " \"REFUND_RATIO\"?"));
    }

    @Test
    void a_benefit_a_rule_concludes_by_name_or_a_when_event_claims_is_a_name_the_program_can_have() {
        ScenarioResult concluded = run("{\"benefits\": [{\"benefit\": \"apology-voucher\","
                + " \"outcome\": \"UNLOCKED\"}]}");
        ScenarioResult claimed = runner.run(Scenario.parse("""
                {"when": [{"id": "c1", "type": "benefit_claim", "at": "2025-03-03T10:00:00Z", "benefit": "spa"}],
                 "then": {"benefits": [{"benefit": "spa", "outcome": "REFUSED"}], "refusal": "BENEFIT_REFUSED"}}
                """, "s.json", "s"));

        assertThat(concluded.error()).isNull();
        assertThat(claimed.error()).isNull();
    }

    @Test
    void a_posting_rule_that_is_no_rule_of_the_pack_nor_an_engine_posting_is_an_error() {
        ScenarioResult result = run("{\"postings\": [{\"points\": 120, \"rule\":"
                + " \"Purchases earn base points at the programme rate\"}]}");

        assertThat(result.error()).startsWith("s.json $.then.postings[0].rule: must be a rule of the pack or a posting"
                + " rule of the engine, one of [")
                .contains("Purchases earn base points at the program rate")
                .contains("Redemptions spend available points, soonest-expiring first")
                .endsWith("], was \"Purchases earn base points at the programme rate\"; did you mean \"Purchases earn"
                        + " base points at the program rate\"?");
    }

    @Test
    void a_refusal_code_the_engine_never_gives_is_an_error_listing_its_codes() {
        ScenarioResult result = runner.run(Scenario.parse("""
                {"when": [{"id": "x1", "type": "redemption", "at": "2025-03-03T10:00:00Z", "points": 500}],
                 "then": {"refusal": "INSUFICIENT_POINTS"}}
                """, "s.json", "s"));

        assertThat(result.error()).startsWith("s.json $.then.refusal: must be \"none\", DUPLICATE or a refusal code of"
                + " the engine, one of [none, DUPLICATE, ALREADY_REFUNDED, ALREADY_REVERSED, BENEFIT_REFUSED, ")
                .endsWith(", was \"INSUFICIENT_POINTS\"; did you mean \"INSUFFICIENT_POINTS\"?");
    }

    @Test
    void the_program_names_list_the_engine_codes_and_rules() {
        assertThat(engine.names().refusalCodes()).contains("INSUFFICIENT_POINTS", "OUT_OF_ORDER", "UNPRICED_PLAN")
                .isSorted();
        assertThat(engine.names().postingRules())
                .contains("Staff adjustments", "Detractors receive an apology voucher");
        assertThat(engine.names().benefits()).containsExactly("free-delivery", "apology-voucher");
    }
}
