package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.store.StoredMember;
import org.loyaltyrules.rules.store.VersionConflictException;

class JdbcMemberStoreRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void membership_fees_and_their_refund_load_back_equal(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: gold bought for 120.00 and refunded pro rata by days (60.16 due)
            LoyaltyEngine engine = LoyaltyEngine.create(org.loyaltyrules.rules.Program.of(
                    org.loyaltyrules.rules.program.ProgramJson.parse("""
                            {"id": "paid", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                             "tiers": {"ladder": [{"id": "member", "threshold": "0"},
                                                  {"id": "gold", "reachable": false}]},
                             "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}],
                                            "refund": {"policy": "PRO_RATA_DAYS"}}}""", "paid.json")));
            MemberState paid = engine.apply(null, new org.loyaltyrules.core.event.MembershipFee("f1", "m1",
                    Histories.at("2025-01-01T00:00:00Z"), Histories.usd("120.00"), "gold", 12, java.util.Map.of()))
                    .state();
            MemberState refunded = engine.apply(paid, new org.loyaltyrules.core.event.FeeRefund("r1", "m1",
                    Histories.at("2025-07-01T09:00:00Z"), "f1", null, java.util.Map.of())).state();

            // when
            db.store().save(paid, 0);
            db.store().save(refunded, 1);

            // then
            MemberState loaded = db.coldStore().load("m1").orElseThrow().state();
            assertThat(loaded).isEqualTo(refunded);
            assertThat(loaded.fee("f1").orElseThrow().refunded()).isEqualTo(Histories.usd("60.16"));
            assertThat(db.store().export("m1").orElseThrow()).contains("\"membershipFees\"").contains("\"refundedAt\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_paid_tier_loads_back_with_the_earned_status_it_replaced(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: silver earned with 600.00, then gold bought over it, which keeps that silver beneath
            LoyaltyEngine engine = LoyaltyEngine.create(org.loyaltyrules.rules.Program.of(
                    org.loyaltyrules.rules.program.ProgramJson.parse("""
                            {"id": "paid", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                             "tiers": {"metric": "spend", "ladder": [{"id": "member", "threshold": "0"}, {"id": "silver", "threshold": "500"},
                                                  {"id": "gold", "reachable": false}]},
                             "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}]}}""",
                            "paid.json")));
            MemberState silver = engine.apply(null, org.loyaltyrules.core.event.Purchase.of("p1", "m1",
                    Histories.at("2025-01-05T10:00:00Z"), Histories.usd("600.00"))).state();
            MemberState gold = engine.apply(silver, new org.loyaltyrules.core.event.MembershipFee("f1", "m1",
                    Histories.at("2025-02-01T00:00:00Z"), Histories.usd("120.00"), "gold", 12, Map.of())).state();

            // when
            db.store().save(gold, 0);

            // then
            MemberState loaded = db.coldStore().load("m1").orElseThrow().state();
            assertThat(loaded).isEqualTo(gold);
            assertThat(loaded.tier().beneath()).contains(silver.tier());
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(db.store().export("m1").orElseThrow())
                    .at("/state/tier/earnedBeneath").toString()).isEqualTo("{\"tier\":\"silver\","
                    + "\"since\":\"2025-01-05T10:00:00Z\",\"validUntil\":\"2026-01-01T00:00:00Z\"}");
            // rows edited by hand that make no state are named as such, not as a member changing (adv18 F4)
            db.execute("UPDATE members SET tier_beneath_since = NULL WHERE member_id = 'm1'");
            assertThatThrownBy(() -> db.coldStore().load("m1")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the stored rows of member m1 (version 1) do not make a member state: tier_beneath_id,"
                            + " tier_beneath_since and tier_beneath_valid_until are set together or not at all, were"
                            + " silver, null, 2026-01-01T00:00:00Z");
            db.execute("UPDATE members SET tier_source = 'EARNED', tier_paid_until = NULL, tier_beneath_since ="
                    + " tier_since WHERE member_id = 'm1'");
            assertThatThrownBy(() -> db.coldStore().load("m1")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the stored rows of member m1 (version 1) do not make a member state: only a paid tier"
                            + " keeps an earned status beneath it, tier 'gold' is EARNED");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_manually_assigned_tier_floor_loads_back(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: enrolled as silver by hand (a floor, docs/scenarios.md), then 5,000.00 spent, which earns platinum
            LoyaltyEngine engine = Histories.retailBasic();
            MemberState state = engine.apply(null, new org.loyaltyrules.core.event.Enrollment("e1", "m1",
                    Histories.at("2025-01-05T09:00:00Z"), "silver", Map.of())).state();
            state = engine.apply(state, org.loyaltyrules.core.event.Purchase.of("p1", "m1",
                    Histories.at("2025-02-01T10:00:00Z"), Histories.usd("5000.00"))).state();

            // when
            db.store().save(state, 0);

            // then: the floor is stored with the tier (audit mutation5 J1 read it back as null and survived)
            assertThat(db.coldStore().load("m1")).contains(new StoredMember(state, 1));
            MemberState loaded = db.coldStore().load("m1").orElseThrow().state();
            assertThat(loaded.tier().tierId()).isEqualTo("platinum");
            assertThat(loaded.tier().floorTierId()).isEqualTo("silver");
            // and the loaded member, spending nothing more, steps down (ONE_STEP) at later reviews but never below
            // silver (with the floor lost, the 2029 and 2030 reviews gave member)
            List<String> tiers = new java.util.ArrayList<>();
            for (String year : List.of("2026", "2027", "2028", "2029", "2030")) {
                loaded = engine.apply(loaded, new org.loyaltyrules.core.event.TierReview("t" + year, "m1",
                        Histories.at(year + "-06-01T00:00:00Z"), Map.of())).state();
                tiers.add(loaded.tier().tierId());
            }
            assertThat(tiers).containsExactly("platinum", "gold", "silver", "silver", "silver");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void every_state_the_engine_produces_loads_back_equal(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            LoyaltyEngine engine = Histories.retailBasic();
            JdbcMemberStore store = db.store();
            JdbcMemberStore cold = db.coldStore();
            Set<MemberStatus> statuses = EnumSet.noneOf(MemberStatus.class);
            Set<TierSource> sources = EnumSet.noneOf(TierSource.class);
            Set<PostingType> postings = EnumSet.noneOf(PostingType.class);
            boolean sawHeldLot = false;
            boolean sawReversal = false;
            int saves = 0;
            for (List<LoyaltyEvent> history : List.of(Histories.shopper("m1"), Histories.underReview("m2"),
                    Histories.random("m3", 1, 120), Histories.random("m4", 2, 120))) {
                MemberState state = null;
                long version = 0;
                String member = history.get(0).memberId();
                for (LoyaltyEvent event : history) {
                    // given
                    Decision decision = engine.apply(state, event);
                    if (!decision.isApplied()) {
                        continue;
                    }
                    state = decision.state();

                    // when
                    store.save(state, version++);
                    saves++;

                    // then
                    assertThat(cold.load(member)).contains(new StoredMember(state, version));
                    assertThat(store.load(member)).contains(new StoredMember(state, version));
                    statuses.add(state.status());
                    sources.add(state.tier().source());
                    state.ledger().postings().forEach(p -> postings.add(p.type()));
                    sawHeldLot |= state.ledger().lots().stream().anyMatch(l -> l.held());
                    sawReversal |= state.ledger().redemptions().stream().anyMatch(r -> r.reversed());
                }
            }
            assertThat(saves).isGreaterThan(200);
            assertThat(statuses).contains(MemberStatus.ACTIVE, MemberStatus.UNDER_REVIEW);
            assertThat(sources).contains(TierSource.BASE, TierSource.EARNED, TierSource.PAID);
            assertThat(postings).contains(PostingType.EARN, PostingType.ACTIVATE, PostingType.REDEEM,
                    PostingType.REDEEM_REVERSAL, PostingType.CLAWBACK, PostingType.ADJUST, PostingType.EXPIRE);
            assertThat(sawHeldLot).isTrue();
            assertThat(sawReversal).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void tags_attributes_and_survey_score_round_trip(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            Instant at = Instant.parse("2025-01-01T00:00:00.123456Z");
            MemberState state = MemberState.enrol("m1", at, "member").withTags(Set.of("vip", "newsletter"))
                    .withAttributes(Map.of("email", "ada@example.com", "city", "Zürich")).withSurveyScore(7);

            // when
            db.store().save(state, 0);

            // then
            assertThat(db.coldStore().load("m1")).contains(new StoredMember(state, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_save_based_on_an_old_version_is_refused_and_writes_nothing(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            JdbcMemberStore store = db.store();
            MemberState first = MemberState.enrol("m1", Instant.parse("2025-01-01T00:00:00Z"), "member");
            store.save(first, 0);
            store.save(first.withSurveyScore(5), 1);

            // when / then
            assertThatThrownBy(() -> store.save(first.withSurveyScore(9), 1))
                    .isInstanceOf(VersionConflictException.class)
                    .hasMessage("member m1 is no longer at version 1 but at version 2 (another writer saved first)");
            assertThatThrownBy(() -> db.coldStore().save(first, 0))
                    .isInstanceOf(VersionConflictException.class)
                    .hasMessage("member m1 is no longer absent (version 0) but at version 2 (it was created by "
                            + "another writer)");
            assertThat(db.coldStore().load("m1")).contains(new StoredMember(first.withSurveyScore(5), 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void an_instant_finer_than_microseconds_is_refused_before_anything_is_written(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            MemberState state = MemberState.enrol("m1", Instant.parse("2025-01-01T00:00:00.123456789Z"), "member");

            assertThatThrownBy(() -> db.store().save(state, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("enrolledAt must be whole microseconds in years 1..9999 to be stored, "
                            + "was 2025-01-01T00:00:00.123456789Z");
            assertThat(db.store().load("m1")).isEmpty();
        }
    }
}
