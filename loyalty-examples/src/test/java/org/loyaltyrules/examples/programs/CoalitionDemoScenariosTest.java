package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.Settlement;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.Problem;

class CoalitionDemoScenariosTest {

    private final Program program = Program.load(Path.of("programs/coalition-demo"));
    private final LoyaltyEngine engine = LoyaltyEngine.create(program);

    private static Purchase at(String partner, String id, String day, String amount) {
        Purchase p = Purchase.of(id, "m1", Instant.parse(day + "T10:00:00Z"), Money.of(amount, "USD"));
        return new Purchase(p.id(), p.memberId(), p.at(), p.amount(), "", partner, Map.of(), Map.of(), List.of(),
                null, null);
    }

    /** $500 earned at the grocer (500 x 0.008 = 4.00 owed by it), 100 points redeemed at the airline (x 0.012). */
    private static final List<Settlement.Row> GROCER_500_AIRLINE_100 = List.of(
            Settlement.Row.of("airline", "2025-03", 0, 0, 100, "0.00", "1.20", "-1.20"),
            Settlement.Row.of("grocer", "2025-03", 500, 0, 0, "4.00", "0.00", "4.00"));

    /** A purchase naming its partner only as the attribute {@code partner}, as docs/program-json.md allows. */
    private static Purchase withPartnerAttribute(String partner, String id, String day, String amount) {
        return new Purchase(id, "m1", Instant.parse(day + "T10:00:00Z"), Money.of(amount, "USD"), "", "",
                Map.of("partner", partner), Map.of(), List.of(), null, null);
    }

    private static Redemption redeemAt(String partner, String id, String day, long points) {
        return new Redemption(id, "m1", Instant.parse(day + "T12:00:00Z"), points, "reward", Map.of("partner", partner));
    }

    @Test
    void each_partner_earns_at_its_own_rate_and_the_airline_only_burns() {
        assertThat(engine.apply(null, at("grocer", "p1", "2025-03-01", "84.60")).pointsAwarded()).isEqualTo(84L);
        assertThat(engine.apply(null, at("fuel", "p2", "2025-03-01", "61.00")).pointsAwarded()).isEqualTo(30L);
        assertThat(engine.apply(null, at("airline", "p3", "2025-03-01", "400.00")).pointsAwarded()).isZero();
        assertThat(engine.apply(null, Purchase.of("p4", "m1", Instant.parse("2025-03-01T10:00:00Z"),
                Money.of("50.00", "USD"))).pointsAwarded()).isZero();
    }

    @Test
    void a_purchase_at_a_partner_the_program_does_not_know_is_refused_not_silently_earning_nothing() {
        // when
        Decision bakery = engine.apply(null, at("bakery", "p1", "2025-03-01", "84.60"));

        // then
        assertThat(bakery.refusal()).isEqualTo(new Refusal("UNKNOWN_PARTNER",
                "purchase p1 names partner 'bakery'; partners are [grocer, fuel, airline]"));
        assertThat(bakery.postings()).isEmpty();
    }

    @Test
    void a_purchase_naming_its_partner_as_an_attribute_earns_and_settles_at_that_partner() {
        // given: $500 with only attributes.partner "grocer", then 100 points redeemed at the airline
        List<LoyaltyEvent> events = List.of(withPartnerAttribute("grocer", "p1", "2025-03-01", "500.00"),
                redeemAt("airline", "x1", "2025-03-10", 100));

        // when
        Decision purchase = engine.apply(null, events.get(0));
        ReplayResult result = engine.replay(events);
        Settlement settlement = Settlement.of(program.settings(), events, result.postings(), CountingPeriod.MONTH);

        // then: the grocer earns 1 per $ (500) and is billed 500 x 0.008 = 4.00; the airline is owed 100 x 0.012 = 1.20
        assertThat(purchase.pointsAwarded()).isEqualTo(500L);
        assertThat(purchase.explanations()).extracting(e -> e.sentence())
                .containsExactly("base 1 per unit (partner grocer) on eligible 500.00 = 500");
        assertThat(settlement.rows()).isEqualTo(GROCER_500_AIRLINE_100);
        // issued 500 - clawed back 0 - redeemed 100 - expired 0 + unrecovered 0 = 400 held
        MemberState member = result.members().get("m1");
        assertThat(heldBySettlement(settlement, member)).isEqualTo(400L);
        assertThat(member.pointsAvailable() + member.pointsPending()).isEqualTo(400L);
    }

