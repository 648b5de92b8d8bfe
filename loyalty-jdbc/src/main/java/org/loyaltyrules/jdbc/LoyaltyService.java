package org.loyaltyrules.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.EventIdOwners;
import org.loyaltyrules.rules.Explanation;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.store.VersionConflictException;

/**
 * Applies events to members kept in a {@link JdbcMemberStore}, one database transaction per event: load the member,
 * refuse an event id that another member processed, refuse an event for a member the store does not hold unless it
 * enrols one (a purchase, an enrollment, a membership fee), evaluate the event with the engine, then (only when it
 * applied) move the member's version, insert the event id into {@code processed_event_ids}, append the new postings,
 * write the changed rows, and commit.
 *
 * <p>Guarantees: an event is counted at most once, across restarts and concurrent writers (the event id is a primary
 * key, and the member's version is checked before anything is written); a failure anywhere before the commit leaves
 * the database as it was, so applying the same event again gives the same result as a run without the failure. A
 * duplicate event id returns the earlier effect (a {@code DUPLICATE} decision carrying the postings the event booked
 * under its id) and changes nothing. When another writer saved the member first, the event is evaluated again on the new state, up to
 * {@code maxAttempts} times. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LoyaltyService {

    /** The steps of one attempt, where a test can make the process "crash". */
    enum Step { AFTER_LOAD, AFTER_EVALUATE, AFTER_POSTINGS, BEFORE_COMMIT }

    public static final int DEFAULT_MAX_ATTEMPTS = 50;

    private static final String STORE_LIMIT_RULE = "Events fit the member store";
    private static final String STORE_LIMIT_INTENT = "The store keeps ids of up to 200 characters, instants in whole "
            + "microseconds in years 1..9999 (also those the engine derives from an event, such as a lot's expiry), "
            + "amounts of up to 15 digits before and 4 after the decimal point, growth credit (a purchase's nights, "
            + "spend ...) of up to 26 digits before and 12 after it, and text without the NUL character or an "
            + "unpaired UTF-16 surrogate";

    private static final String UNKNOWN_MEMBER = "UNKNOWN_MEMBER";
    private static final String UNKNOWN_MEMBER_RULE = "Only a purchase, an enrollment or a membership fee enrols a "
            + "member";
    private static final String UNKNOWN_MEMBER_INTENT = "A member the store does not hold is enrolled by a purchase, "
            + "an enrollment or a membership fee; any other event for it names a member that does not exist";

    /** Told of every decision {@link #apply} returns, e.g. to count outcomes and time evaluations. */
    @FunctionalInterface
    public interface Listener {
        /**
         * {@code decision} was returned for {@code event} after {@code nanos} (load, evaluate, store and retries).
         * Called on the applying thread after the commit; an exception thrown here reaches the caller of apply,
         * but the event stays applied.
         */
        void decided(LoyaltyEvent event, Decision decision, long nanos);
    }

    private final LoyaltyEngine engine;
    private final JdbcMemberStore store;
    private final int maxAttempts;
    private final Listener listener;
    private volatile Consumer<Step> hook = step -> { };
    /** The engine's program last found to fit the store; a reload swaps in another, checked on the next apply. */
    private volatile Program held;
    /**
     * Held for reading by each attempt (evaluate to commit), for writing by {@link #reload} around its check of the
     * stored tiers and the swap; one per engine, shared by every service of that engine.
     */
    private final ReentrantReadWriteLock swapLock;

    /** The swap lock of each engine that has a service (weakly held: an engine no service uses any more goes). */
    private static final Map<LoyaltyEngine, ReentrantReadWriteLock> SWAP_LOCKS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private LoyaltyService(LoyaltyEngine engine, JdbcMemberStore store, int maxAttempts, Listener listener) {
        this.engine = requireNonNull(engine, "engine");
        this.swapLock = SWAP_LOCKS.computeIfAbsent(engine, e -> new ReentrantReadWriteLock());
        this.store = requireNonNull(store, "store");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.listener = requireNonNull(listener, "listener");
        Program program = engine.program();
        store.requireHolds(program);
        this.held = program;
    }

    /**
     * A service applying {@code engine}'s program to the members of {@code store}, refused as {@link #reload} refuses
     * a program, so that the application fails at start-up rather than on every event of the members concerned.
     *
     * @throws IllegalArgumentException the program defines an id the store cannot hold (a tier id, growth metric, cap
     *                                  or benefit id over 100 characters), named with its kind and the limit; or
     *                                  stored members hold a tier (or tier floor) its ladder lacks, naming each tier
     *                                  and how many hold it ({@link JdbcMemberStore#requireStoredTiersIn})
     * @throws JdbcFailure the stored tiers could not be read (a schema that was never migrated is not checked: its
     *                     first event says so)
     */
    public static LoyaltyService create(LoyaltyEngine engine, JdbcMemberStore store) {
        LoyaltyService service = new LoyaltyService(engine, store, DEFAULT_MAX_ATTEMPTS,
                (event, decision, nanos) -> { });
        try {
            store.requireStoredTiersIn(engine.program());
        } catch (JdbcFailure e) {
            if (!e.isMissingSchema()) {
                throw e;
            }
            // no members table yet: no member holds a tier, and the first event names the missing schema and its fix
        }
        return service;
    }

    /** This service giving up after {@code attempts} version conflicts on one event. */
    public LoyaltyService withMaxAttempts(int attempts) {
        return new LoyaltyService(engine, store, attempts, listener);
    }

    /** This service telling {@code newListener} of every decision it returns (replaces any earlier listener). */
    public LoyaltyService withListener(Listener newListener) {
        return new LoyaltyService(engine, store, maxAttempts, newListener);
    }

    public JdbcMemberStore store() {
        return store;
    }

    public LoyaltyEngine engine() {
        return engine;
    }

    /**
     * Puts {@code program} in service in this service's engine, refusing it when the stored members could not be
     * served by it: its ids must fit the store's columns ({@link JdbcMemberStore#requireHolds}), and its ladder must
     * have every tier (and tier floor) a stored member holds ({@link JdbcMemberStore#requireStoredTiersIn}). The
     * program is compiled and warmed up while the current one serves ({@link LoyaltyEngine#reload(Program,
     * java.util.function.BiConsumer)}); then the service's applies pause (each attempt in progress commits or rolls
     * back first), the stored tiers are checked (two grouped queries over the members) and the program is swapped in,
     * so no state the old program decided is stored after the check. Applies through every service of this engine
     * wait for it (in this JVM); a reload of the engine itself does not pause them.
     *
     * @throws IllegalArgumentException the program defines an id the store cannot hold, or stored members hold a
     *         tier it lacks (naming each tier and how many hold it); the current program keeps serving
     * @throws org.loyaltyrules.rules.program.ProgramException the program does not compile; the current program keeps
     *         serving
     * @throws JdbcFailure the stored tiers could not be read; the current program keeps serving
     */
    public void reload(Program program) {
        requireNonNull(program, "program");
        store.requireHolds(program);
        engine.reload(program, (compiled, swap) -> {
            Lock exclusive = swapLock.writeLock();
            exclusive.lock();
            try {
                store.requireStoredTiersIn(compiled);
                swap.run();
                held = compiled;
            } finally {
                exclusive.unlock();
            }
        });
    }

    /** Whether a {@link #reload} waits for the applies in progress (for tests). */
    boolean reloadWaiting() {
        return swapLock.hasQueuedThreads() && !swapLock.isWriteLocked();
    }

    /** Test hook: called at each {@link Step}; throwing from it simulates a crash at that step. */
    void onStep(Consumer<Step> newHook) {
        this.hook = requireNonNull(newHook, "newHook");
    }

    /**
     * Applies {@code event} and persists its effect. APPLIED: committed. DUPLICATE: seen before, the postings the
     * event booked under its id are returned, nothing written. REFUSED: nothing written (also, before evaluating, when the event id was
     * processed for another member: code {@code DUPLICATE_EVENT_ID}, naming that member; when the member is not in the
     * store and the event is not a purchase, an enrollment or a membership fee, the events that enrol a member:
     * code {@code UNKNOWN_MEMBER}, so that a mistyped member id creates no member; and when the store cannot
     * hold the event: code {@code STORE_LIMIT}, an event or member id over 200 characters, an instant finer than
     * microseconds or outside years 1..9999, a purchase amount beyond 15 digits before or 4 after the decimal point,
     * an event id, member id or adjustment reason holding the NUL character or an unpaired UTF-16 surrogate;
     * after evaluating, {@code STORE_LIMIT} too when the state the event produces holds such a value, e.g. an
     * attribute value with a NUL or unpaired surrogate; events lie in the years 1900..2199, so no derived instant
     * passes 9999).
     *
     * @throws org.loyaltyrules.rules.RuleEvaluationException a rule threw or looped; nothing written
     * @throws IllegalStateException other writers kept winning for {@code maxAttempts} attempts; or the engine was
     *                               reloaded with a program that defines an id the store cannot hold (see
     *                               {@link JdbcMemberStore#requireHolds}); nothing evaluated or written
     * @throws JdbcFailure the database failed; nothing written. Where the commit itself failed, a fresh connection
     *         tells whether it took effect: if it did, the decision is returned; if the store cannot be read either,
     *         the message says the event may or may not be applied, and sending the same event again tells
     *         ({@code DUPLICATE} means it was)
     * @throws IllegalArgumentException the stored state holds a tier (or tier floor) the engine's program does not
     *         have (a reload removed or renamed it): migrate the stored members first; nothing written
     */
    public Decision apply(LoyaltyEvent event) {
        requireNonNull(event, "event");
        long started = System.nanoTime();
        Decision decision = applyWithRetries(event);
        listener.decided(event, decision, System.nanoTime() - started);
        return decision;
    }

    private Decision applyWithRetries(LoyaltyEvent event) {
        requireHeldProgram(event);
        Optional<String> limit = StoreLimits.problemWith(event);
        if (limit.isPresent()) {
            return refused(event, StoreLimits.REFUSAL_CODE, limit.get(), STORE_LIMIT_RULE, STORE_LIMIT_INTENT,
                    storedState(event));
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return attempt(event);
            } catch (VersionConflictException e) {
                last = e;
            } catch (JdbcFailure e) {
                if (!e.isTransient()) {
                    throw e;
                }
                last = e; // a serialization failure, deadlock or lock timeout: retried as a version conflict is
            } catch (DuplicateEventException e) {
                Optional<String> owner = store.ownerOf(event.id());
                if (owner.isPresent() && !owner.get().equals(event.memberId())) {
                    return refusedAsForeign(event, owner.get(), storedState(event));
                }
                last = e;
            }
            backOff(attempt);
        }
        throw new IllegalStateException("event " + event.id() + " of member " + event.memberId() + " not applied: "
                + maxAttempts + " attempts lost to concurrent writers", last);
    }

    /** The engine's program fits the store: checked once per program, so a reload is checked on its first event. */
    private void requireHeldProgram(LoyaltyEvent event) {
        Program program = engine.program();
        if (program == held) {
            return;
        }
        Optional<String> problem = StoreLimits.problemWith(program);
        if (problem.isPresent()) {
            throw new IllegalStateException("event " + event.id() + " of member " + event.memberId() + " not applied: "
                    + "the engine was reloaded and its " + problem.get());
        }
        held = program;
    }

    /**
     * One attempt, holding the member's in-process writer lock (so that this process's threads take turns on a member
     * rather than losing version checks to each other), then the swap lock for reading. A reload takes only the swap
     * lock, so the two are always taken in this order.
     */
    private Decision attempt(LoyaltyEvent event) {
        Lock writer = store.writerLockOf(event.memberId());
        writer.lock();
        try {
            Lock shared = swapLock.readLock();
            shared.lock();
            try {
                return attemptUnderOneProgram(event);
            } finally {
                shared.unlock();
            }
        } finally {
            writer.unlock();
        }
    }

    private Decision attemptUnderOneProgram(LoyaltyEvent event) {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                Snapshot before = store.read(c, event.memberId());
                hook.accept(Step.AFTER_LOAD);
                MemberState stored = before == null ? null : before.state();
                if (stored == null || !stored.hasProcessed(event.id())) {
                    // the id's owner first: a copy of another member's id is refused as such, whatever the
                    // engine would have said of it (an id of this member is the engine's DUPLICATE)
                    Optional<String> owner = store.ownerOf(c, event.id());
                    if (owner.isPresent() && !owner.get().equals(event.memberId())) {
                        c.rollback();
                        return refusedAsForeign(event, owner.get(), stored);
                    }
                }
                if (stored == null && !enrols(event)) {
                    c.rollback();
                    return refusedAsUnknown(event);
                }
                Decision decision = engine.apply(stored, event);
                hook.accept(Step.AFTER_EVALUATE);
                if (!decision.isApplied()) {
                    c.rollback();
                    return decision;
                }
                Snapshot after;
                try {
                    after = store.write(c, before, decision.state(), () -> hook.accept(Step.AFTER_POSTINGS));
                } catch (StoreLimits.Exceeded e) {
                    // a value the engine derived from the event (a lot's expiry past 9999): refused, as the event's
                    // own values are, and rolled back before anything is committed
                    c.rollback();
                    return refused(event, StoreLimits.REFUSAL_CODE, e.getMessage(), STORE_LIMIT_RULE,
                            STORE_LIMIT_INTENT, stored);
                }
                hook.accept(Step.BEFORE_COMMIT);
                try {
                    c.commit();
                } catch (SQLException e) {
                    return afterFailedCommit(event, decision, e);
                }
                store.remember(after);
                return decision;
            } catch (RuntimeException | SQLException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcFailure("cannot apply event " + event.id() + " of member " + event.memberId(), e);
        }
    }

    /**
     * The commit failed, and the connection with it, perhaps after the database had committed (a connection cut while
     * the server acknowledged, a server stopping): a fresh connection tells. The event processed for its member means
     * the transaction took effect, and {@code decision} is what it wrote; otherwise nothing was written, and the
     * failure is thrown as any other (a transient one is retried). The member's cached state is left as it was, so a
     * later write finds the new version and reads the member again.
     */
    private Decision afterFailedCommit(LoyaltyEvent event, Decision decision, SQLException failure) {
        Optional<String> owner;
        try {
            owner = store.ownerOf(event.id());
        } catch (RuntimeException unreadable) {
            JdbcFailure unknown = new JdbcFailure("event " + event.id() + " of member " + event.memberId()
                    + " may or may not be applied: its commit failed and the store cannot be read to tell; send the"
                    + " same event again once the database is back (DUPLICATE then means it was applied)", failure);
            unknown.addSuppressed(unreadable);
            throw unknown;
        }
        if (owner.isPresent() && owner.get().equals(event.memberId())) {
            return decision;
        }
        throw new JdbcFailure("cannot apply event " + event.id() + " of member " + event.memberId()
                + ": its commit failed and nothing was written", failure);
    }

    /**
     * Whether {@code event} may enrol a member the store does not hold: a purchase (a first purchase at the till), an
     * enrollment, a membership fee (joining by paying). Any other first event (an adjustment, a redemption, a review)
     * presumes a member, so for an unknown id it is a mistake, most likely a mistyped member id.
     */
    private static boolean enrols(LoyaltyEvent event) {
        return event instanceof Purchase || event instanceof Enrollment || event instanceof MembershipFee;
    }

    private Decision refusedAsUnknown(LoyaltyEvent event) {
        String detail = "member " + event.memberId() + " is not in the store: event " + event.id() + " ("
                + event.type() + ") does not enrol a member, only a purchase, an enrollment or a membership fee "
                + "does; check the member id";
        return refused(event, UNKNOWN_MEMBER, detail, UNKNOWN_MEMBER_RULE, UNKNOWN_MEMBER_INTENT, null);
    }

    /** The refusal of an id that {@code owner} processed, worded as the CLI's replays word it. */
    private Decision refusedAsForeign(LoyaltyEvent event, String owner, MemberState stored) {
        String detail = EventIdOwners.heldInTheStore(event.id(), owner);
        return refused(event, EventIdOwners.CODE, detail, "Event ids are unique across members",
                "An event id identifies one event of one member", stored);
    }

    /** The member's state as stored now, or null (also for a member id the store cannot hold). */
    private MemberState storedState(LoyaltyEvent event) {
        boolean storable = StoreLimits.id("member id", event.memberId()) == null;
        return storable ? store.state(event.memberId()).orElse(null) : null;
    }

    /**
     * A refusal decided by the service rather than the program: the member's state stays as {@code stored} (null: a
     * member the store does not hold).
     */
    private Decision refused(LoyaltyEvent event, String code, String detail, String rule, String intent,
                             MemberState stored) {
        MemberState state = stored != null ? stored : engine.newMember(event.memberId(), event.at());
        return new Decision(engine.program().version(), event.id(), event.memberId(), Decision.Outcome.REFUSED, state,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new Explanation(rule, "", 0, intent, Map.of("event", event.id()), detail)),
                new Refusal(code, detail));
    }

    private static void backOff(int attempt) {
        // jitter, so that two writers that collided do not collide again in lockstep
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 50_000L * Math.min(attempt, 20)));
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the database rolls the transaction back when it notices
        }
    }
}
