package org.loyaltyrules.rules.internal;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * Reusable Drools sessions of one program: one per thread, cleaned after every evaluation. The program's settings
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
    private final ThreadLocal<Firing> sessions = new ThreadLocal<>();
    private final Kept kept = new Kept();

    public SessionPool(RulePack pack, List<Object> settingsFacts) {
        this.pack = pack;
        this.standing = settingsAloneActivateNothing(pack, settingsFacts) ? List.copyOf(settingsFacts) : List.of();
        CLEANER.register(this, kept);
    }

    /** The sessions this pool kept for its threads; disposed once the pool is unreachable (never while in use). */
    private static final class Kept implements Runnable {
        private final List<Firing> firings = new ArrayList<>();

        synchronized void add(Firing firing) {
            firings.add(firing);
        }

        @Override
        public synchronized void run() {
            firings.forEach(Firing::retire);
            firings.clear();
        }
    }

    /** Whether the settings facts are already in every session this pool opens (callers then skip inserting them). */
    public boolean settingsStanding() {
        return !standing.isEmpty();
    }

    /** This thread's session when free, otherwise a new one; close it when the evaluation is done. */
    public Firing open(int fireLimit) {
        Firing pooled = sessions.get();
        Firing firing = pooled != null && !pooled.inUse() ? pooled : new Firing(pack, standing);
        firing.pooledBy(this);
        firing.begin(fireLimit);
        return firing;
    }

    /** Keeps {@code firing} as this thread's reusable session unless it already has one. */
    boolean keep(Firing firing) {
        Firing pooled = sessions.get();
        if (pooled == null) {
            sessions.set(firing);
            kept.add(firing);
            return true;
        }
        return pooled == firing;
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
