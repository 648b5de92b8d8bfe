package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.store.StoredMember;

class LoyaltyServiceCrashTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();

    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(LoyaltyService.Step step) {
            super("simulated crash " + step);
        }
    }

    /** The member's state after the events, applied in memory with no database involved. */
    private static MemberState cleanRun(List<LoyaltyEvent> events) {
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            Decision d = ENGINE.apply(state, event);
            state = d.isApplied() ? d.state() : state;
        }
        return state;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_crash_at_any_step_loses_nothing_and_counts_nothing_twice(String kind) {
        List<LoyaltyEvent> events = new ArrayList<>(Histories.shopper("m1"));
        events.addAll(Histories.underReview("m2"));
        events.addAll(Histories.random("m3", 7, 40));
        Map<String, MemberState> expected = new TreeMap<>();
        for (String m : List.of("m1", "m2", "m3")) {
            expected.put(m, cleanRun(events.stream().filter(e -> e.memberId().equals(m)).toList()));
        }
        for (LoyaltyService.Step step : LoyaltyService.Step.values()) {
            try (TestDatabase db = TestDatabase.open(kind)) {
                // given
                LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
                int crashes = 0;
                for (LoyaltyEvent event : events) {
                    service.onStep(s -> {
                        if (s == step) {
                            throw new Crash(s);
                        }
                    });
                    // when: the process dies at this step; then it comes back (new store: nothing kept in memory)
                    Decision crashed = null;
                    try {
                        crashed = service.apply(event);
                    } catch (Crash e) {
                        crashes++;
                    }
                    service = LoyaltyService.create(ENGINE, db.coldStore());
                    Decision retried = service.apply(event);

                    // then: a refused event never reaches the write steps, so it cannot crash there
                    if (crashed != null) {
                        assertThat(crashed.outcome()).isEqualTo(Decision.Outcome.REFUSED);
                        assertThat(retried.outcome()).isEqualTo(Decision.Outcome.REFUSED);
                    } else {
                        assertThat(retried.outcome()).isIn(Decision.Outcome.APPLIED, Decision.Outcome.REFUSED);
                    }
                }
                Map<String, MemberState> stored = new TreeMap<>();
                expected.keySet().forEach(m -> stored.put(m, db.coldStore().load(m).orElseThrow().state()));
                assertThat(stored).as("after crashes at %s", step).isEqualTo(expected);
                assertThat(crashes).isGreaterThan(50);
                assertThat(db.count("SELECT count(*) FROM postings")).isEqualTo(expected.values().stream()
                        .mapToLong(m -> m.ledger().postings().size()).sum());
                assertThat(db.count("SELECT count(*) FROM processed_event_ids")).isEqualTo(expected.values().stream()
                        .mapToLong(m -> m.processedEventIds().size()).sum());
            }
        }
    }

    /** A service on {@code db} whose first load of a member is followed by {@code failure}, counting the loads. */
    private static LoyaltyService failingOnceAfterLoad(TestDatabase db, JdbcFailure failure, AtomicInteger loads) {
        LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
        service.onStep(step -> {
            if (step == LoyaltyService.Step.AFTER_LOAD && loads.incrementAndGet() == 1) {
                throw failure;
            }
        });
        return service;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HYT00", "40001", "40P01", "55P03"})
    void a_lock_timeout_serialization_failure_or_deadlock_is_retried_and_the_event_applied_once(String sqlState) {
        // H2's and PostgreSQL's lock timeouts, a serialization failure and a deadlock (docs/embedding.md section 1)
        try (TestDatabase db = TestDatabase.open("h2")) {
            // given
            AtomicInteger loads = new AtomicInteger();
            LoyaltyService service = failingOnceAfterLoad(db, new JdbcFailure("cannot write member m1",
                    new SQLException("could not obtain lock on row", sqlState)), loads);

            // when
            Decision decision = service.apply(Purchase.of("p1", "m1", Histories.at("2025-03-03T10:00:00Z"),
                    Histories.usd("100.00")));

            // then: the second attempt applies it, and it is stored once
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(decision.pointsAwarded()).isEqualTo(100L);
            assertThat(loads).hasValue(2);
            assertThat(db.coldStore().load("m1").orElseThrow().state().processedEventIds()).containsExactly("p1");
            assertThat(db.count("SELECT count(*) FROM processed_event_ids")).isEqualTo(1L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_failure_that_is_not_transient_is_thrown_after_one_attempt(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: PostgreSQL's admin shutdown, which a retry on the same database cannot mend
            AtomicInteger loads = new AtomicInteger();
            JdbcFailure shutdown = new JdbcFailure("cannot write member m1",
                    new SQLException("terminating connection due to administrator command", "57P01"));
            LoyaltyService service = failingOnceAfterLoad(db, shutdown, loads);

            // when, then
            assertThatThrownBy(() -> service.apply(Purchase.of("p1", "m1", Histories.at("2025-03-03T10:00:00Z"),
                    Histories.usd("100.00")))).isSameAs(shutdown);
            assertThat(loads).hasValue(1);
            assertThat(db.store().load("m1")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_duplicate_event_returns_the_earlier_effect_without_counting_twice(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            Purchase purchase = Purchase.of("p1", "m1", Histories.at("2025-01-10T10:00:00Z"), Histories.usd("250.00"));
            Decision first = service.apply(purchase);

            // when: again, and again after a restart
            Decision again = service.apply(purchase);
            Decision afterRestart = LoyaltyService.create(ENGINE, db.coldStore()).apply(purchase);

            // then
            assertThat(first.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(first.pointsAwarded()).isEqualTo(250L);
            for (Decision duplicate : List.of(again, afterRestart)) {
                assertThat(duplicate.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
                assertThat(duplicate.postings()).isEqualTo(first.postings());
                assertThat(duplicate.pointsAwarded()).isZero();
            }
            assertThat(db.coldStore().load("m1")).contains(new StoredMember(first.state(), 1));
            assertThat(db.count("SELECT count(*) FROM postings")).isEqualTo(first.postings().size());
            assertThat(db.store().isProcessed("p1")).isTrue();
            assertThat(db.store().isProcessed("p2")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void an_event_id_processed_for_another_member_is_refused(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            service.apply(Purchase.of("p1", "m1", Histories.at("2025-01-10T10:00:00Z"), Histories.usd("250.00")));

            // when
            Decision decision = service.apply(Purchase.of("p1", "m2", Histories.at("2025-01-11T10:00:00Z"),
                    Histories.usd("10.00")));

            // then
            assertThat(decision.refusal()).isEqualTo(new Refusal("DUPLICATE_EVENT_ID",
                    "event p1 was already processed for member m1 in the store; event ids must be unique across members"));
            assertThat(db.store().load("m2")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_state_that_drops_stored_postings_is_refused(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            Decision first = service.apply(Purchase.of("p1", "m1", Histories.at("2025-01-10T10:00:00Z"),
                    Histories.usd("250.00")));
            MemberState fresh = MemberState.enrol("m1", Histories.at("2025-01-10T10:00:00Z"), "member");

            assertThatThrownBy(() -> db.store().save(fresh, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("postings are append-only: member m1 had " + first.postings().size()
                            + " postings stored, the new state does not start with them");
        }
    }
}
