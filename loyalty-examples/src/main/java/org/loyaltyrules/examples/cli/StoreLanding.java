package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.jdbc.JdbcMemberStore;
import org.loyaltyrules.rules.store.Pseudonyms;
import org.loyaltyrules.rules.store.StoredMember;
import org.loyaltyrules.rules.store.VersionConflictException;

/**
 * {@code run --store}: the replay's members start from their stored states and every member the replay changed is
 * saved with the version it was loaded at (one transaction per member, in parallel). A member someone else changed
 * in the meantime is not overwritten: the run fails naming it, and running again is safe, because events already
 * in a stored state are duplicates. An event id the store holds for another member is refused before the replay
 * ({@link #ownersOf}), as {@code LoyaltyService} refuses it; one that another writer stores for another member
 * after that check makes the save of its member fail like a changed member (the rerun refuses it).
 */
final class StoreLanding {

    private final JdbcMemberStore store;
    private final int threads;
    private final String shownUrl;
    private final Map<String, StoredMember> loaded = new ConcurrentHashMap<>();
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();

    StoreLanding(JdbcMemberStore store, int threads) {
        this(store, threads, null);
    }

    /** As above; {@code shownUrl} is the store's URL as the run shows it (no password), for summary.json. */
    StoreLanding(JdbcMemberStore store, int threads, String shownUrl) {
        this.store = store;
        this.threads = Math.max(1, threads);
        this.shownUrl = shownUrl;
    }

    /** The store's URL as the run shows it, or null when not given. */
    String shownUrl() {
        return shownUrl;
    }

    /** Refuses, before anything is read or replayed, a program defining ids the store cannot hold. */
    void requireHolds(org.loyaltyrules.rules.Program program) {
        store.requireHolds(program);
    }

    /** The stored states of the members the events name (absent members start new). */
    Map<String, MemberState> load(List<LoyaltyEvent> events, PrintWriter err, boolean showProgress) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.memberId()));
        Progress progress = new Progress(err, ids.size(), showProgress, "loading members", "members");
        inParallel(List.copyOf(ids), id -> {
            store.load(id).ifPresent(s -> loaded.put(id, s));
            synchronized (progress) {
                progress.step();
            }
        });
        progress.finish();
        Map<String, MemberState> states = new LinkedHashMap<>();
        for (String id : ids) {
            StoredMember s = loaded.get(id);
            if (s != null) {
                states.put(id, s.state());
            }
        }
        return states;
    }

    /**
     * The opening states: the members {@link #load} found in the store, as stored before this run (by id). The members
     * the run touched are these and the new ones; summary.json's {@code opening} adds these up.
     */
    Map<String, MemberState> opening() {
        Map<String, MemberState> states = new java.util.TreeMap<>();
        loaded.forEach((id, s) -> states.put(id, s.state()));
        return states;
    }

    /**
     * The member that processed each id of {@code events} in the store, where one did: known from the loaded
     * {@code states} when the event's own member holds it, otherwise asked of the store (ids are unique there, across
     * members, so a copy for another member could not be saved).
     */
    Map<String, String> ownersOf(List<LoyaltyEvent> events, Map<String, MemberState> states) {
        Map<String, String> owners = new ConcurrentHashMap<>();
        for (LoyaltyEvent e : events) {
            MemberState own = states.get(e.memberId());
            if (own != null && own.hasProcessed(e.id())) {
                owners.put(e.id(), e.memberId());
            }
        }
        Set<String> unknown = new LinkedHashSet<>();
        events.stream().map(LoyaltyEvent::id).filter(id -> !owners.containsKey(id)).forEach(unknown::add);
        inParallel(List.copyOf(unknown), id -> store.ownerOf(id).ifPresent(member -> owners.put(id, member)));
        return owners;
    }

    /**
     * Saves every member whose state the replay changed. A member another writer changed meanwhile, or whose new
     * event ids include one another writer stored meanwhile for another member, is not saved; the others are, and
     * then the run fails naming both kinds.
     */
    void save(Map<String, MemberState> members, PrintWriter err, boolean showProgress) {
        Progress progress = new Progress(err, members.size(), showProgress, "saving members", "members");
        List<String> conflicts = new ArrayList<>();
        List<String> foreignIds = new ArrayList<>();
        inParallel(List.copyOf(members.keySet()), id -> {
            MemberState after = members.get(id);
            StoredMember before = loaded.get(id);
            if (before != null && before.state().equals(after)) {
                unchanged.incrementAndGet();
            } else {
                try {
                    store.save(after, before == null ? 0 : before.version());
                    saved.incrementAndGet();
                    if (before == null) {
                        created.incrementAndGet();
                    }
                } catch (VersionConflictException e) {
                    synchronized (conflicts) {
                        conflicts.add(id);
                    }
                } catch (IllegalArgumentException e) {
                    String foreign = foreignId(before, after).orElseThrow(() -> e);
                    synchronized (foreignIds) {
                        foreignIds.add(foreign);
                    }
                }
            }
            synchronized (progress) {
                progress.step();
            }
        });
        progress.finish();
        if (!conflicts.isEmpty() || !foreignIds.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!conflicts.isEmpty()) {
                parts.add(conflicts.size() + " changed in the store meanwhile (first: "
                        + conflicts.stream().sorted().limit(5).toList() + ")");
            }
            if (!foreignIds.isEmpty()) {
                parts.add(foreignIds.size() + " processed an event id that another writer stored for another member "
                        + "meanwhile (first: " + foreignIds.stream().sorted().limit(5).toList() + ")");
            }
            throw new IllegalStateException((conflicts.size() + foreignIds.size()) + " member(s) were not saved, "
                    + "because other writers changed the store while this run replayed them: "
                    + String.join("; ", parts) + ". " + saved.get() + " other member(s) were saved; no output was "
                    + "written. Run the same command again: events already stored count as duplicates, and an "
                    + "event id stored for another member is refused DUPLICATE_EVENT_ID.");
        }
    }

    /**
     * Why the store refused {@code after}, if an event id it processed in this run is now stored for another member
     * ("p1 of m2, stored for m1"); empty when the refusal was something else.
     */
    private Optional<String> foreignId(StoredMember before, MemberState after) {
        for (String eventId : after.processedEventIds()) {
            if (before == null || !before.state().hasProcessed(eventId)) {
                Optional<String> owner = store.ownerOf(eventId);
                if (owner.isPresent() && !owner.get().equals(after.memberId())) {
                    return Optional.of(eventId + " of " + after.memberId() + ", stored for "
                            + (Pseudonyms.isPseudonym(owner.get()) ? "an erased member" : owner.get()));
                }
            }
        }
        return Optional.empty();
    }

    long saved() {
        return saved.get();
    }

    long created() {
        return created.get();
    }

    long unchanged() {
        return unchanged.get();
    }

    private void inParallel(List<String> ids, Consumer<String> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = Math.max(1, (ids.size() + threads * 4 - 1) / (threads * 4));
            for (int from = 0; from < ids.size(); from += chunk) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + chunk));
                futures.add(pool.submit(() -> part.forEach(task)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
