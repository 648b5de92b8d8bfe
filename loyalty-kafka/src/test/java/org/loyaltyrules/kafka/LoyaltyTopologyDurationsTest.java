package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.kafka.MembersInterleavedInOnePartitionTest.purchase;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.kafka.Topologies.Io;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * {@code LoyaltyTopology.build} refuses, with a message, the durations the running topology cannot keep: stream time
 * and review marks are whole epoch milliseconds in a long, and Kafka Streams punctuates at most once a millisecond.
 */
class LoyaltyTopologyDurationsTest {

    private static final LoyaltyEngine ENGINE = Topologies.retailBasic();
    /** 9223372036854775807 ms. */
    private static final Duration LONGEST = Duration.ofMillis(Long.MAX_VALUE);

    @TempDir
    Path dir;

    private static IllegalArgumentException refused(Duration reviewEvery, Duration allowedLateness) {
        return catchThrowableOfType(IllegalArgumentException.class, () -> LoyaltyTopology.build(ENGINE,
                LoyaltyTopics.defaults(), reviewEvery, allowedLateness));
    }

    @Test
    void a_review_interval_under_a_millisecond_is_refused() {
        assertThat(refused(Duration.ofNanos(500), Duration.ZERO))
                .hasMessage("reviewEvery must be 0 (no scheduled reviews) or at least 1 ms, was PT0.0000005S");
        assertThat(refused(Duration.ofNanos(999_999), Duration.ZERO))
                .hasMessage("reviewEvery must be 0 (no scheduled reviews) or at least 1 ms, was PT0.000999999S");
    }

    @Test
    void a_review_interval_that_is_not_a_whole_number_of_milliseconds_is_refused() {
        assertThat(refused(Duration.ofNanos(1_500_000), Duration.ZERO))
                .hasMessage("reviewEvery must be a whole number of milliseconds, was PT0.0015S");
    }

    @Test
    void a_review_interval_beyond_a_long_of_milliseconds_is_refused() {
        assertThat(refused(Duration.ofSeconds(Long.MAX_VALUE), Duration.ZERO))
                .hasMessage("reviewEvery must be at most 9223372036854775807 ms (PT2562047788015H12M55.807S), was"
                        + " PT2562047788015215H30M7S");
        assertThat(refused(LONGEST.plusMillis(1), Duration.ZERO))
                .hasMessage("reviewEvery must be at most 9223372036854775807 ms (PT2562047788015H12M55.807S), was"
                        + " PT2562047788015H12M55.808S");
    }

    @Test
    void an_allowed_lateness_beyond_a_long_of_milliseconds_is_refused() {
        assertThat(refused(Duration.ofDays(1), Duration.ofSeconds(Long.MAX_VALUE)))
                .hasMessage("allowedLateness must be at most 9223372036854775807 ms (PT2562047788015H12M55.807S), was"
                        + " PT2562047788015215H30M7S");
    }

    @Test
    void an_allowed_lateness_with_a_fraction_of_a_millisecond_is_refused_not_cut() {
        assertThat(refused(Duration.ofDays(1), Duration.ofNanos(999_999)))
                .hasMessage("allowedLateness must be a whole number of milliseconds, was PT0.000999999S");
        assertThat(refused(Duration.ofDays(1), Duration.ofHours(6).plusNanos(1)))
                .hasMessage("allowedLateness must be a whole number of milliseconds, was PT6H0.000000001S");
    }

    @Test
    void negative_durations_are_refused() {
        assertThat(refused(Duration.ofMillis(-1), Duration.ZERO)).hasMessage("reviewEvery must be >= 0, was PT-0.001S");
        assertThat(refused(Duration.ofDays(1), Duration.ofNanos(-1)))
                .hasMessage("allowedLateness must be >= 0, was PT-0.000000001S");
    }

    @Test
    void a_max_lead_that_is_negative_fractional_or_beyond_a_long_of_milliseconds_is_refused() {
        assertThat(refusedLead(Duration.ofSeconds(-1))).hasMessage("maxLead must be >= 0, was PT-1S");
        assertThat(refusedLead(Duration.ofDays(1).plusNanos(500)))
                .hasMessage("maxLead must be a whole number of milliseconds, was PT24H0.0000005S");
        assertThat(refusedLead(LONGEST.plusMillis(1)))
                .hasMessage("maxLead must be at most 9223372036854775807 ms (PT2562047788015H12M55.807S), was"
                        + " PT2562047788015H12M55.808S");
    }

    private static IllegalArgumentException refusedLead(Duration maxLead) {
        return catchThrowableOfType(IllegalArgumentException.class, () -> LoyaltyTopology.build(ENGINE,
                LoyaltyTopics.defaults(), Duration.ofDays(1), Duration.ZERO, maxLead,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE)));
    }

    @Test
    void the_longest_durations_accepted_run_an_event_and_a_review() {
        // given: a review every 9223372036854775807 ms that looks back as far
        List<String> decisions;
        List<String> rejected;
        try (TopologyTestDriver driver = Topologies.driver(ENGINE, dir.resolve("state"), LONGEST, LONGEST,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE))) {
            Io io = Io.of(driver);

            // when: the first event starts the punctuation schedule, which reviews at once; then a heartbeat
            io.pipe(purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00"));
            io.heartbeat(Instant.parse("2026-03-01T00:00:00Z"));
            decisions = io.decisions().readValuesToList();
            rejected = io.rejected().readValuesToList();
        }

        // then
        assertThat(decisions).containsExactly(
                "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}");
        assertThat(rejected).isEmpty();
    }

    @Test
    void one_millisecond_and_zero_are_accepted() {
        assertThat(LoyaltyTopology.build(ENGINE, LoyaltyTopics.defaults(), Duration.ofMillis(1), Duration.ZERO))
                .isNotNull();
        assertThat(LoyaltyTopology.build(ENGINE, LoyaltyTopics.defaults(), Duration.ZERO, Duration.ofMillis(1)))
                .isNotNull();
        assertThat(LoyaltyTopology.build(ENGINE, LoyaltyTopics.defaults(), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE))).isNotNull();
        assertThat(LoyaltyTopology.build(ENGINE, LoyaltyTopics.defaults(), Duration.ZERO, Duration.ZERO, LONGEST,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE))).isNotNull();
    }
}
