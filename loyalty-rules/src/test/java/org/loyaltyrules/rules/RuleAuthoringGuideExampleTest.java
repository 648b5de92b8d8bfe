package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.ProgramJson;

/** The new-rule example of docs/rule-authoring.md, written and tested the way the guide says. */
class RuleAuthoringGuideExampleTest {

    /** Verbatim from docs/rule-authoring.md ("A new rule"). */
    static final String EMPLOYEES_EARN_NOTHING = """
            // Employees: members tagged "employee" earn no points on their purchases; their spend still counts as
            // growth. Reads no program.json key: the tag is part of the member's state (MemberState.tags).
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Members tagged 'employee' earn no points"
                @intent("Staff get a discount, not points, so their purchases are never rewarded")
                ruleflow-group "earning"
            when
                Member( hasTag("employee"), $member : memberId )
                EligiblePurchase( $event : eventId, $amount : eligibleAmount )
            then
                insert( new EarningBlocked( $event, "member " + $member + " is an employee" ) );
            end
            """;

    /** Verbatim from docs/rule-authoring.md ("A new rule"). */
    private static final String PROGRAM_JSON = """
            {"id": "shop", "version": "1", "earning": {"baseRate": "1"},
             "tiers": {"metric": "spend", "ladder": [{"id": "member"}, {"id": "silver", "threshold": "500"}]}}
            """;

    private final LoyaltyEngine engine = LoyaltyEngine.create(Program.of(
            ProgramJson.parse(PROGRAM_JSON, "program.json"),
            Map.of("earning/employees-earn-nothing.drl", EMPLOYEES_EARN_NOTHING)));
    private final Purchase purchase = Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"),
            Money.of("120.00", "USD"));

    @Test
    void members_tagged_employee_earn_no_points_and_the_explanation_names_the_rule() {
        // given
        MemberState employee = engine.newMember("m1", Instant.parse("2025-01-01T00:00:00Z"))
                .withTags(Set.of("employee"));

        // when
        Decision decision = engine.apply(employee, purchase);

        // then
        assertThat(decision.pointsAwarded()).isZero();
        assertThat(decision.state().growth().lifetime("spend")).isEqualByComparingTo("120.00");
        assertThat(decision.explanations().get(0)).isEqualTo(new Explanation(
                "Members tagged 'employee' earn no points", "program:earning/employees-earn-nothing.drl", 7,
                "Staff get a discount, not points, so their purchases are never rewarded",
                Map.of("$member", "m1", "$event", "p1", "$amount", "120.00"),
                "member m1 is an employee: no points"));
        // the award the block withheld is shown with its own rule
        assertThat(decision.explanations()).extracting(Explanation::sentence).containsExactly(
                "member m1 is an employee: no points",
                "withheld: base 1 per unit on eligible 120.00, because member m1 is an employee");
        assertThat(decision.explanations().get(0).location()).isEqualTo("program:earning/employees-earn-nothing.drl:7");
    }

    @Test
    void members_without_the_tag_earn_as_before() {
        Decision decision = engine.apply(null, purchase);

        assertThat(decision.pointsAwarded()).isEqualTo(120L);
        assertThat(decision.explanations().get(0).rule()).isEqualTo("Purchases earn base points at the program rate");
    }

    @Test
    void against_retail_basic_the_purchase_counts_as_its_ladder_metric_growth_not_as_spend() {
        // retail-basic ranks tiers on "growth" (1 per USD), so the member's growth tracks that metric only
        Program retailBasic = Program.load(java.nio.file.Path.of("../loyalty-examples/programs/retail-basic"));
        LoyaltyEngine withRule = LoyaltyEngine.create(Program.of(retailBasic.settings(),
                Map.of("earning/employees-earn-nothing.drl", EMPLOYEES_EARN_NOTHING)));
        MemberState employee = withRule.newMember("m1", Instant.parse("2025-01-01T00:00:00Z"))
                .withTags(Set.of("employee"));

        Decision decision = withRule.apply(employee, purchase);

        assertThat(decision.pointsAwarded()).isZero();
        assertThat(decision.state().growth().lifetime("growth")).isEqualByComparingTo("120");
        assertThat(decision.state().growth().lifetime("spend")).isEqualByComparingTo("0");
    }
}