    @Test
    void a_purchase_naming_an_unknown_partner_as_an_attribute_is_refused_like_one_naming_it_as_a_field() {
        // when
        Decision asAttribute = engine.apply(null, withPartnerAttribute("bank", "p1", "2025-03-01", "500.00"));
        Decision asField = engine.apply(null, at("bank", "p1", "2025-03-01", "500.00"));

        // then
        Refusal unknown = new Refusal("UNKNOWN_PARTNER",
                "purchase p1 names partner 'bank'; partners are [grocer, fuel, airline]");
        assertThat(asAttribute.refusal()).isEqualTo(unknown);
        assertThat(asAttribute.postings()).isEmpty();
        assertThat(asField.refusal()).isEqualTo(unknown);
    }

    @Test
    void events_read_from_a_file_earn_refuse_and_settle_with_one_partner_however_it_is_written() {
        // given: the audit's k4 and k5 histories (attribute-only partner, an unknown partner as an attribute, and a
        // purchase naming the fuel station as its field and the grocer as its attribute)
        String lines = String.join("\n",
                "{\"id\":\"k4p1\",\"type\":\"purchase\",\"member\":\"k4\",\"at\":\"2025-03-01T10:00:00Z\",\"amount\":\"500.00\",\"attributes\":{\"partner\":\"bank\"}}",
                "{\"id\":\"k4p2\",\"type\":\"purchase\",\"member\":\"k4\",\"at\":\"2025-03-02T10:00:00Z\",\"amount\":\"100.00\",\"partner\":\"fuel\",\"attributes\":{\"partner\":\"grocer\"}}",
                "{\"id\":\"k4r1\",\"type\":\"refund\",\"member\":\"k4\",\"at\":\"2025-04-02T10:00:00Z\",\"original\":\"k4p2\",\"amount\":\"100.00\"}",
                "{\"id\":\"k5p1\",\"type\":\"purchase\",\"member\":\"k5\",\"at\":\"2025-03-01T10:00:00Z\",\"amount\":\"500.00\",\"attributes\":{\"partner\":\"grocer\"}}",
                "{\"id\":\"k5x1\",\"type\":\"redemption\",\"member\":\"k5\",\"at\":\"2025-03-10T10:00:00Z\",\"points\":100,\"attributes\":{\"partner\":\"airline\"}}");

        // when
        EventBatch batch = EventReader.forProgram(program.settings()).readJsonLines(new StringReader(lines), "k.jsonl");
        ReplayResult result = engine.replay(batch.events());
        Settlement settlement = Settlement.of(program.settings(), batch.events(), result.postings(),
                CountingPeriod.MONTH);

        // then: the two partners of k4p2 are a bad line, so it neither earns at the grocer nor bills the fuel station
        // (its refund finds no purchase); "bank" is refused; k5 settles as in the test above
        assertThat(batch.problems()).containsExactly(new Problem("k.jsonl:2 field partner",
                "\"fuel\" differs from attributes.partner \"grocer\": name the partner once, or the same in both"));
        assertThat(result.rejections()).extracting(ReplayResult.Rejection::eventId, ReplayResult.Rejection::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k4p1", "UNKNOWN_PARTNER"),
                        org.assertj.core.groups.Tuple.tuple("k4r1", "UNKNOWN_PURCHASE"));
        assertThat(settlement.rows()).isEqualTo(GROCER_500_AIRLINE_100);
        MemberState k5 = result.members().get("k5");
        assertThat(heldBySettlement(settlement, k5)).isEqualTo(400L);
        assertThat(k5.pointsAvailable() + k5.pointsPending()).isEqualTo(400L);
    }

