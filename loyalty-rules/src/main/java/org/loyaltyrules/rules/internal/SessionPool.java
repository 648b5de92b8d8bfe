package org.loyaltyrules.rules.internal;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

/**
 * Reusable Drools sessions of one program, cleaned after every evaluation. Idle sessions wait in one stack shared by
 * all threads (last used, first reused), so the pool holds as many sessions as evaluations ever ran at once, and
 * sessions {@link #prepare prepared} on one thread (a reload warming a new program up) serve every thread. The program's settings
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
    private final Idle idle = new Idle();

    public SessionPool(RulePack pack, List<Object> settingsFacts) {
        this.pack = pack;
        this.standing = settingsAloneActivateNothing(pack, settingsFacts) ? List.copyOf(settingsFacts) : List.of();
        CLEANER.register(this, idle);
    }

    /**
     * The sessions waiting for an evaluation; disposed once the pool is unreachable. A session in use holds its pool,
     * so at that point every session the pool kept is idle.
     */
    private static final class Idle implements Runnable {
        final ConcurrentLinkedDeque<Firing> firings = new ConcurrentLinkedDeque<>();

        @Override
        public void run() {
            for (Firing f = firings.pollFirst(); f != null; f = firings.pollFirst()) {
                f.retire();
            }
        }
    }

    /** Whether the settings facts are already in every session this pool opens (callers then skip inserting them). */
    public boolean settingsStanding() {
        return !standing.isEmpty();
    }

    /** The session used last when one is idle, otherwise a new one; close it when the evaluation is done. */
    public Firing open(int fireLimit) {
        Firing pooled = idle.firings.pollFirst();
        Firing firing = pooled != null ? pooled : new Firing(pack, standing);
        firing.pooledBy(this);
        firing.begin(fireLimit);
        return firing;
    }

    /** Takes a cleaned, healthy session back for the next evaluation. */
    void keep(Firing firing) {
        idle.firings.offerFirst(firing);
    }

    /**
     * Opens {@code count} sessions at once, runs {@code warm} in each (e.g. a synthetic evaluation, which loads and
     * runs the rules' generated code and builds the session's node memories) and returns them to the pool, so the
     * first {@code count} concurrent evaluations find a warm session. A warm-up that throws discards its session.
     */
    public void prepare(int count, int fireLimit, Consumer<Firing> warm) {
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
        }
    }

    /** Sessions waiting in the pool (for tests). */
    int idleSessions() {
        return idle.firings.size();
    }

    private static boolean settingsAloneActivateNothing(RulePack pack, List<Object> settingsFacts) {
        if (settingsFacts.isEmpty()) {
            return false;
        }
        try (Firing probe = new Firing(pack, List.of())) {
            probe.begin(1_000);
            probe.insertAll(settingsFacts);
            int fired = 0;
            for (String group : RulePack.GROUPS) {
                fired += probe.fireCounting(group);
            }
            probe.discard();
            return fired == 0;
        }
    }
}
