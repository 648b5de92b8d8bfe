package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.kafka.MembersInterleavedInOnePartitionTest.purchase;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.kafka.Topologies.EventRecord;
import org.loyaltyrules.kafka.Topologies.Io;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;

/**
 * One event of a partition dated a century ahead by mistake (2125 for 2025), among the in-order events of other
 * members, with daily reviews and 6 hours of allowed lateness (kafka audit F1). Decided, it would move the partition's
 * stream time to 2125: the next review would expire the other members' points, drop their tiers, and refuse their
 * later events for a century. The processing wall clock is 2025-03-02T14:00Z.
 */
class EventDatedFarAheadTest {

    static final Instant WALL_CLOCK = Instant.parse("2025-03-02T14:00:00Z");
    static final EventRecord A1 = purchase("a1", "m1", "2025-03-01T10:00:00Z", "600.00"); // silver at once
    static final EventRecord B1 = purchase("b1", "m2", "2025-03-02T10:00:00Z", "50.00");
    static final EventRecord D1 = purchase("d1", "m4", "2125-03-02T11:00:00Z", "5.00");   // the mistyped year
    static final EventRecord A2 = purchase("a2", "m1", "2025-03-02T12:00:00Z", "100.00");
    static final EventRecord B2 = purchase("b2", "m2", "2025-03-02T13:00:00Z", "100.00");
    static final EventRecord C1 = purchase("c1", "m3", "2025-03-02T13:00:00Z", "100.00");
    /** d1 sent again with its true date. */
    static final EventRecord D1_MENDED = purchase("d1", "m4", "2025-03-02T13:30:00Z", "5.00");
    /** Stream time at b1, 2025-03-02T10:00Z, less the allowed lateness: the last review. */
    static final Instant LAST_REVIEW = Instant.parse("2025-03-02T04:00:00Z");

    @TempDir
    Path dir;

