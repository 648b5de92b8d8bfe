package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Idle sessions are shared by all threads, and a program can be given warm sessions before it serves (a reload
 * prepares them on its own thread for the threads that evaluate).
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
    void a_session_closed_on_one_thread_serves_the_next_evaluation_on_another() throws Exception {
        // given
        SessionPool pool = new SessionPool(PACK, List.of());
        Firing first = CompletableFuture.supplyAsync(() -> {
            Firing f = pool.open(100);
            f.close();
            return f;
        }).get();

        // when
        Firing second = pool.open(100);
        second.close();

        // then
        assertThat(second).isSameAs(first);
        assertThat(pool.idleSessions()).isEqualTo(1);
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
        assertThat(pool.idleSessions()).isEqualTo(3);
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
        assertThat(pool.idleSessions()).isEqualTo(2);
        assertThat(Firing.liveSessions()).isZero();
    }
}
