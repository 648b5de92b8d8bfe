package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.program.ProgramJson;

class MemberStateJsonTest {

    private static final LoyaltyEngine ENGINE = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
            {"id": "demo", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
             "pendingDays": 14,
             "tiers": {"metric": "growth", "window": {"type": "ROLLING_MONTHS", "months": 12},
                       "ladder": [{"id": "member", "threshold": "0"}, {"id": "silver", "threshold": "500"}]},
             "growth": {"rates": {"growth": "1"}},
             "risk": {"caps": [{"id": "daily", "period": "DAY", "measure": "POINTS", "limit": 1000}]}}""",
            "demo.json")));

    /** A member with lots pending and available, a redemption, a refund, growth, a tier, cap usage and a survey. */
    private static MemberState member() {
        List<LoyaltyEvent> events = EventReader.forProgram(ENGINE.program().settings()).readJsonLines(new StringReader("""
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-05T10:00:00Z","amount":"400.00"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-02-05T10:00:00Z","amount":"1250.50"}
                {"id":"r1","type":"refund","member":"m1","at":"2025-02-10T10:00:00Z","original":"p2","amount":"50.50"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-03-01T10:00:00Z","points":300,"reward":"mug"}
                {"id":"s1","type":"survey","member":"m1","at":"2025-03-02T10:00:00Z","score":9}
                """), "m1.jsonl").events();
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            state = ENGINE.apply(state, event).state();
        }
        return state;
    }

    @Test
    void a_member_state_reads_back_equal_from_its_json() {
        // given
        MemberState state = member();

        // when
        String json = MemberStateJson.toJson(state);

        // then: every part survives (record equality is exact, scales of money included)
        assertThat(MemberStateJson.fromJson(json)).isEqualTo(state);
        assertThat(MemberStateJson.read(MemberStateJson.write(state))).isEqualTo(state);
        assertThat(json).startsWith("{\"v\":4,\"id\":\"m1\",").contains("\"tier\":{\"id\":\"silver\"");
        // the fixture holds what it should: 400 + 1,000 (1,250 capped) - 40 clawed back (1,000 x 50.50 / 1,250.50,
        // rounded down) - 300 redeemed
        assertThat(state.pointsAvailable() + state.pointsPending()).isEqualTo(400 + 1000 - 40 - 300);
        assertThat(state.survey()).contains(9);
    }

    @Test
    void adjustments_both_ways_and_points_held_for_review_read_back_equal() {
        // given: 100 pending (14 days), +50 and -20 adjusted, then under review, so p2's 40 are held
        List<LoyaltyEvent> events = EventReader.forProgram(ENGINE.program().settings()).readJsonLines(new StringReader("""
                {"id":"p1","type":"purchase","member":"m2","at":"2025-01-05T10:00:00Z","amount":"100.00"}
                {"id":"j1","type":"adjustment","member":"m2","at":"2025-01-06T10:00:00Z","points":50,"reason":"goodwill"}
                {"id":"j2","type":"adjustment","member":"m2","at":"2025-01-07T10:00:00Z","points":-20,"reason":"correction"}
                {"id":"a1","type":"adjustment","member":"m2","at":"2025-01-08T10:00:00Z","reason":"review","status":"UNDER_REVIEW"}
                {"id":"p2","type":"purchase","member":"m2","at":"2025-01-09T10:00:00Z","amount":"40.00"}
                """), "m2.jsonl").events();
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            state = ENGINE.apply(state, event).state();
        }

        // when
        MemberState back = MemberStateJson.fromJson(MemberStateJson.toJson(state));

        // then
        assertThat(back).isEqualTo(state);
        assertThat(back.ledger().totals().adjustedIn()).isEqualTo(50L);
        assertThat(back.ledger().totals().adjustedOut()).isEqualTo(20L);
        assertThat(back.ledger().held()).isEqualTo(40L);
        assertThat(back.pointsAvailable()).isEqualTo(30L);
    }

    @Test
    void every_state_of_a_shopper_with_attributes_a_reversed_redemption_and_a_refunded_fee_reads_back_equal()
            throws java.io.IOException {
        // given: retail-basic (14 pending days, expiry at the end of the next calendar year) selling platinum, refunds
        // of fees in full within 30 days
        java.nio.file.Path folder = java.nio.file.Path.of("../loyalty-examples/programs/retail-basic");
        String json = java.nio.file.Files.readString(folder.resolve("program.json"));
        json = json.substring(0, json.lastIndexOf('}')) + ", \"membership\": {\"plans\": [{\"tier\": \"platinum\","
                + " \"price\": \"99.00\", \"termMonths\": 12}], \"refund\": {\"policy\": \"FULL\"}}}";
        LoyaltyEngine retail = LoyaltyEngine.create(Program.load(folder)
                .withSettings(ProgramJson.parse(json, "program.json")));
        List<LoyaltyEvent> events = EventReader.forProgram(retail.program().settings()).readJsonLines(new StringReader("""
                {"id":"e1","type":"enrollment","member":"m3","at":"2025-01-05T09:00:00Z","attributes":{"birthday":"1990-07-14","crm":"A-17"}}
                {"id":"p1","type":"purchase","member":"m3","at":"2025-01-10T10:00:00Z","amount":"300.00"}
                {"id":"x1","type":"redemption","member":"m3","at":"2025-02-01T10:00:00Z","points":200,"reward":"mug"}
                {"id":"xr1","type":"redemption_reversal","member":"m3","at":"2025-02-02T10:00:00Z","original":"x1"}
                {"id":"x2","type":"redemption","member":"m3","at":"2025-02-03T10:00:00Z","points":50,"reward":"pen"}
                {"id":"f1","type":"membership_fee","member":"m3","at":"2025-03-01T10:00:00Z","amount":"99.00","tier":"platinum","termMonths":12}
                {"id":"fr1","type":"fee_refund","member":"m3","at":"2025-03-05T10:00:00Z","original":"f1","amount":"99.00"}
                {"id":"p2","type":"purchase","member":"m3","at":"2025-03-06T10:00:00Z","amount":"20.00"}
                """), "m3.jsonl").events();

        // when / then: every state the engine produces reads back equal
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            Decision decision = retail.apply(state, event);
            assertThat(decision.isApplied()).as(event.id()).isTrue();
            state = decision.state();
            assertThat(MemberStateJson.fromJson(MemberStateJson.toJson(state))).as(event.id()).isEqualTo(state);
        }
        // and the history holds what the test is about
        assertThat(state.attributes()).containsEntry("crm", "A-17");
        assertThat(state.ledger().redemptions()).anyMatch(r -> r.reversed());
        assertThat(state.ledger().redemptions()).flatExtracting(r -> r.draws()).extracting(d -> d.expiresAt())
                .contains(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(state.fees()).singleElement().satisfies(f -> assertThat(f.refundedAt())
                .isEqualTo(Instant.parse("2025-03-05T10:00:00Z")));
    }

    @Test
    void a_renewal_keeps_its_term_start_through_its_json() {
        // given: gold for 12 months from 1 January 2025, renewed on 1 November while that term runs
        LoyaltyEngine paid = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
                {"id": "paid", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                 "tiers": {"ladder": [{"id": "member", "threshold": "0"}, {"id": "gold", "reachable": false}]},
                 "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}],
                                "refund": {"policy": "PRO_RATA_DAYS"}}}""", "paid.json")));
        MemberState state = paid.apply(null, new MembershipFee("f1", "m1", Instant.parse("2025-01-01T00:00:00Z"),
                Money.of("120.00", "USD"), "gold", 12, Map.of())).state();
        state = paid.apply(state, new MembershipFee("f2", "m1", Instant.parse("2025-11-01T00:00:00Z"),
                Money.of("120.00", "USD"), "gold", 12, Map.of())).state();

        // when
        MemberState back = MemberStateJson.fromJson(MemberStateJson.toJson(state));

        // then: f2's term starts where f1's ends, not on the day it was paid
        assertThat(back.fees().get(1).termStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        // so the read-back state, as the live one, refuses to refund f1 while the renewal that continues it stands
        Decision refund = paid.apply(back, new FeeRefund("r1", "m1", Instant.parse("2025-11-02T00:00:00Z"), "f1",
                null, Map.of()));
        assertThat(refund.refusal()).isEqualTo(new Refusal("LATER_TERM_PAID",
                "fee f2 pays gold from 2026-01-01; refund it first"));
        assertThat(back).isEqualTo(state);
    }

    @Test
    void a_manual_floor_tags_and_membership_start_read_back() {
        // given: retail-basic, enrolled as silver (a manual floor), platinum earned by 5,000.00, then tagged vip and
        // with a membership start before the enrolment
        LoyaltyEngine retail = LoyaltyEngine.create(Program.load(
                java.nio.file.Path.of("../loyalty-examples/programs/retail-basic")));
        MemberState state = retail.apply(null, new Enrollment("e1", "m1", Instant.parse("2025-01-05T09:00:00Z"),
                "silver", Map.of())).state();
        state = retail.apply(state, Purchase.of("p1", "m1", Instant.parse("2025-02-01T10:00:00Z"),
                Money.of("5000.00", "USD"))).state();
        state = state.withTags(Set.of("vip")).withMembershipStart(Instant.parse("2025-01-01T00:00:00Z"));

        // when
        MemberState back = MemberStateJson.fromJson(MemberStateJson.toJson(state));

        // then: reviews never go below the floor, rules match the tag, windows count from the membership start
        assertThat(back.tier().tierId()).isEqualTo("platinum");
        assertThat(back.tier().floorTierId()).isEqualTo("silver");
        assertThat(back.tags()).containsExactly("vip");
        assertThat(back.membershipStart()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(back).isEqualTo(state);
    }

    @Test
    void unreadable_text_names_the_problem_and_a_newer_format_its_version() {
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":5,\"id\":\"m1\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored member state has format version 5; this reader knows versions 1..4");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"id\":\"m1\"}"))
                .hasMessage("stored member state has no format version \"v\"");
        assertThatThrownBy(() -> MemberStateJson.fromJson("[1]"))
                .hasMessage("stored member state must be a JSON object, was array");
        assertThatThrownBy(() -> MemberStateJson.read("{\"v\":2,".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("stored member state is not JSON: ");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":2,\"id\":\"m1\",\"colour\":\"red\"}"))
                .hasMessageStartingWith("cannot read stored member state (format version 2): ")
                .hasMessageContaining("colour");
    }

    @Test
    void a_missing_or_null_field_is_named_by_its_json_path() throws Exception {
        // given: a stored state without its tier, and one whose second lot has a null "from"
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode noTier =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(MemberStateJson.toJson(member()));
        noTier.remove("tier");
        com.fasterxml.jackson.databind.node.ObjectNode nullFrom =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(MemberStateJson.toJson(member()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) nullFrom.at("/ledger/lots/1")).putNull("from");

        // then
        assertThatThrownBy(() -> MemberStateJson.fromJson(noTier.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read stored member state (format version 4): $.tier is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson(nullFrom.toString()))
                .hasMessage("cannot read stored member state (format version 4): $.ledger.lots[1].from is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":2,\"id\":\"m1\"}"))
                .hasMessage("cannot read stored member state (format version 2): $.enrolled is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":2}"))
                .hasMessage("cannot read stored member state (format version 2): $.id is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":2,\"id\":\"m1\",\"enrolled\":"
                + "\"2025-01-05T10:00:00Z\",\"status\":\"ACTIVE\",\"tier\":{\"id\":\"member\",\"since\":"
                + "\"2025-01-05T10:00:00Z\"}}"))
                .hasMessage("cannot read stored member state (format version 2): $.tier.src is missing");
    }

    @Test
    void a_paid_tier_keeps_the_earned_status_it_replaced_through_its_json() {
        // given: silver earned (600 growth), then gold bought over it
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
                {"id": "paid", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                 "tiers": {"metric": "spend", "ladder": [{"id": "member", "threshold": "0"}, {"id": "silver", "threshold": "500"},
                                      {"id": "gold", "reachable": false}]},
                 "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}]}}""", "paid.json")));
        MemberState silver = engine.apply(null, org.loyaltyrules.core.event.Purchase.of("p1", "m1",
                java.time.Instant.parse("2025-01-05T10:00:00Z"), org.loyaltyrules.core.money.Money.of("600.00", "USD")))
                .state();
        MemberState gold = engine.apply(silver, new org.loyaltyrules.core.event.MembershipFee("f1", "m1",
                java.time.Instant.parse("2025-02-01T00:00:00Z"), org.loyaltyrules.core.money.Money.of("120.00",
                        "USD"), "gold", 12, java.util.Map.of())).state();

        // when
        String json = MemberStateJson.toJson(gold);

        // then
        assertThat(gold.tier().beneath()).contains(silver.tier());
        assertThat(json).contains("\"tier\":{\"id\":\"gold\",\"src\":\"PAID\",\"since\":\"2025-02-01T00:00:00Z\","
                + "\"until\":\"2026-02-01T00:00:00Z\",\"paid\":\"2026-02-01T00:00:00Z\",\"under\":{\"id\":"
                + "\"silver\",\"since\":\"2025-01-05T10:00:00Z\",\"until\":\"2026-01-01T00:00:00Z\"}}");
        assertThat(MemberStateJson.fromJson(json)).isEqualTo(gold);
        // a version-3 state knows no status beneath: its paid tier reads without one
        String v3 = json.replace("{\"v\":4,", "{\"v\":3,").replaceAll(",\"under\":\\{[^}]*\\}", "");
        assertThat(MemberStateJson.fromJson(v3).tier().beneath()).isEmpty();
        assertThat(MemberStateJson.fromJson(v3).tier().paidUntil()).isEqualTo(gold.tier().paidUntil());
        // one beneath a status that is not paid is refused by its path
        String earnedWithUnder = MemberStateJson.toJson(silver).replace("\"src\":\"EARNED\"", "\"src\":\"EARNED\","
                + "\"under\":{\"id\":\"silver\",\"since\":\"2025-01-05T10:00:00Z\",\"until\":\"2026-01-01T00:00:00Z\"}");
        assertThatThrownBy(() -> MemberStateJson.fromJson(earnedWithUnder))
                .hasMessage("cannot read stored member state (format version 4): $.tier.under is kept only beneath a"
                        + " paid tier, and $.tier.src is EARNED");
        // nor in a format that never wrote it, nor ending before it began (adv18 F4)
        assertThatThrownBy(() -> MemberStateJson.fromJson(json.replace("{\"v\":4,", "{\"v\":3,")))
                .hasMessage("cannot read stored member state (format version 3): $.tier.under is not a field of format"
                        + " version 3 (version 4 added it)");
        assertThatThrownBy(() -> MemberStateJson.fromJson(json.replace("\"until\":\"2026-01-01T00:00:00Z\"}}",
                "\"until\":\"2025-01-05T10:00:00Z\"}}")))
                .hasMessage("cannot read stored member state (format version 4): $.tier.under.until must be after"
                        + " $.tier.under.since (2025-01-05T10:00:00Z), was 2025-01-05T10:00:00Z");
        assertThatThrownBy(() -> MemberStateJson.fromJson(json.replace(",\"until\":\"2026-01-01T00:00:00Z\"}}",
                "}}"))).hasMessage("cannot read stored member state (format version 4): $.tier.under.until is missing");
    }

    @Test
    void a_member_in_debt_reads_back_equal_with_its_debt() {
        // given: refunds recovered as a negative balance; 100 points earned and redeemed, then the purchase refunded in
        // full, so the 100 points clawed back cannot be taken from the balance and become a debt of 100
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
                {"id": "debt", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                 "tiers": {"metric": "growth", "window": {"type": "CALENDAR_YEAR"},
                           "ladder": [{"id": "member", "threshold": "0"}]},
                 "growth": {"rates": {"growth": "1"}},
                 "refunds": {"policy": "NEGATIVE_BALANCE"}}""", "debt.json")));
        List<LoyaltyEvent> events = EventReader.forProgram(engine.program().settings()).readJsonLines(new StringReader("""
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-10T10:00:00Z","amount":"100.00"}
                {"id":"d1","type":"redemption","member":"m1","at":"2025-01-11T10:00:00Z","points":100}
                {"id":"r1","type":"refund","member":"m1","at":"2025-01-12T10:00:00Z","original":"p1","amount":"100.00"}
                """), "m1.jsonl").events();
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            Decision decision = engine.apply(state, event);
            assertThat(decision.isApplied()).as(event.id()).isTrue();
            state = decision.state();
        }
        assertThat(state.ledger().debt()).isEqualTo(100L);

        // when
        MemberState back = MemberStateJson.read(MemberStateJson.write(state));

        // then: the debt is stored too; without it the ledger read back would not conserve points and a member in debt
        // could be saved but never loaded
        assertThat(back.ledger().debt()).isEqualTo(100L);
        assertThat(back).isEqualTo(state);
    }

    @Test
    void text_the_core_cannot_read_is_named_by_its_json_path_with_its_value() throws Exception {
        // given: the fixture's stored state with one field broken at a time
        String stored = MemberStateJson.toJson(member());
        java.util.function.BiFunction<String, String, String> broken =
                (pointer, text) -> withField(pointer, NODES.textNode(text));
        String prefix = "cannot read stored member state (format version 4): ";

        // then: an instant, money, a currency and a constant's name, each where it is
        assertThatThrownBy(() -> MemberStateJson.fromJson(broken.apply("/ledger/lots/1/exp", "2026-13-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(prefix + "$.ledger.lots[1].exp is not an instant (ISO-8601 in UTC, such as "
                        + "2025-03-03T10:00:00Z), was \"2026-13-01T00:00:00Z\"");
        assertThatThrownBy(() -> MemberStateJson.fromJson(broken.apply("/enrolled", "2025-01-05")))
                .hasMessage(prefix + "$.enrolled is not an instant (ISO-8601 in UTC, such as 2025-03-03T10:00:00Z), "
                        + "was \"2025-01-05\"");
        assertThatThrownBy(() -> MemberStateJson.fromJson(broken.apply("/purchases/1/amt", "1250.50")))
                .hasMessage(prefix + "$.purchases[1].amt must be \"<amount> <currency>\", such as \"29.33 USD\", "
                        + "was \"1250.50\"");
        assertThatThrownBy(() -> MemberStateJson.fromJson(broken.apply("/refunds/0/amt", "50.50 DOLLARS")))
                .hasMessage(prefix + "$.refunds[0].amt must be \"<amount> <currency>\", such as \"29.33 USD\" "
                        + "(the currency is no ISO 4217 code), was \"50.50 DOLLARS\"");
        assertThatThrownBy(() -> MemberStateJson.fromJson(broken.apply("/purchases/0/elig", "4OO.00 USD")))
                .hasMessage(prefix + "$.purchases[0].elig must be \"<amount> <currency>\", such as \"29.33 USD\" "
                        + "(the amount is not a number), was \"4OO.00 USD\"");
        assertThatThrownBy(() -> MemberStateJson.fromJson(broken.apply("/status", "active")))
                .hasMessageStartingWith(prefix + "$.status must be one of ACTIVE, ")
                .hasMessageEndingWith(", was \"active\"");
        assertThatThrownBy(() -> MemberStateJson.fromJson(broken.apply("/ledger/postings/0/t", "EARNED")))
                .hasMessageStartingWith(prefix + "$.ledger.postings[0].t must be one of EARN, ACTIVATE, ")
                .hasMessageEndingWith(", was \"EARNED\"");
        // money the core cannot hold, and money the engine never writes
        assertThat(catchMessage(() -> MemberStateJson.fromJson(broken.apply("/purchases/0/amt", "400.001 USD"))))
                .isEqualTo(prefix + "$.purchases[0].amt is not money (amount must have at most 2 decimals for USD, "
                        + "was 400.001), was \"400.001 USD\"");
        assertThat(catchMessage(() -> MemberStateJson.fromJson(broken.apply("/refunds/0/amt", "50.50 XXX"))))
                .isEqualTo(prefix + "$.refunds[0].amt is not money (currency must have minor units, was XXX), was "
                        + "\"50.50 XXX\"");
        assertThat(catchMessage(() -> MemberStateJson.fromJson(broken.apply("/purchases/1/refd", "-5.00 USD"))))
                .isEqualTo(prefix + "$.purchases[1].refd must not be negative, was \"-5.00 USD\"");
        // a member's money is in one currency: a mix would fail its next refund
        assertThat(catchMessage(() -> MemberStateJson.fromJson(broken.apply("/purchases/1/refd", "50.50 EUR"))))
                .isEqualTo(prefix + "$.purchases[1].refd is in EUR, but $.purchases[0].amt in USD (a member's money "
                        + "is in its program's currency), was \"50.50 EUR\"");
        // the fixture's own text reads back
        assertThat(MemberStateJson.fromJson(stored)).isEqualTo(member());
    }

    @Test
    void a_value_of_the_wrong_json_type_or_an_unknown_field_is_named_by_its_json_path() throws Exception {
        // given
        String objectAt = withField("/purchases/0/at", NODES.objectNode().put("x", 1));
        String notANumber = withField("/growth/0/n", NODES.textNode("abc"));
        String prefix = "cannot read stored member state (format version 4): ";

        // then: the path and the JSON type expected, not the mapper's chain of Java classes
        assertThat(catchMessage(() -> MemberStateJson.fromJson(objectAt)))
                .isEqualTo(prefix + "$.purchases[0].at must be text, was an object");
        assertThat(catchMessage(() -> MemberStateJson.fromJson(notANumber)))
                .isEqualTo(prefix + "$.growth[0].n must be a number, was \"abc\"");
        // a fraction or text where the engine writes a whole number is a damaged state, not 240 or 12
        String fraction = withField("/purchases/0/pts", NODES.numberNode(240.9));
        String text = withField("/ledger/lots/0/n", NODES.textNode("12"));
        assertThat(catchMessage(() -> MemberStateJson.fromJson(fraction)))
                .isEqualTo(prefix + "$.purchases[0].pts must be a whole number, was 240.9");
        assertThat(catchMessage(() -> MemberStateJson.fromJson(text)))
                .isEqualTo(prefix + "$.ledger.lots[0].n must be a whole number, was \"12\"");
        assertThat(catchMessage(() -> MemberStateJson.fromJson("{\"v\":2,\"id\":\"m1\",\"colour\":\"red\"}")))
                .isEqualTo("cannot read stored member state (format version 2): $.colour is not a field of the "
                        + "stored member state");
    }

    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;

    /** The fixture's stored state with the field at JSON pointer {@code pointer} set to {@code value}. */
    private static String withField(String pointer, com.fasterxml.jackson.databind.JsonNode value) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(MemberStateJson.toJson(member()));
            int slash = pointer.lastIndexOf('/');
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at(pointer.substring(0, slash)))
                    .set(pointer.substring(slash + 1), value);
            return tree.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String catchMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(read);
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        return thrown.getMessage();
    }
}
