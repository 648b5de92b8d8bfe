package org.loyaltyrules.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * Fixtures for the engine's error, reload and property tests: small programs as program.json text, DRL files
 * whose line numbers are known, and program folders on disk.
 */
final class EngineFixtures {

    /** The first three lines of every test DRL file; a rule written after it starts on line 4. */
    static final String EARNING_HEADER = """
            package org.loyaltyrules.rules.earning;
            import org.loyaltyrules.rules.facts.*;

            """;

    private EngineFixtures() {
    }

    /**
     * A one-tier program (no tier bonus can change the numbers) paying {@code baseRate} points per USD, no pending
     * days, no expiry.
     */
    static String flatProgram(String version, String baseRate) {
        return """
                {
                  "id": "flat",
                  "version": "%s",
                  "earning": {"baseRate": "%s"},
                  "tiers": {"ladder": [{"id": "member", "threshold": "0"}]}
                }
                """.formatted(version, baseRate);
    }

    static ProgramSettings settings(String json) {
        return ProgramJson.parse(json, "program.json");
    }

    /**
     * An earning rule after {@link #EARNING_HEADER}: line 4 {@code rule}, 5 {@code @intent}, 6 {@code ruleflow-group},
     * 7 {@code when}, 8 the first pattern, 9 {@code then}, 10 the consequence, 11 {@code end}.
     */
    static String earningRule(String name, String pattern, String consequence) {
        return EARNING_HEADER + """
                rule "%s"
                    @intent("a test rule")
                    ruleflow-group "earning"
                when
                    %s
                then
                    %s
                end
                """.formatted(name, pattern, consequence);
    }

    /**
     * The standard pack reduced to its base-earning file: every other standard file is replaced by an empty one.
     * Compiles several times faster than the full pack, for tests that compile many programs.
     */
    static Map<String, String> baseEarningOnly(ProgramSettings settings) {
        Map<String, String> blanks = new LinkedHashMap<>();
        for (String path : Program.of(settings).rulePaths()) {
            if (!path.equals("earning/base-earn.drl")) {
                String folder = path.substring(0, path.indexOf('/'));
                blanks.put(path, "package org.loyaltyrules.rules." + folder + ";\n");
            }
        }
        return blanks;
    }

    /** Writes a program folder: {@code program.json} and {@code rules/<relative path>} for each DRL file. */
    static Path programFolder(Path root, String json, Map<String, String> drlByPath) {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("program.json"), json);
            for (Map.Entry<String, String> drl : drlByPath.entrySet()) {
                Path file = root.resolve("rules").resolve(drl.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, drl.getValue());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems a program.json text has, or an empty list when it is valid. */
    static List<Problem> problemsOf(String json) {
        try {
            ProgramJson.parse(json, "program.json");
            return List.of();
        } catch (ProgramException e) {
            return e.problems();
        }
    }
}
