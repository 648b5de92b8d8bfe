package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.io.EventReader;

class MemberStateFormatV1Test {

    static final Path FIXTURE = Path.of("src/test/resources/state/member-state-v1.json");

    /** Purchase 600 (silver), refund 100, redemption 200 after the return window, a second purchase. */
    static MemberState scenario(LoyaltyEngine engine) {
        String lines = """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"600.00","lines":[{"sku":"A1","category":"shoes","quantity":1,"amount":"600.00"}]}
                {"id":"r1","type":"refund","member":"m1","at":"2025-03-10T10:00:00Z","original":"p1","amount":"100.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-04-01T10:00:00Z","points":200}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-04-02T10:00:00Z","amount":"50.25"}
                """;
        List<LoyaltyEvent> events = EventReader.forProgram(engine.program().settings())
                .readJsonLines(new StringReader(lines), "scenario").events();
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            state = engine.apply(state, event).state();
        }
        return state;
    }

    /** {@code state} as a format older than 3 keeps it: its purchase records without their lines. */
    static MemberState withoutLines(MemberState state) {
        return state.withPurchases(state.purchases().stream().map(p -> new PurchaseRecord(p.eventId(), p.at(),
                p.amount(), p.eligible(), p.points(), p.growth(), p.countedCaps(), p.basket(), p.refunded(),
                p.pointsClawedBack(), p.growthClawedBack(), p.excludedSkus(), p.eligibleRefunded())).toList());
    }

    @Test
    void a_state_written_by_format_version_1_reads_back_whole() throws IOException {
        // given
        byte[] stored = Files.readAllBytes(FIXTURE);

        // when
        MemberState state = MemberStateSerde.read(stored);

        // then
        // a version-1 state keeps no purchase lines (version 3 added them): p1's refunds are matched as before
        assertThat(state).isEqualTo(withoutLines(scenario(Topologies.retailBasic())));
        assertThat(state.tier().tierId()).isEqualTo("silver"); // a refund never demotes before a review
        assertThat(state.pointsAvailable()).isEqualTo(300L);
        assertThat(state.pointsPending()).isEqualTo(60L);
        assertThat(state.processedEventIds()).containsExactly("p1", "r1", "x1", "p2");
        // written back as version 4, which differs from version 1 only by the fees and purchase lines a version-1
        // state never has
        assertThat(new String(MemberStateSerde.write(state), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(FIXTURE).strip().replace("{\"v\":1,", "{\"v\":4,"));
    }

    @Test
    void a_state_of_an_unknown_format_version_is_refused_with_the_version() {
        assertThatThrownBy(() -> MemberStateSerde.read("{\"v\":5,\"id\":\"m1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("stored member state has format version 5; this reader knows versions 1..4");
    }

    @Test
    void membership_fees_and_their_refund_round_trip_in_format_version_2() {
        // given: a gold fee, refunded pro rata
        LoyaltyEngine engine = LoyaltyEngine.create(org.loyaltyrules.rules.Program.of(
                org.loyaltyrules.rules.program.ProgramJson.parse("""
                        {"id": "paid", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "1"},
                         "tiers": {"ladder": [{"id": "member", "threshold": "0"}, {"id": "gold", "reachable": false}]},
                         "membership": {"plans": [{"tier": "gold", "price": "120.00", "termMonths": 12}],
                                        "refund": {"policy": "PRO_RATA_DAYS"}}}""", "paid.json")));
        List<LoyaltyEvent> events = EventReader.forProgram(engine.program().settings()).readJsonLines(new StringReader("""
                {"id":"f1","type":"membership_fee","member":"m1","at":"2025-01-01T00:00:00Z","amount":"120.00","tier":"gold","termMonths":12}
                {"id":"r1","type":"fee_refund","member":"m1","at":"2025-07-01T09:00:00Z","original":"f1"}
                """), "fees").events();
        MemberState state = null;
        for (LoyaltyEvent event : events) {
            state = engine.apply(state, event).state();
        }

        // when
        byte[] bytes = MemberStateSerde.write(state);

        // then
        assertThat(MemberStateSerde.read(bytes)).isEqualTo(state);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"v\":4,").contains(
                "\"fees\":[{\"e\":\"f1\",\"at\":\"2025-01-01T00:00:00Z\",\"amt\":\"120.00 USD\",\"tier\":\"gold\","
                        + "\"months\":12,\"from\":\"2025-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\","
                        + "\"refd\":\"60.16 USD\",\"refdAt\":\"2025-07-01T09:00:00Z\"}]");
    }

    /** Writes the fixture; run once per format version with -Dfixture.write=true. */
    @Test
    void write_fixture_when_asked() throws IOException {
        if (Boolean.getBoolean("fixture.write")) {
            Files.createDirectories(FIXTURE.getParent());
            Files.write(FIXTURE, MemberStateSerde.write(scenario(Topologies.retailBasic())));
        }
    }
}
