package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;

/** Events the engine applies but the store cannot hold are refused before anything is evaluated or written. */
class LoyaltyServiceStoreLimitsTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();
    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    private static Purchase purchase(String id, String member, Instant at, String amount) {
        return Purchase.of(id, member, at, Histories.usd(amount));
    }

    static Stream<Arguments> beyondTheStore() {
        return Stream.of(
                Arguments.of(purchase("e".repeat(201), "m1", AT, "10.00"),
                        "event id must have at most 200 characters to be stored, had 201"),
                Arguments.of(purchase("p1", "m".repeat(201), AT, "10.00"),
                        "member id must have at most 200 characters to be stored, had 201"),
                Arguments.of(purchase("p1", "m1", Instant.parse("2025-03-03T10:00:00.123456789Z"), "10.00"),
                        "at must be whole microseconds in years 1..9999 to be stored, was 2025-03-03T10:00:00.123456789Z"),
                Arguments.of(purchase("p1", "m1", AT, "1234567890123456.00"),
                        "amount must have at most 15 digits before and 4 after the decimal point to be stored, "
                                + "was 1234567890123456.00"));
    }

    @ParameterizedTest
    @MethodSource("beyondTheStore")
    void an_event_the_store_cannot_hold_is_refused_with_store_limit_and_writes_nothing(LoyaltyEvent event,
                                                                                      String detail) {
        try (TestDatabase db = TestDatabase.open("h2")) {
            // given: the engine alone would apply it
            assertThat(ENGINE.apply(null, event).outcome()).isEqualTo(Decision.Outcome.APPLIED);

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

    @Test
    void a_direct_save_of_a_lot_expiring_after_9999_is_refused_with_a_plain_illegal_argument() {
        // events lie in the years 1900..2199, so no event derives an instant past 9999 (a lot expires 100 years after
        // its earn at the latest): the state is built by hand, as a caller of the store could
        try (TestDatabase db = TestDatabase.open("h2")) {
            MemberState member = ENGINE.newMember("m8", AT);
            MemberState state = member.withLedger(((org.loyaltyrules.core.points.LedgerOutcome.Applied) member.ledger()
                    .adjust("y2", AT, 100, Instant.parse("+10000-01-01T00:00:00Z"), "Staff adjustments", "goodwill"))
                    .ledger());

            assertThatThrownBy(() -> db.store().save(state, 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lot.expiresAt must be whole microseconds in years 1..9999 to be stored, "
                            + "was +10000-01-01T00:00:00Z");
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
        }
    }

    @Test
    void growth_credit_with_more_decimals_than_the_store_keeps_is_refused_naming_the_metric() {
        // nights decide the tiers, credited as the purchase states them; growth_entries.amount is NUMERIC(38, 12)
        LoyaltyEngine nights = LoyaltyEngine.create(org.loyaltyrules.rules.Program.of(
                org.loyaltyrules.rules.program.ProgramJson.parse("""
                        {"id": "nights", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                         "tiers": {"metric": "nights", "ladder": [{"id": "member"}, {"id": "silver", "threshold": "10"}]}}
                        """, "nights.json")));
        Purchase stay = purchase("h1", "m1", AT, "100.00")
                .withMetrics(java.util.Map.of("nights", new java.math.BigDecimal("1.1234567890123")));
        try (TestDatabase db = TestDatabase.open("h2")) {
            assertThat(nights.apply(null, stay).outcome()).isEqualTo(Decision.Outcome.APPLIED);

            Decision decision = LoyaltyService.create(nights, db.store()).apply(stay);

            assertThat(decision.refusal()).isEqualTo(new Refusal("STORE_LIMIT", "growth nights must have at most 26 "
                    + "digits before and 12 after the decimal point to be stored, was 1.1234567890123"));
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
        }
    }

    @Test
    void an_event_at_each_limit_is_applied() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());

            Decision decision = service.apply(purchase("e".repeat(200), "m".repeat(200),
                    Instant.parse("2025-03-03T10:00:00.123456Z"), "999999999999999.99"));

            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(db.store().load("m".repeat(200)).orElseThrow().state()).isEqualTo(decision.state());
        }
    }

    @Test
    void a_refused_event_of_a_stored_member_leaves_its_state_as_stored() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            LoyaltyService service = LoyaltyService.create(ENGINE, db.store());
            MemberState stored = service.apply(purchase("p1", "m1", AT, "10.00")).state();

            Decision decision = service.apply(purchase("p2", "m1", AT.plusSeconds(60), "1234567890123456.00"));

            assertThat(decision.refusal().code()).isEqualTo("STORE_LIMIT");
            assertThat(decision.state()).isEqualTo(stored);
            assertThat(db.store().load("m1").orElseThrow().version()).isEqualTo(1L);
        }
    }

    @Test
    void a_direct_save_beyond_the_store_is_refused_naming_the_field_before_anything_is_written() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            MemberState longId = ENGINE.apply(null, purchase("p1", "m".repeat(201), AT, "10.00")).state();
            MemberState bigAmount = ENGINE.apply(null, purchase("p2", "m2", AT, "1234567890123456.00")).state();

            assertThatThrownBy(() -> db.store().save(longId, 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("member id must have at most 200 characters to be stored, had 201");
            assertThatThrownBy(() -> db.store().save(bigAmount, 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("money amount must have at most 15 digits before and 4 after the decimal point to be "
                            + "stored, was 1234567890123456.00");
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
        }
    }
}
