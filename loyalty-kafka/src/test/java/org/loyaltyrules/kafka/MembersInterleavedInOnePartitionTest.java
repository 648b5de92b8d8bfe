package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.kafka.Topologies.EventRecord;
import org.loyaltyrules.kafka.Topologies.Io;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;

/** Members of one partition whose event times are far apart: each member is still decided as its own replay. */
class MembersInterleavedInOnePartitionTest {

    /** Each member's events in time order; members are months apart, so stream time runs ahead of m1 and m3. */
    static final List<EventRecord> SKEWED = List.of(
            purchase("a1", "m1", "2025-01-01T10:00:00Z", "100.00"),   // pending 14 days, to Jan 15
            purchase("b1", "m2", "2025-02-01T10:00:00Z", "10.00"),    // stream time jumps to Feb 1
            redeem("a2", "m1", "2025-01-10T10:00:00Z", 100),          // m1's next event: its points are still pending
            purchase("c1", "m3", "2025-03-01T10:00:00Z", "50.00"),    // expires at the end of 2026
            purchase("b2", "m2", "2027-01-05T10:00:00Z", "10.00"),    // stream time jumps to 2027
            purchase("c2", "m3", "2026-06-01T10:00:00Z", "1.00"),
            redeem("c3", "m3", "2026-06-20T10:00:00Z", 50));          // 51 available for m3 then
    static final Instant END = Instant.parse("2027-02-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void members_whose_events_lag_stream_time_within_the_allowed_lateness_are_decided_as_a_replay() {
        // given: a lateness that covers the skew (m3's c2 arrives 218 days behind stream time)
        Duration lateness = Duration.ofDays(365);
        LoyaltyEngine engine = Topologies.retailBasic();
        Map<String, String> replayed = new LinkedHashMap<>();
        ReplayResult replay = engine.replay(Map.of(), Topologies.events(engine, SKEWED), END.minus(lateness),
                d -> replayed.put(d.eventId(), OutputJson.decision(d)));

        // when
        Map<String, String> streamed = new LinkedHashMap<>();
        Map<String, MemberState> states;
        try (TopologyTestDriver driver = driver(engine, lateness)) {
            Io io = Io.of(driver);
            io.pipe(SKEWED);
            io.heartbeat(END);
            io.decisions().readValuesToList().forEach(d -> streamed.put(CdnowThroughTopologyTest.json(d)
                    .get("event").asText(), d));
            states = CdnowThroughTopologyTest.members(driver);
            assertThat(io.rejected().isEmpty()).isTrue();
        }

        // then
        replayed.keySet().removeIf(id -> id.startsWith("review:"));
        assertThat(streamed).isEqualTo(replayed);
        assertThat(states).isEqualTo(replay.members());
        assertThat(streamed.get("a2")).isEqualTo("{\"event\":\"a2\",\"member\":\"m1\",\"program\":\"2026.1\","
                + "\"outcome\":\"REFUSED\",\"points\":0,\"refusal\":{\"code\":\"INSUFFICIENT_POINTS\","
                + "\"detail\":\"requested 100, available 0 (100 pending, the first available on 2025-01-15)\"}}");
        assertThat(streamed.get("c3")).isEqualTo("{\"event\":\"c3\",\"member\":\"m3\",\"program\":\"2026.1\","
                + "\"outcome\":\"APPLIED\",\"points\":0}");
        assertThat(states.get("m1").pointsAvailable()).isEqualTo(100L);
        assertThat(states.get("m3").ledger().totals().redeemed()).isEqualTo(50L);
        assertThat(states.get("m3").pointsAvailable()).isEqualTo(1L); // c1's lot expires after the last review
    }

    @Test
    void an_event_dated_before_a_review_that_changed_its_member_is_refused_out_of_order() {
        // given: no allowed lateness, so the review at b1's stream time (Feb 1) activates m1's points of a1
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        List<String> decisions;
        MemberState m1;
        Long mark;
        try (TopologyTestDriver driver = driver(engine, Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(SKEWED.subList(0, 3));
            m1 = store(driver).get("m1");
            mark = driver.<String, Long>getKeyValueStore(LoyaltyTopology.REVIEW_STORE).get("m1");
            io.pipe(redeem("a3", "m1", "2025-02-01T10:00:00Z", 100));
            decisions = io.decisions().readValuesToList();
            assertThat(driver.<String, Long>getKeyValueStore(LoyaltyTopology.REVIEW_STORE).get("m1")).isNull();
        }

        // then
        assertThat(mark).isEqualTo(Instant.parse("2025-02-01T10:00:00Z").toEpochMilli());
        assertThat(m1.pointsAvailable()).isEqualTo(100L);
        assertThat(decisions).containsExactly(
                "{\"event\":\"a1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
                "{\"event\":\"b1\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":10}",
                "{\"event\":\"a2\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"REFUSED\",\"points\":0,"
                        + "\"refusal\":{\"code\":\"OUT_OF_ORDER\",\"detail\":\"event a2 at 2025-01-10T10:00:00Z is "
                        + "before member m1's scheduled review at 2025-02-01T10:00:00Z (stream time, the latest time"
                        + " the partition has read, an event of any member or a heartbeat, less the allowed lateness"
                        + " PT0S): a later event of the partition, of this or another member, or a heartbeat set that"
                        + " stream time; send a member's events within the allowed lateness of its partition's latest"
                        + " time\"}}",
                "{\"event\":\"a3\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":0}");
    }

