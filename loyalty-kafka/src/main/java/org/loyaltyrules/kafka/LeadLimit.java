package org.loyaltyrules.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.loyaltyrules.core.event.LoyaltyEvent;

/**
 * How far ahead of the processing wall clock an event may be dated and still be decided: an event dated further ahead
 * (a mistyped year) would move its partition's stream time there, and the next review would let time pass to that
 * instant for every member of the partition (points expire, tiers drop) and refuse their later events. Zero
 * {@code maxLead} turns the limit off (for deliberately future-dated data). The clock is the system's, except in
 * tests: the limit is applied in the timestamp extractor, which has no processor context and so no mocked time.
 */
record LeadLimit(Duration maxLead, Clock wallClock) {

    /** One day: enough for producers' clocks and time zones, far short of a mistyped year. */
    static final Duration DEFAULT_MAX_LEAD = Duration.ofDays(1);

    static LeadLimit off() {
        return new LeadLimit(Duration.ZERO, Clock.systemUTC());
    }

    /** Why {@code event} is not decided, if it is dated more than {@link #maxLead} ahead of the wall clock now. */
    Optional<String> refusal(LoyaltyEvent event) {
        if (maxLead.isZero()) {
            return Optional.empty();
        }
        Instant now = wallClock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!event.at().isAfter(now.plus(maxLead))) {
            return Optional.empty();
        }
        return Optional.of("event " + event.id() + " of member " + event.memberId() + " at " + event.at()
                + " is more than " + maxLead + " ahead of the wall clock " + now + ": a mistyped date? It is not"
                + " decided and moves no stream time; send it again with its true time (or build the topology with a"
                + " larger maxLead)");
    }
}
