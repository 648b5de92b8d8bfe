package org.loyaltyrules.rules.io;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.program.Problem;

/**
 * What a reader got from one input: the events of the good lines in input order, one {@link Problem} per bad line
 * (location {@code file:line field X}), warnings about good lines (a field kept as an attribute that looks like a
 * misspelt event field: {@code file:3 field chanel}), and how many data lines (records) it looked at, good or bad.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EventBatch(String source, List<LoyaltyEvent> events, List<Problem> problems, List<Problem> warnings,
                         long records) {

    public EventBatch {
        requireNonNull(source, "source");
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0, was " + records);
        }
    }

    /** A batch without warnings (a CSV's columns are fixed, so it has none). */
    public EventBatch(String source, List<LoyaltyEvent> events, List<Problem> problems, long records) {
        this(source, events, problems, List.of(), records);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
