package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;

/**
 * A replay spread over threads fails as a replay on one thread does: with the exception a member's replay threw, not
 * a copy of it that the fork-join pool wraps around it once per task ("java.lang.IllegalArgumentException:
 * java.lang.IllegalArgumentException: at must ...").
 */
class ReplayOnSeveralThreadsFailureTest {

    private final LoyaltyEngine engine = Programs.engine(Programs.retail("", ""));

    private final List<LoyaltyEvent> history = List.of(
            Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"), Money.of("20.00", "USD")),
            Purchase.of("p2", "m2", Instant.parse("2025-03-03T10:00:00Z"), Money.of("30.00", "USD")),
            Purchase.of("p3", "m3", Instant.parse("2025-03-03T10:00:00Z"), Money.of("40.00", "USD")));

    @Test
    void a_review_after_the_event_years_fails_on_four_threads_with_the_message_of_one_thread() {
        // given: a review instant no event may have
        Instant in2200 = Instant.parse("2200-01-01T00:00:00Z");
        String message = "at must lie in the years 1900..2199 (UTC), was 2200-01-01T00:00:00Z";
        assertThatThrownBy(() -> engine.replay(Map.of(), history, in2200, decision -> { }, 1))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);

        // when / then
        assertThatThrownBy(() -> engine.replay(Map.of(), history, in2200, decision -> { }, 4))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message).hasNoCause();
    }
}
