package org.loyaltyrules.rules.store;

import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;

/**
 * Where an embedding system keeps member states between events. Versions give optimistic locking: a member is
 * created at version 1 and each save moves it to the next version, but only if the stored version is still the one
 * the state was derived from.
 *
 * <pre>{@code
 * Optional<StoredMember> stored = store.load(event.memberId());
 * Decision decision = engine.apply(stored.map(StoredMember::state).orElse(null), event);
 * if (decision.isApplied()) {
 *     store.save(decision.state(), stored.map(StoredMember::version).orElse(0L));
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. Event ids are idempotency keys across all members: a store remembers every
 * event id a saved state has processed.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MemberStore {

    /** The member's latest saved state and its version; empty for a member never saved (or erased). */
    Optional<StoredMember> load(String memberId);

    /**
     * Saves {@code state} as version {@code expectedVersion + 1}; {@code expectedVersion} 0 creates the member.
     *
     * @throws VersionConflictException the stored version is not {@code expectedVersion}; nothing was written
     * @throws IllegalArgumentException the state drops postings or processed event ids that were stored (they are
     *                                  append-only), or holds an event id another member already processed
     */
    void save(MemberState state, long expectedVersion);

    /** Whether any saved member state has processed event {@code eventId}. */
    boolean isProcessed(String eventId);

    /**
     * Everything held about the member, as one JSON document: the state, its lots, postings, redemptions, purchases,
     * refunds, growth, counters, tags and attributes. Empty for an unknown member.
     */
    Optional<String> export(String memberId);

    /**
     * Forgets who the member is: tags, attributes and the survey score are removed and the member id is replaced by
     * a deterministic pseudonym everywhere (state, postings), while the ledger's lots, totals, postings, purchases and
     * processed event ids are kept for finance and idempotency. Returns the pseudonym; empty for an unknown member.
     */
    Optional<String> erase(String memberId);

    /** The member's state without a version, for read-only callers. */
    default Optional<MemberState> state(String memberId) {
        return load(memberId).map(StoredMember::state);
    }
}
