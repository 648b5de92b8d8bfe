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
    void a_term_month_counter_keeps_each_terms_latest_month_so_a_member_back_in_an_earlier_term_finds_its_use() {
        // given: 5 used in month 2 of the membership (from 5 January), then 5 in a paid term from 20 March, which
        // is refunded on 25 March: the member is back in the membership's month 2
        Instant enrolled = Instant.parse("2025-01-05T02:00:00Z");
        Instant paid = Instant.parse("2025-03-20T02:00:00Z");
        PeriodCounters counters = PeriodCounters.EMPTY
                .record("free-shipping", CountingPeriod.TERM_MONTH, Instant.parse("2025-03-12T01:00:00Z"), UTC,
                        enrolled, 5)
                .record("free-shipping", CountingPeriod.TERM_MONTH, Instant.parse("2025-03-21T01:00:00Z"), UTC, paid, 5);

        // when
        long backInMonth2 = counters.used("free-shipping", CountingPeriod.TERM_MONTH,
                Instant.parse("2025-03-26T01:00:00Z"), UTC, enrolled);
        PeriodCounters nextMonth = counters.record("free-shipping", CountingPeriod.TERM_MONTH,
                Instant.parse("2025-04-06T01:00:00Z"), UTC, enrolled, 1);

        // then: the month already used stays counted; a term's later month replaces its earlier one
        assertThat(backInMonth2).isEqualTo(5L);
        assertThat(nextMonth.counts()).containsExactly(
                new PeriodCount("free-shipping", "T2025-03-20+0", 5),
                new PeriodCount("free-shipping", "T2025-01-05+3", 1));
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
