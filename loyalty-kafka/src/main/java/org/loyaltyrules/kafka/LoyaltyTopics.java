package org.loyaltyrules.kafka;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * The topics of the loyalty topology. Input: {@code events} (one JSON event per record, keyed by member id; the
 * event's time is its own {@code at}, the record timestamp is not read: docs/scale-out.md, stream time) and
 * {@code programs} (a program folder path per record; read by every instance). Output, keyed by member id:
 * {@code decisions} (one compact JSON decision per event), {@code postings} (one ledger posting per record),
 * {@code tierChanges}; and {@code rejected}, keyed by the record's key (records not decided, with the problem).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LoyaltyTopics(String events, String programs, String decisions, String postings, String tierChanges,
                            String rejected) {

    public LoyaltyTopics {
        requireNonNull(events, "events");
        requireNonNull(programs, "programs");
        requireNonNull(decisions, "decisions");
        requireNonNull(postings, "postings");
        requireNonNull(tierChanges, "tierChanges");
        requireNonNull(rejected, "rejected");
    }

    /** {@code loyalty.events}, {@code loyalty.programs}, {@code loyalty.decisions}, {@code loyalty.postings},
     * {@code loyalty.tier-changes}, {@code loyalty.rejected}. */
    public static LoyaltyTopics defaults() {
        return new LoyaltyTopics("loyalty.events", "loyalty.programs", "loyalty.decisions", "loyalty.postings",
                "loyalty.tier-changes", "loyalty.rejected");
    }
}
