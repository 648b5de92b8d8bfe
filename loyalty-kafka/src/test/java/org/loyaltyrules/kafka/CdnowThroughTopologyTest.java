package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.kafka.Topologies.EventRecord;
import org.loyaltyrules.kafka.Topologies.Io;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;

class CdnowThroughTopologyTest {

    /** The day after the sample's last purchase (1998-06-30): a heartbeat then runs the last scheduled review. */
    static final Instant END = Instant.parse("1998-07-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    void the_cdnow_sample_streamed_ends_in_the_member_states_of_a_replay() throws Exception {
        // given
        LoyaltyEngine engine = Topologies.retailBasic();
        List<EventRecord> records = Topologies.cdnow();
        ReplayResult replay = engine.replay(Map.of(), Topologies.events(engine, records), END, d -> { });

        // when
        Map<String, MemberState> streamed;
        List<JsonNode> decisions;
        long postingPoints;
        long nanos;
        try (TopologyTestDriver driver = Topologies.driver(engine, stateDir, Duration.ofDays(1))) {
            Io io = Io.of(driver);
            long start = System.nanoTime();
            io.pipe(records);
            nanos = System.nanoTime() - start;
            io.heartbeat(END);
            streamed = members(driver);
            decisions = io.decisions().readValuesToList().stream().map(CdnowThroughTopologyTest::json).toList();
            postingPoints = io.postings().readValuesToList().stream().map(CdnowThroughTopologyTest::json)
                    .filter(p -> p.get("type").asText().equals(PostingType.EARN.name()))
                    .mapToLong(p -> p.get("points").asLong()).sum();
            assertThat(io.rejected().isEmpty()).isTrue();
        }

        // then
        assertThat(records).hasSize(6_919);
        assertThat(streamed).hasSize(2_357);
        assertThat(streamed).isEqualTo(replay.members());
        assertThat(decisions).hasSize(6_919);
        assertThat(decisions).allMatch(d -> d.get("outcome").asText().equals("APPLIED"));
        long earned = replay.postings().stream().filter(p -> p.type() == PostingType.EARN).mapToLong(p -> p.points()).sum();
        assertThat(decisions.stream().mapToLong(d -> d.get("points").asLong()).sum()).isEqualTo(earned);
        assertThat(postingPoints).isEqualTo(earned);
        long bytes = streamed.values().stream().mapToLong(s -> MemberStateSerde.write(s).length).sum();
        System.out.printf("CDNOW: %d events in %.2f s = %.0f events/s; state %d bytes for %d members = %d bytes/member;"
                        + " earned %d; tiers %s%n", records.size(), nanos / 1e9, records.size() / (nanos / 1e9), bytes,
                streamed.size(), bytes / streamed.size(), earned, tierMix(streamed));
    }

    static Map<String, MemberState> members(TopologyTestDriver driver) {
        KeyValueStore<String, MemberState> store = driver.getKeyValueStore(LoyaltyTopology.MEMBER_STORE);
        Map<String, MemberState> members = new TreeMap<>();
        try (KeyValueIterator<String, MemberState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, MemberState> kv = all.next();
                members.put(kv.key, kv.value);
            }
        }
        return members;
    }

    static Map<String, Long> tierMix(Map<String, MemberState> members) {
        Map<String, Long> mix = new TreeMap<>();
        members.values().forEach(m -> mix.merge(m.tier().tierId(), 1L, Long::sum));
        return mix;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }
}
