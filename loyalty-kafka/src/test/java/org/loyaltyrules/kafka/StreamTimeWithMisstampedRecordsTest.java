package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.kafka.MembersInterleavedInOnePartitionTest.purchase;
import static org.loyaltyrules.kafka.MembersInterleavedInOnePartitionTest.redeem;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Records whose Kafka timestamp is not their event's time: a record stamped 2099 that the topology rejects, and an
 * event stamped 2099 whose own time is 2025. Stream time, the clock of the scheduled reviews, is the events' time, so
 * neither reviews the partition's members in 2099: nothing expires or drops a tier early, later events apply, and
 * every member ends as the replay of its events does.
 */
class StreamTimeWithMisstampedRecordsTest {

    /** Reviews daily at stream time minus 6 hours, the settings of docs/scale-out.md. */
    static final Duration REVIEW_EVERY = Duration.ofDays(1);
    static final Duration LATENESS = Duration.ofHours(6);
    static final Instant Y2099 = Instant.parse("2099-01-01T00:00:00Z");

    static final EventRecord P1 = purchase("p1", "m1", "2025-03-01T10:00:00Z", "600.00"); // silver at once
    static final EventRecord Q1 = purchase("q1", "m2", "2025-03-02T10:00:00Z", "100.00");
    static final EventRecord P2 = purchase("p2", "m1", "2025-03-05T10:00:00Z", "50.00");
    static final EventRecord Q2 = redeem("q2", "m2", "2025-03-20T10:00:00Z", 50); // q1's lot is available from 03-16
    /** Stream time at q2 is 2025-03-20T10:00Z: the last review is 6 hours before it. */
    static final Instant LAST_REVIEW = Instant.parse("2025-03-20T04:00:00Z");

