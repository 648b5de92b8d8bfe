package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.store.Pseudonyms;
import org.loyaltyrules.rules.store.VersionConflictException;

/**
 * An erasure by another writer that commits after a transaction found the member's row by id and before it read the
 * row under its lock (the transaction waited on the lock the erasure held): the row it reads is the erased member's,
 * under the pseudonym. The transaction goes on as if it had started after the erasure: a second erase finds no member,
 * a purchase enrols a fresh member under the id, a redemption is refused {@code UNKNOWN_MEMBER}, a save is a version
 * conflict. The race is made deterministic with the store's hook between the lookup and the locked read.
 */
class MemberErasedWhileReadTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");
    private static final String PSEUDONYM = Pseudonyms.salted(TestDatabase.SALT).pseudonymOf("m1");

    /** {@code store}, which lets another store erase m1 right after its first lookup of m1; the erasure's result. */
    private static AtomicReference<String> erasedByAnotherAfterLookup(TestDatabase db, JdbcMemberStore store) {
        JdbcMemberStore other = db.store();
        AtomicReference<String> erasure = new AtomicReference<>();
        store.onLookedUp(memberId -> {
            if (erasure.get() == null) {
                erasure.set(String.valueOf(other.erase(memberId)));
            }
        });
        return erasure;
    }

    /** m1 bought 120.00 (event p1), stored at version 1. */
    private static void purchaseOfM1(TestDatabase db) {
        LoyaltyService.create(ENGINE, db.store()).apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00")));
    }

    private static List<String> members(TestDatabase db) {
        List<String> rows = new java.util.ArrayList<>();
        try (var c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT m.member_id, m.version, p.event_id FROM members m "
                     + "LEFT JOIN processed_event_ids p ON p.member_key = m.member_key ORDER BY m.member_key, p.seq")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " v" + rs.getLong(2) + " " + rs.getString(3));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void an_erase_that_finds_the_member_erased_by_another_before_its_lock_erases_nothing(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            purchaseOfM1(db);
            JdbcMemberStore store = db.store();
            AtomicReference<String> other = erasedByAnotherAfterLookup(db, store);

            // when
            var erased = store.erase("m1");

            // then: one erasure, one pseudonym, one row
            assertThat(other.get()).isEqualTo("Optional[" + PSEUDONYM + "]");
            assertThat(erased).isEmpty();
            assertThat(members(db)).containsExactly(PSEUDONYM + " v2 p1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_purchase_that_finds_its_member_erased_before_its_lock_enrols_a_fresh_member(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            purchaseOfM1(db);
            JdbcMemberStore store = db.store();
            AtomicReference<String> other = erasedByAnotherAfterLookup(db, store);
            LoyaltyService service = LoyaltyService.create(ENGINE, store);

            // when
            Decision decision = service.apply(Purchase.of("p2", "m1", AT.plusSeconds(60), Histories.usd("10.00")));

            // then
            assertThat(other.get()).isEqualTo("Optional[" + PSEUDONYM + "]");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(decision.state().memberId()).isEqualTo("m1");
            assertThat(decision.state().processedEventIds()).containsExactly("p2");
            assertThat(members(db)).containsExactly(PSEUDONYM + " v2 p1", "m1 v1 p2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_redemption_that_finds_its_member_erased_before_its_lock_is_refused_as_for_an_unknown_member(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            purchaseOfM1(db);
            JdbcMemberStore store = db.store();
            AtomicReference<String> other = erasedByAnotherAfterLookup(db, store);
            LoyaltyService service = LoyaltyService.create(ENGINE, store);

            // when
            Decision decision = service.apply(Redemption.of("x1", "m1", AT.plusSeconds(60), 10));

            // then
            assertThat(other.get()).isEqualTo("Optional[" + PSEUDONYM + "]");
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REFUSED);
            assertThat(decision.refusal()).isEqualTo(new Refusal("UNKNOWN_MEMBER", "member m1 is not in the store: "
                    + "event x1 (redemption) does not enrol a member, only a purchase, an enrollment or a membership "
                    + "fee does; check the member id"));
            assertThat(decision.state().memberId()).isEqualTo("m1");
            assertThat(decision.state().processedEventIds()).isEmpty();
            assertThat(members(db)).containsExactly(PSEUDONYM + " v2 p1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_save_that_finds_its_member_erased_before_its_lock_is_a_version_conflict(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            purchaseOfM1(db);
            JdbcMemberStore store = db.store();
            var m1 = store.load("m1").orElseThrow();
            AtomicReference<String> other = erasedByAnotherAfterLookup(db, store);
            var next = ENGINE.apply(m1.state(), Purchase.of("p2", "m1", AT.plusSeconds(60), Histories.usd("10.00")));

            // when, then
            assertThatThrownBy(() -> store.save(next.state(), m1.version()))
                    .isExactlyInstanceOf(VersionConflictException.class)
                    .hasMessage("no member m1 is stored; the save expected version 1");
            assertThat(other.get()).isEqualTo("Optional[" + PSEUDONYM + "]");
            assertThat(members(db)).containsExactly(PSEUDONYM + " v2 p1");
        }
    }
}
