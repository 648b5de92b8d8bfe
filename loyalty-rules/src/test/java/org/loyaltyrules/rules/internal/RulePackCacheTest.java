package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.program.Problem;

/**
 * The same rule files read from two folders (a program and its what-if candidate copy) compile once: both packs run
 * on one KieBase, and each names the files where its own program has them.
 */
class RulePackCacheTest {

    private static final String RULES = """
            package org.loyaltyrules.rules.earning;
            import org.loyaltyrules.rules.facts.*;

            rule "Cache test purchases earn two points"
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "two", 2 ) );
            end
            """;

    private static List<RuleSource> readFrom(String folder, String text) {
        return List.of(new RuleSource("earning/cache-test.drl", folder + "/earning/cache-test.drl", text));
    }

    @Test
    void a_copy_of_the_rule_files_in_another_folder_shares_the_compiled_rules_and_names_its_own_files() {
        // given
        RulePack base = RulePack.compileCached(readFrom("/programs/base/rules", RULES));

        // when
        RulePack candidate = RulePack.compileCached(readFrom("/tmp/candidate/rules", RULES));

        // then
        assertThat(candidate.kieBase()).isSameAs(base.kieBase());
        assertThat(base.rule("Cache test purchases earn two points").orElseThrow().file())
                .isEqualTo("/programs/base/rules/earning/cache-test.drl");
        assertThat(candidate.rule("Cache test purchases earn two points").orElseThrow().file())
                .isEqualTo("/tmp/candidate/rules/earning/cache-test.drl");
        // the rule has no @intent: each pack warns about it at its own file and line
        assertThat(base.warnings()).extracting(Problem::location)
                .contains("/programs/base/rules/earning/cache-test.drl:4");
        assertThat(candidate.warnings()).extracting(Problem::location)
                .contains("/tmp/candidate/rules/earning/cache-test.drl:4")
                .noneMatch(location -> location.startsWith("/programs/base"));
    }

    @Test
    void a_changed_rule_file_is_compiled_again() {
        // given
        RulePack base = RulePack.compileCached(readFrom("/programs/base/rules", RULES));

        // when
        RulePack candidate = RulePack.compileCached(readFrom("/tmp/candidate/rules",
                RULES.replace("\"two\", 2", "\"three\", 3")));

        // then
        assertThat(candidate.kieBase()).isNotSameAs(base.kieBase());
    }
}
