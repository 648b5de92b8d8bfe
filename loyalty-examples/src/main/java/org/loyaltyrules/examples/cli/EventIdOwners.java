package org.loyaltyrules.examples.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.ReplayResult;

/**
 * Which member each event id of a replay belongs to. Event ids are global (docs/decisions.md): a copy of an id sent
 * for another member is refused {@value #CODE}, as the member store refuses it, instead of being applied under two
 * members. The owner of an id is the member that already processed it in the member store ({@code run --store}),
 * otherwise the member of its copy earliest in event time, ties by input order (the order a member's replay takes
 * them). Every copy of another member is refused, whatever becomes of the owner's copy, so the choice depends on the
 * input alone.
 *
 * <p>It is decided once, on all the events, before they are split by member for the parallel replay; every command
 * that replays (run, report, insight, settlement, what-if, explain) asks this class.
 */
final class EventIdOwners {

    static final String CODE = "DUPLICATE_EVENT_ID";

    /** An id's owner and the instant of its first copy (null when the store decided). */
    private record Owner(String memberId, Instant firstAt) {
    }

    private final List<LoyaltyEvent> events;
    private final Map<String, Owner> owners;
    private final List<LoyaltyEvent> owned = new ArrayList<>();
    private final List<ReplayResult.Rejection> refusals = new ArrayList<>();

    private EventIdOwners(List<LoyaltyEvent> events, Map<String, String> stored) {
        this.events = events;
        Map<String, Owner> first = new HashMap<>();
        for (LoyaltyEvent e : events) {
            String storedOwner = stored.get(e.id());
            first.merge(e.id(), storedOwner != null ? new Owner(storedOwner, null) : new Owner(e.memberId(), e.at()),
                    (earlier, later) -> earlier.firstAt() != null && later.firstAt().isBefore(earlier.firstAt())
                            ? later : earlier);
        }
        this.owners = first;
        for (LoyaltyEvent e : events) {
            if (!isForeign(e)) {
                owned.add(e);
            }
        }
        events.stream().filter(this::isForeign).sorted(Comparator.comparing(LoyaltyEvent::at)) // stable
                .forEach(e -> refusals.add(refusal(e)));
    }

    /** The owners of the ids of {@code events}, in input order, none of them processed before. */
    static EventIdOwners of(List<LoyaltyEvent> events) {
        return of(events, Map.of());
    }

    /** As {@link #of(List)}, where {@code stored} maps an id to the member that processed it in the store. */
    static EventIdOwners of(List<LoyaltyEvent> events, Map<String, String> stored) {
        return new EventIdOwners(List.copyOf(events), Map.copyOf(stored));
    }

    /** Every event, in input order. */
    List<LoyaltyEvent> all() {
        return events;
    }

    /** The events to replay: every copy of its owner (repeats of one member are the engine's duplicates). */
    List<LoyaltyEvent> owned() {
        return owned;
    }

    /** Whether {@code event} is a copy of an id that belongs to another member. */
    boolean isForeign(LoyaltyEvent event) {
        Owner owner = owners.get(event.id());
        return owner != null && !owner.memberId().equals(event.memberId());
    }

    /** One {@value #CODE} rejection per foreign copy, in event-time order (input order on ties). */
    List<ReplayResult.Rejection> refusals() {
        return refusals;
    }

    /** The refusal of {@code event}, a foreign copy, naming the member its id belongs to. */
    ReplayResult.Rejection refusal(LoyaltyEvent event) {
        Owner owner = owners.get(event.id());
        String whose = owner.firstAt() == null
                ? "was already processed for member " + owner.memberId() + " in the store"
                : "belongs to member " + owner.memberId() + ", whose copy at " + owner.firstAt() + " comes first";
        return new ReplayResult.Rejection(event.id(), event.memberId(), CODE, "event " + event.id() + " " + whose
                + "; event ids must be unique across members");
    }
}
