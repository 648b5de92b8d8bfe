package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json counts each decision under the event that produced it when a member sends one id several times. */
class RunCommandRepeatedIdsTest {

    @TempDir
    Path dir;

    private JsonNode summaryOf(String events) throws Exception {
        return summaryOf(Path.of("programs/retail-basic"), events);
    }

    private JsonNode summaryOf(Path program, String events) throws Exception {
        Path file = Files.writeString(dir.resolve("events.jsonl"), events);
        CliRun run = CliRun.of("run", "--program", program.toString(), "--events", file.toString(), "--out",
                dir.resolve("out").toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    }

    @Test
    void events_by_type_counts_the_applied_copy_of_a_repeated_id_under_its_own_type() throws Exception {
        // given: m1's p1 of 01-01 applies (earliest in event time), its copy of 01-02 read first is a duplicate; x1 twice
        // at one instant (the first read applies); m2 sends q1 as a purchase, then as a refund, then as a claim; m3's
        // z1 is refused (no points yet), so its later z1 applies
        JsonNode summary = summaryOf("""
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"100.00"}
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-01T10:00:00Z","amount":"50.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-02-20T10:00:00Z","points":10}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-02-20T10:00:00Z","points":10}
                {"id":"q1","type":"purchase","member":"m2","at":"2025-01-01T10:00:00Z","amount":"100.00"}
                {"id":"q1","type":"refund","member":"m2","at":"2025-01-02T10:00:00Z","original":"q1","amount":"100.00"}
                {"id":"q1","type":"benefit_claim","member":"m2","at":"2025-03-02T10:00:00Z","benefit":"free-delivery"}
                {"id":"z1","type":"redemption","member":"m3","at":"2025-01-01T10:00:00Z","points":10}
                {"id":"z2","type":"purchase","member":"m3","at":"2025-01-02T10:00:00Z","amount":"100.00"}
                {"id":"z1","type":"redemption","member":"m3","at":"2025-02-01T10:00:00Z","points":10}
                """);

        // then (amounts of the applied purchases: m1's p1 50.00, m2's q1 100.00, m3's z2 100.00)
        assertThat(summary.get("eventsByType").toString()).isEqualTo("{"
                + "\"benefit_claim\":{\"read\":1,\"applied\":0,\"rejected\":0,\"duplicates\":1},"
                + "\"purchase\":{\"read\":4,\"applied\":3,\"rejected\":0,\"duplicates\":1,\"amountApplied\":\"250.00\"},"
                + "\"redemption\":{\"read\":4,\"applied\":2,\"rejected\":1,\"duplicates\":1},"
                + "\"refund\":{\"read\":1,\"applied\":0,\"rejected\":0,\"duplicates\":1}}");
    }

    @Test
    void a_benefit_use_is_counted_in_the_period_of_the_claim_that_was_granted_not_of_a_later_duplicate()
            throws Exception {
        // given: g1 reaches gold on p1; c1 of 03-10 is granted; c1 again on 04-02 is a duplicate
        JsonNode summary = summaryOf("""
                {"id":"p1","type":"purchase","member":"g1","at":"2025-03-03T10:00:00Z","amount":"2000.00"}
                {"id":"c1","type":"benefit_claim","member":"g1","at":"2025-03-10T10:00:00Z","benefit":"free-delivery"}
                {"id":"c1","type":"benefit_claim","member":"g1","at":"2025-04-02T10:00:00Z","benefit":"free-delivery"}
                """);

        // then: one use of 6.00, in March
        assertThat(summary.get("benefits").toString()).isEqualTo("{\"free-delivery\":{\"granted\":1,"
                + "\"costPerUse\":\"6.00\",\"cost\":\"6.00\",\"budget\":{\"amount\":\"20000.00\",\"period\":\"MONTH\"},"
                + "\"periods\":[{\"period\":\"2025-03\",\"granted\":1,\"cost\":\"6.00\",\"overBudget\":false}],"
                + "\"periodsOverBudget\":0},\"totalCost\":\"6.00\"}");
        assertThat(summary.get("eventsByType").get("benefit_claim").toString())
                .isEqualTo("{\"read\":2,\"applied\":1,\"rejected\":0,\"duplicates\":1}");
    }

    @Test
    void an_event_whose_rules_throw_gets_no_decision_and_is_counted_as_rejected_under_its_type() throws Exception {
        // given: the demo program with a rule that throws on purchases over 100: p2 (200) fails, x1 after it applies
        Path program = CliRun.demoProgramWithABrokenRule(dir);

        // when
        JsonNode summary = summaryOf(program, """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-01T10:00:00Z","amount":"50.00"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"200.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-02-01T10:00:00Z","points":10}
                """);

        // then
        assertThat(summary.get("eventsByType").toString()).isEqualTo("{"
                + "\"purchase\":{\"read\":2,\"applied\":1,\"rejected\":1,\"duplicates\":0,\"amountApplied\":\"50.00\"},"
                + "\"redemption\":{\"read\":1,\"applied\":1,\"rejected\":0,\"duplicates\":0}}");
    }

    @Test
    void a_copy_sent_again_after_its_rules_threw_is_counted_under_its_own_type_and_amount() throws Exception {
        // given: the demo program with a rule that throws on purchases over 100. m1's p1 of 200.00 fails and the till
        // sends p1 again, corrected to 80.00, which applies; m2's q1 of 300.00 fails and the service desk books q1 by
        // hand as an adjustment of 25 points, which applies; m3's z1 redemption is refused (no points), its z1
        // purchase of 150.00 fails and its z1 purchase of 40.00 applies
        Path program = CliRun.demoProgramWithABrokenRule(dir);

        // when
        JsonNode summary = summaryOf(program, """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-01T10:00:00Z","amount":"200.00"}
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"80.00"}
                {"id":"q1","type":"purchase","member":"m2","at":"2025-01-01T10:00:00Z","amount":"300.00"}
                {"id":"q1","type":"adjustment","member":"m2","at":"2025-01-03T10:00:00Z","points":25,"reason":"till"}
                {"id":"z1","type":"redemption","member":"m3","at":"2025-01-01T10:00:00Z","points":10}
                {"id":"z1","type":"purchase","member":"m3","at":"2025-01-02T10:00:00Z","amount":"150.00"}
                {"id":"z1","type":"purchase","member":"m3","at":"2025-01-03T10:00:00Z","amount":"40.00"}
                """);

        // then: the applied purchases are m1's 80.00 and m3's 40.00; the three that threw and the refusal are rejected
        assertThat(summary.get("eventsByType").toString()).isEqualTo("{"
                + "\"adjustment\":{\"read\":1,\"applied\":1,\"rejected\":0,\"duplicates\":0},"
                + "\"purchase\":{\"read\":5,\"applied\":2,\"rejected\":3,\"duplicates\":0,\"amountApplied\":\"120.00\"},"
                + "\"redemption\":{\"read\":1,\"applied\":0,\"rejected\":1,\"duplicates\":0}}");
        assertThat(summary.get("counts").get("eventsApplied").asLong()).isEqualTo(3L);
        assertThat(summary.get("rejectionsByCode").toString())
                .isEqualTo("{\"INSUFFICIENT_POINTS\":1,\"RULE_FAILED\":3}");
    }
}
