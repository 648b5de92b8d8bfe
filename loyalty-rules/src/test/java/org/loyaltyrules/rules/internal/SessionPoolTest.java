package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A thread reuses its own session; sessions no thread owns wait in a stack shared by all threads, so a program can be
 * given warm sessions before it serves (a reload prepares them on its own thread for the threads that evaluate).
 */
class SessionPoolTest {

    private static final RulePack PACK = RulePack.compileCached(List.of(new RuleSource("earning/base.drl",
            "test:earning/base.drl", """
            package org.loyaltyrules.rules.earning;
            import org.loyaltyrules.rules.facts.*;

            rule "Purchases earn one point"
                @intent("A test rule")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "one", 1 ) );
            end
            """)));

    @Test
    void a_thread_keeps_using_its_own_session() {
        // given
        SessionPool pool = new SessionPool(PACK, List.of());
        Firing first = pool.open(100);
        first.close();

        // when
        Firing second = pool.open(100);
        second.close();

        // then
        assertThat(second).isSameAs(first);
        assertThat(pool.sharedSessions()).isZero();
    }

    @Test
    void a_session_prepared_on_one_thread_serves_the_first_evaluation_on_another() throws Exception {
        // given: a session prepared on another thread (as a reload does)
        SessionPool pool = new SessionPool(PACK, List.of());
        List<Firing> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> pool.prepare(1, 100, prepared::add)).get();

        // when
        Firing used = pool.open(100);
        used.close();

        // then
        assertThat(used).isSameAs(prepared.get(0));
        assertThat(pool.sharedSessions()).isZero();
    }

    @Test
    void a_thread_that_disowns_its_session_leaves_it_to_the_next_thread() throws Exception {
        // given: a thread that evaluated (as a reload's warm-up does) and then disowns its session
        SessionPool pool = new SessionPool(PACK, List.of());
        Firing warm = CompletableFuture.supplyAsync(() -> {
            Firing f = pool.open(100);
            f.close();
            pool.disown();
            return f;
        }).get();

        // when
        Firing used = pool.open(100);
        used.close();

        // then
        assertThat(used).isSameAs(warm);
        assertThat(pool.sharedSessions()).isZero();
    }

    @Test
    void the_session_of_a_thread_that_ended_is_disposed_when_a_new_thread_needs_one() throws Exception {
        // given: two threads that each evaluated once, then ended (a thread pool that shrank)
        SessionPool pool = new SessionPool(PACK, List.of());
        java.util.concurrent.CountDownLatch evaluated = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = List.of(new Thread(() -> evaluateAndWait(pool, evaluated, end)),
                new Thread(() -> evaluateAndWait(pool, evaluated, end)));
        threads.forEach(Thread::start);
        evaluated.await();
        assertThat(pool.ownedSessions()).isEqualTo(2);
        end.countDown();
        for (Thread t : threads) {
            t.join();
        }

        // when: a new thread needs a session
        Firing fresh = pool.open(100);
        fresh.close();

        // then: the ended threads' sessions are gone; only this thread's is kept
        assertThat(pool.ownedSessions()).isEqualTo(1);
        assertThat(Firing.liveSessions()).isZero();
    }

    private static void evaluateAndWait(SessionPool pool, java.util.concurrent.CountDownLatch evaluated,
                                        java.util.concurrent.CountDownLatch end) {
        pool.open(100).close();
        evaluated.countDown();
        try {
            end.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_nested_evaluation_on_the_same_thread_gets_a_second_session_and_the_pool_keeps_both() {
        // given
        SessionPool pool = new SessionPool(PACK, List.of());
        Firing outer = pool.open(100);

        // when
        Firing inner = pool.open(100);
        inner.close();
        outer.close();

        // then
        assertThat(inner).isNotSameAs(outer);
        assertThat(pool.sharedSessions()).isEqualTo(1);
        Firing again = pool.open(100);
        again.close();
        assertThat(again).isSameAs(inner);
    }

    @Test
    void prepare_warms_that_many_sessions_and_leaves_them_idle_and_clean() {
        // given
        SessionPool pool = new SessionPool(PACK, List.of());
        AtomicInteger warmed = new AtomicInteger();

        // when: each prepared session evaluates one purchase
        pool.prepare(3, 100, firing -> {
            firing.insert(new org.loyaltyrules.rules.facts.EligiblePurchase("warm", java.math.BigDecimal.TEN,
                    java.math.BigDecimal.TEN, "USD", "", ""));
            firing.fire("earning");
            warmed.addAndGet(firing.conclusions().size());
        });

        // then: three sessions, each with one conclusion, all idle; a later evaluation starts from a clean session
        assertThat(warmed.get()).isEqualTo(3);
        assertThat(pool.sharedSessions()).isEqualTo(3);
        assertThat(Firing.liveSessions()).isZero();
        try (Firing next = pool.open(100)) {
            next.fire("earning");
            assertThat(next.conclusions()).isEmpty();
        }
    }

    @Test
    void a_warm_up_that_throws_discards_its_session_and_keeps_the_others() {
        // given
        SessionPool pool = new SessionPool(PACK, List.of());
        AtomicInteger calls = new AtomicInteger();

        // when: the second warm-up fails
        pool.prepare(3, 100, firing -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("rule failed on the synthetic member");
            }
        });

        // then
        assertThat(calls.get()).isEqualTo(3);
        assertThat(pool.sharedSessions()).isEqualTo(2);
        assertThat(Firing.liveSessions()).isZero();
    }

    @Test
    void a_session_that_failed_is_dropped_by_its_thread_and_the_next_evaluation_gets_a_new_one() {
        // given: the thread owns a session, and its next evaluation fails a rule
        SessionPool pool = new SessionPool(PACK, List.of());
        Firing owned = pool.open(100);
        owned.close();
        Firing failing = pool.open(100);
        failing.discard();

        // when
        failing.close();
        Firing next = pool.open(100);
        next.insert(new org.loyaltyrules.rules.facts.EligiblePurchase("p1", java.math.BigDecimal.TEN,
                java.math.BigDecimal.TEN, "USD", "", ""));
        next.fire("earning");
        List<Conclusion> awards = List.copyOf(next.conclusions());
        next.close();

        // then: not the disposed session, which would throw "session was previously disposed"
        assertThat(failing).isSameAs(owned);
        assertThat(next).isNotSameAs(owned);
        assertThat(awards).extracting(Conclusion::rule).containsExactly("Purchases earn one point");
        assertThat(pool.ownedSessions()).isEqualTo(1);
        assertThat(Firing.liveSessions()).isZero();
    }
}
