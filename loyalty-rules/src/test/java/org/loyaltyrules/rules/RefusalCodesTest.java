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
        // refused(version, "CODE" ..), return "CODE: ..", and a code chosen first: code = .. ? "CODE" : "CODE";
        Matcher m = Pattern.compile("refused\\(version, \"([A-Z_]+)\"|return \"([A-Z_]+): "
                + "|code = [^;]*\\? \"([A-Z_]+)\"\\s*: \"([A-Z_]+)\";").matcher(source);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    written.add(m.group(g));
                }
            }
        }

        assertThat(written).hasSize(24)
                .contains("UNKNOWN_PURCHASE_LINE", "REFUND_EXCEEDS_PURCHASE", "INVALID_ATTRIBUTE");
        assertThat(Evaluation.REFUSAL_CODES).containsAll(written)
                .contains("INSUFFICIENT_POINTS", "UNKNOWN_REDEMPTION", "ALREADY_REVERSED").hasSize(27);
    }
}
