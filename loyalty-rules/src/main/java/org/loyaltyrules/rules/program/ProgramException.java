package org.loyaltyrules.rules.program;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** A program that cannot be used: every problem found, each with its location (JSON path or file:line). */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProgramException extends RuntimeException {

    private final transient List<Problem> problems;

    public ProgramException(String what, List<Problem> problems) {
        super(what + ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
