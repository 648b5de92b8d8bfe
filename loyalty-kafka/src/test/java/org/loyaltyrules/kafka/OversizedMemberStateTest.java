package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.kafka.MembersInterleavedInOnePartitionTest.purchase;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.kafka.Topologies.Io;

/**
 * A member state too large for one changelog record is not stored: Kafka would refuse the record and Streams stop the
 * stream thread on it, for every member of the partition and after every restart (kafka audit F2). The limit is the
 * producer's max.request.size; these tests set it to 1102 bytes, room for a state of 1000 bytes with member id "m1".
 * Under retail-basic m1's state is 892 bytes after one purchase, 1427 after two, and 1013 once a review activates
 * the first purchase's points.
 */
class OversizedMemberStateTest {

    private static final Map<String, Object> SMALL_RECORDS = Map.of("producer.max.request.size", 1102);

    @TempDir
    Path dir;

    @Test
    void an_event_that_would_grow_a_state_past_the_record_limit_is_rejected_and_the_state_kept() {
        // given
        List<String> decisions;
        List<String> rejected;
        List<String> postings;
        MemberState afterP1;
        MemberState afterP2;
        try (TopologyTestDriver driver = driver(Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00"));
            afterP1 = CdnowThroughTopologyTest.members(driver).get("m1");

            // when: m1's second purchase would make its state 1427 bytes; m2's purchase follows
            io.pipe(purchase("p2", "m1", "2025-03-02T10:00:00Z", "100.00"));
            afterP2 = CdnowThroughTopologyTest.members(driver).get("m1");
            io.pipe(purchase("q1", "m2", "2025-03-02T11:00:00Z", "10.00"));
            decisions = io.decisions().readValuesToList();
            rejected = io.rejected().readValuesToList();
            postings = io.postings().readValuesToList();
        }

        // then: p2 is rejected with what to do, m1 keeps the state of p1, and m2 is decided
        assertThat(rejected).containsExactly("{\"source\":\"loyalty.events/0@1\",\"problem\":\"event p2 of member m1"
                + " not applied: the member's state would be 1427 bytes, more than the 1000 bytes its changelog record"
                + " has room for (the producer's max.request.size of 1102 bytes, less the member id and 100 bytes of"
                + " Kafka's envelope); member state unchanged. To store it, raise max.message.bytes of the topic"
                + " loyalty-test-loyalty-members-changelog and the producer's max.request.size (docs/scale-out.md,"
                + " \\\"State and sizing\\\")\",\"value\":\"{\\\"id\\\":\\\"p2\\\",\\\"type\\\":\\\"purchase\\\","
                + "\\\"member\\\":\\\"m1\\\",\\\"at\\\":\\\"2025-03-02T10:00:00Z\\\",\\\"amount\\\":\\\"100.00\\\"}\"}");
        assertThat(afterP2).isEqualTo(afterP1);
        assertThat(MemberStateSerde.write(afterP1)).hasSize(892);
        assertThat(decisions).containsExactly(
                "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
                "{\"event\":\"q1\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":10}");
        assertThat(postings).hasSize(2);
    }

    @Test
    void a_review_that_would_grow_a_state_past_the_record_limit_is_rejected_and_the_state_kept() {
        // given: m1's 100 points of p1 become available on 2025-03-15, which adds an ACTIVATE posting to its state
        List<String> rejected;
        List<String> postings;
        MemberState before;
        MemberState after;
        Long mark;
        try (TopologyTestDriver driver = driver(Duration.ofDays(1))) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00"));
            io.postings().readValuesToList();
            before = CdnowThroughTopologyTest.members(driver).get("m1");

            // when: a review at 2025-03-20 would make the state 1013 bytes
            io.heartbeat(Instant.parse("2025-03-20T00:00:00Z"));
            rejected = io.rejected().readValuesToList();
            postings = io.postings().readValuesToList();
            after = CdnowThroughTopologyTest.members(driver).get("m1");
            mark = driver.<String, Long>getKeyValueStore(LoyaltyTopology.REVIEW_STORE).get("m1");
        }

        // then
        assertThat(rejected).containsExactly("{\"source\":\"review:m1:2025-03-20T00:00:00Z\",\"problem\":\"tier"
                + " review of member m1 at 2025-03-20T00:00:00Z not stored: the member's state would be 1013 bytes,"
                + " more than the 1000 bytes its changelog record has room for (the producer's max.request.size of 1102"
                + " bytes, less the member id and 100 bytes of Kafka's envelope); member state unchanged. To store it,"
                + " raise max.message.bytes of the topic loyalty-test-loyalty-members-changelog and the producer's"
                + " max.request.size (docs/scale-out.md, \\\"State and sizing\\\")\",\"value\":null}");
        assertThat(postings).isEmpty();
        assertThat(after).isEqualTo(before);
        assertThat(mark).isNull();
    }

    @Test
    void the_record_limit_is_the_producers_max_request_size_which_the_modules_config_sets_to_16_mib() {
        assertThat(LoyaltyTopology.recordLimit(LoyaltyTopology.config("app", "broker:9092"))).isEqualTo(16_777_216);
        assertThat(LoyaltyTopology.recordLimit(Map.of())).isEqualTo(1_048_576); // Kafka's default
        assertThat(LoyaltyTopology.recordLimit(Map.of("max.request.size", "2000"))).isEqualTo(2_000);
        assertThat(LoyaltyTopology.recordLimit(Map.of("max.request.size", "2000", "producer.max.request.size", 3000)))
                .isEqualTo(3_000);
    }

    @Test
    void the_store_writes_the_bytes_the_processor_measured_without_writing_the_state_again() {
        // given
        MemberState state = MemberStateSerde.read(MemberStateSerde.write(Topologies.retailBasic().apply(null,
                Topologies.events(Topologies.retailBasic(), List.of(purchase("p1", "m1", "2025-03-01T10:00:00Z",
                        "100.00"))).get(0)).state()));
        MeasuredStateSerde serde = new MeasuredStateSerde();

        // when
        byte[] measured = serde.measure(state);
        byte[] stored = serde.serializer().serialize("loyalty-test-loyalty-members-changelog", state);
        byte[] storedAgain = serde.serializer().serialize("loyalty-test-loyalty-members-changelog", state);

        // then: the measured bytes once, then the state written anew
        assertThat(stored).isSameAs(measured);
        assertThat(storedAgain).isNotSameAs(measured).isEqualTo(measured);
    }

    private TopologyTestDriver driver(Duration reviewEvery) {
        return Topologies.driver(Topologies.retailBasic(), dir.resolve("state"), reviewEvery, Duration.ZERO,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE), SMALL_RECORDS);
    }
}
