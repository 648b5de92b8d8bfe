package org.loyaltyrules.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.kafka.MembersInterleavedInOnePartitionTest.purchase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;
import org.loyaltyrules.kafka.Topologies.Io;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;

/** A rule that throws (an exception, or an error such as a recursive function's StackOverflowError) in an event or
 * a scheduled review, and a stored state this version cannot read, stop neither the stream thread nor the other
 * members. */
class TopologyFailuresTest {

    @TempDir
    Path dir;

    @Test
    void a_rule_that_throws_in_a_scheduled_review_is_rejected_and_the_other_members_are_reviewed() throws IOException {
        // given: retail-basic plus a tier rule that throws whenever a review is due; m1 is silver until its review,
        // m2 has 100 pending points and no review
        LoyaltyEngine engine = LoyaltyEngine.load(withThrowingReviewRule(dir.resolve("program")));

        // when
        Reviewed reviewed = reviewAfterTwoPurchases(engine);

        // then
        assertThat(reviewed.rejected()).containsExactly(reviewBlewUp("2026-03-01T00:00:00Z"));
        assertOnlyM2Reviewed(reviewed);
    }

    /** What a review at 2026-03-01 did after m1 bought 600.00 (silver) and m2 100.00 on 2025-01-01. */
    private record Reviewed(List<String> rejected, List<String> postings, MemberState m1Before, MemberState m1After) {
    }

