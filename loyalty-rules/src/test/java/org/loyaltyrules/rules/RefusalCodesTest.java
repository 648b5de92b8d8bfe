package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engine's list of refusal codes (ProgramNames, checked by scenarios) holds every code the evaluation writes. */
class RefusalCodesTest {

    @Test
    void every_refusal_code_written_in_the_evaluation_is_in_the_engine_list() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/loyaltyrules/rules/Evaluation.java"));
        Set<String> written = new TreeSet<>();
        Matcher m = Pattern.compile("refused\\(version, \"([A-Z_]+)\"|return \"([A-Z_]+): ").matcher(source);
        while (m.find()) {
            written.add(m.group(1) != null ? m.group(1) : m.group(2));
        }

        assertThat(written).hasSize(22);
        assertThat(Evaluation.REFUSAL_CODES).containsAll(written)
                .contains("INSUFFICIENT_POINTS", "UNKNOWN_REDEMPTION", "ALREADY_REVERSED").hasSize(25);
    }
}
