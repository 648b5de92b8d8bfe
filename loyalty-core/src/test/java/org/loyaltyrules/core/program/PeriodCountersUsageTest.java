package org.loyaltyrules.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodCountersUsageTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant ENROLLED = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant MARCH_3 = Instant.parse("2025-03-03T10:00:00Z");
    private static final Instant MARCH_20 = Instant.parse("2025-03-20T10:00:00Z");
    private static final Instant APRIL_1 = Instant.parse("2025-04-01T10:00:00Z");

    @Test
    void headroom_is_the_limit_less_what_the_period_used() {
        // given
        PeriodCounters counters = PeriodCounters.EMPTY
                .record("monthly-points", CountingPeriod.MONTH, MARCH_3, UTC, ENROLLED, 700);

        // when
        long headroom = counters.headroom("monthly-points", CountingPeriod.MONTH, 1_000, MARCH_20, UTC, ENROLLED);

        // then
        assertThat(headroom).isEqualTo(300L);
        assertThat(counters).isEqualTo(new PeriodCounters(List.of(new PeriodCount("monthly-points", "2025-3", 700))));
    }

    @Test
    void headroom_is_never_negative() {
        PeriodCounters counters = PeriodCounters.EMPTY
                .record("monthly-points", CountingPeriod.MONTH, MARCH_3, UTC, ENROLLED, 1_200);

        assertThat(counters.headroom("monthly-points", CountingPeriod.MONTH, 1_000, MARCH_20, UTC, ENROLLED))
                .isZero();
    }

    @Test
    void recording_in_the_same_period_adds_up() {
        // given
        PeriodCounters counters = PeriodCounters.EMPTY
                .record("free-delivery", CountingPeriod.MONTH, MARCH_3, UTC, ENROLLED, 1);

        // when
        PeriodCounters next = counters.record("free-delivery", CountingPeriod.MONTH, MARCH_20, UTC, ENROLLED, 1);

        // then
        assertThat(next.used("free-delivery", CountingPeriod.MONTH, MARCH_20, UTC, ENROLLED)).isEqualTo(2L);
        assertThat(next.counts()).containsExactly(new PeriodCount("free-delivery", "2025-3", 2));
    }

    @Test
    void a_new_period_starts_from_zero_and_forgets_the_old_one() {
        // given
        PeriodCounters counters = PeriodCounters.EMPTY
                .record("free-delivery", CountingPeriod.MONTH, MARCH_3, UTC, ENROLLED, 2)
                .record("daily-points", CountingPeriod.DAY, MARCH_3, UTC, ENROLLED, 50);

        // when
        long usedInApril = counters.used("free-delivery", CountingPeriod.MONTH, APRIL_1, UTC, ENROLLED);
        PeriodCounters next = counters.record("free-delivery", CountingPeriod.MONTH, APRIL_1, UTC, ENROLLED, 1);

        // then
        assertThat(usedInApril).isZero();
        assertThat(next.counts()).containsExactly(
                new PeriodCount("daily-points", "2025-03-03", 50),
                new PeriodCount("free-delivery", "2025-4", 1));
    }

    @Test
    void giving_back_in_the_same_period_lowers_usage_but_never_below_zero() {
        // given
        PeriodCounters counters = PeriodCounters.EMPTY
                .record("monthly-points", CountingPeriod.MONTH, MARCH_3, UTC, ENROLLED, 700);

        // when
        PeriodCounters partly = counters.giveBack("monthly-points", CountingPeriod.MONTH, MARCH_3, MARCH_20, UTC,
                ENROLLED, 200);
        PeriodCounters fully = counters.giveBack("monthly-points", CountingPeriod.MONTH, MARCH_3, MARCH_20, UTC,
                ENROLLED, 900);

        // then
        assertThat(partly.used("monthly-points", CountingPeriod.MONTH, MARCH_20, UTC, ENROLLED)).isEqualTo(500L);
        assertThat(fully.used("monthly-points", CountingPeriod.MONTH, MARCH_20, UTC, ENROLLED)).isZero();
    }

    @Test
    void giving_back_after_the_period_ended_changes_nothing() {
        // given
        PeriodCounters counters = PeriodCounters.EMPTY
                .record("monthly-points", CountingPeriod.MONTH, MARCH_3, UTC, ENROLLED, 700);

        // when
        PeriodCounters next = counters.giveBack("monthly-points", CountingPeriod.MONTH, MARCH_3, APRIL_1, UTC,
                ENROLLED, 200);

        // then
        assertThat(next).isSameAs(counters);
    }
}
