package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;

/** The three-line embed example of the README compiles, runs and prints what the README says. */
class ReadmeEmbedExampleTest {

    /** retail-basic's program.json version. */
    private static final String VERSION = "2026.1";

    /**
     * Verbatim from the README, whose path is relative to the repository root; tests run in loyalty-rules/, so the
     * first line here starts with "../" ({@link #the_readme_shows_exactly_these_lines} checks the rest).
     */
    private static Decision readmeExample() {
        LoyaltyEngine engine = LoyaltyEngine.load(Path.of("../loyalty-examples/programs/retail-basic"));
        Decision decision = engine.apply(null, Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"), Money.of("200.00", "USD")));
        System.out.println(decision.pointsAwarded() + " points: " + decision.explanations().get(0).sentence());
        return decision;
    }

    @Test
    void the_readme_embed_example_awards_one_point_per_dollar_and_explains_it() {
        // given
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Decision decision;

        // when
        try {
            decision = readmeExample();
        } finally {
            System.setOut(console);
        }

        // then
        assertThat(decision.programVersion()).isEqualTo(VERSION);
        assertThat(decision.pointsAwarded()).isEqualTo(200L);
        assertThat(decision.explanations().get(0).sentence()).isEqualTo("base 1 per unit on eligible 200.00 = 200");
        assertThat(decision.explanations().get(0).rule()).isEqualTo("Purchases earn base points at the program rate");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("200 points: base 1 per unit on eligible 200.00 = 200" + System.lineSeparator());
        assertThat(decision.tierChange()).isEmpty();
        assertThat(LoyaltyEngine.liveSessions()).isZero();
    }

    @Test
    void the_readme_shows_exactly_these_lines() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of("../README.md"));

        assertThat(readme).contains(
                "LoyaltyEngine engine = LoyaltyEngine.load(Path.of(\"loyalty-examples/programs/retail-basic\"));\n"
                + "Decision decision = engine.apply(null, Purchase.of(\"p1\", \"m1\", Instant.parse(\"2025-03-03T10:00:00Z\"), Money.of(\"200.00\", \"USD\")));\n"
                + "System.out.println(decision.pointsAwarded() + \" points: \" + decision.explanations().get(0).sentence());\n");
        assertThat(readme).contains("Prints\n`200 points: base 1 per unit on eligible 200.00 = 200`");
    }
}
