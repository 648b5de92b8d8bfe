package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.internal.RulePack.Check;

/**
 * What a firing does with an {@link Error} a rule throws: the rule's failure (a RULE_FAILED rejection, the run goes
 * on), but for the JVM's own failures. The pack guard refuses rule code that constructs a VirtualMachineError or a
 * ThreadDeath ({@code DrlGuardTest}), so these rules are compiled with every check off.
 */
class FiringErrorsTest {

    private static RulePack throwing(String then) {
        String drl = """
                package org.loyaltyrules.rules.earning;
                rule "Throws"
                    ruleflow-group "earning"
                when
                    String()
                then
                    %s
                end
                """.formatted(then);
        return RulePack.compile(List.of(new RuleSource("earning/x.drl", "test:earning/x.drl", drl)),
                EnumSet.noneOf(Check.class));
    }

    private static Throwable fire(RulePack pack) {
        try (Firing firing = new Firing(pack, List.of())) {
            firing.begin(100);
            firing.insert("fact");
            return catchThrowable(() -> firing.fire("earning"));
        }
    }

    @Test
    void a_thread_death_a_rule_throws_is_the_rules_failure_not_the_runs() {
        Throwable error = fire(throwing("throw new ThreadDeath();"));

        assertThat(error).isExactlyInstanceOf(RuleFailure.class)
                .hasMessage("rule \"Throws\" failed: java.lang.ThreadDeath");
        assertThat(((RuleFailure) error).rule()).isEqualTo("Throws");
    }

    @Test
    void an_error_a_rule_throws_is_the_rules_failure() {
        Throwable error = fire(throwing("throw new Error( \"rule's own\" );"));

        assertThat(error).isExactlyInstanceOf(RuleFailure.class)
                .hasMessage("rule \"Throws\" failed: java.lang.Error: rule's own");
    }

    @Test
    void the_jvms_own_failure_is_thrown_as_it_is() {
        Throwable error = fire(throwing("throw new InternalError( \"simulated\" );"));

        assertThat(error).isExactlyInstanceOf(InternalError.class).hasMessage("simulated");
    }
}
