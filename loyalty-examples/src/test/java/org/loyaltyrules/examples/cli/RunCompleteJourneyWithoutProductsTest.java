package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Complete Journey file takes its lines' categories from the products.csv.gz beside it; when that file is not there,
 * the replay goes on without categories, and stderr says so, since the program's category rules then cannot apply.
 */
class RunCompleteJourneyWithoutProductsTest {

    @Test
    void a_run_warns_on_stderr_that_without_products_no_line_has_a_category(@TempDir Path dir) throws Exception {
        // given
        Path events = dir.resolve("transactions.csv");
        Files.writeString(events, """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "91003","309","C3","940996",1,2.5,0,0,0,5,"2017-01-28T19:06:53Z"
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).isEqualTo("warning: " + dir.resolve("products.csv.gz") + ": not found, so no line of"
                + " transactions.csv has a product category: the program's category exclusions and category line"
                + " bonuses cannot apply to them\n");
        assertThat(run.out()).contains("  events     1 read, 1 applied, 0 rejected, 0 duplicates, 0 bad lines\n");
    }
}