    private Reviewed reviewAfterTwoPurchases(LoyaltyEngine engine) {
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ofDays(1))) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "m1", "2025-01-01T10:00:00Z", "600.00"));
            io.pipe(purchase("p2", "m2", "2025-01-01T11:00:00Z", "100.00"));
            io.postings().readValuesToList();
            MemberState m1Before = CdnowThroughTopologyTest.members(driver).get("m1");
            io.heartbeat(Instant.parse("2026-03-01T00:00:00Z"));
            return new Reviewed(io.rejected().readValuesToList(), io.postings().readValuesToList(), m1Before,
                    CdnowThroughTopologyTest.members(driver).get("m1"));
        }
    }

    /** m1, whose review failed, is as it was; m2's points were activated by the same review. */
    private static void assertOnlyM2Reviewed(Reviewed reviewed) {
        assertThat(reviewed.m1After()).isEqualTo(reviewed.m1Before());
        assertThat(reviewed.postings()).hasSize(1);
        assertThat(reviewed.postings().get(0)).startsWith("{\"event\":\"p2\",\"member\":\"m2\","
                + "\"at\":\"2025-01-15T11:00:00Z\",\"type\":\"ACTIVATE\",\"points\":100");
    }

    @Test
    void a_review_that_keeps_failing_is_rejected_once_per_review_instant_until_a_reload_fixes_the_rule()
            throws IOException {
        // given: m1's review falls due and its rule throws; reviews every day of stream time
        LoyaltyEngine engine = LoyaltyEngine.load(withThrowingReviewRule(dir.resolve("program")));

        // when: three daily reviews fail, the program is reloaded without the broken rule, and the next review runs
        List<String> rejected;
        MemberState m1Before;
        MemberState m1AfterFailures;
        MemberState m1AfterFix;
        Long markWhileFailing;
        Long markAfterFix;
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ofDays(1))) {
            Io io = Io.of(driver);
            KeyValueStore<String, Long> marks = driver.getKeyValueStore(LoyaltyTopology.REVIEW_FAILURE_STORE);
            io.pipe(purchase("p1", "m1", "2025-01-01T10:00:00Z", "600.00"));
            m1Before = CdnowThroughTopologyTest.members(driver).get("m1");
            io.heartbeat(Instant.parse("2026-03-01T00:00:00Z"));
            io.heartbeat(Instant.parse("2026-03-01T12:00:00Z")); // within the day: no review
            io.heartbeat(Instant.parse("2026-03-02T00:00:00Z"));
            io.heartbeat(Instant.parse("2026-03-03T00:00:00Z"));
            m1AfterFailures = CdnowThroughTopologyTest.members(driver).get("m1");
            markWhileFailing = marks.get("m1");
            engine.reload(Program.load(Topologies.RETAIL_BASIC));
            io.heartbeat(Instant.parse("2026-03-04T00:00:00Z"));
            rejected = io.rejected().readValuesToList();
            m1AfterFix = CdnowThroughTopologyTest.members(driver).get("m1");
            markAfterFix = marks.get("m1");
        }

        // then: one rejection per review instant and the member as it was; after the reload m1's silver is renewed
        // (600 growth in the window ending at its lapse) and its mark is gone
        assertThat(rejected).containsExactly(reviewBlewUp("2026-03-01T00:00:00Z"),
                reviewBlewUp("2026-03-02T00:00:00Z"), reviewBlewUp("2026-03-03T00:00:00Z"));
        assertThat(m1AfterFailures).isEqualTo(m1Before);
        assertThat(markWhileFailing).isEqualTo(Instant.parse("2026-03-03T00:00:00Z").toEpochMilli());
        assertThat(m1AfterFix.tier()).isEqualTo(new TierStatus("silver", TierSource.EARNED,
                Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), null, null));
        assertThat(markAfterFix).isNull();
    }

    @Test
    void a_restarted_task_that_reviews_again_at_an_instant_already_rejected_rejects_nothing_new() throws IOException {
        // given: a first run whose review of m1 at 2026-03-01 failed and was rejected
        LoyaltyEngine engine = LoyaltyEngine.load(withThrowingReviewRule(dir.resolve("program")));
        List<String> firstRejected;
        List<TestRecord<String, byte[]>> members;
        List<TestRecord<String, Long>> reviews;
        List<TestRecord<String, Long>> failures;
        try (TopologyTestDriver first = Topologies.driver(engine, dir.resolve("state"), Duration.ofDays(1))) {
            Io io = Io.of(first);
            io.pipe(purchase("p1", "m1", "2025-01-01T10:00:00Z", "600.00"));
            io.pipe(purchase("p2", "m2", "2025-01-01T11:00:00Z", "100.00"));
            io.heartbeat(Instant.parse("2026-03-01T00:00:00Z"));
            firstRejected = io.rejected().readValuesToList();
            members = changelog(first, LoyaltyTopology.MEMBER_STORE, new ByteArrayDeserializer());
            reviews = changelog(first, LoyaltyTopology.REVIEW_STORE, new LongDeserializer());
            failures = changelog(first, LoyaltyTopology.REVIEW_FAILURE_STORE, new LongDeserializer());
        }

        // when: the task restarts from the changelogs and punctuates again at its committed stream time, then a day
        // later
        List<String> again;
        List<String> nextDay;
        MemberState m1Restored;
        MemberState m1After;
        try (TopologyTestDriver second = Topologies.driver(engine, dir.resolve("state"), Duration.ofDays(1))) {
            KeyValueStore<String, MemberState> store = second.getKeyValueStore(LoyaltyTopology.MEMBER_STORE);
            members.forEach(r -> store.put(r.key(), r.value() == null ? null : MemberStateSerde.read(r.value())));
            KeyValueStore<String, Long> reviewMarks = second.getKeyValueStore(LoyaltyTopology.REVIEW_STORE);
            reviews.forEach(r -> reviewMarks.put(r.key(), r.value()));
            KeyValueStore<String, Long> failureMarks = second.getKeyValueStore(LoyaltyTopology.REVIEW_FAILURE_STORE);
            failures.forEach(r -> failureMarks.put(r.key(), r.value()));
            m1Restored = store.get("m1");
            Io io = Io.of(second);
            io.heartbeat(Instant.parse("2026-03-01T00:00:00Z"));
            again = io.rejected().readValuesToList();
            io.heartbeat(Instant.parse("2026-03-02T00:00:00Z"));
            nextDay = io.rejected().readValuesToList();
            m1After = store.get("m1");
        }

        // then
        assertThat(firstRejected).containsExactly(reviewBlewUp("2026-03-01T00:00:00Z"));
        assertThat(failures).extracting(TestRecord::key).containsExactly("m1");
        assertThat(again).isEmpty();
        assertThat(nextDay).containsExactly(reviewBlewUp("2026-03-02T00:00:00Z"));
        assertThat(m1After).isEqualTo(m1Restored);
    }

    @Test
    void a_rule_whose_recursive_function_overflows_the_stack_rejects_the_event_and_the_partition_goes_on()
            throws IOException {
        // given: retail-basic plus an earning rule that recurses without end on purchases of exactly 13.00
        LoyaltyEngine engine = LoyaltyEngine.load(withRule(dir.resolve("program"), "earning/recursing.drl",
                recursing("earning", "Thirteen is unlucky",
                        "EligiblePurchase( $event : eventId, eligibleAmount == 13.00B )",
                        "insert( PointsAward.fixed( $event, \"unlucky\", deeper( 1 ) ) );")));

        // when: m1's second purchase makes the rule recurse; m2's purchase and m1's next one follow
        List<String> rejected;
        List<String> decisions;
        MemberState m1AfterP1;
        MemberState m1AfterP2;
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ofDays(1))) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00"));
            m1AfterP1 = CdnowThroughTopologyTest.members(driver).get("m1");
            io.pipe(purchase("p2", "m1", "2025-03-02T10:00:00Z", "13.00"));
            m1AfterP2 = CdnowThroughTopologyTest.members(driver).get("m1");
            io.pipe(purchase("q1", "m2", "2025-03-03T10:00:00Z", "10.00"));
            io.pipe(purchase("p3", "m1", "2025-03-04T10:00:00Z", "20.00"));
            rejected = io.rejected().readValuesToList();
            decisions = io.decisions().readValuesToList();
        }

        // then: one rejected record for p2, m1 as it was, and the partition processes the next records
        assertThat(rejected).containsExactly("{\"source\":\"loyalty.events/0@1\",\"problem\":\"event p2 of member m1:"
                + " rule \\\"Thirteen is unlucky\\\" failed: java.lang.StackOverflowError (member state unchanged)\","
                + "\"value\":\"{\\\"id\\\":\\\"p2\\\",\\\"type\\\":\\\"purchase\\\",\\\"member\\\":\\\"m1\\\","
                + "\\\"at\\\":\\\"2025-03-02T10:00:00Z\\\",\\\"amount\\\":\\\"13.00\\\"}\"}");
        assertThat(m1AfterP2).isEqualTo(m1AfterP1);
        assertThat(decisions).containsExactly(
                "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
                "{\"event\":\"q1\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":10}",
                "{\"event\":\"p3\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":20}");
    }

    @Test
    void a_review_whose_rule_overflows_the_stack_is_rejected_and_the_other_members_are_reviewed()
            throws IOException {
        // given: retail-basic plus a tier rule that recurses without end whenever a review is due; m1 is silver until
        // its review, m2 has 100 pending points and no review
        LoyaltyEngine engine = LoyaltyEngine.load(withRule(dir.resolve("program"), "tier/recursing-review.drl",
                recursing("tier", "Reviews count without end", "ReviewDue()",
                        "insert( TierChange.downgrade( \"member\", \"depth \" + deeper( 1 ) ) );")));

        // when
        Reviewed reviewed = reviewAfterTwoPurchases(engine);

        // then
        assertThat(reviewed.rejected()).containsExactly("{\"source\":\"review:m1:2026-03-01T00:00:00Z\","
                + "\"problem\":\"tier review of member m1 at 2026-03-01T00:00:00Z: rule"
                + " \\\"Reviews count without end\\\" failed: java.lang.StackOverflowError (member state unchanged)\","
                + "\"value\":null}");
        assertOnlyM2Reviewed(reviewed);
    }

    /** A DRL file of {@code group}: one broken rule, which may call {@code deeper} (a function that never returns). */
    private static String recursing(String group, String rule, String when, String then) {
        return """
                package org.loyaltyrules.rules.%1$s;
                import org.loyaltyrules.rules.facts.*;

                function int deeper(int n) { return deeper(n + 1) + 1; }

                rule "%2$s"
                    @intent("A broken rule: its function never returns")
                    ruleflow-group "%1$s"
                when
                    %3$s
                then
                    %4$s
                end
                """.formatted(group, rule, when, then);
    }

    private static <V> List<TestRecord<String, V>> changelog(TopologyTestDriver driver, String store,
                                                             Deserializer<V> values) {
        return driver.createOutputTopic("loyalty-test-" + store + "-changelog", new StringDeserializer(), values)
                .readRecordsToList();
    }

    private static String reviewBlewUp(String at) {
        return "{\"source\":\"review:m1:" + at + "\",\"problem\":\"tier review of member m1 at " + at + ": rule "
                + "\\\"Reviews blow up\\\" failed: java.lang.IllegalStateException: boom (member state unchanged)\","
                + "\"value\":null}";
    }

    @Test
    void an_event_for_a_member_whose_stored_state_cannot_be_read_is_rejected_and_the_state_kept() {
        // given: m1's stored state is in a format version newer than this reader's (as after a roll-back)
        List<KeyValueStore<Bytes, byte[]>> created = new ArrayList<>();
        KeyValueBytesStoreSupplier supplier = new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return LoyaltyTopology.MEMBER_STORE;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore(name()).get();
                created.add(store);
                return store;
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
        byte[] newer = "{\"v\":5,\"id\":\"m1\"}".getBytes(UTF_8);

        // when
        List<String> rejected;
        List<String> decisions;
        List<String> postings;
        byte[] kept;
        try (TopologyTestDriver driver = Topologies.driver(Topologies.retailBasic(), dir.resolve("state"),
                Duration.ofDays(1), Duration.ZERO, supplier)) {
            KeyValueStore<Bytes, byte[]> bytes = created.get(created.size() - 1); // the store the driver runs
            bytes.put(Bytes.wrap("m1".getBytes(UTF_8)), newer);
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "m1", "2025-01-01T10:00:00Z", "10.00"));
            io.pipe(purchase("p2", "m2", "2025-01-01T11:00:00Z", "100.00"));
            io.heartbeat(Instant.parse("2025-02-01T00:00:00Z"));
            rejected = io.rejected().readValuesToList();
            decisions = io.decisions().readValuesToList();
            postings = io.postings().readValuesToList();
            kept = bytes.get(Bytes.wrap("m1".getBytes(UTF_8)));
        }

        // then
        assertThat(rejected).containsExactly(
                "{\"source\":\"loyalty.events/0@0\",\"problem\":\"event p1 not applied: the stored state of member m1"
                        + " cannot be read (stored member state has format version 5; this reader knows versions 1..4);"
                        + " it is kept as it is\",\"value\":\"{\\\"id\\\":\\\"p1\\\",\\\"type\\\":\\\"purchase\\\","
                        + "\\\"member\\\":\\\"m1\\\",\\\"at\\\":\\\"2025-01-01T10:00:00Z\\\","
                        + "\\\"amount\\\":\\\"10.00\\\"}\"}",
                unreadableInReview("2025-01-01T10:00:00Z"), // the first record starts the punctuation schedule
                unreadableInReview("2025-02-01T00:00:00Z"));
        assertThat(decisions).containsExactly(
                "{\"event\":\"p2\",\"member\":\"m2\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}");
        assertThat(postings).hasSize(2);
        assertThat(postings.get(1)).startsWith("{\"event\":\"p2\",\"member\":\"m2\",\"at\":\"2025-01-15T11:00:00Z\","
                + "\"type\":\"ACTIVATE\",\"points\":100");
        assertThat(kept).isEqualTo(newer);
    }

    private static String unreadableInReview(String at) {
        return "{\"source\":\"review@" + at + "\",\"problem\":\"a stored member state cannot be read (stored member"
                + " state has format version 5; this reader knows versions 1..4); that member is not reviewed\","
                + "\"value\":null}";
    }

    private static Path withThrowingReviewRule(Path program) throws IOException {
        return withRule(program, "tier/throwing-review.drl", """
                package org.loyaltyrules.rules.tier;
                import org.loyaltyrules.rules.facts.*;

                // A broken rule: it throws whenever a scheduled tier review is due.
                rule "Reviews blow up"
                    @intent("Throws on every scheduled review")
                    ruleflow-group "tier"
                when
                    ReviewDue()
                then
                    throw new IllegalStateException("boom");
                end
                """);
    }

    /** A copy of retail-basic plus {@code drl} as {@code rules/<file>}. */
    private static Path withRule(Path program, String file, String drl) throws IOException {
        try (Stream<Path> files = Files.walk(Topologies.RETAIL_BASIC)) {
            for (Path source : files.toList()) {
                Path target = program.resolve(Topologies.RETAIL_BASIC.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Path rule = program.resolve("rules").resolve(file);
        Files.createDirectories(rule.getParent());
        Files.writeString(rule, drl);
        return program;
    }
}
