package org.loyaltyrules.rules.store;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;

/**
 * A {@link MemberStore} in memory, for tests, demos and single-process tools: nothing survives the JVM. Enforces the
 * same contract as a database store (versions, append-only postings and event ids, event ids unique across members).
 * Thread-safe; saves are serialised.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InMemoryMemberStore implements MemberStore {

    private final Pseudonyms pseudonyms;
    private final Map<String, StoredMember> members = new HashMap<>();
    private final Map<String, String> memberByEvent = new HashMap<>();

    private InMemoryMemberStore(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** An empty store whose erasures derive pseudonyms from {@code pseudonymSalt} (see {@link Pseudonyms}). */
    public static InMemoryMemberStore create(String pseudonymSalt) {
        return new InMemoryMemberStore(Pseudonyms.salted(pseudonymSalt));
    }

    @Override
    public synchronized Optional<StoredMember> load(String memberId) {
        requireNonNull(memberId, "memberId");
        return Optional.ofNullable(members.get(memberId));
    }

    @Override
    public synchronized void save(MemberState state, long expectedVersion) {
        requireNonNull(state, "state");
        StoredMember current = members.get(state.memberId());
        long currentVersion = current == null ? 0 : current.version();
        if (currentVersion != expectedVersion) {
            throw new VersionConflictException(state.memberId(), expectedVersion, currentVersion);
        }
        if (current != null) {
            requireAppendOnly(current.state(), state);
        }
        for (String eventId : state.processedEventIds()) {
            String owner = memberByEvent.get(eventId);
            if (owner != null && !owner.equals(state.memberId())) {
                throw new IllegalArgumentException("event " + eventId + " of member " + state.memberId()
                        + " was already processed for another member");
            }
        }
        state.processedEventIds().forEach(id -> memberByEvent.put(id, state.memberId()));
        members.put(state.memberId(), new StoredMember(state, expectedVersion + 1));
    }

    /** Postings and processed event ids are append-only: a new state keeps all that the stored one had. */
    static void requireAppendOnly(MemberState stored, MemberState next) {
        List<Posting> before = stored.ledger().postings();
        List<Posting> after = next.ledger().postings();
        if (after.size() < before.size() || (!before.isEmpty()
                && !before.get(before.size() - 1).equals(after.get(before.size() - 1)))) {
            throw new IllegalArgumentException("postings are append-only: member " + next.memberId() + " had "
                    + before.size() + " postings stored, the new state does not start with them");
        }
        if (!next.processedEventIds().containsAll(stored.processedEventIds())) {
            throw new IllegalArgumentException("processed event ids are append-only: the new state of member "
                    + next.memberId() + " drops some of the " + stored.processedEventIds().size() + " stored");
        }
    }

    @Override
    public synchronized boolean isProcessed(String eventId) {
        return memberByEvent.containsKey(requireNonNull(eventId, "eventId"));
    }

    @Override
    public synchronized Optional<String> export(String memberId) {
        return load(memberId).map(m -> MemberJson.export(m.state(), m.version()));
    }

    @Override
    public synchronized Optional<String> erase(String memberId) {
        StoredMember stored = members.remove(requireNonNull(memberId, "memberId"));
        if (stored == null) {
            return Optional.empty();
        }
        // the k-th erasure of an id that came back takes pseudonym-k, as the JDBC store numbers them
        String first = pseudonyms.pseudonymOf(memberId);
        long earlier = members.keySet().stream().filter(id -> id.equals(first) || id.startsWith(first + "-")).count();
        String pseudonym = Pseudonyms.numbered(first, earlier);
        MemberState erased = Pseudonyms.erased(stored.state(), pseudonym);
        stored.state().processedEventIds().forEach(memberByEvent::remove); // review ids made of the id are renamed
        erased.processedEventIds().forEach(id -> memberByEvent.put(id, pseudonym));
        members.put(pseudonym, new StoredMember(erased, stored.version() + 1));
        return Optional.of(pseudonym);
    }
}
