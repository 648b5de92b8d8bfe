package org.loyaltyrules.rules.scenario;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DynamicTest;
import org.loyaltyrules.rules.LoyaltyEngine;

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

    /** Compiles the program once and yields a test per {@code *.json} in {@code scenarios}, named after it. */
    public static Stream<DynamicTest> dynamicTests(Path program, Path scenarios) {
        ScenarioRunner runner = ScenarioRunner.of(LoyaltyEngine.load(program));
        return Scenario.loadAll(scenarios).stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(),
                Path.of(scenario.source()).toUri(), () -> {
                    ScenarioResult result = runner.run(scenario);
                    if (!result.passed()) {
                        throw new AssertionError(result.report());
                    }
                }));
    }
}
