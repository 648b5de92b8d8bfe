package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * A failed scenario shows, after the postings, every other explanation of the {@code when} events' decisions with the
 * rule that concluded it and its file:line: the cap, the tier move, an award a cap withheld entirely (it has no
 * posting, so the cap's withheld total is the sum of what each award lost).
 */
class ScenarioReportRulesTest {

    private static final String PROGRAM = """
            {"id": "t", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
             "tiers": {"metric": "spend", "window": {"type": "CALENDAR_YEAR"},
                       "ladder": [{"id": "member", "threshold": "0"}, {"id": "gold", "threshold": "1000"}]},
             "risk": {"caps": [{"id": "daily-points", "period": "DAY", "measure": "POINTS", "limit": 1000}]}}
            """;

    private static final String BONUS = """
            package org.loyaltyrules.rules.earning;
            import org.loyaltyrules.rules.facts.*;
            rule "Purchases earn a fixed bonus"
                @intent("Surprise")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "bonus", 7 ) );
            end
            """;

    @Test
    void an_award_a_cap_withheld_entirely_shows_with_its_rule_next_to_the_cap_and_the_tier_move() {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM, "t.json"),
                Map.of("earning/bonus.drl", BONUS)));
        Scenario scenario = Scenario.parse("""
                {"when": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "1500.00"}],
                 "then": {"caps": [{"cap": "daily-points", "withheld": 500}]}}
                """, "s.json", "cap");

        ScenarioResult result = ScenarioRunner.of(engine).run(scenario);

        // base 1500 + bonus 7 = 1507 against a headroom of 1000: the bonus loses 7, base 500
        assertThat(result.report()).isEqualTo("""
                FAIL cap
                     s.json
                     caps
                       expected: [daily-points withheld 500]
                       actual:   [daily-points withheld 507]
                     what the when events did:
                       p1 EARN 1000 [rule "Purchases earn base points at the program rate" at standard:earning/base-earn.drl:9] base 1 per unit on eligible \
                1500.00 = 1500, 500 withheld by cap daily-points
                       p1 why: cap daily-points leaves 1000 of an award of 1507: 507 withheld [rule "Awards above a \
                cap's headroom are trimmed to the headroom" at standard:risk/caps.drl:8]
                       p1 why: bonus = 7, 7 withheld by cap daily-points [rule "Purchases earn a fixed bonus" at \
                program:earning/bonus.drl:3]
                       p1 why: upgraded member -> gold: spend 1500 in window reaches gold threshold 1000; valid until \
                2026-01-01 [rule "Members upgrade on the event that crosses a higher tier's threshold" at \
                standard:tier/upgrade.drl:8]
                """);
    }

    @Test
    void a_posting_the_engine_books_cites_its_rule_as_the_engines_and_its_explanation_prints_once() {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(PROGRAM, "t.json")));
        Scenario scenario = Scenario.parse("""
                {"given": {"events": [{"id": "p1", "type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "200.00"}]},
                 "when": [{"id": "x1", "type": "refund", "at": "2025-03-05T10:00:00Z", "original": "p1", "amount": "120.00"}],
                 "then": {"pointsAvailable": 0}}
                """, "s.json", "refund");

        ScenarioResult result = ScenarioRunner.of(engine).run(scenario);

        // the clawback's posting and its rule's explanation are one line, the rule cited as loyalty explain cites it
        assertThat(result.explanations()).containsExactly("x1 CLAWBACK -120 [rule \"Refunds claw back points and"
                + " growth in proportion\", engine] refund of 120.00 USD of purchase p1 (200.00 USD) claws back 120 of"
                + " 200 points and growth spend 120.00 of 200.00");
    }
}
