package org.loyaltyrules.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;

/**
 * Which member each event id of a replay belongs to. Event ids are global (docs/decisions.md): a copy of an id sent
 * for another member is refused {@value #CODE}, as the member store refuses it, instead of being applied under two
 * members. The owner of an id is the member that already processed it in a member store (when the caller says so),
 * otherwise the member of its copy earliest in event time, ties by input order (the order a member's replay takes
 * them). Every copy of another member is refused, whatever becomes of the owner's copy, so the choice depends on the
 * input alone, not on the order members are replayed in or on how many threads replay them.
 *
 * <p>{@link LoyaltyEngine#replay} decides with it on all the events it is given; a caller that knows ids a store
 * already holds for a member (the CLI's {@code run --store}), or that splits one replay into several, decides once on
 * all the events with {@link #of(List, Map)} and replays only {@link #owned()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EventIdOwners {

    /** The refusal code of a copy of another member's id, as the member store gives it. */
    public static final String CODE = "DUPLICATE_EVENT_ID";

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
    public static EventIdOwners of(List<? extends LoyaltyEvent> events) {
        return of(events, Map.of());
    }

    /** As {@link #of(List)}, where {@code stored} maps an id to the member that processed it in the store. */
    public static EventIdOwners of(List<? extends LoyaltyEvent> events, Map<String, String> stored) {
        return new EventIdOwners(List.copyOf(events), Map.copyOf(stored));
    }

    /** Every event, in input order. */
    public List<LoyaltyEvent> all() {
        return events;
    }

    /**
     * The events to replay, in input order: every copy of its owner (repeats of one member are the engine's
     * duplicates).
     */
    public List<LoyaltyEvent> owned() {
        return owned;
    }

    /** Whether {@code event} is a copy of an id that belongs to another member. */
    public boolean isForeign(LoyaltyEvent event) {
        Owner owner = owners.get(event.id());
        return owner != null && !owner.memberId().equals(event.memberId());
    }

    /** One {@value #CODE} rejection per foreign copy, in event-time order (input order on ties). */
    public List<ReplayResult.Rejection> refusals() {
        return refusals;
    }

    /** The refusal of {@code event}, a foreign copy, naming the member its id belongs to. */
    public ReplayResult.Rejection refusal(LoyaltyEvent event) {
        if (!isForeign(event)) {
            throw new IllegalArgumentException("event " + event.id() + " of member " + event.memberId()
                    + " is not a copy of another member's id");
        }
        Owner owner = owners.get(event.id());
        String detail = owner.firstAt() == null ? heldInTheStore(event.id(), owner.memberId())
                : "event " + event.id() + " belongs to member " + owner.memberId() + ", whose copy at "
                        + owner.firstAt() + " comes first; event ids must be unique across members";
        return new ReplayResult.Rejection(event.id(), event.memberId(), CODE, detail);
    }

    /**
     * Why event {@code eventId} is refused when a store holds it for member {@code owner}; an erased owner is not
     * named, since its pseudonym next to an id the sender knows would undo the erasure.
     */
    public static String heldInTheStore(String eventId, String owner) {
        String whose = org.loyaltyrules.rules.store.Pseudonyms.isPseudonym(owner) ? "an erased member"
                : "member " + owner;
        return "event " + eventId + " was already processed for " + whose + " in the store; event ids must be unique"
                + " across members";
    }
}
