package org.loyaltyrules.rules.io;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.loyaltyrules.rules.program.Problem;

/**
 * An event input that cannot be used: a strict read met a bad line, or the input's header is unusable. Carries
 * every problem found, each located as {@code file:line field X}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EventReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public EventReadException(String what, List<Problem> problems) {
        super(what + ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
