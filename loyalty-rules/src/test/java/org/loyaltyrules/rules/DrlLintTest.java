package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;

/** Rule packs from a program folder cannot escape into the JVM: the lint rejects them before they compile. */
class DrlLintTest {

    private static String rule(String then) {
        return """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;

                rule "Sneaky rule"
                    @intent("tries to escape")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                then
                    %s
                end
                """.formatted(then);
    }

    private static ProgramException compile(String drl) {
        return catchThrowableOfType(() -> LoyaltyEngine.create(Program.of(
                ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/sneaky.drl", drl))),
                ProgramException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "System.exit(1);|calls java.lang.System (exit, properties, streams); rules must not (found 'System.')",
            "Runtime.getRuntime().halt(1);|uses java.lang.Runtime (exit, exec); rules must not (found 'Runtime')",
            "new Thread(() -> {}).start();|starts or controls threads; rules must not (found 'Thread')",
            "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));|reads or writes files; rules must not (found 'java.nio')",
            "new java.net.Socket(\"localhost\", 80);|opens network connections; rules must not (found 'java.net')",
            "Class.forName(\"java.lang.Runtime\");|uses reflection or class loading; rules must not (found 'Class.forName')",
            "$event.getClass().getDeclaredFields();|uses reflection or class loading; rules must not (found '.getClass(')",
            "new ProcessBuilder(\"rm\").start();|starts a process; rules must not (found 'ProcessBuilder')",
    })
    void forbidden_java_in_a_rule_is_rejected_with_file_line_and_rule(String code, String message) {
        ProgramException error = compile(rule(code));
        String found = message.substring(message.indexOf("(found '") + 8, message.length() - 2);
        int column = 4 + code.indexOf(found) + 1; // the consequence is indented by 4

        assertThat(error).isNotNull();
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:10:" + column,
                "rule \"Sneaky rule\" " + message));
    }

    @Test
    void forbidden_words_inside_comments_and_strings_are_not_findings() {
        String drl = rule("insert( new EarningBlocked( $event, \"System.exit is not called here\" ) ); // Runtime");

        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/sneaky.drl", drl)));

        assertThat(engine.warnings()).isEmpty();
    }

    @Test
    void a_rule_that_modifies_facts_gets_a_warning() {
        String drl = rule("modify( $event ) { };").replace("EligiblePurchase( $event : eventId )", "$event : EventFact()");

        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/sneaky.drl", drl)));

        assertThat(engine.warnings()).contains(new Problem("program:earning/sneaky.drl:10:5", "rule \"Sneaky rule\" "
                + "modifies a fact: rules conclude by insert(), and a modify without protection re-fires the rule"
                + " (found 'modify(')"));
    }

    @Test
    void the_standard_pack_is_lint_clean() {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json")));

        assertThat(engine.warnings()).isEmpty();
    }
}
