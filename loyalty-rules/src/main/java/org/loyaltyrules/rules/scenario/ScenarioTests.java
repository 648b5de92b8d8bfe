package org.loyaltyrules.rules.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DynamicTest;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.program.ProgramException;

/**
 * JUnit 5 support: one dynamic test per scenario file, failing with the runner's report (expected vs actual and the
 * postings' explanations). Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> scenarios() {
 *     return ScenarioTests.dynamicTests(Path.of("programs/my-program"), Path.of("programs/my-program/scenarios"));
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioTests {

    private ScenarioTests() {
    }

    /**
     * Compiles the program once and yields a test per scenario file of {@code scenarios} ({@link Scenario#files}),
     * named after the scenario (by default its path relative to {@code scenarios}, {@code earning/01-base}); a file
     * that is not a valid scenario (a blank {@code name} included) or cannot be read is a failing test named after
     * the file, and the others still run. A folder without scenario files is one failing test, "no scenario files";
     * a folder that does not exist is one failing test, "scenario folder not found", with the words of
     * {@code loyalty test} ({@code scenario folder not found: <scenarios>}), and a file in place of the folder is one,
     * "scenario folder is a file". The program is compiled only once the folder is found.
     */
    public static Stream<DynamicTest> dynamicTests(Path program, Path scenarios) {
        // a mistyped folder fails as a test in the words of `loyalty test`, not as an exception of the factory
        if (Files.isRegularFile(scenarios)) {
            return failing("scenario folder is a file", scenarios, scenarios + " is a file, not a folder: name the"
                    + " folder that holds the scenario files (*.json)");
        }
        if (!Files.isDirectory(scenarios)) {
            return failing("scenario folder not found", scenarios, "scenario folder not found: " + scenarios);
        }
        ScenarioRunner runner = ScenarioRunner.of(LoyaltyEngine.load(program));
        List<Path> files = Scenario.files(scenarios);
        if (files.isEmpty()) {
            // zero tests would pass, and so would a CI job whose scenarios were never found
            return failing("no scenario files", scenarios, "no scenario files (*.json) in " + scenarios);
        }
        return files.stream().map(file -> dynamicTest(runner, scenarios, file));
    }

    /** One test, {@code name}, that fails with {@code message}: the scenarios could not even be listed. */
    private static Stream<DynamicTest> failing(String name, Path scenarios, String message) {
        return Stream.of(DynamicTest.dynamicTest(name, scenarios.toUri(), () -> {
            throw new AssertionError(message);
        }));
    }

    private static DynamicTest dynamicTest(ScenarioRunner runner, Path folder, Path file) {
        String fileName = Scenario.defaultName(folder, file);
        Scenario scenario;
        try {
            scenario = Scenario.load(folder, file);
        } catch (RuntimeException e) {
            // one broken or unreadable file fails as its own test instead of hiding the other scenarios
            String problem = e instanceof ProgramException p ? p.getMessage() : "cannot read scenario " + file + ": " + e;
            return DynamicTest.dynamicTest(fileName, file.toUri(), () -> {
                throw new AssertionError(problem, e);
            });
        }
        // Scenario.parse refuses a blank name; a Scenario built in code may still have one, which JUnit refuses
        String name = scenario.name().isBlank() ? fileName : scenario.name();
        return DynamicTest.dynamicTest(name, file.toUri(), () -> {
            ScenarioResult result = runner.run(scenario);
            if (!result.passed()) {
                throw new AssertionError(result.report());
            }
        });
    }
}
