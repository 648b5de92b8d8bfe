package org.loyaltyrules.rules.facts;

import java.util.Map;
import org.apiguardian.api.API;

/** The event being evaluated: id, type (purchase, refund, ...), and its attributes. */
@API(status = API.Status.STABLE, since = "0.1")
public record EventFact(String eventId, String type, String date, Map<String, String> attributes) {
    public EventFact {
        attributes = Map.copyOf(attributes);
    }
}
