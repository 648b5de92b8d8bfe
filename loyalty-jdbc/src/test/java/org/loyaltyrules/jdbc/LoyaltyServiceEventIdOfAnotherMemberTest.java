package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;

/**
 * The service asks whose an event id is before it evaluates the event: an id another member processed is refused
 * DUPLICATE_EVENT_ID naming that member, not with whatever the engine would have said of the event.
 */
class LoyaltyServiceEventIdOfAnotherMemberTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Refusal P1_OF_M1 = new Refusal("DUPLICATE_EVENT_ID",
            "event p1 was already processed for member m1 in the store; event ids must be unique across members");

    private static Purchase p1OfM1() {
        return Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"), Histories.usd("200.00"));
    }

    /** A service on {@code db} that has applied m1's purchase p1. */
    private static LoyaltyService afterP1OfM1(TestDatabase db) {
        LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
        service.apply(p1OfM1());
        return service;
    }

    /** m2's state after the service applied its purchase q1 of {@code usd} at {@code at}. */
    private static MemberState m2Purchased(LoyaltyService service, String at, String usd) {
        return service.apply(Purchase.of("q1", "m2", Instant.parse(at), Histories.usd(usd))).state();
    }

    /** {@code decision} refuses m2's p1 as m1's id, and m2 is as stored ({@code null}: not stored, nor written). */
    private static void assertRefusedAsM1sAndNothingWritten(Decision decision, MemberState storedM2, TestDatabase db) {
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REFUSED);
        assertThat(decision.refusal()).isEqualTo(P1_OF_M1);
        assertThat(decision.postings()).isEmpty();
        if (storedM2 == null) {
            assertThat(db.store().load("m2")).isEmpty();
        } else {
            assertThat(decision.state()).isEqualTo(storedM2);
            assertThat(db.store().load("m2").orElseThrow().version()).isEqualTo(1L);
        }
        assertThat(db.count("SELECT count(*) FROM processed_event_ids")).isEqualTo(storedM2 == null ? 1L : 2L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_redemption_whose_id_another_member_processed_is_refused_duplicate_event_id_not_insufficient_points(
            String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: m1 processed p1; m2 has no points, so the engine alone would refuse INSUFFICIENT_POINTS
            LoyaltyService service = afterP1OfM1(db);
            Redemption redemption = Redemption.of("p1", "m2", Instant.parse("2025-03-04T10:00:00Z"), 500);
            assertThat(ENGINE.apply(null, redemption).refusal())
                    .isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 500, available 0"));

            // when
            Decision decision = service.apply(redemption);

            // then
            assertRefusedAsM1sAndNothingWritten(decision, null, db);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_refund_whose_id_another_member_processed_is_refused_duplicate_event_id_not_unknown_purchase(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: m2 is stored with its own purchase q1; its refund p1 names a purchase zz it does not have
            LoyaltyService service = afterP1OfM1(db);
            MemberState m2 = m2Purchased(service, "2025-03-03T11:00:00Z", "50.00");
            Refund refund = Refund.of("p1", "m2", Instant.parse("2025-03-04T10:00:00Z"), "zz", Histories.usd("10.00"));
            assertThat(ENGINE.apply(m2, refund).refusal()).isEqualTo(new Refusal("UNKNOWN_PURCHASE",
                    "refund p1 references purchase 'zz', which member m2 does not have"));

            // when
            Decision decision = service.apply(refund);

            // then
            assertRefusedAsM1sAndNothingWritten(decision, m2, db);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_redemption_the_engine_would_apply_is_refused_when_another_member_processed_its_id(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: m2's 300 points are available (its purchase is past the 14 pending days): the engine applies it
            LoyaltyService service = afterP1OfM1(db);
            MemberState m2 = m2Purchased(service, "2025-01-03T10:00:00Z", "300.00");
            Redemption redemption = Redemption.of("p1", "m2", Instant.parse("2025-03-04T10:00:00Z"), 100);
            assertThat(ENGINE.apply(m2, redemption).outcome()).isEqualTo(Decision.Outcome.APPLIED);

            // when
            Decision decision = service.apply(redemption);

            // then
            assertRefusedAsM1sAndNothingWritten(decision, m2, db);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void an_id_the_same_member_processed_is_still_the_engines_duplicate_with_the_earlier_postings(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            Decision first = service.apply(p1OfM1());

            // when: the same id for the same member, with other content
            Decision again = service.apply(Redemption.of("p1", "m1", Instant.parse("2025-03-04T10:00:00Z"), 500));

            // then
            assertThat(again.outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
            assertThat(again.postings()).isEqualTo(first.postings());
            assertThat(again.state()).isEqualTo(first.state());
            assertThat(db.store().load("m1").orElseThrow().version()).isEqualTo(1L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void an_id_of_an_erased_member_is_refused_without_naming_its_pseudonym(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            LoyaltyService service = afterP1OfM1(db);
            String pseudonym = db.store().erase("m1").orElseThrow();

            // when: the same id for m1, which now starts afresh, and for m2
            Decision m1Again = service.apply(p1OfM1());
            Decision m2 = service.apply(Redemption.of("p1", "m2", Instant.parse("2025-03-04T10:00:00Z"), 500));

            // then
            Refusal expected = new Refusal("DUPLICATE_EVENT_ID",
                    "event p1 was already processed for an erased member in the store; event ids must be unique "
                            + "across members");
            assertThat(m1Again.refusal()).isEqualTo(expected);
            assertThat(m2.refusal()).isEqualTo(expected);
            assertThat(db.store().ownerOf("p1")).contains(pseudonym);
            assertThat(db.store().load("m1")).isEmpty();
        }
    }
}
