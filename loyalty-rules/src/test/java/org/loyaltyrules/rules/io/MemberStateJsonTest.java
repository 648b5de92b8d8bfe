package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
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
        assertThat(json).startsWith("{\"v\":3,\"id\":\"m1\",").contains("\"tier\":{\"id\":\"silver\"");
        // the fixture holds what it should: 400 + 1,000 (1,250 capped) - 40 clawed back (1,000 x 50.50 / 1,250.50,
        // rounded down) - 300 redeemed
        assertThat(state.pointsAvailable() + state.pointsPending()).isEqualTo(400 + 1000 - 40 - 300);
        assertThat(state.survey()).contains(9);
    }

    @Test
    void unreadable_text_names_the_problem_and_a_newer_format_its_version() {
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":4,\"id\":\"m1\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored member state has format version 4; this reader knows versions 1..3");
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
                .hasMessage("cannot read stored member state (format version 3): $.tier is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson(nullFrom.toString()))
                .hasMessage("cannot read stored member state (format version 3): $.ledger.lots[1].from is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":2,\"id\":\"m1\"}"))
                .hasMessage("cannot read stored member state (format version 2): $.enrolled is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":2}"))
                .hasMessage("cannot read stored member state (format version 2): $.id is missing");
        assertThatThrownBy(() -> MemberStateJson.fromJson("{\"v\":2,\"id\":\"m1\",\"enrolled\":"
                + "\"2025-01-05T10:00:00Z\",\"status\":\"ACTIVE\",\"tier\":{\"id\":\"member\",\"since\":"
                + "\"2025-01-05T10:00:00Z\"}}"))
                .hasMessage("cannot read stored member state (format version 2): $.tier.src is missing");
    }
}
