package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;

/**
 * Text no database holds alike is refused {@code STORE_LIMIT} naming the field, on H2 and PostgreSQL the same way: the
 * NUL character (PostgreSQL refuses it in text, H2 keeps it) and an unpaired UTF-16 surrogate (UTF-8 has no encoding
 * for it: PostgreSQL's driver sends '?', so two member ids differing only there shared one row).
 */
class LoyaltyServiceTextLimitsTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    private static Purchase purchase(String id, String member) {
        return Purchase.of(id, member, AT, Histories.usd("10.00"));
    }

    private static Purchase purchaseOfSku(String sku) {
        return new Purchase("p1", "m1", AT, Histories.usd("10.00"), "store", "", Map.of(), Map.of(),
                List.of(PurchaseLine.of(sku, "shoes", 1, Histories.usd("10.00"))), null, null);
    }

    static Stream<Arguments> textTheStoreCannotHold() {
        List<Arguments> cases = List.of(
                Arguments.of(purchase("p\u0000nul", "m1"),
                        "event id must not contain the NUL character (U+0000) to be stored, had one at index 1"),
                Arguments.of(purchase("p1", "m\u0000nul"),
                        "member id must not contain the NUL character (U+0000) to be stored, had one at index 1"),
                Arguments.of(purchase("p1", "L-surr\uD800"),
                        "member id must not contain an unpaired UTF-16 surrogate to be stored, had \\uD800 at index 6"),
                Arguments.of(purchase("p1", "L-surr\uDC00"),
                        "member id must not contain an unpaired UTF-16 surrogate to be stored, had \\uDC00 at index 6"),
                Arguments.of(purchase("p\uDC00\uD800", "m1"), // the halves of a pair, in the wrong order
                        "event id must not contain an unpaired UTF-16 surrogate to be stored, had \\uDC00 at index 1"),
                Arguments.of(Adjustment.of("a1", "m1", AT, 5, "goodwill\u0000"),
                        "reason must not contain the NUL character (U+0000) to be stored, had one at index 8"),
                // found while writing what the engine made of the event
                Arguments.of(new Enrollment("e1", "m1", AT, null, Map.of("note", "x\uD800")),
                        "attribute note must not contain an unpaired UTF-16 surrogate to be stored, had \\uD800 at "
                                + "index 1"),
                Arguments.of(purchaseOfSku("A\u0000"),
                        "purchase SKU must not contain the NUL character (U+0000) to be stored, had one at index 1"),
                Arguments.of(purchaseOfSku("A\uDFFF"),
                        "purchase SKU must not contain an unpaired UTF-16 surrogate to be stored, had \\uDFFF at "
                                + "index 1"));
        return TestDatabase.kinds().flatMap(kind -> cases.stream().map(c -> Arguments.of(kind, c.get()[0],
                c.get()[1])));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("textTheStoreCannotHold")
    void text_with_a_nul_or_an_unpaired_surrogate_is_refused_with_store_limit_naming_the_field_and_writes_nothing(
            String kind, LoyaltyEvent event, String detail) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // when
            Decision decision = LoyaltyService.create(ENGINE, db.store()).apply(event);

            // then
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.REFUSED);
            assertThat(decision.refusal()).isEqualTo(new Refusal("STORE_LIMIT", detail));
            assertThat(decision.postings()).isEmpty();
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
            assertThat(db.count("SELECT count(*) FROM processed_event_ids")).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void member_and_event_ids_that_differ_from_stored_ones_only_in_an_unpaired_surrogate_name_nothing_stored(
            String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: member L-surr? (a question mark, as PostgreSQL's driver wrote an unpaired surrogate) bought
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            MemberState stored = service.apply(purchase("q?", "L-surr?")).state();
            JdbcMemberStore store = db.coldStore();

            // when, then: the ids with a surrogate find nothing, on every database
            assertThat(service.apply(purchase("p2", "L-surr\uD800")).refusal().code()).isEqualTo("STORE_LIMIT");
            assertThat(store.load("L-surr\uD800")).isEmpty();
            assertThat(store.load("L-surr\uDC00")).isEmpty();
            assertThat(store.export("L-surr\uDC00")).isEmpty();
            assertThat(store.erase("L-surr\uD800")).isEmpty();
            assertThat(store.isProcessed("q\uD800")).isFalse();
            assertThat(store.load("m\u0000")).isEmpty();
            assertThat(store.isProcessed("q\u0000")).isFalse();
            // ... and the member they used to reach is untouched
            assertThat(store.load("L-surr?").orElseThrow().state()).isEqualTo(stored);
            assertThat(store.load("L-surr?").orElseThrow().version()).isEqualTo(1L);
            assertThat(db.count("SELECT count(*) FROM members")).isEqualTo(1L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void surrogate_pairs_and_a_nul_inside_an_attribute_are_stored_and_read_back_as_they_were(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: an emoji (a surrogate pair) in the ids, and a NUL in an attribute (its JSON escapes it)
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            Decision enrolment = service.apply(new Enrollment("e-\uD83D\uDE00", "m-\uD83D\uDE00", AT, null,
                    Map.of("note", "a\u0000b \uD83D\uDE00")));
            assertThat(enrolment.refusal()).isNull();

            // when
            Decision decision = service.apply(Purchase.of("p-\uD83D\uDE00", "m-\uD83D\uDE00", AT.plusSeconds(60),
                    Histories.usd("10.00")));

            // then
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            MemberState read = db.coldStore().load("m-\uD83D\uDE00").orElseThrow().state();
            assertThat(read).isEqualTo(decision.state());
            assertThat(read.attributes()).containsEntry("note", "a\u0000b \uD83D\uDE00");
            assertThat(read.processedEventIds()).containsExactly("e-\uD83D\uDE00", "p-\uD83D\uDE00");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_direct_save_of_text_the_store_cannot_hold_is_refused_naming_the_field_before_anything_is_written(
            String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            MemberState surrogate = ENGINE.apply(null, purchase("p1", "L-surr\uD800")).state();
            MemberState nulReason = ENGINE.apply(ENGINE.apply(null, purchase("p1", "m1")).state(),
                    Adjustment.of("a1", "m1", AT.plusSeconds(60), 5, "goodwill\u0000")).state();

            assertThatThrownBy(() -> db.store().save(surrogate, 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("member id must not contain an unpaired UTF-16 surrogate to be stored, had \\uD800 at "
                            + "index 6");
            assertThatThrownBy(() -> db.store().save(nulReason, 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("posting explanation must not contain the NUL character (U+0000) to be stored, had "
                            + "one at index 8");
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
        }
    }
}
