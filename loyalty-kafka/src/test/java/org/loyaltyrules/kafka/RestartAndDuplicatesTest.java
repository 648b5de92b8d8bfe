package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.kafka.Topologies.EventRecord;
import org.loyaltyrules.kafka.Topologies.Io;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;

class RestartAndDuplicatesTest {

    private static final String CHANGELOG = "loyalty-test-" + LoyaltyTopology.MEMBER_STORE + "-changelog";
    /** The sample is ordered by customer, so a member's purchases lag the partition's time by up to its whole span
     * (1997-01-01 to 1998-06-30), and the test driver starts the second run's stream time afresh. */
    private static final Duration LATENESS = Duration.ofDays(546);
    private static final String REVIEW_CHANGELOG = "loyalty-test-" + LoyaltyTopology.REVIEW_STORE + "-changelog";

    @TempDir
    Path stateDir;

    @Test
    void a_restart_with_redelivered_and_duplicate_events_loses_and_doubles_nothing() {
        // given: the CDNOW sample cut in two at record 3,000
        LoyaltyEngine engine = Topologies.retailBasic();
        List<EventRecord> records = Topologies.cdnow();
        ReplayResult replay = engine.replay(Map.of(), Topologies.events(engine, records), CdnowThroughTopologyTest.END,
                d -> { });
        List<JsonNode> decisions = new ArrayList<>();
        long earnPostings = 0;
        List<TestRecord<String, byte[]>> changelog;
        List<TestRecord<String, Long>> reviewChangelog;

        // when: the first run takes 3,000 records, one of them twice, and stops
        try (TopologyTestDriver first = Topologies.driver(engine, stateDir, Duration.ofDays(1), LATENESS,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE))) {
            Io io = Io.of(first);
            io.pipe(records.subList(0, 3_000));
            io.pipe(records.get(10));
            decisions.addAll(io.decisions().readValuesToList().stream().map(CdnowThroughTopologyTest::json).toList());
            earnPostings += earned(io);
            changelog = first.createOutputTopic(CHANGELOG, new StringDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
            reviewChangelog = first.createOutputTopic(REVIEW_CHANGELOG, new StringDeserializer(),
                    new LongDeserializer()).readRecordsToList();
            assertThat(first.producedTopicNames()).contains(CHANGELOG);
            assertThat(changelog).hasSizeGreaterThanOrEqualTo(3_000); // every put, reviews included
        }
        // and a second run on the same state directory restores the store from the changelog, as an instance that
        // lost its disk does (the test driver deletes task directories when it closes), gets the last 100 records
        // again (redelivered after a crash before the commit) and then the rest
        try (TopologyTestDriver second = Topologies.driver(engine, stateDir, Duration.ofDays(1), LATENESS,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE))) {
            KeyValueStore<String, MemberState> store = second.getKeyValueStore(LoyaltyTopology.MEMBER_STORE);
            changelog.forEach(r -> store.put(r.key(), r.value() == null ? null : MemberStateSerde.read(r.value())));
            KeyValueStore<String, Long> reviews = second.getKeyValueStore(LoyaltyTopology.REVIEW_STORE);
            reviewChangelog.forEach(r -> reviews.put(r.key(), r.value()));
            Io io = Io.of(second);
            io.pipe(records.subList(2_900, records.size()));
            io.heartbeat(CdnowThroughTopologyTest.END.plus(LATENESS)); // the last review, at END
            decisions.addAll(io.decisions().readValuesToList().stream().map(CdnowThroughTopologyTest::json).toList());
            earnPostings += earned(io);

            // then
            Map<String, MemberState> streamed = CdnowThroughTopologyTest.members(second);
            assertThat(streamed.keySet()).isEqualTo(replay.members().keySet());
            streamed.forEach((id, state) -> assertThat(state).as(id).isEqualTo(replay.members().get(id)));
        }
        long earned = replay.postings().stream().filter(p -> p.type() == PostingType.EARN).mapToLong(p -> p.points())
                .sum();
        assertThat(earned).isEqualTo(247_934L);
        assertThat(earnPostings).isEqualTo(earned);
        assertThat(decisions).hasSize(6_919 + 1 + 100);
        assertThat(decisions.stream().filter(d -> d.get("outcome").asText().equals("DUPLICATE")).count())
                .isEqualTo(101L);
        assertThat(decisions.stream().mapToLong(d -> d.get("points").asLong()).sum()).isEqualTo(earned);
        assertThat(decisions.get(3_000).toString()).isEqualTo(
                "{\"event\":\"cdnow:11\",\"member\":\"00111\",\"program\":\"2026.1\",\"outcome\":\"DUPLICATE\",\"points\":0}");
    }

    @Test
    void a_refused_event_sent_again_after_a_later_event_is_refused_out_of_order_where_replay_repeats_its_refusal() {
        // given: x1 redeems more than m1 has and is refused; a refused id is not remembered, so its copy sent after p2
        // is no DUPLICATE; reviews off
        LoyaltyEngine engine = Topologies.retailBasic();
        EventRecord p1 = MembersInterleavedInOnePartitionTest.purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00");
        EventRecord x1 = MembersInterleavedInOnePartitionTest.redeem("x1", "m1", "2025-03-02T10:00:00Z", 500);
        EventRecord p2 = MembersInterleavedInOnePartitionTest.purchase("p2", "m1", "2025-03-03T10:00:00Z", "10.00");
        List<EventRecord> records = List.of(p1, x1, p2, x1);
        List<String> replayed = new ArrayList<>();
        ReplayResult replay = engine.replay(Map.of(), Topologies.events(engine, records), null,
                d -> replayed.add(OutputJson.decision(d)));

        // when
        List<String> streamed;
        List<String> postings;
        Map<String, MemberState> states;
        try (TopologyTestDriver driver = Topologies.driver(engine, stateDir, Duration.ZERO, Duration.ofDays(365),
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE))) {
            Io io = Io.of(driver);
            io.pipe(records);
            streamed = io.decisions().readValuesToList();
            postings = io.postings().readValuesToList();
            states = CdnowThroughTopologyTest.members(driver);
        }

        // then: the replay sorts the copy next to the original and refuses it the same way; the stream refuses it as
        // older than p2; states and postings (p1's 100 and p2's 10 earned) agree
        String insufficient = "{\"event\":\"x1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"REFUSED\","
                + "\"points\":0,\"refusal\":{\"code\":\"INSUFFICIENT_POINTS\",\"detail\":\"requested 500, available 0"
                + " (100 pending, the first available on 2025-03-15)\"}}";
        String applied1 = "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\","
                + "\"points\":100}";
        String applied2 = "{\"event\":\"p2\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\","
                + "\"points\":10}";
        assertThat(replayed).containsExactly(applied1, insufficient, insufficient, applied2);
        assertThat(streamed).containsExactly(applied1, insufficient, applied2,
                "{\"event\":\"x1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"REFUSED\","
                        + "\"points\":0,\"refusal\":{\"code\":\"OUT_OF_ORDER\",\"detail\":\"event x1 at"
                        + " 2025-03-02T10:00:00Z is before member m1's last event at 2025-03-03T10:00:00Z; replay the"
                        + " member's history in time order\"}}");
        assertThat(states).isEqualTo(replay.members());
        assertThat(postings).isEqualTo(replay.postings().stream().map(OutputJson::posting).toList());
    }

    private static long earned(Io io) {
        return io.postings().readValuesToList().stream().map(CdnowThroughTopologyTest::json)
                .filter(p -> p.get("type").asText().equals("EARN")).mapToLong(p -> p.get("points").asLong()).sum();
    }
}