    @Test
    void a_copy_of_an_event_dated_before_a_review_that_changed_its_member_is_a_duplicate() {
        // given: as above, the review at b1's stream time (Feb 1) activates a1's points and marks m1; then a1 comes
        // again (an at-least-once redelivery), dated Jan 1, before the mark, but already processed by m1
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        List<String> decisions;
        List<String> postings;
        MemberState before;
        MemberState after;
        Long mark;
        try (TopologyTestDriver driver = driver(engine, Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(SKEWED.subList(0, 2));
            before = store(driver).get("m1");
            io.postings().readValuesToList();
            io.pipe(SKEWED.get(0));
            decisions = io.decisions().readValuesToList();
            postings = io.postings().readValuesToList();
            after = store(driver).get("m1");
            mark = driver.<String, Long>getKeyValueStore(LoyaltyTopology.REVIEW_STORE).get("m1");
        }

        // then: a duplicate stays a DUPLICATE, as in a replay of a1, b1, a1, not an OUT_OF_ORDER refusal of an event
        // that was applied; nothing is stored or posted, and the mark stays until m1's next applied event
        assertThat(decisions).containsExactly(
                "{\"event\":\"a1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
                "{\"event\":\"b1\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":10}",
                "{\"event\":\"a1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"DUPLICATE\",\"points\":0}");
        assertThat(postings).isEmpty();
        assertThat(after).isEqualTo(before);
        assertThat(after.pointsAvailable()).isEqualTo(100L);
        assertThat(mark).isEqualTo(Instant.parse("2025-02-01T10:00:00Z").toEpochMilli());
    }

