package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettlementCommandTest {

    @TempDir
    Path dir;

    @Test
    void settlement_writes_what_each_partner_owes_per_month() throws Exception {
        CliRun run = CliRun.of("settlement", "--program", "programs/coalition-demo", "--events",
                CliRun.resource("cli/coalition.jsonl").toString(), "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        // grocer 1000 x 0.008 = 8.00; fuel 150 x 0.006 = 0.90; airline 600 x 0.012 = 7.20 owed to it
        assertThat(Files.readString(dir.resolve("settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net\r
                airline,2025-3,0,0,600,0.00,7.20,-7.20\r
                fuel,2025-3,150,0,0,0.90,0.00,0.90\r
                grocer,2025-3,1000,0,0,8.00,0.00,8.00\r
                """);
    }
}
