package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;

/** Scenario files as authors save them and folders as they arrange them. */
class ScenarioFilesTest {

    private static final String PURCHASE = """
            {"when": [{"type": "purchase", "at": "2025-03-03T10:00:00Z", "amount": "10.99"}],
             "then": {"pointsAwarded": 10}}
            """;

    @TempDir
    Path dir;

    @Test
    void a_scenario_file_starting_with_a_byte_order_mark_loads() throws IOException {
        // given
        Path file = dir.resolve("01-bom.json");
        Files.write(file, ("\uFEFF" + PURCHASE).getBytes(StandardCharsets.UTF_8));

        // when
        Scenario scenario = Scenario.load(file);

        // then
        assertThat(scenario.name()).isEqualTo("01-bom");
        assertThat(scenario.when()).containsExactly(
                "{\"type\":\"purchase\",\"at\":\"2025-03-03T10:00:00Z\",\"amount\":\"10.99\",\"member\":\"m1\","
                        + "\"id\":\"when-1\"}");
        assertThat(scenario.then().pointsAwarded()).isEqualTo(10L);
    }

    @Test
    void a_scenario_file_that_is_not_utf8_is_named_with_the_line_of_its_first_bad_byte() throws IOException {
        // given: a description with 'é' saved as Latin-1 (0xE9) on line 2
        Path file = dir.resolve("02-latin1.json");
        Files.write(file, "{\n\"description\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        // when
        ProgramException error = catchThrowableOfType(() -> Scenario.load(file), ProgramException.class);

        // then
        assertThat(error.problems()).containsExactly(new Problem(file.toString(),
                "not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8"));
    }
}
