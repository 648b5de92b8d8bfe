package org.loyaltyrules.rules.scenario;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The outcome of one scenario: every check with what was expected and what the program did, what the {@code when}
 * events did (each posting, then each other explanation with its rule and the rule's file:line), an error when the
 * scenario could not run (a bad event, a name the program cannot have, a refused {@code given} event, an
 * {@code asOf} before a {@code when} event, a rule that threw), and warnings that do not fail it (an event field kept
 * as an attribute that looks like a misspelt event field:
 * {@code s.json $.when[0].chanel: kept as an attribute; a misspelling of "channel"?}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScenarioResult(Scenario scenario, List<Check> checks, List<String> explanations, String error,
                             List<String> warnings) {

    /** One expectation: its name ({@code pointsPending}, {@code postings}...), expected and actual, as text. */
    public record Check(String name, String expected, String actual) {
        public Check {
            requireNonNull(name, "name");
        }

        public boolean passed() {
            return java.util.Objects.equals(expected, actual);
        }
    }

    public ScenarioResult {
        requireNonNull(scenario, "scenario");
        checks = List.copyOf(checks);
        explanations = List.copyOf(explanations);
        warnings = List.copyOf(warnings);
    }

    /** A result without warnings. */
    public ScenarioResult(Scenario scenario, List<Check> checks, List<String> explanations, String error) {
        this(scenario, checks, explanations, error, List.of());
    }

    public boolean passed() {
        return error == null && checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /**
     * A readable report: PASS or FAIL with the name, then any warnings; for a failure, expected vs actual and the
     * explanations.
     */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(passed() ? "PASS " : "FAIL ").append(scenario.name());
        if (!scenario.description().isEmpty()) {
            out.append(" - ").append(scenario.description());
        }
        out.append('\n');
        warnings.forEach(w -> out.append("     warning: ").append(w).append('\n'));
        if (passed()) {
            return out.toString();
        }
        out.append("     ").append(scenario.source()).append('\n');
        if (error != null) {
            out.append("     error: ").append(error).append('\n');
        }
        for (Check c : failures()) {
            out.append("     ").append(c.name()).append('\n');
            out.append("       expected: ").append(c.expected()).append('\n');
            out.append("       actual:   ").append(c.actual()).append('\n');
        }
        if (!explanations.isEmpty()) {
            // time passing to then.asOf is listed after the events, its lines led by "asOf"
            out.append(scenario.then().asOf() == null ? "     what the when events did:\n"
                    : "     what the when events and asOf did:\n");
            explanations.forEach(e -> out.append("       ").append(e).append('\n'));
        }
        return out.toString();
    }
}
