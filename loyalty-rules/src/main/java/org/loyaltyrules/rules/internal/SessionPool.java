package org.loyaltyrules.rules.internal;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

/**
 * Reusable Drools sessions of one program, cleaned after every evaluation. A thread keeps using the session it used
 * before (its memory stays in that core's caches); sessions no thread owns yet wait in a stack shared by all threads,
 * so sessions {@link #prepare prepared} on one thread (a reload warming a new program up) serve the threads that
 * evaluate, and a thread that needs a second session at once (a nested evaluation) finds one. The program's settings
 * facts (rates, thresholds, exclusions ...) can stay in the session between evaluations ("standing facts") instead of
 * being inserted and deleted for every event — but only when that cannot change any result: when, with the settings
 * facts alone, no rule of any group activates. Otherwise every evaluation inserts them itself.
 *
 * <p>A Drools {@code KieBase} holds every session made from it until the session is disposed, and packs are cached
 * and shared by every engine (and every reload) with the same DRL. So the sessions a pool kept are disposed when the
 * pool itself is no longer reachable (after a reload replaced it, or when its engine is dropped): without that, each
 * reload or short-lived engine left one live session per thread in the shared {@code KieBase}.
 */
public final class SessionPool {

    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "loyalty-session-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final RulePack pack;
    private final List<Object> standing;
    private final ThreadLocal<Firing> owned = new ThreadLocal<>();
    private final Kept kept = new Kept();

    public SessionPool(RulePack pack, List<Object> settingsFacts) {
        this.pack = pack;
        this.standing = settingsAloneActivateNothing(pack, settingsFacts) ? List.copyOf(settingsFacts) : List.of();
        CLEANER.register(this, kept);
    }

    /**
     * Every session the pool kept: those threads own and those waiting in the shared stack; disposed once the pool is
     * unreachable. A session in use holds its pool, so at that point none is in use.
     */
    private static final class Kept implements Runnable {
        final ConcurrentLinkedDeque<Firing> shared = new ConcurrentLinkedDeque<>();
        private final Map<Firing, WeakReference<Thread>> owned = new IdentityHashMap<>();

        synchronized void own(Firing firing) {
            owned.put(firing, new WeakReference<>(Thread.currentThread()));
        }

        synchronized void release(Firing firing) {
            owned.remove(firing);
        }

        /**
         * Disposes the sessions of threads that ended: nothing can use them again, and the shared KieBase would keep
         * them alive (thread pools that shrink and grow would otherwise leave one session per ended thread).
         */
        synchronized void retireEnded() {
            owned.entrySet().removeIf(e -> {
                Thread thread = e.getValue().get();
                if (thread == null || !thread.isAlive()) {
                    e.getKey().retire();
                    return true;
                }
                return false;
            });
        }

        synchronized int ownedCount() {
            return owned.size();
        }

        @Override
        public synchronized void run() {
            owned.keySet().forEach(Firing::retire);
            owned.clear();
            for (Firing f = shared.pollFirst(); f != null; f = shared.pollFirst()) {
                f.retire();
            }
        }
    }

    /** Whether the settings facts are already in every session this pool opens (callers then skip inserting them). */
    public boolean settingsStanding() {
        return !standing.isEmpty();
    }

    /**
     * This thread's session when it has a free one, else one from the shared stack, else a new one; close it when the
     * evaluation is done.
     */
    public Firing open(int fireLimit) {
        Firing firing = owned.get();
        if (firing == null || firing.inUse()) {
            firing = kept.shared.pollFirst();
            if (firing == null) {
                kept.retireEnded(); // a thread without a session: maybe a pool replaced ended ones
                firing = new Firing(pack, standing);
            }
        }
        firing.pooledBy(this);
        firing.begin(fireLimit);
        return firing;
    }

    /** Takes a cleaned, healthy session back: it becomes this thread's own unless the thread has one already. */
    void keep(Firing firing) {
        Firing own = owned.get();
        if (own == firing) {
            return;
        }
        if (own == null) {
            owned.set(firing);
            kept.own(firing);
        } else {
            kept.shared.offerFirst(firing);
        }
    }

    /**
     * Forgets a session that failed and is disposed: a thread that owned it must open a new one next time, not reuse
     * the disposed session (which failed that thread's every later evaluation with "session was previously disposed").
     */
    void forget(Firing firing) {
        if (owned.get() == firing) {
            owned.remove();
        }
        kept.release(firing);
    }

    /**
     * Opens {@code count} sessions at once, runs {@code warm} in each (e.g. a synthetic evaluation, which loads and
     * runs the rules' generated code and builds the session's node memories) and returns them to the pool, so the
     * first {@code count} concurrent evaluations find a warm session. A warm-up that throws discards its session.
     */
    public void prepare(int count, int fireLimit, Consumer<Firing> warm) {
        Firing ownBefore = owned.get();
        List<Firing> opened = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                opened.add(open(fireLimit));
            }
            for (Firing firing : opened) {
                try {
                    warm.accept(firing);
                } catch (RuntimeException e) {
                    firing.discard();
                }
            }
        } finally {
            opened.forEach(Firing::close);
            if (ownBefore == null) {
                disown(); // prepared sessions are for the threads that evaluate, not for the thread that prepares them
            }
        }
    }

    /** Gives this thread's own session (if it has one) to the shared stack, for any thread's next evaluation. */
    public void disown() {
        Firing own = owned.get();
        if (own != null) {
            owned.remove();
            kept.release(own);
            kept.shared.offerFirst(own);
        }
    }

    /** Sessions threads own (for tests). */
    int ownedSessions() {
        return kept.ownedCount();
    }

    /** Sessions in the shared stack, which no thread owns yet (for tests). */
    int sharedSessions() {
        return kept.shared.size();
    }

    private static boolean settingsAloneActivateNothing(RulePack pack, List<Object> settingsFacts) {
        if (settingsFacts.isEmpty()) {
            return false;
        }
        try (Firing probe = new Firing(pack, List.of())) {
            probe.begin(1_000);
            probe.discard();
            probe.insertAll(settingsFacts);
            int fired = 0;
            for (String group : RulePack.GROUPS) {
                fired += probe.fireCounting(group);
            }
            return fired == 0;
        } catch (RuntimeException | Error e) {
            if (Firing.jvmFailure(e)) {
                throw e;
            }
            // a rule that fails on the settings facts alone certainly matches them: they are then inserted by each
            // evaluation, where that rule's failure is the event's (RULE_FAILED, naming the rule) as for any rule
            return false;
        }
    }
}
