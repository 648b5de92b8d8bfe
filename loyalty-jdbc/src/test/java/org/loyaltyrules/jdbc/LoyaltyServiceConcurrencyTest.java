package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;

class LoyaltyServiceConcurrencyTest {

    /**
     * Two threads sharing one service (one process): 10,000 events, the size. They still race for the member
     * row and lose optimistic version checks to each other, but the winner's state is in the shared cache, so a
     * retry does not read the member's rows again.
     */
    static final int SHARED_EVENTS = Integer.getInteger("loyalty.concurrency.shared-events", 10_000);

    /**
     * Two services with their own stores (two processes): every switch of writer makes the loser read the member's
     * whole history back from the database, so the cost per event grows with the history; 1,000 events by default
     * (10,000 took 155 s on H2 on a busy 2-core machine), {@code -Dloyalty.concurrency.events=10000} for the full size.
     */
    static final int EVENTS = Integer.getInteger("loyalty.concurrency.events", 1_000);

    /** Purchases and goodwill adjustments at one instant: their effects commute, so any interleaving is fair. */
    static List<LoyaltyEvent> events(String member, int count) {
        Instant at = Instant.parse("2025-03-03T10:00:00Z");
        List<LoyaltyEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(i % 10 == 9
                    ? new Adjustment("a" + i, member, at, 1 + i % 7, "goodwill", null, Map.of())
                    : Purchase.of("p" + i, member, at, Histories.usd((1 + i % 50) + "." + (10 + i % 90))));
        }
        return events;
    }

    static Map<Posting, Integer> multiset(List<Posting> postings) {
        Map<Posting, Integer> counts = new HashMap<>();
        postings.forEach(p -> counts.merge(p, 1, Integer::sum));
        return counts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void two_threads_on_one_service_and_one_member_end_where_a_sequential_replay_ends(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            LoyaltyService shared = LoyaltyService.create(Histories.commuting(), db.store()).withMaxAttempts(1_000);
            runAndCompare(db, kind, "2 threads, 1 service", List.of(shared, shared), SHARED_EVENTS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void two_writers_on_one_member_end_where_a_sequential_replay_ends(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // two services with their own stores, as two processes would be: neither sees the other's cache
            LoyaltyEngine engine = Histories.commuting();
            runAndCompare(db, kind, "2 writers with their own stores", List.of(
                    LoyaltyService.create(engine, db.store()).withMaxAttempts(1_000),
                    LoyaltyService.create(engine, db.store()).withMaxAttempts(1_000)), EVENTS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void eight_threads_of_one_service_on_one_member_take_turns_and_none_loses_an_attempt(String kind)
            throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // one attempt each: a version check lost to another thread of this process would throw
            LoyaltyService shared = LoyaltyService.create(Histories.commuting(), db.store()).withMaxAttempts(1);
            runAndCompare(db, kind, "8 threads, 1 service, 1 attempt each", Collections.nCopies(8, shared), 400);
        }
    }

    /**
     * Deals the events round-robin to the writers, each on a thread of its own, all at once, then compares with a
     * sequential replay.
     */
    private static void runAndCompare(TestDatabase db, String kind, String how, List<LoyaltyService> writers, int count)
            throws Exception {
        // given
        List<LoyaltyEvent> events = events("m1", count);
        ReplayResult sequential = writers.get(0).engine().replay(events);
        MemberState expected = sequential.members().get("m1");
        List<List<LoyaltyEvent>> shares = new ArrayList<>();
        writers.forEach(w -> shares.add(new ArrayList<>()));
        for (int i = 0; i < events.size(); i++) {
            shares.get(i % writers.size()).add(events.get(i));
        }

        // when
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        long started = System.nanoTime();
        try {
            List<Future<Long>> applied = new ArrayList<>();
            for (int w = 0; w < writers.size(); w++) {
                LoyaltyService writer = writers.get(w);
                List<LoyaltyEvent> share = shares.get(w);
                applied.add(pool.submit(() -> share.stream().map(writer::apply).filter(Decision::isApplied).count()));
            }
            long total = 0;
            for (Future<Long> f : applied) {
                total += f.get();
            }
            assertThat(total).isEqualTo(count);
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%s: %d events, %s, one member: %.1f s, %.0f events/s%n", kind, count, how, seconds,
                count / seconds);

        // then
        MemberState stored = db.coldStore().load("m1").orElseThrow().state();
        assertThat(sequential.eventsApplied()).isEqualTo(count);
        assertThat(stored.pointsAvailable()).isEqualTo(expected.pointsAvailable());
        assertThat(stored.ledger().totals()).isEqualTo(expected.ledger().totals());
        assertThat(stored.processedEventIds()).containsExactlyInAnyOrderElementsOf(expected.processedEventIds());
        assertThat(multiset(stored.ledger().postings())).isEqualTo(multiset(expected.ledger().postings()));
        assertThat(db.count("SELECT count(*) FROM postings")).isEqualTo(expected.ledger().postings().size());
        assertThat(db.count("SELECT count(*) FROM processed_event_ids")).isEqualTo(count);
        assertThat(db.count("SELECT version FROM members WHERE member_id = 'm1'")).isEqualTo(count);
    }
}
