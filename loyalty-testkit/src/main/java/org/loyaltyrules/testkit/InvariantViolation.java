package org.loyaltyrules.testkit;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Thrown by {@link ProgramInvariants#check}: a program broke one or more invariants on a history. An
 * {@link AssertionError}, so JUnit and jqwik report it as a test failure (and jqwik shrinks the history).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InvariantViolation extends AssertionError {

    private static final long serialVersionUID = 1L;
    /** Violations spelled out in the message; the rest are counted. */
    private static final int SHOWN = 5;

    private final transient List<Violation> violations;

    InvariantViolation(String program, History history, List<Violation> violations) {
        super(message(program, history, violations));
        this.violations = List.copyOf(violations);
    }

    /** Every violation found, in event order. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(String program, History history, List<Violation> violations) {
        long invariants = violations.stream().map(Violation::invariant).distinct().count();
        StringBuilder text = new StringBuilder("program " + program + " breaks " + invariants + " invariant(s) on the history of "
                + history.events() + " of member " + history.member().memberId() + ":");
        violations.stream().limit(SHOWN).forEach(v -> text.append("\n  ").append(v.message()));
        if (violations.size() > SHOWN) {
            text.append("\n  ... and ").append(violations.size() - SHOWN).append(" more");
        }
        return text.toString();
    }
}
