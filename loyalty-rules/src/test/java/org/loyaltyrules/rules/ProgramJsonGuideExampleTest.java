package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * The annotated program.json of docs/program-json.md, its comments taken out as the page says ("real JSON has
 * none"), is a program that loads and compiles without a warning: a reader who copies it gets a working program.
 */
class ProgramJsonGuideExampleTest {

    private static final Path GUIDE = Path.of("../docs/program-json.md");

    @Test
    void the_annotated_example_without_its_comments_loads_and_compiles_without_warnings() throws IOException {
        // given the first json block of the guide, without its // comments
        String guide = Files.readString(GUIDE);
        int start = guide.indexOf("```json\n") + "```json\n".length();
        String json = withoutComments(guide.substring(start, guide.indexOf("```", start)));

        // when
        ProgramSettings settings = ProgramJson.parse(json, "program-json.md");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(settings, Map.of()));

        // then: every tier it names is on its ladder, and the standard pack has nothing to say
        assertThat(settings.ladder().tiers()).extracting("id")
                .containsExactly("member", "silver", "gold", "platinum", "diamond_reserve");
        assertThat(engine.warnings()).isEmpty();
    }

    /** Each line cut at a {@code //} outside a JSON string. */
    private static String withoutComments(String block) {
        StringBuilder json = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            boolean inString = false;
            int end = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                    inString = !inString;
                } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                    end = i;
                    break;
                }
            }
            json.append(line, 0, end).append('\n');
        }
        return json.toString();
    }
}
