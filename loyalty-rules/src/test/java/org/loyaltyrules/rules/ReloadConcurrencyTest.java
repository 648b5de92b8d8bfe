package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.EngineFixtures.baseEarningOnly;
import static org.loyaltyrules.rules.EngineFixtures.flatProgram;
import static org.loyaltyrules.rules.EngineFixtures.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * One engine serves many threads while it is reloaded: each decision is made by exactly one program version, which
 * it names, and its numbers are that version's.
 */
class ReloadConcurrencyTest {

    private static final int THREADS = 4;
    private static final int RELOADS = 50;
    /** Purchases per member before a thread moves on to a new member, so states stay small. */
    private static final int PURCHASES_PER_MEMBER = 20;
    private static final Map<String, Long> POINTS_BY_VERSION = Map.of("A", 100L, "B", 200L);
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** What one applying thread saw. */
    private record Seen(int decisions, int byA, int byB) {
    }

    // Packs compiled once are reused, so the 50 reloads are swaps spaced 10 ms apart; the timeout only catches a hang.
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void every_decision_during_reloads_names_one_version_and_earns_at_its_rate() throws Exception {
        // given: version A pays 1 point per USD, version B 2; both with only the base-earning rules
        ProgramSettings a = settings(flatProgram("A", "1"));
        ProgramSettings b = settings(flatProgram("B", "2"));
        Program programA = Program.of(a, baseEarningOnly(a));
        Program programB = Program.of(b, baseEarningOnly(b));
        LoyaltyEngine engine = LoyaltyEngine.create(programA);
        AtomicBoolean reloading = new AtomicBoolean(true);
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Seen>> workers = new ArrayList<>();

        // when: four threads apply $100 purchases for their own members while the main thread reloads 50 times
        for (int t = 0; t < THREADS; t++) {
            String thread = "t" + t;
            workers.add(pool.submit(() -> applyPurchases(engine, thread, reloading, started, errors)));
        }
        started.await();
        for (int i = 0; i < RELOADS; i++) {
            engine.reload(i % 2 == 0 ? programB : programA);
            // compiled packs are cached, so a reload is only a swap: give the workers time to evaluate between them
            Thread.sleep(10);
        }
        reloading.set(false);
        List<Seen> seen = new ArrayList<>();
        for (Future<Seen> worker : workers) {
            seen.add(worker.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();

        // then (the figures go to docs/reliability.md)
        System.out.printf("ReloadConcurrencyTest: %d decisions (%d by A, %d by B) on %d threads during %d reloads;"
                        + " live sessions after: %d%n", seen.stream().mapToInt(Seen::decisions).sum(),
                seen.stream().mapToInt(Seen::byA).sum(), seen.stream().mapToInt(Seen::byB).sum(), THREADS, RELOADS,
                LoyaltyEngine.liveSessions());
        assertThat(errors).isEmpty();
        assertThat(engine.program().version()).isEqualTo("A");
        assertThat(seen).allSatisfy(s -> assertThat(s.decisions()).isEqualTo(s.byA() + s.byB()).isPositive());
        assertThat(seen.stream().mapToInt(Seen::byA).sum()).isPositive();
        assertThat(seen.stream().mapToInt(Seen::byB).sum()).isPositive();
        assertThat(LoyaltyEngine.liveSessions()).isZero();
    }

    private static Seen applyPurchases(LoyaltyEngine engine, String thread, AtomicBoolean reloading,
                                       CountDownLatch started, Queue<String> errors) {
        started.countDown();
        int decisions = 0;
        int byA = 0;
        int byB = 0;
        MemberState state = null;
        long earned = 0;
        // keep going until the reloads are over, and at least a few rounds in any case
        for (int i = 0; reloading.get() || i < 2 * PURCHASES_PER_MEMBER; i++) {
            String member = thread + "-m" + i / PURCHASES_PER_MEMBER;
            if (i % PURCHASES_PER_MEMBER == 0) {
                state = null;
                earned = 0;
            }
            Purchase purchase = Purchase.of(member + "-p" + i, member, START.plus(Duration.ofMinutes(i)),
                    Programs.usd("100.00"));
            try {
                Decision decision = engine.apply(state, purchase);
                decisions++;
                Long expected = POINTS_BY_VERSION.get(decision.programVersion());
                if (expected == null) {
                    errors.add(purchase.id() + " decided by unknown version " + decision.programVersion());
                    continue;
                }
                if ("A".equals(decision.programVersion())) {
                    byA++;
                } else {
                    byB++;
                }
                if (decision.pointsAwarded() != expected) {
                    errors.add(purchase.id() + " under version " + decision.programVersion() + " earned "
                            + decision.pointsAwarded() + ", expected " + expected);
                }
                String sentence = "base " + (expected / 100) + " per unit on eligible 100.00 = " + expected;
                if (!decision.explanations().get(0).sentence().equals(sentence)) {
                    errors.add(purchase.id() + " explained as '" + decision.explanations().get(0).sentence()
                            + "' under version " + decision.programVersion());
                }
                earned += decision.pointsAwarded();
                state = decision.state();
                if (state.pointsAvailable() != earned) {
                    errors.add(member + " has " + state.pointsAvailable() + " points after " + purchase.id()
                            + ", earned " + earned);
                }
            } catch (RuntimeException e) {
                errors.add(purchase.id() + " failed: " + e);
            }
        }
        return new Seen(decisions, byA, byB);
    }
}
