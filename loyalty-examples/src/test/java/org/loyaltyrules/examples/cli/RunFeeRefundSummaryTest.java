package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json's amountApplied of fee refunds is the money the engine found due, stated on the event or not. */
class RunFeeRefundSummaryTest {

    @TempDir
    Path dir;

    @Test
    void fee_refunds_count_the_refund_due_also_when_the_event_states_no_amount() throws Exception {
        // costco-executive refunds the whole fee at any time: r1 states 130.00, r2 leaves the amount to the engine
        Path events = Files.writeString(dir.resolve("fees.jsonl"), """
                {"id":"f1","type":"membership_fee","member":"a","at":"2025-01-01T08:00:00Z","amount":"130.00","tier":"executive","termMonths":12}
                {"id":"f2","type":"membership_fee","member":"b","at":"2025-01-01T08:00:00Z","amount":"130.00","tier":"executive","termMonths":12}
                {"id":"r1","type":"fee_refund","member":"a","at":"2025-06-15T18:00:00Z","original":"f1","amount":"130.00"}
                {"id":"r2","type":"fee_refund","member":"b","at":"2025-06-15T18:00:00Z","original":"f2"}
                """);

        CliRun run = CliRun.of("run", "--program", "programs/costco-executive", "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode types = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile()).get("eventsByType");
        assertThat(types.get("membership_fee").get("amountApplied").asText()).isEqualTo("260.00");
        assertThat(types.get("fee_refund").get("amountApplied").asText()).isEqualTo("260.00"); // was 130.00
    }
}
