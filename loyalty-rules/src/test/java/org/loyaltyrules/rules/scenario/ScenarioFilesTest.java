package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