    /** Issued - clawed back - redeemed over all rows, - expired + unrecovered: what members hold (program-types.md). */
    private static long heldBySettlement(Settlement settlement, MemberState member) {
        return netPoints(settlement) - member.ledger().totals().expired() + member.ledger().totals().unrecovered();
    }

    /** Issued - clawed back - redeemed over all rows. */
    static long netPoints(Settlement settlement) {
        return settlement.rows().stream()
                .map(r -> r.pointsIssued().subtract(r.pointsClawedBack()).subtract(r.pointsRedeemed()))
                .reduce(BigInteger.ZERO, BigInteger::add).longValueExact();
    }

    @Test
    void points_can_be_burnt_at_a_burning_partner_only() {
        MemberState state = engine.apply(null, at("grocer", "p1", "2025-03-01", "500.00")).state();

        Decision airline = engine.apply(state, redeemAt("airline", "x1", "2025-03-02", 300));
        Decision unknown = engine.apply(state, redeemAt("bakery", "x2", "2025-03-02", 100));

        assertThat(airline.state().pointsAvailable()).isEqualTo(200L);
        assertThat(unknown.refusal()).isEqualTo(new Refusal("UNKNOWN_PARTNER",
                "redemption x2 names partner 'bakery'; partners are [grocer, fuel, airline]"));
    }

    @Test
    void settlement_per_partner_and_month_equals_the_ledger() {
        List<LoyaltyEvent> events = List.of(
                at("grocer", "p1", "2025-03-01", "1000.00"),
                at("fuel", "p2", "2025-03-05", "300.00"),
                Refund.of("r1", "m1", Instant.parse("2025-03-06T10:00:00Z"), "p1", Money.of("250.00", "USD")),
                redeemAt("airline", "x1", "2025-03-20", 600),
                at("grocer", "p3", "2025-04-02", "99.99"),
                redeemAt("grocer", "x2", "2025-04-03", 100));

        ReplayResult result = engine.replay(events);
        Settlement settlement = Settlement.of(program.settings(), events, result.postings(), CountingPeriod.MONTH);

        // grocer March: 1000 issued, 250 clawed back -> 750 x 0.008 = 6.00 owed by the grocer
        // fuel March: 150 issued x 0.006 = 0.90; airline March: 600 redeemed x 0.012 = 7.20 owed to the airline
        // grocer April: 99 issued x 0.008 = 0.792 -> 0.79; 100 redeemed x 0.01 = 1.00 owed to the grocer
        assertThat(settlement.rows()).containsExactly(
                Settlement.Row.of("airline", "2025-03", 0, 0, 600, "0.00", "7.20", "-7.20"),
                Settlement.Row.of("fuel", "2025-03", 150, 0, 0, "0.90", "0.00", "0.90"),
                Settlement.Row.of("grocer", "2025-03", 1000, 250, 0, "6.00", "0.00", "6.00"),
                Settlement.Row.of("grocer", "2025-04", 99, 0, 100, "0.79", "1.00", "-0.21"));
        // issued - clawed back - redeemed = what the member still holds
        long issued = netPoints(settlement);
        MemberState member = result.members().get("m1");
        assertThat(issued).isEqualTo(member.pointsAvailable() + member.pointsPending());
    }

