package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;

/**
 * A member id the store does not hold: a purchase, an enrollment or a membership fee enrols the member; any other event
 * (a customer-service adjustment with a mistyped id, a review, a redemption) is refused {@code UNKNOWN_MEMBER} and
 * stores nothing, where the engine alone would enrol the member (or refuse a redemption "available 0").
 */
class LoyaltyServiceUnknownMemberTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    private static Refusal unknown(String member, String event, String type) {
        return new Refusal("UNKNOWN_MEMBER", "member " + member + " is not in the store: event " + event + " ("
                + type + ") does not enrol a member, only a purchase, an enrollment or a membership fee does; check "
                + "the member id");
    }

    /** A service on {@code db} where m1 bought 120.00 at {@link #AT}. */
    private static LoyaltyService afterPurchaseOfM1(TestDatabase db) {
        LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
        service.apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00")));
        return service;
    }

    /** Every event type that presumes a member, for the member m-typo. */
    static Stream<Arguments> eventsThatDoNotEnrol() {
        List<LoyaltyEvent> events = List.of(
                Adjustment.of("a1", "m-typo", AT, 500, "goodwill"),
                TierReview.of("m-typo", AT),
                Redemption.of("x9", "m-typo", AT, 10),
                new RedemptionReversal("xr1", "m-typo", AT, "x9", Map.of()),
                Refund.of("r1", "m-typo", AT, "p1", Histories.usd("10.00")),
                new Survey("s1", "m-typo", AT, 9, Map.of()),
                new BenefitClaim("b1", "m-typo", AT, "free-delivery", Map.of()),
                new FeeRefund("fr1", "m-typo", AT, "f1", Histories.usd("10.00"), Map.of()));
        return TestDatabase.kinds().flatMap(kind -> events.stream().map(event -> Arguments.of(kind, event)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("eventsThatDoNotEnrol")
    void an_event_that_does_not_enrol_is_refused_for_a_member_the_store_does_not_hold_and_stores_nothing(
            String kind, LoyaltyEvent event) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: an empty store
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());

            // when
            Decision decision = service.apply(event);

            // then
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REFUSED);
            assertThat(decision.refusal()).isEqualTo(unknown("m-typo", event.id(), event.type()));
            assertThat(decision.postings()).isEmpty();
            assertThat(decision.pointsAwarded()).isZero();
            assertThat(decision.explanations()).singleElement().satisfies(e -> {
                assertThat(e.rule()).isEqualTo("Only a purchase, an enrollment or a membership fee enrols a member");
                assertThat(e.sentence()).isEqualTo(decision.refusal().detail());
            });
            assertThat(service.store().load("m-typo")).isEmpty();
            assertThat(db.count("SELECT COUNT(*) FROM members")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM processed_event_ids")).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void the_customer_service_typo_of_the_audit_gets_no_member_and_no_points(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: m1 is a member with 120 points; the agent types m-typo
            LoyaltyService service = afterPurchaseOfM1(db);
            Adjustment goodwill = Adjustment.of("a1", "m-typo", AT.plusSeconds(60), 500, "goodwill");
            assertThat(ENGINE.apply(null, goodwill).outcome()).isEqualTo(Decision.Outcome.APPLIED);

            // when
            Decision decision = service.apply(goodwill);

            // then
            assertThat(decision.refusal()).isEqualTo(new Refusal("UNKNOWN_MEMBER", "member m-typo is not in the "
                    + "store: event a1 (adjustment) does not enrol a member, only a purchase, an enrollment or a "
                    + "membership fee does; check the member id"));
            assertThat(service.store().load("m-typo")).isEmpty();
            assertThat(db.count("SELECT COUNT(*) FROM members")).isEqualTo(1L);
            assertThat(db.count("SELECT COUNT(*) FROM postings WHERE event_id = 'a1'")).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_redemption_for_a_member_the_store_does_not_hold_says_the_member_is_unknown_not_available_0(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            Redemption redemption = Redemption.of("x9", "m-typo3", AT, 10);
            assertThat(ENGINE.apply(null, redemption).refusal())
                    .isEqualTo(new Refusal("INSUFFICIENT_POINTS", "requested 10, available 0"));

            // when
            Decision decision = LoyaltyService.create(ENGINE, db.store()).apply(redemption);

            // then
            assertThat(decision.refusal()).isEqualTo(new Refusal("UNKNOWN_MEMBER", "member m-typo3 is not in the "
                    + "store: event x9 (redemption) does not enrol a member, only a purchase, an enrollment or a "
                    + "membership fee does; check the member id"));
        }
    }

    /** The three events that enrol a member the store does not hold. */
    static Stream<Arguments> eventsThatEnrol() {
        List<LoyaltyEvent> events = List.of(
                Purchase.of("p1", "m-new", AT, Histories.usd("120.00")),
                Enrollment.of("e1", "m-new", AT),
                new MembershipFee("f1", "m-new", AT, Histories.usd("99.00"), "platinum", 12, Map.of()));
        return TestDatabase.kinds().flatMap(kind -> events.stream().map(event -> Arguments.of(kind, event)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("eventsThatEnrol")
    void a_purchase_an_enrollment_or_a_membership_fee_enrols_a_member_the_store_does_not_hold(String kind,
                                                                                            LoyaltyEvent event) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // when
            Decision decision = LoyaltyService.create(ENGINE, db.store()).apply(event);

            // then
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(db.store().load("m-new").orElseThrow().version()).isEqualTo(1L);
            assertThat(db.store().load("m-new").orElseThrow().state()).isEqualTo(decision.state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_refused_event_is_not_remembered_so_once_the_member_is_enrolled_the_same_id_applies(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: the adjustment came before the member's first purchase
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            Adjustment goodwill = Adjustment.of("a1", "m1", AT.plusSeconds(60), 500, "goodwill");
            assertThat(service.apply(goodwill).refusal().code()).isEqualTo("UNKNOWN_MEMBER");
            service.apply(Purchase.of("p1", "m1", AT, Histories.usd("120.00")));

            // when
            Decision decision = service.apply(goodwill);

            // then: 120 pending from the purchase (14 days), 500 adjusted and available
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(decision.state().ledger().totals().adjustedIn()).isEqualTo(500L);
            assertThat(service.store().load("m1").orElseThrow().version()).isEqualTo(2L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void an_erased_member_id_is_unknown_to_an_adjustment_and_a_purchase_enrols_it_afresh(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: m1 bought, then was erased (its row now carries the pseudonym)
            LoyaltyService service = afterPurchaseOfM1(db);
            service.store().erase("m1");

            // when
            Decision adjustment = service.apply(Adjustment.of("a1", "m1", AT.plusSeconds(60), 500, "goodwill"));
            Decision purchase = service.apply(Purchase.of("p2", "m1", AT.plusSeconds(120), Histories.usd("10.00")));

            // then
            assertThat(adjustment.refusal().code()).isEqualTo("UNKNOWN_MEMBER");
            assertThat(purchase.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(db.count("SELECT COUNT(*) FROM members")).isEqualTo(2L);
        }
    }
}
