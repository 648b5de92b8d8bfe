package org.loyaltyrules.examples.data;

import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.rules.io.EventReadException;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.Problem;

/** Collects bad lines of one input, or stops at the first when strict (like {@link EventReader}). */
final class ProblemLog {

    private final String source;
    private final boolean strict;
    private final List<Problem> problems = new ArrayList<>();

    ProblemLog(String source, boolean strict) {
        this.source = source;
        this.strict = strict;
    }

    void add(long line, String field, String message) {
        add(source, line, field, message);
    }

    /** A problem of another file read for this input (e.g. the products next to the transactions). */
    void add(String file, long line, String field, String message) {
        Problem problem = new Problem(EventReader.location(file, line, field), message);
        problems.add(problem);
        if (strict) {
            throw new EventReadException("cannot read events " + source, List.of(problem));
        }
    }

    List<Problem> problems() {
        return problems;
    }
}
