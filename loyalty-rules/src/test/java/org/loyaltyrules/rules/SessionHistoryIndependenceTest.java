package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.line;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;

/**
 * BRIEF section 3: the same program, state and event give the same decision, byte for byte, whatever the pooled
 * Drools session evaluated before. A new session takes the standing settings facts (exclusions, line bonuses) into a
 * rule's network only when that rule first meets a basket line, and then Drools made the matches exclusion by
 * exclusion; a session that had done so made them line by line. The first decision listed line 1's exclusion
 * before line 0's, every later one line 0's first (found by an audit comparing the JDBC store and Kafka with
 * apply in memory: the same event, decided by different sessions, gave explanations in another order). Each line
 * bonus is also explained with the inputs of its own line: both carried those of the rule's first award ($index 3
 * beside "category bags x2", which is line 2).
 */
class SessionHistoryIndependenceTest {

    private static final String SETTINGS = """
            "exclusions": {"categories": ["tobacco", "shop_card"]},
            "lineBonuses": [{"category": "shoes", "multiplier": "3"}, {"category": "bags", "multiplier": "2"}]""";

    /** A rule that fires on the settings alone, so this program's sessions cannot keep them standing. */
    private static final Map<String, String> SETTINGS_ALONE_FIRE = Map.of("rules/earning/tobacco-notice.drl", """
            package org.loyaltyrules.rules.custom;

            import org.loyaltyrules.rules.facts.*;

            rule "The program excludes tobacco"
                @intent("Fires on the program's settings alone")
                ruleflow-group "earning"
            when
                Exclusion( value == "tobacco" )
            then
                // nothing to conclude
            end
            """);

    // lines 0 and 1 excluded (shop_card, tobacco: the reverse of the settings' order), 2 and 3 with a bonus
    private static final Purchase BASKET = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "360.00"),
            line("S1", "shop_card", "100.00"), line("T1", "tobacco", "120.00"), line("B1", "bags", "80.00"),
            line("H1", "shoes", "60.00"));

    private static final List<String> EXPECTED = List.of(
            "Lines of an excluded category earn nothing #0: category shop_card is excluded: line 0 (100.00 USD) earns nothing",
            "Lines of an excluded category earn nothing #1: category tobacco is excluded: line 1 (120.00 USD) earns nothing",
            "Purchases earn base points at the program rate #null: base 1 per unit on eligible 140.00 = 140",
            "Lines of a chosen category earn the category multiplier #2: category bags x2 100% of base 80 = 80",
            "Lines of a chosen category earn the category multiplier #3: category shoes x3 200% of base 60 = 120",
            "postings EARN 140, EARN 80, EARN 120");

    @Test
    void a_new_session_records_the_matches_of_one_rule_in_the_order_a_used_one_does() {
        LoyaltyEngine engine = engine(retail(SETTINGS, ""));

        // the first evaluation runs in a new session, the later ones in the session it left
        assertThat(decide(engine)).containsExactlyElementsOf(EXPECTED);
        assertThat(decide(engine)).containsExactlyElementsOf(EXPECTED);
        assertThat(decide(engine)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void settings_inserted_for_each_evaluation_give_the_order_standing_settings_give() {
        LoyaltyEngine engine = engine(retail(SETTINGS, ""), SETTINGS_ALONE_FIRE);

        assertThat(decide(engine)).containsExactlyElementsOf(EXPECTED);
        assertThat(decide(engine)).containsExactlyElementsOf(EXPECTED);
    }

    /** A rule of a higher salience that answers each line award: Drools fires it between the line awards. */
    private static final Map<String, String> REACTING = Map.of("rules/earning/react.drl", """
            package org.loyaltyrules.rules.custom;

            import org.loyaltyrules.rules.facts.*;

            rule "Each line award is thanked with a point"
                @intent("Answers every line award, at a higher salience than the rule that concludes it")
                ruleflow-group "earning"
                salience 100
            when
                PointsAward( kind == "line", $index : lineIndex, $event : eventId )
            then
                insert( PointsAward.fixed( $event, "thanks for line " + $index, 1 ) );
            end
            """);

    @Test
    void a_rule_answering_each_award_of_another_keeps_both_rules_awards_in_line_order() {
        // the answers fall between the line awards, so no two awards of one rule were next to each other and the
        // first decision took line 3's award first, a used session line 2's (found by an adversarial audit: under
        // MULTIPLICATIVE stacking with PER_AWARD rounding that moved the total by a point)
        LoyaltyEngine engine = engine(retail(SETTINGS, ""), REACTING);
        List<String> expected = List.of(
                "Lines of an excluded category earn nothing #0: category shop_card is excluded: line 0 (100.00 USD) earns nothing",
                "Lines of an excluded category earn nothing #1: category tobacco is excluded: line 1 (120.00 USD) earns nothing",
                "Purchases earn base points at the program rate #null: base 1 per unit on eligible 140.00 = 140",
                "Lines of a chosen category earn the category multiplier #2: category bags x2 100% of base 80 = 80",
                "Lines of a chosen category earn the category multiplier #3: category shoes x3 200% of base 60 = 120",
                "Each line award is thanked with a point #2: thanks for line 2 = 1",
                "Each line award is thanked with a point #3: thanks for line 3 = 1",
                "postings EARN 140, EARN 80, EARN 120, EARN 1, EARN 1");

        assertThat(decide(engine)).containsExactlyElementsOf(expected);
        assertThat(decide(engine)).containsExactlyElementsOf(expected);
        assertThat(decide(engine(retail(SETTINGS, ""), REACTING))).containsExactlyElementsOf(expected);
    }

    /** The decision's explanations (rule, the line it read, sentence) and its postings, in their order. */
    private static List<String> decide(LoyaltyEngine engine) {
        Decision decision = engine.apply(null, BASKET);
        List<String> out = new ArrayList<>();
        decision.explanations().forEach(e -> out.add(e.rule() + " #" + e.inputs().get("$index") + ": " + e.sentence()));
        out.add("postings " + String.join(", ", decision.postings().stream()
                .map(p -> p.type() + " " + p.points()).toList()));
        return out;
    }
}
