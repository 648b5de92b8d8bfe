package org.loyaltyrules.examples.data;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.program.Problem;

/**
 * Events read from one input, in input order, with the lines that could not be used ({@code problems}), how many
 * data records the input had, and format-specific counts (rows skipped and why, cancellations matched ...).
 */
public record LoadedEvents(EventFormat format, String source, List<LoyaltyEvent> events, List<Problem> problems,
                           long records, Map<String, Long> counts) {

    public LoadedEvents {
        requireNonNull(format, "format");
        requireNonNull(source, "source");
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public long countOfType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    public long members() {
        return events.stream().map(LoyaltyEvent::memberId).distinct().count();
    }
}
