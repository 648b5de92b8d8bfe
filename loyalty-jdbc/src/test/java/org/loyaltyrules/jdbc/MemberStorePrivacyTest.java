package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.store.MemberStore;
import org.loyaltyrules.rules.store.Pseudonyms;

/** Export and erasure, for the in-memory store and the JDBC store on H2 and PostgreSQL. */
class MemberStorePrivacyTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Saves the shopper history (with e-mail and name attributes, a survey score) and tags; returns the state. */
    private static MemberState saveShopper(MemberStore store) {
        MemberState state = null;
        long version = 0;
        for (LoyaltyEvent event : Histories.shopper("m1")) {
            Decision d = ENGINE.apply(state, event);
            if (d.isApplied()) {
                state = d.state();
                store.save(state, version++);
            }
        }
        MemberState tagged = state.withTags(Set.of("vip"));
        store.save(tagged, version);
        return tagged;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#stores")
    void an_export_holds_everything_kept_about_the_member(String kind) throws Exception {
        TestDatabase.withStore(kind, store -> {
            // given
            MemberState state = saveShopper(store);

            // when
            JsonNode export = JSON.readTree(store.export("m1").orElseThrow());

            // then
            assertThat(export.get("member").asText()).isEqualTo("m1");
            assertThat(export.at("/state/attributes/email").asText()).isEqualTo("m1@example.com");
            assertThat(export.at("/state/tags/0").asText()).isEqualTo("vip");
            assertThat(export.at("/state/surveyScore").asInt()).isEqualTo(9);
            assertThat(export.at("/state/tier/tier").asText()).isEqualTo(state.tier().tierId());
            assertThat(export.get("postings")).hasSize(state.ledger().postings().size());
            assertThat(export.get("lots")).hasSize(state.ledger().lots().size());
            assertThat(export.get("redemptions")).hasSize(state.ledger().redemptions().size());
            assertThat(export.at("/state/purchases")).hasSize(state.purchases().size());
            assertThat(export.at("/state/refunds")).hasSize(state.refunds().size());
            assertThat(export.at("/state/processedEventIds")).hasSize(state.processedEventIds().size());
            assertThat(export.at("/ledger/available").asLong()).isEqualTo(state.pointsAvailable());
            assertThat(export.at("/ledger/totals/earned").asLong()).isEqualTo(state.ledger().totals().earned());
            assertThat(export.at("/postings/0/event").asText()).isEqualTo(state.ledger().postings().get(0).eventId());
            assertThat(store.export("nobody")).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#stores")
    void erasure_forgets_the_person_and_keeps_the_ledger_for_finance(String kind) throws Exception {
        TestDatabase.withStore(kind, store -> {
            // given
            MemberState before = saveShopper(store);
            String pseudonym = Pseudonyms.salted(TestDatabase.SALT).pseudonymOf("m1");

            // when
            assertThat(store.erase("m1")).contains(pseudonym);

            // then: the person is gone
            assertThat(store.load("m1")).isEmpty();
            assertThat(store.export("m1")).isEmpty();
            MemberState after = store.state(pseudonym).orElseThrow();
            assertThat(after.tags()).isEmpty();
            assertThat(after.attributes()).isEmpty();
            assertThat(after.surveyScore()).isNull();
            assertThat(after.status()).isEqualTo(MemberStatus.CLOSED);
            assertThat(store.export(pseudonym).orElseThrow()).doesNotContain("m1@example.com", "Ada m1", "vip");
            // ... and the ledger stays, re-keyed
            assertThat(after.ledger().totals()).isEqualTo(before.ledger().totals());
            assertThat(after.pointsAvailable()).isEqualTo(before.pointsAvailable());
            // (but for an adjustment's free-text reason, replaced)
            List<Posting> rekeyed = new ArrayList<>();
            before.ledger().postings().forEach(p -> rekeyed.add(new Posting(p.eventId(), pseudonym, p.at(), p.type(),
                    p.points(), p.rule(), p.type() == PostingType.ADJUST ? Pseudonyms.ERASED_REASON
                            : p.explanation())));
            assertThat(after.ledger().postings()).isEqualTo(rekeyed);
            assertThat(after.purchases()).isEqualTo(before.purchases());
            assertThat(after.processedEventIds()).isEqualTo(before.processedEventIds());
            assertThat(store.isProcessed("m1-p1")).isTrue();
            // deterministic: the same salt gives the same pseudonym, and an unknown member erases nothing
            assertThat(pseudonym).matches("erased-[0-9a-f]{32}").isEqualTo(
                    Pseudonyms.salted(TestDatabase.SALT).pseudonymOf("m1"));
            assertThat(store.erase("m1")).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void an_erased_members_postings_rows_are_not_rewritten(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            MemberState before = saveShopper(db.store());
            long postings = db.count("SELECT count(*) FROM postings");

            db.store().erase("m1");

            assertThat(db.count("SELECT count(*) FROM postings")).isEqualTo(postings)
                    .isEqualTo(before.ledger().postings().size());
            assertThat(db.count("SELECT count(*) FROM members WHERE member_id = 'm1'")).isZero();
            assertThat(Map.of("pseudonymous rows", db.count("SELECT count(*) FROM members WHERE member_id LIKE 'erased-%'")))
                    .isEqualTo(Map.of("pseudonymous rows", 1L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_member_id_that_came_back_after_its_erasure_can_be_erased_again(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: m1 erased once, then back with a new purchase
            JdbcMemberStore store = db.store();
            String pseudonym = Pseudonyms.salted(TestDatabase.SALT).pseudonymOf("m1");
            MemberState first = ENGINE.apply(null, Purchase.of("a1", "m1", Instant.parse("2025-01-01T00:00:00Z"),
                    Histories.usd("10.00"))).state();
            store.save(first, 0);
            assertThat(store.erase("m1")).contains(pseudonym);
            MemberState second = ENGINE.apply(null, Purchase.of("a2", "m1", Instant.parse("2025-02-01T00:00:00Z"),
                    Histories.usd("30.00"))).state();
            store.save(second, 0);

            // when
            assertThat(store.erase("m1")).contains(pseudonym + "-2");

            // then: both erased members stay, each with its own ledger, and nothing is held under m1
            MemberState firstErased = store.state(pseudonym).orElseThrow();
            MemberState secondErased = store.state(pseudonym + "-2").orElseThrow();
            assertThat(firstErased.processedEventIds()).containsExactly("a1");
            assertThat(secondErased.processedEventIds()).containsExactly("a2");
            assertThat(firstErased.ledger().totals()).isEqualTo(first.ledger().totals());
            assertThat(secondErased.ledger().totals()).isEqualTo(second.ledger().totals());
            assertThat(List.of(firstErased.status(), secondErased.status()))
                    .containsExactly(MemberStatus.CLOSED, MemberStatus.CLOSED);
            assertThat(store.export("m1")).isEmpty();
            assertThat(db.count("SELECT count(*) FROM members WHERE member_id LIKE 'erased-%'")).isEqualTo(2L);
            assertThat(db.count("SELECT count(*) FROM postings")).isEqualTo(
                    first.ledger().postings().size() + second.ledger().postings().size());
            // and a third time, numbered on
            store.save(ENGINE.apply(null, Purchase.of("a3", "m1", Instant.parse("2025-03-01T00:00:00Z"),
                    Histories.usd("5.00"))).state(), 0);
            assertThat(store.erase("m1")).contains(pseudonym + "-3");
        }
    }

    /** Every stored text value, in every table of the store, that contains {@code needle} (any case). */
    private static List<String> storedValuesNaming(TestDatabase db, String needle) throws Exception {
        List<String> found = new ArrayList<>();
        try (var c = db.dataSource().getConnection()) {
            for (String table : JdbcMemberStore.TABLES) {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT * FROM " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            String value = rs.getString(i);
                            if (value != null && value.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
                                found.add(table + "." + rs.getMetaData().getColumnName(i).toLowerCase(
                                        java.util.Locale.ROOT) + " = " + value);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void erasure_renames_the_review_ids_made_of_the_member_id_and_replaces_adjustment_reasons(String kind)
            throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: alice enrolled, bought, got a goodwill adjustment and a scheduled review (docs/embedding.md)
            String alice = "alice@example.com";
            Instant review = Instant.parse("2025-06-01T00:00:00Z");
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            for (LoyaltyEvent event : List.of(
                    new Enrollment("e1", alice, Instant.parse("2025-01-05T09:00:00Z"), null,
                            Map.of("email", alice, "name", "Alice Smith")),
                    Purchase.of("p1", alice, Instant.parse("2025-01-10T10:00:00Z"), Histories.usd("300.00")),
                    Adjustment.of("a1", alice, Instant.parse("2025-03-06T10:00:00Z"), 75,
                            "goodwill for Alice Smith, complaint about order"),
                    TierReview.of(alice, review))) {
                assertThat(service.apply(event).outcome()).isEqualTo(Decision.Outcome.APPLIED);
            }
            assertThat(storedValuesNaming(db, "alice")).isNotEmpty();
            String pseudonym = Pseudonyms.salted(TestDatabase.SALT).pseudonymOf(alice);

            // when
            assertThat(db.store().erase(alice)).contains(pseudonym);

            // then: nothing stored names her
            assertThat(storedValuesNaming(db, "alice")).isEmpty();
            MemberState erased = db.coldStore().state(pseudonym).orElseThrow();
            assertThat(erased.processedEventIds()).containsExactly("e1", "p1", "a1",
                    "review:" + pseudonym + ":2025-06-01T00:00:00Z");
            assertThat(erased.ledger().postings()).filteredOn(p -> p.type() == PostingType.ADJUST)
                    .extracting(Posting::points, Posting::explanation)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(75L, "reason erased with the member"));
            // the renamed id is the review id of the pseudonym: a review of the erased row is still a duplicate
            assertThat(service.apply(TierReview.of(pseudonym, review)).outcome())
                    .isEqualTo(Decision.Outcome.DUPLICATE);
            // ... and the review sent again for alice is for a member the store does not hold
            assertThat(service.apply(TierReview.of(alice, review)).refusal().code()).isEqualTo("UNKNOWN_MEMBER");
            // alice back, reviewed at the same instant, and erased again: her new review id is the second pseudonym's
            service.apply(Purchase.of("p9", alice, review.minusSeconds(60), Histories.usd("10.00")));
            assertThat(service.apply(TierReview.of(alice, review)).outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(db.store().erase(alice)).contains(pseudonym + "-2");
            assertThat(db.coldStore().state(pseudonym + "-2").orElseThrow().processedEventIds())
                    .containsExactly("p9", "review:" + pseudonym + "-2:2025-06-01T00:00:00Z");
            assertThat(storedValuesNaming(db, "alice")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_review_id_that_would_exceed_200_characters_under_the_pseudonym_keeps_a_digest_of_its_tail(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: a custom review id of 200 characters for the short member id m1
            String tail = "t".repeat(190);
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            service.apply(Purchase.of("p1", "m1", Instant.parse("2025-01-10T10:00:00Z"), Histories.usd("10.00")));
            service.apply(new TierReview("review:m1:" + tail, "m1", Instant.parse("2025-02-01T00:00:00Z"), Map.of()));
            String pseudonym = Pseudonyms.salted(TestDatabase.SALT).pseudonymOf("m1");

            // when
            db.store().erase("m1");

            // then
            assertThat(db.coldStore().state(pseudonym).orElseThrow().processedEventIds()).containsExactly("p1",
                    "review:" + pseudonym + ":#" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                            .getInstance("SHA-256").digest(tail.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            0, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @org.junit.jupiter.api.Test
    void the_in_memory_store_renames_review_ids_and_replaces_adjustment_reasons_like_the_jdbc_store() {
        // given
        org.loyaltyrules.rules.store.InMemoryMemberStore store =
                org.loyaltyrules.rules.store.InMemoryMemberStore.create(TestDatabase.SALT);
        String alice = "alice@example.com";
        Instant review = Instant.parse("2025-06-01T00:00:00Z");
        MemberState state = null;
        for (LoyaltyEvent event : List.of(
                Purchase.of("p1", alice, Instant.parse("2025-01-10T10:00:00Z"), Histories.usd("300.00")),
                Adjustment.of("a1", alice, Instant.parse("2025-03-06T10:00:00Z"), 75,
                        "goodwill for Alice Smith, complaint about order"),
                TierReview.of(alice, review))) {
            Decision decision = ENGINE.apply(state, event);
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            state = decision.state();
        }
        store.save(state, 0);
        String pseudonym = Pseudonyms.salted(TestDatabase.SALT).pseudonymOf(alice);

        // when
        assertThat(store.erase(alice)).contains(pseudonym);

        // then
        MemberState erased = store.state(pseudonym).orElseThrow();
        assertThat(erased.processedEventIds()).containsExactly("p1", "a1",
                "review:" + pseudonym + ":2025-06-01T00:00:00Z");
        assertThat(erased.ledger().postings()).filteredOn(p -> p.type() == PostingType.ADJUST)
                .extracting(Posting::points, Posting::explanation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(75L, "reason erased with the member"));
        assertThat(store.export(pseudonym).orElseThrow()).doesNotContain("alice", "Alice");
        assertThat(store.isProcessed("review:" + alice + ":2025-06-01T00:00:00Z")).isFalse();
        assertThat(store.isProcessed("review:" + pseudonym + ":2025-06-01T00:00:00Z")).isTrue();
        assertThat(ENGINE.apply(erased, TierReview.of(pseudonym, review)).outcome())
                .isEqualTo(Decision.Outcome.DUPLICATE);
    }

    @org.junit.jupiter.api.Test
    void the_in_memory_store_numbers_repeated_erasures_of_an_id_like_the_jdbc_store() {
        org.loyaltyrules.rules.store.InMemoryMemberStore store =
                org.loyaltyrules.rules.store.InMemoryMemberStore.create(TestDatabase.SALT);
        String pseudonym = Pseudonyms.salted(TestDatabase.SALT).pseudonymOf("m1");
        store.save(ENGINE.apply(null, Purchase.of("a1", "m1", Instant.parse("2025-01-01T00:00:00Z"),
                Histories.usd("10.00"))).state(), 0);
        store.erase("m1");
        store.save(ENGINE.apply(null, Purchase.of("a2", "m1", Instant.parse("2025-02-01T00:00:00Z"),
                Histories.usd("30.00"))).state(), 0);

        assertThat(store.erase("m1")).contains(pseudonym + "-2");
        assertThat(store.state(pseudonym).orElseThrow().processedEventIds()).containsExactly("a1");
        assertThat(store.state(pseudonym + "-2").orElseThrow().processedEventIds()).containsExactly("a2");
        assertThat(List.of(pseudonym, pseudonym + "-2", pseudonym + "-13")).allMatch(Pseudonyms::isPseudonym);
        assertThat(Pseudonyms.isPseudonym(pseudonym + "-0")).isFalse();
    }
}