    @Test
    void a_reversed_redemption_at_a_partner_is_not_billed() {
        // given: 1,000 earned at the grocer, 500 redeemed at the airline and the redemption reversed the next day
        List<LoyaltyEvent> events = List.of(
                at("grocer", "p1", "2025-03-01", "1000.00"),
                redeemAt("airline", "x1", "2025-03-03", 500),
                new RedemptionReversal("x2", "m1", Instant.parse("2025-03-04T10:00:00Z"), "x1", Map.of()));

        // when
        ReplayResult result = engine.replay(events);
        Settlement settlement = Settlement.of(program.settings(), events, result.postings(), CountingPeriod.MONTH);

        // then: the airline is paid for redemptions less reversals (program-types.md): 500 - 500 = 0, so 0.00
        assertThat(result.rejections()).isEmpty();
        assertThat(settlement.rows()).containsExactly(
                Settlement.Row.of("airline", "2025-03", 0, 0, 0, "0.00", "0.00", "0.00"),
                Settlement.Row.of("grocer", "2025-03", 1000, 0, 0, "8.00", "0.00", "8.00"));
    }

    @Test
    void settling_postings_of_an_event_at_a_partner_the_program_does_not_list_is_refused_not_billed_at_zero() {
        // given: the ledger of $100 at the grocer, settled against events that say p1 was at a bakery (events of
        // another program: the engine itself refuses an unknown partner, UNKNOWN_PARTNER)
        List<LoyaltyEvent> events = List.of(at("grocer", "p1", "2025-03-01", "100.00"));
        ReplayResult result = engine.replay(events);
        List<LoyaltyEvent> elsewhere = List.of(at("bakery", "p1", "2025-03-01", "100.00"));

        // then
        assertThatThrownBy(() -> Settlement.of(program.settings(), elsewhere, result.postings(), CountingPeriod.MONTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("postings of events at partner 'bakery' in 2025-03, which program coalition-demo does not "
                        + "list; partners are [grocer, fuel, airline]");
    }

    @Test
    void settlement_takes_the_applied_copy_of_a_repeated_id_and_not_another_members_copy() {
        // m1 and m2 both send an event p1 (m1's first: m2's copy is refused DUPLICATE_EVENT_ID, event ids are global);
        // m1 sends p1 again later at another partner (a DUPLICATE)
        Purchase m2AtFuel = new Purchase("p1", "m2", Instant.parse("2025-03-01T11:00:00Z"), Money.of("200.00", "USD"),
                "", "fuel", Map.of(), Map.of(), List.of(), null, null);
        Purchase resentAtFuel = new Purchase("p1", "m1", Instant.parse("2025-03-02T10:00:00Z"),
                Money.of("200.00", "USD"), "", "fuel", Map.of(), Map.of(), List.of(), null, null);
        List<LoyaltyEvent> events = List.of(at("grocer", "p1", "2025-03-01", "500.00"), m2AtFuel, resentAtFuel);

        ReplayResult result = engine.replay(events);
        Settlement settlement = Settlement.of(program.settings(), events, result.postings(), CountingPeriod.MONTH);

        // grocer: m1's 500 points x 0.008 = 4.00; the fuel station settles nothing (m2's copy refused, m1's resent)
        assertThat(result.rejections()).extracting(ReplayResult.Rejection::memberId, ReplayResult.Rejection::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m2", "DUPLICATE_EVENT_ID"));
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(settlement.rows()).containsExactly(
                Settlement.Row.of("grocer", "2025-03", 500, 0, 0, "4.00", "0.00", "4.00"));
    }

    @Test
    void points_of_a_partner_that_only_expire_in_a_month_make_no_settlement_row() {
        // 100 points earned at the grocer in March 2025 expire 730 days later, in March 2027: nothing to settle then
        List<LoyaltyEvent> events = List.of(at("grocer", "p1", "2025-03-01", "100.00"),
                at("fuel", "p2", "2027-04-01", "10.00"));

        ReplayResult result = engine.replay(events);
        Settlement settlement = Settlement.of(program.settings(), events, result.postings(), CountingPeriod.MONTH);

        assertThat(result.postings()).extracting(p -> p.type().name()).contains("EXPIRE");
        assertThat(settlement.rows()).extracting(Settlement.Row::partner, Settlement.Row::period).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fuel", "2027-04"),
                org.assertj.core.groups.Tuple.tuple("grocer", "2025-03"));
    }
}
