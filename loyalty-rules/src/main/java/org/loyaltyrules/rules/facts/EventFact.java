package org.loyaltyrules.rules.facts;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * The event being evaluated: id, type (purchase, refund, ...), and its attributes, which iterate in sorted order, so
 * a rule that reads them in order concludes the same in every run.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record EventFact(String eventId, String type, String date, Map<String, String> attributes) {
    public EventFact {
        attributes = Member.sorted(attributes);
    }
}
