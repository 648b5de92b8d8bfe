package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.program.PeriodCount;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * The ids a program defines (tiers, growth metrics, cap and benefit counters) are stored in VARCHAR(100): a program
 * with a longer one is refused where the store meets it, naming the id, its kind and the limit, never by the database
 * in the middle of a save.
 */
class LoyaltyServiceProgramIdLimitsTest {

    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");
    private static final String TIER_100 = "gold-" + "g".repeat(95);
    private static final String METRIC_100 = "growth-" + "m".repeat(93);
    private static final String CAP_100 = "daily-points-" + "c".repeat(87);
    private static final String BENEFIT_100 = "free-delivery-" + "b".repeat(86);

    /** retail-basic (standard rule pack) with its gold tier, ladder metric, cap and benefit renamed. */
    private static Program program(String gold, String metric, String cap, String benefit) {
        String json;
        try {
            Path inModule = Path.of("../loyalty-examples/programs/retail-basic/program.json");
            json = Files.readString(Files.exists(inModule) ? inModule
                    : Path.of("loyalty-examples/programs/retail-basic/program.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        json = json.replace("\"gold\"", "\"" + gold + "\"")
                .replace("\"rates\": {\"growth\": \"1\"}", "\"rates\": {\"" + metric + "\": \"1\"}")
                .replace("\"metric\": \"growth\"", "\"metric\": \"" + metric + "\"")
                .replace("\"daily-points\"", "\"" + cap + "\"")
                .replace("\"free-delivery\"", "\"" + benefit + "\"");
        return Program.of(ProgramJson.parse(json, "program.json"));
    }

    private static Program atTheLimit() {
        return program(TIER_100, METRIC_100, CAP_100, BENEFIT_100);
    }

    @Test
    void a_program_with_ids_over_100_characters_is_refused_when_the_service_is_created_naming_each_id() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            // given: every kind of program id one character too long
            LoyaltyEngine engine = LoyaltyEngine.create(program(TIER_100 + "g", METRIC_100 + "m", CAP_100 + "c",
                    BENEFIT_100 + "b"));

            // when / then
            assertThatThrownBy(() -> LoyaltyService.create(engine, db.store()))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("program retail-basic 2026.1 defines ids the store cannot hold: "
                            + "tier id '" + TIER_100 + "g' must have at most 100 characters to be stored, had 101; "
                            + "metric '" + METRIC_100 + "m' must have at most 100 characters to be stored, had 101; "
                            + "cap counter id '" + CAP_100 + "c' must have at most 100 characters to be stored, "
                            + "had 101; benefit counter id '" + BENEFIT_100 + "b' must have at most 100 characters to "
                            + "be stored, had 101");
            assertThatThrownBy(() -> db.store().requireHolds(engine.program()))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("program retail-basic 2026.1 defines ids the store cannot hold: tier id");
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
        }
    }

    @Test
    void a_program_with_ids_holding_a_nul_or_an_unpaired_surrogate_is_refused_when_the_service_is_created_naming_each() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            // given: a tier id with a NUL and a metric with an unpaired surrogate (JSON escapes in program.json)
            LoyaltyEngine engine = LoyaltyEngine.create(program("gold\\u0000x", "growth\\ud800", "daily-points",
                    "free-delivery"));

            // when / then
            assertThatThrownBy(() -> LoyaltyService.create(engine, db.store()))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("program retail-basic 2026.1 defines ids the store cannot hold: "
                            + "tier id 'gold\\u0000x' must not contain the NUL character (U+0000) to be stored, had one "
                            + "at index 4; metric 'growth\\uD800' must not contain an unpaired UTF-16 surrogate to be "
                            + "stored, had \\uD800 at index 6");
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void ids_of_100_characters_are_stored_and_read_back(String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given
            LoyaltyService service = LoyaltyService.create(LoyaltyEngine.create(atTheLimit()), db.store());

            // when: m1 reaches the 100-character gold tier and claims the 100-character benefit
            service.apply(Purchase.of("p1", "m1", AT, Histories.usd("2500.00")));
            Decision claim = service.apply(new BenefitClaim("c1", "m1", AT.plusSeconds(60), BENEFIT_100, Map.of()));

            // then
            MemberState state = claim.state();
            assertThat(claim.outcome()).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(state.tier().tierId()).isEqualTo(TIER_100);
            assertThat(state.growth().entries()).extracting(GrowthEntry::metric).containsOnly(METRIC_100);
            assertThat(state.capUsage().counts()).extracting(PeriodCount::id).containsExactly(CAP_100);
            assertThat(state.benefitUsage().counts()).extracting(PeriodCount::id).containsExactly(BENEFIT_100);
            assertThat(db.coldStore().load("m1").orElseThrow().state()).isEqualTo(state);
        }
    }

    @Test
    void a_reload_to_a_program_the_store_cannot_hold_fails_the_next_apply_before_evaluating_and_writes_nothing() {
        try (TestDatabase db = TestDatabase.open("h2")) {
            // given: a service created on a program that fits, then the engine reloaded with a 101-character tier id
            LoyaltyEngine engine = LoyaltyEngine.create(atTheLimit());
            LoyaltyService service = LoyaltyService.create(engine, db.store());
            engine.reload(program(TIER_100 + "g", METRIC_100, CAP_100, BENEFIT_100));

            // when / then
            assertThatThrownBy(() -> service.apply(Purchase.of("p1", "m1", AT, Histories.usd("10.00"))))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("event p1 of member m1 not applied: the engine was reloaded and its program "
                            + "retail-basic 2026.1 defines ids the store cannot hold: tier id '" + TIER_100 + "g' must "
                            + "have at most 100 characters to be stored, had 101");
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
            assertThat(db.count("SELECT count(*) FROM processed_event_ids")).isZero();

            // and: reloaded with a program that fits, the same event applies
            engine.reload(atTheLimit());
            assertThat(service.apply(Purchase.of("p1", "m1", AT, Histories.usd("10.00"))).outcome())
                    .isEqualTo(Decision.Outcome.APPLIED);
        }
    }

    @ParameterizedTest
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#kinds")
    void a_direct_save_of_a_state_with_an_id_over_100_characters_is_refused_naming_it_before_anything_is_written(
            String kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            // given: a state the engine made with a 101-character gold tier id, saved without the service
            LoyaltyEngine engine = LoyaltyEngine.create(program(TIER_100 + "g", METRIC_100, CAP_100, BENEFIT_100));
            MemberState gold = engine.apply(null, Purchase.of("p1", "m1", AT, Histories.usd("2500.00"))).state();

            // when / then
            assertThatThrownBy(() -> db.store().save(gold, 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tier id '" + TIER_100 + "g' must have at most 100 characters to be stored, had 101");
            assertThat(db.count("SELECT count(*) FROM members")).isZero();
        }
    }
}