    @Test
    void an_event_dated_a_century_ahead_of_the_wall_clock_is_rejected_and_the_other_members_go_on() {
        // when
        Streamed streamed = stream(LeadLimit.DEFAULT_MAX_LEAD, List.of(A1, B1, D1, A2, B2, C1, D1_MENDED));

        // then: d1 is rejected with the partition's time when it came (b1's), and moves no time
        assertThat(streamed.rejected()).containsExactly(new TestRecord<>("m4", "{\"source\":\"loyalty.events/0@2\","
                + "\"problem\":\"event d1 of member m4 at 2125-03-02T11:00:00Z is more than PT24H ahead of the wall"
                + " clock 2025-03-02T14:00:00Z: a mistyped date? It is not decided and moves no stream time; send it"
                + " again with its true time (or build the topology with a larger maxLead)\",\"value\":"
                + "\"{\\\"id\\\":\\\"d1\\\",\\\"type\\\":\\\"purchase\\\",\\\"member\\\":\\\"m4\\\",\\\"at\\\":"
                + "\\\"2125-03-02T11:00:00Z\\\",\\\"amount\\\":\\\"5.00\\\"}\"}", Instant.parse("2025-03-02T10:00:00Z")));
        // every other event applies, m1's a2 with silver's 20 % bonus, and d1 with its true date
        assertThat(streamed.decisions()).containsExactly(
                "{\"event\":\"a1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":600,"
                        + "\"tier\":{\"from\":\"member\",\"to\":\"silver\",\"kind\":\"UPGRADE\"}}",
                "{\"event\":\"b1\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":50}",
                "{\"event\":\"a2\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":120}",
                "{\"event\":\"b2\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
                "{\"event\":\"c1\",\"member\":\"m3\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
                "{\"event\":\"d1\",\"member\":\"m4\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":5}");
        // no review ran in 2125: nothing expired, no tier dropped, no member marked, all as the replay
        assertThat(streamed.postings()).noneMatch(p -> p.contains("\"type\":\"EXPIRE\""));
        assertThat(streamed.tierChanges()).hasSize(1).allMatch(t -> t.contains("\"kind\":\"UPGRADE\""));
        assertThat(streamed.reviewMarks()).isEmpty();
        assertThat(streamed.latestOutput()).isEqualTo(Instant.parse("2025-03-02T13:30:00Z"));
        LoyaltyEngine engine = Topologies.retailBasic();
        ReplayResult replay = engine.replay(Map.of(), Topologies.events(engine, List.of(A1, B1, A2, B2, C1,
                D1_MENDED)), LAST_REVIEW, d -> { });
        assertThat(streamed.members()).isEqualTo(replay.members());
        assertThat(streamed.members().get("m1").pointsPending()).isEqualTo(720L);
    }

    @Test
    void with_the_lead_limit_off_the_event_moves_stream_time_a_century_and_the_others_later_events_are_refused() {
        // when: maxLead zero, as for data dated in the future on purpose
        Streamed streamed = stream(Duration.ZERO, List.of(A1, B1, D1, A2, B2, C1));

        // then: d1 applies; the review at 2125-03-02T05:00Z expires m1's and m2's points and drops m1 to member,
        // and m1's and m2's next events are refused; m3, new, applies
        assertThat(streamed.rejected()).isEmpty();
        assertThat(streamed.decisions()).hasSize(6);
        assertThat(streamed.decisions().get(2)).isEqualTo("{\"event\":\"d1\",\"member\":\"m4\",\"program\":"
                + "\"2026.1\",\"outcome\":\"APPLIED\",\"points\":5}");
        assertThat(streamed.decisions().get(3)).isEqualTo("{\"event\":\"a2\",\"member\":\"m1\",\"program\":"
                + "\"2026.1\",\"outcome\":\"REFUSED\",\"points\":0,\"refusal\":{\"code\":\"OUT_OF_ORDER\",\"detail\":"
                + "\"event a2 at 2025-03-02T12:00:00Z is before member m1's scheduled review at"
                + " 2125-03-02T05:00:00Z (stream time, the latest time the partition has read, an event of any"
                + " member or a heartbeat, less the allowed lateness PT6H): a later event of the partition, of this"
                + " or another member, or a heartbeat set that stream time; send a member's events within the allowed"
                + " lateness of its partition's latest time\"}}");
        assertThat(streamed.decisions().get(4)).contains("\"event\":\"b2\"", "\"outcome\":\"REFUSED\"");
        assertThat(streamed.decisions().get(5)).contains("\"event\":\"c1\"", "\"outcome\":\"APPLIED\"");
        assertThat(streamed.reviewMarks()).isEqualTo(Map.of(
                "m1", Instant.parse("2125-03-02T05:00:00Z").toEpochMilli(),
                "m2", Instant.parse("2125-03-02T05:00:00Z").toEpochMilli()));
        assertThat(streamed.members().get("m1").tier().tierId()).isEqualTo("member");
        assertThat(streamed.members().get("m1").ledger().totals().expired()).isEqualTo(600L);
        assertThat(streamed.members().get("m2").ledger().totals().expired()).isEqualTo(50L);
    }

    @Test
    void the_public_build_rejects_an_event_dated_more_than_a_day_ahead_by_default() {
        // given: the documented entry point, build(engine, topics, reviewEvery, allowedLateness), whose lead limit
        // reads the system clock: 2125 is a century ahead of any run
        Properties props = LoyaltyTopology.config("loyalty-test", "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        List<String> decisions;
        List<String> rejected;
        try (TopologyTestDriver driver = new TopologyTestDriver(LoyaltyTopology.build(Topologies.retailBasic(),
                Topologies.TOPICS, Duration.ofDays(1), Duration.ofHours(6)), props)) {
            Io io = Io.of(driver);

            // when
            io.pipe(List.of(A1, D1, A2));
            decisions = io.decisions().readValuesToList();
            rejected = io.rejected().readValuesToList();
        }

        // then: d1 is rejected and moves no stream time, so no review runs in 2125 and m1's a2 earns silver's 20 %
        // (with the limit off, a2 would be refused OUT_OF_ORDER before the review at 2125-03-02T05:00Z)
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0)).contains("\"problem\":\"event d1 of member m4 at 2125-03-02T11:00:00Z is more than"
                + " PT24H ahead of the wall clock ");
        assertThat(decisions).containsExactly(
                "{\"event\":\"a1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":600,"
                        + "\"tier\":{\"from\":\"member\",\"to\":\"silver\",\"kind\":\"UPGRADE\"}}",
                "{\"event\":\"a2\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":120}");
    }

    private record Streamed(List<String> decisions, List<String> postings, List<String> tierChanges,
                            List<TestRecord<String, String>> rejected, Map<String, MemberState> members,
                            Map<String, Long> reviewMarks, Instant latestOutput) {
    }

    private Streamed stream(Duration maxLead, List<EventRecord> records) {
        try (TopologyTestDriver driver = Topologies.driver(Topologies.retailBasic(), dir.resolve("state"),
                Duration.ofDays(1), Duration.ofHours(6), Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE),
                Map.of(), maxLead, WALL_CLOCK)) {
            Io io = Io.of(driver);
            io.pipe(records);
            List<TestRecord<String, String>> decisions = io.decisions().readRecordsToList();
            List<TestRecord<String, String>> postings = io.postings().readRecordsToList();
            List<TestRecord<String, String>> tierChanges = io.tierChanges().readRecordsToList();
            Instant latest = java.util.stream.Stream.of(decisions, postings, tierChanges).flatMap(List::stream)
                    .map(TestRecord::getRecordTime).max(Instant::compareTo).orElseThrow();
            Map<String, Long> marks = new java.util.TreeMap<>();
            KeyValueStore<String, Long> reviews = driver.getKeyValueStore(LoyaltyTopology.REVIEW_STORE);
            try (KeyValueIterator<String, Long> all = reviews.all()) {
                all.forEachRemaining(kv -> marks.put(kv.key, kv.value));
            }
            return new Streamed(decisions.stream().map(TestRecord::value).toList(),
                    postings.stream().map(TestRecord::value).toList(),
                    tierChanges.stream().map(TestRecord::value).toList(), io.rejected().readRecordsToList(),
                    CdnowThroughTopologyTest.members(driver), marks, latest);
        }
    }
}
