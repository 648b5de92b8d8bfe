package org.loyaltyrules.rules;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.rules.program.Problem;

/** The result of validating a program folder: errors (it cannot run) and warnings (it runs, but look). */
@API(status = API.Status.STABLE, since = "0.1")
public record ValidationReport(String program, List<Problem> errors, List<Problem> warnings, int ruleCount) {

    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
