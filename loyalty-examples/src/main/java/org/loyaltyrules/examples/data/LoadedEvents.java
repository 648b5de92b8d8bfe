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
 * data records the input had, format-specific counts (rows skipped and why, cancellations matched ...) and the input
 * records an adapter read but did not send as events, each with its reason ({@code unsent}: an Online Retail
 * cancellation that matches no earlier invoice, an invoice without CustomerID ...), and warnings about lines that were
 * used (a JSON Lines field kept as an attribute that looks like a misspelt event field, a Complete Journey file
 * without the products.csv.gz that gives its lines their categories).
 */
public record LoadedEvents(EventFormat format, String source, List<LoyaltyEvent> events, List<Problem> problems,
                           long records, Map<String, Long> counts, List<Unsent> unsent, List<Problem> warnings) {

    /** An input record (an invoice, a cancellation) not sent as an event, or sent only in part, and why. */
    public record Unsent(String record, String member, String reason) {
        public Unsent {
            requireNonNull(record, "record");
            requireNonNull(member, "member");
            requireNonNull(reason, "reason");
        }
    }

    public LoadedEvents {
        requireNonNull(format, "format");
        requireNonNull(source, "source");
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        unsent = List.copyOf(unsent);
        warnings = List.copyOf(warnings);
    }

    /** Events of an adapter whose input has fixed columns: nothing to warn about. */
    public LoadedEvents(EventFormat format, String source, List<LoyaltyEvent> events, List<Problem> problems,
                        long records, Map<String, Long> counts, List<Unsent> unsent) {
        this(format, source, events, problems, records, counts, unsent, List.of());
    }

    /** Events of an adapter that sends every record it reads (or reports it as a problem). */
    public LoadedEvents(EventFormat format, String source, List<LoyaltyEvent> events, List<Problem> problems,
                        long records, Map<String, Long> counts) {
        this(format, source, events, problems, records, counts, List.of(), List.of());
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
