package org.loyaltyrules.core.points;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One append-only ledger entry: which event caused it, when it took effect, what kind, how many points (signed), the
 * rule that decided it and a sentence a member could read.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Posting(String eventId, String memberId, Instant at, PostingType type, long points, String rule,
                      String explanation) {

    public Posting {
        requireNonNull(eventId, "eventId");
        requireNonNull(memberId, "memberId");
        requireNonNull(at, "at");
        requireNonNull(type, "type");
        rule = rule == null ? "" : rule;
        explanation = explanation == null ? "" : explanation;
    }
}