    static final List<String> DECISIONS = List.of(
            "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":600,"
                    + "\"tier\":{\"from\":\"member\",\"to\":\"silver\",\"kind\":\"UPGRADE\"}}",
            "{\"event\":\"q1\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
            "{\"event\":\"p2\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":60}",
            "{\"event\":\"q2\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":0}");

    @TempDir
    Path dir;

    @Test
    void an_unreadable_record_stamped_2099_moves_no_time_and_reviews_no_member() {
        // given: between q1 and p2 a record that is not JSON, timestamp typed as 2099
        EventRecord garbage = new EventRecord("m3", "{garbage", Y2099);

        // when
        Streamed streamed = stream(List.of(P1, Q1, garbage, P2, Q2));

        // then: the record is rejected, stamped with the partition's time when it came (q1's), and changes nothing
        assertThat(streamed.rejected()).containsExactly(new TestRecord<>("m3", "{\"source\":\"loyalty.events/0@2\","
                + "\"problem\":\"loyalty.events/0@2:1: not valid JSON at column 2: Unexpected character ('g' (code"
                + " 103)): was expecting double-quote to start field name\",\"value\":\"{garbage\"}",
                Instant.parse("2025-03-02T10:00:00Z")));
        assertDecidedAsTheReplay(streamed);
    }

    @Test
    void a_record_keyed_by_another_member_moves_no_time_even_when_its_event_and_timestamp_say_2099() {
        // given: an event of m1 dated 2099, keyed m2 and stamped 2099
        EventRecord wrongKey = new EventRecord("m2", "{\"id\":\"x1\",\"type\":\"purchase\",\"member\":\"m1\","
                + "\"at\":\"2099-01-01T00:00:00Z\",\"amount\":\"10.00\"}", Y2099);

        // when
        Streamed streamed = stream(List.of(P1, Q1, wrongKey, P2, Q2));

        // then
        assertThat(streamed.rejected()).extracting(TestRecord::value).containsExactly("{\"source\":"
                + "\"loyalty.events/0@2\",\"problem\":\"record key \\\"m2\\\" is not the event's member \\\"m1\\\"\",\"value\":"
                + "\"{\\\"id\\\":\\\"x1\\\",\\\"type\\\":\\\"purchase\\\",\\\"member\\\":\\\"m1\\\",\\\"at\\\":"
                + "\\\"2099-01-01T00:00:00Z\\\",\\\"amount\\\":\\\"10.00\\\"}\"}");
        assertThat(streamed.rejected().get(0).getRecordTime()).isEqualTo(Instant.parse("2025-03-02T10:00:00Z"));
        assertDecidedAsTheReplay(streamed);
    }

    @Test
    void an_event_stamped_2099_is_timed_by_its_own_at_and_reviews_no_member_early() {
        // given: q1 itself, dated 2025-03-02, sent with the record timestamp 2099 (e.g. a producer's wall clock)
        EventRecord q1StampedLate = new EventRecord(Q1.member(), Q1.json(), Y2099);

        // when
        Streamed streamed = stream(List.of(P1, q1StampedLate, P2, Q2));

        // then: q1 applies, and its outputs carry its own time
        assertThat(streamed.rejected()).isEmpty();
        assertThat(streamed.decisionTimes().get("q1")).isEqualTo(Instant.parse("2025-03-02T10:00:00Z"));
        assertDecidedAsTheReplay(streamed);
    }

    /**
     * Every decision applied as listed and as the replay of p1, q1, p2 and q2 (reviewed until the last review
     * instant) decides it; nothing expired and no tier dropped; m1 is silver with 660 points available (p1's 600
     * from 03-15 and p2's 60, 50 + 20 % silver bonus, from 03-19), m2 has 50 left of q1's 100.
     */
    private void assertDecidedAsTheReplay(Streamed streamed) {
        LoyaltyEngine engine = Topologies.retailBasic();
        Map<String, String> replayed = new LinkedHashMap<>();
        ReplayResult replay = engine.replay(Map.of(), Topologies.events(engine, List.of(P1, Q1, P2, Q2)), LAST_REVIEW,
                d -> replayed.put(d.eventId(), OutputJson.decision(d)));
        replayed.keySet().removeIf(id -> id.startsWith("review:"));

        assertThat(streamed.decisions()).containsExactlyElementsOf(DECISIONS);
        assertThat(streamed.decisions()).containsExactlyInAnyOrderElementsOf(replayed.values());
        assertThat(streamed.members()).isEqualTo(replay.members());
        assertThat(streamed.postings()).noneMatch(p -> p.contains("\"type\":\"EXPIRE\""));
        assertThat(streamed.tierChanges()).hasSize(1).allMatch(t -> t.contains("\"kind\":\"UPGRADE\""));
        assertThat(streamed.members().get("m1").tier().tierId()).isEqualTo("silver");
        assertThat(streamed.members().get("m1").pointsAvailable()).isEqualTo(660L);
        assertThat(streamed.members().get("m2").pointsAvailable()).isEqualTo(50L);
        assertThat(streamed.reviewMarks()).isEqualTo(Map.of("m1", LAST_REVIEW.toEpochMilli()));
    }

    private record Streamed(List<String> decisions, Map<String, Instant> decisionTimes, List<String> postings,
                            List<String> tierChanges, List<TestRecord<String, String>> rejected,
                            Map<String, MemberState> members, Map<String, Long> reviewMarks) {
    }

    private Streamed stream(List<EventRecord> records) {
        try (TopologyTestDriver driver = Topologies.driver(Topologies.retailBasic(), dir.resolve("state"), REVIEW_EVERY,
                LATENESS, Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE))) {
            Io io = Io.of(driver);
            io.pipe(records);
            Map<String, Instant> times = new LinkedHashMap<>();
            List<String> decisions = io.decisions().readRecordsToList().stream().map(r -> {
                times.put(CdnowThroughTopologyTest.json(r.value()).get("event").asText(), r.getRecordTime());
                return r.value();
            }).toList();
            Map<String, Long> marks = new LinkedHashMap<>();
            KeyValueStore<String, Long> reviews = driver.getKeyValueStore(LoyaltyTopology.REVIEW_STORE);
            try (KeyValueIterator<String, Long> all = reviews.all()) {
                all.forEachRemaining(kv -> marks.put(kv.key, kv.value));
            }
            return new Streamed(decisions, times, io.postings().readValuesToList(),
                    io.tierChanges().readValuesToList(), io.rejected().readRecordsToList(),
                    CdnowThroughTopologyTest.members(driver), marks);
        }
    }
}
