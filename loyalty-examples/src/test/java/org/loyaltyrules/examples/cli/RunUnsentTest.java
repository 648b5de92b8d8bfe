package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input records a dataset reader does not send as events are not silently lost: {@code run} names each one, with
 * its reason, in {@code unsent.csv} and says how many on stdout; a file without such records writes no such file,
 * and removes one an earlier run left in the output folder, saying so without hiding its bad lines.
 */
class RunUnsentTest {

    @Test
    void an_online_retail_run_lists_the_cancellations_and_invoices_it_did_not_send_and_why(@TempDir Path dir)
            throws Exception {
        // given: a purchase, a cancellation of more lanterns than were bought, a discount that matches nothing, and an
        // invoice without CustomerID
        Path events = dir.resolve("online_retail.csv");
        Files.writeString(events, """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,71053,WHITE METAL LANTERN,2,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
                536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom
                C536391,71053,WHITE METAL LANTERN,-3,2010-12-01 10:24:00,3.39,17850.0,United Kingdom
                C536392,D,Discount,-1,2010-12-01 10:30:00,27.50,17850.0,United Kingdom
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/unsent.csv"))).isEqualTo("""
                record,member,reason
                C536391,17850,refunded in part: 1 x 71053 at 3.39 match no earlier invoice of the customer
                C536392,17850,cancellation matches no earlier invoice of the customer (1 x D at 27.5; its value 27.5 equals what is left of no invoice)
                536366,,no CustomerID on 1 row: no member to credit
                """);
        assertThat(run.out()).contains("  not sent   3 input records the reader did not send as events, or sent in"
                + " part (unsent.csv says why)\n");
        assertThat(run.out()).contains("(members.csv, ledger.csv, tier_changes.csv, rejections.csv, unsent.csv,"
                + " summary.json)");
    }

    @Test
    void an_online_retail_run_counts_and_lists_an_invoice_of_negative_total_and_an_adjustment_as_not_sent(
            @TempDir Path dir) throws Exception {
        // given: a purchase, an invoice returning goods without the C of a cancellation, an adjustment with a customer
        Path events = Files.writeString(dir.resolve("online_retail.csv"), """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536300,22960,JAM,10,2010-12-01 10:00:00,4.25,13047.0,United Kingdom
                536301,22961,JAM2,-3,2010-12-03 08:34:00,4.25,13047.0,United Kingdom
                A536302,B,Adjust bad debt,1,2010-12-03 09:00:00,100.00,13047.0,United Kingdom
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/unsent.csv"))).isEqualTo("""
                record,member,reason
                536301,13047,"not sent: its total is negative (-12.75), and only a cancellation (prefix C) refunds"
                A536302,13047,"not sent: an accounting adjustment (prefix A), neither a purchase nor a cancellation"
                """);
        assertThat(run.out()).contains("  events     1 read, 1 applied, 0 rejected, 0 duplicates, 0 bad lines\n")
                .contains("  not sent   2 input records the reader did not send as events, or sent in part (unsent.csv"
                        + " says why)\n");
    }

    @Test
    void a_complete_journey_run_lists_the_baskets_it_sent_in_part_or_not_at_all_with_their_bad_lines(@TempDir Path dir)
            throws Exception {
        // given: basket B1 with a return line, basket B2 made only of a return
        Path events = dir.resolve("transactions.csv");
        Files.writeString(events, """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "90001","309","B1","940996",1,5.00,0,0,0,5,"2017-01-28T19:06:53Z"
                "90001","309","B1","873902",1,-2.00,0,0,0,5,"2017-01-28T19:06:53Z"
                "90002","309","B2","940996",1,-3.00,0,0,0,5,"2017-01-29T19:06:53Z"
                """);
        writeGzip(dir.resolve("products.csv.gz"), """
                "product_id","manufacturer_id","department","brand","product_category","product_type","package_size"
                "940996","69","GROCERY","Private","FRZN ICE","ICE - CRUSHED/CUBED","22 LB"
                """);

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).isEqualTo("""
                transactions.csv:3 field sales_value: must be >= 0, was -2.00
                transactions.csv:4 field sales_value: must be >= 0, was -3.00
                events: 2 bad lines skipped (listed above)
                """);
        assertThat(Files.readString(dir.resolve("out/unsent.csv"))).isEqualTo("""
                record,member,reason
                B1,90001,"sent in part, without its bad line (line 3 field sales_value: must be >= 0, was -2.00)"
                B2,90002,"not sent: all its lines are bad (line 4 field sales_value: must be >= 0, was -3.00)"
                """);
        assertThat(run.out()).contains("  events     1 read, 1 applied, 0 rejected, 0 duplicates, 2 bad lines\n");
        assertThat(run.out()).contains("  not sent   2 input records the reader did not send as events, or sent in"
                + " part (unsent.csv says why)\n");
        assertThat(Files.readString(dir.resolve("out/ledger.csv"))).contains("B1,90001,2017-01-28T19:06:53Z,EARN,5,");
    }

    private static void writeGzip(Path file, String text) throws IOException {
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_run_without_records_the_reader_left_out_writes_no_unsent_file(@TempDir Path dir) {
        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(dir.resolve("out/unsent.csv")).doesNotExist();
        assertThat(run.out()).doesNotContain("not sent");
    }

    @Test
    void a_clean_run_removing_the_unsent_file_of_an_earlier_run_says_every_record_became_an_event(@TempDir Path dir)
            throws Exception {
        // given: an output folder of an earlier run with unsent.csv, and a purchase CSV without a bad line
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("unsent.csv"), "record,member,reason\nB2,90002,not sent\n");
        Path events = dir.resolve("purchases.csv");
        Files.writeString(events, "member,date,amount\nm1,2025-03-03,10.00\n");

        // when
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--out", out.toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        assertThat(out.resolve("unsent.csv")).doesNotExist();
        assertThat(run.out()).contains("  removed    " + out.resolve("unsent.csv") + " of an earlier run: every record"
                + " of this run became an event\n");
    }

    @Test
    void a_reused_out_folder_loses_the_unsent_file_of_an_earlier_run_and_keeps_the_users_own_files(@TempDir Path dir)
            throws Exception {
        // given: an output folder of an earlier run whose reader did not send a record, and a file of the user's
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("unsent.csv"), "record,member,reason\nC536379,14527,cancellation matches no "
                + "earlier invoice of the customer\n");
        Files.writeString(out.resolve("my-notes.txt"), "keep me\n");

        // when: a run whose every record becomes an event, but for one bad line, writes into it
        CliRun run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--out", out.toString(), "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(out.resolve("unsent.csv")).doesNotExist();
        assertThat(out.resolve("my-notes.txt")).hasContent("keep me");
        assertThat(run.out()).contains("  output     " + out + " (members.csv, ledger.csv, tier_changes.csv, "
                + "rejections.csv, summary.json)\n"
                + "  removed    " + out.resolve("unsent.csv") + " of an earlier run: every record of this run became "
                + "an event, except its 1 bad line (listed on stderr)\n");
    }
}
