package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;

/** A program packaged on the classpath: program.json plus rules/**.drl, as an application jar would carry it. */
class ClasspathProgramTest {

    @Test
    void a_classpath_program_loads_its_settings_and_adds_its_rules_to_the_standard_pack() {
        Program program = Program.fromClasspath("classpath-program");
        LoyaltyEngine engine = LoyaltyEngine.create(program);

        Decision decision = engine.apply(null, Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "20.00"));

        // 20 base + the program's 5-point rule
        assertThat(program.id()).isEqualTo("classpath-demo");
        assertThat(program.rulePaths()).contains("earning/welcome-bonus.drl", "earning/base-earn.drl");
        assertThat(decision.pointsAwarded()).isEqualTo(25L);
        assertThat(decision.explanations()).extracting(Explanation::location)
                .contains("classpath:classpath-program/rules/earning/welcome-bonus.drl:6");
    }

    @Test
    void a_missing_classpath_program_says_where_it_looked() {
        ProgramException error = catchThrowableOfType(() -> Program.fromClasspath("no-such-program"),
                ProgramException.class);

        assertThat(error.problems()).isEqualTo(List.of(
                new Problem("classpath:no-such-program/program.json", "resource not found")));
    }
}
