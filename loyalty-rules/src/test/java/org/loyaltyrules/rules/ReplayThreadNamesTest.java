package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;

/**
 * The threads of a replay spread over several are told apart by name in a thread dump or a profile
 * ("loyalty-replay-0", "loyalty-replay-1"), not all called "loyalty-replay-0".
 */
class ReplayThreadNamesTest {

    private final LoyaltyEngine engine = Programs.engine(Programs.retail("", ""));

    @Test
    void each_thread_of_a_replay_on_two_threads_has_its_own_name() {
        // given: members enough for both threads, and a listener that holds each thread until the other has come
        List<LoyaltyEvent> history = IntStream.range(0, 64)
                .mapToObj(i -> (LoyaltyEvent) Purchase.of("p" + i, "m" + i, Instant.parse("2025-03-03T10:00:00Z"),
                        Money.of("20.00", "USD")))
                .toList();
        Map<Thread, String> names = new ConcurrentHashMap<>();
        CyclicBarrier both = new CyclicBarrier(2);

        // when
        engine.replay(Map.of(), history, null, decision -> {
            Thread thread = Thread.currentThread();
            if (names.putIfAbsent(thread, thread.getName()) == null) {
                try {
                    both.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the second replay thread did not come", e);
                }
            }
        }, 2);

        // then
        assertThat(names).hasSize(2);
        assertThat(names.values()).containsExactlyInAnyOrder("loyalty-replay-0", "loyalty-replay-1");
    }
}
