package org.loyaltyrules.rules.io;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.program.Problem;

/**
 * What a reader got from one input: the events of the good lines in input order, one {@link Problem} per bad line
 * (location {@code file:line field X}), and how many data lines (records) it looked at, good or bad.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EventBatch(String source, List<LoyaltyEvent> events, List<Problem> problems, long records) {

    public EventBatch {
        requireNonNull(source, "source");
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0, was " + records);
        }
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