    @Test
    void a_review_that_only_renews_a_status_is_stored_and_marks_the_member() {
        // given: m1 reaches gold (2,100 growth) on 2025-01-03, valid to the anniversary 2026-01-03; a heartbeat on
        // Feb 1 activates a1's points (a review that posts, stored). At b1's stream time, 2026-03-01, the 12 months to
        // 2026-01-03 still hold a1's growth: the review renews gold to 2027-01-03, with no posting and no tier move
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        MemberState before;
        MemberState renewed;
        Long mark;
        List<String> postings;
        List<String> tierChanges;
        List<String> decisions;
        try (TopologyTestDriver driver = driver(engine, Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(purchase("a1", "m1", "2025-01-03T10:00:00Z", "2100.00"));
            io.heartbeat(Instant.parse("2025-02-01T00:00:00Z"));
            before = store(driver).get("m1");
            io.postings().readValuesToList();
            io.tierChanges().readValuesToList();
            io.pipe(purchase("b1", "m2", "2026-03-01T10:00:00Z", "10.00"));
            renewed = store(driver).get("m1");
            mark = driver.<String, Long>getKeyValueStore(LoyaltyTopology.REVIEW_STORE).get("m1");
            postings = io.postings().readValuesToList();
            tierChanges = io.tierChanges().readValuesToList();
            io.decisions().readValuesToList();
            io.pipe(purchase("a2", "m1", "2026-02-15T10:00:00Z", "10.00"));
            decisions = io.decisions().readValuesToList();
        }

        // then: the renewal changed the state, so it is written and m1 is marked at the review instant (b1's stream
        // time, no lateness); m1's a2, dated before that review, is refused as for any review that changed m1
        assertThat(before.tier().tierId()).isEqualTo("gold");
        assertThat(before.tier().validUntil()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(renewed.tier().tierId()).isEqualTo("gold");
        assertThat(renewed.tier().since()).isEqualTo(Instant.parse("2025-01-03T10:00:00Z"));
        assertThat(renewed.tier().validUntil()).isEqualTo(Instant.parse("2027-01-03T00:00:00Z"));
        assertThat(renewed.pointsAvailable()).isEqualTo(before.pointsAvailable()).isEqualTo(2100L);
        assertThat(mark).isEqualTo(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
        assertThat(postings).singleElement().asString() // b1's own earning only: the renewal posts nothing
                .startsWith("{\"event\":\"b1\",\"member\":\"m2\",\"at\":\"2026-03-01T10:00:00Z\",\"type\":\"EARN\","
                        + "\"points\":10");
        assertThat(tierChanges).isEmpty();
        assertThat(decisions).containsExactly("{\"event\":\"a2\",\"member\":\"m1\",\"program\":\"2026.1\","
                + "\"outcome\":\"REFUSED\",\"points\":0,\"refusal\":{\"code\":\"OUT_OF_ORDER\",\"detail\":"
                + "\"event a2 at 2026-02-15T10:00:00Z is before member m1's scheduled review at 2026-03-01T10:00:00Z"
                + " (stream time, the latest time the partition has read, an event of any member or a heartbeat, less"
                + " the allowed lateness PT0S): a later event of the partition, of this or another member, or a"
                + " heartbeat set that stream time; send a member's events within the allowed lateness of its"
                + " partition's latest time\"}}");
    }

    @Test
    void a_downgrade_a_scheduled_review_published_is_not_repeated_in_the_members_next_decision() {
        // given: m1 reaches gold (2,100 growth) in January 2025; its status runs to the anniversary 2027-01-03, the
        // window then holds no growth, so after 30 days of grace it drops one step, to silver, on 2027-02-02
        List<EventRecord> events = List.of(
                purchase("a1", "m1", "2025-01-03T10:00:00Z", "2100.00"),
                purchase("b1", "m2", "2027-02-20T10:00:00Z", "10.00"),   // stream time passes m1's downgrade
                purchase("a2", "m1", "2027-03-01T10:00:00Z", "10.00"));
        LoyaltyEngine engine = Topologies.retailBasic();
        Map<String, String> replayed = new LinkedHashMap<>();
        engine.replay(Map.of(), Topologies.events(engine, events), Instant.parse("2027-03-01T10:00:00Z"),
                d -> replayed.put(d.eventId(), OutputJson.decision(d)));

        // when
        List<String> decisions;
        List<String> tierChanges;
        try (TopologyTestDriver driver = driver(engine, Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(events);
            decisions = io.decisions().readValuesToList();
            tierChanges = io.tierChanges().readValuesToList();
        }

        // then: the replay reports the downgrade with a2 (time passes to a2 first), the topology with the review
        // that ran at b1's stream time; a2 earns 10 + silver's 20 % = 12 either way
        assertThat(replayed.get("a2")).isEqualTo("{\"event\":\"a2\",\"member\":\"m1\",\"program\":\"2026.1\","
                + "\"outcome\":\"APPLIED\",\"points\":12,\"tier\":{\"from\":\"gold\",\"to\":\"silver\","
                + "\"kind\":\"DOWNGRADE\"}}");
        assertThat(decisions).last().isEqualTo("{\"event\":\"a2\",\"member\":\"m1\",\"program\":\"2026.1\","
                + "\"outcome\":\"APPLIED\",\"points\":12}");
        assertThat(tierChanges).filteredOn(t -> t.contains("\"to\":\"silver\"")).singleElement().asString()
                .startsWith("{\"event\":\"review:m1:2027-02-20T10:00:00Z\",\"member\":\"m1\","
                        + "\"at\":\"2027-02-02T00:00:00Z\",\"from\":\"gold\",\"to\":\"silver\"");
    }

    @Test
    void a_quiet_member_is_reviewed_once_stream_time_minus_the_allowed_lateness_passes_its_due_time() {
        // given: m1's points of a1 become available on Jan 15, 10:00; three days of allowed lateness
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        List<String> beforeDue;
        List<String> afterDue;
        try (TopologyTestDriver driver = driver(engine, Duration.ofDays(3))) {
            Io io = Io.of(driver);
            io.pipe(SKEWED.get(0));
            io.postings().readValuesToList();
            io.heartbeat(Instant.parse("2025-01-18T09:00:00Z")); // reviews at Jan 15, 09:00
            beforeDue = io.postings().readValuesToList();
            io.heartbeat(Instant.parse("2025-01-19T10:00:00Z")); // reviews at Jan 16, 10:00
            afterDue = io.postings().readValuesToList();
        }

        // then
        assertThat(beforeDue).isEmpty();
        assertThat(afterDue).hasSize(1);
        assertThat(afterDue.get(0)).startsWith("{\"event\":\"a1\",\"member\":\"m1\",\"at\":\"2025-01-15T10:00:00Z\","
                + "\"type\":\"ACTIVATE\",\"points\":100");
    }

    private TopologyTestDriver driver(LoyaltyEngine engine, Duration lateness) {
        return Topologies.driver(engine, dir.resolve("state"), Duration.ofDays(1), lateness,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE));
    }

    private static KeyValueStore<String, MemberState> store(TopologyTestDriver driver) {
        return driver.getKeyValueStore(LoyaltyTopology.MEMBER_STORE);
    }

    static EventRecord purchase(String id, String member, String at, String amount) {
        return new EventRecord(member, ("{\"id\":\"%s\",\"type\":\"purchase\",\"member\":\"%s\",\"at\":\"%s\","
                + "\"amount\":\"%s\"}").formatted(id, member, at, amount), Instant.parse(at));
    }

    static EventRecord redeem(String id, String member, String at, long points) {
        return new EventRecord(member, ("{\"id\":\"%s\",\"type\":\"redemption\",\"member\":\"%s\",\"at\":\"%s\","
                + "\"points\":%d}").formatted(id, member, at, points), Instant.parse(at));
    }
}
