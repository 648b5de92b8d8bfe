package org.loyaltyrules.examples.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.program.ProgramSettings;

/** The dataset adapters on a few hand-written rows each, with every value of the resulting events. */
class DatasetAdaptersTest {

    static final ProgramSettings USD_NEW_YORK = ProgramJson.parse("""
            {"id":"t","version":"1","currency":"USD","zone":"America/New_York","earning":{"baseRate":"1"},
             "tiers":{"ladder":[{"id":"member","threshold":"0"}]}}""", "t.json");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(file, text);
        }
        return file;
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void formats_are_detected_from_the_first_line() throws IOException {
        assertThat(EventFormat.detect(write("a.txt", " customer_id  date number_of_cds  dollar_value\r\n"))).isEqualTo(EventFormat.CDNOW);
        assertThat(EventFormat.detect(write("b.dat", " 00004 0001 19970101  2   29.33\r\n"))).isEqualTo(EventFormat.CDNOW);
        assertThat(EventFormat.detect(write("c.csv.gz", "InvoiceNo,StockCode,Description\n"))).isEqualTo(EventFormat.ONLINE_RETAIL);
        assertThat(EventFormat.detect(write("d.csv", "\"household_id\",\"store_id\",\"basket_id\"\n"))).isEqualTo(EventFormat.COMPLETEJOURNEY);
        assertThat(EventFormat.detect(write("e.log", "\n{\"id\":\"p1\"}\n"))).isEqualTo(EventFormat.JSONL);
        assertThat(EventFormat.detect(write("f.txt", "member,date,amount\n"))).isEqualTo(EventFormat.CSV);
    }

    @Test
    void a_cdnow_file_whose_first_row_has_a_bad_field_is_still_cdnow_with_one_bad_line() throws IOException {
        // given: the first row's count of CDs is -2 (it was taken for a CSV header and the whole file refused)
        Path file = write("cd.txt", " 00004 0001 19970101 -2   29.33\n 00004 0001 19970118  2   29.73\n");

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.format()).isEqualTo(EventFormat.CDNOW);
        assertThat(loaded.problems()).extracting(Object::toString)
                .containsExactly("cd.txt:1 field number_of_cds: must be >= 0, was -2");
        assertThat(loaded.events()).hasSize(1);
        assertThat(EventFormat.detect(write("g.txt", "member date amount total\n"))).isEqualTo(EventFormat.CSV);
        assertThat(EventFormat.detect(write("h.txt", "m1\t20250101\t1\t10.00\n"))).isEqualTo(EventFormat.CSV);
    }

    @Test
    void a_dataset_amount_too_large_to_compute_with_is_a_bad_line_and_the_rest_is_read() throws IOException {
        // given: 1E+1001 dollars on the first row (it ended the read with no line; 1E+100000000 ran for minutes)
        Path file = write("big.txt", " 00004 0001 19970101 2 1E+1001\n 00004 0001 19970118  2   29.73\n");

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.problems()).extracting(Object::toString).containsExactly("big.txt:1 field dollar_value:"
                + " must have at most 1000 digits before the decimal point, was 1E+1001");
        assertThat(loaded.events()).hasSize(1);
    }

    @Test
    void a_byte_order_mark_before_a_dataset_header_changes_neither_format_nor_events() throws IOException {
        // given: the CDNOW master layout with a header, as a Windows tool saves it
        String rows = " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n";
        Path plain = write("CDNOW_master.txt", rows);
        Path marked = dir.resolve("marked").resolve("CDNOW_master.txt");
        Files.createDirectories(marked.getParent());
        Files.write(marked, ("\uFEFF" + rows).getBytes(StandardCharsets.UTF_8));

        // when
        LoadedEvents loaded = EventSources.load(marked, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.format()).isEqualTo(EventFormat.CDNOW);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.events()).containsExactly(
                new Purchase("CDNOW_master:2", "00001", Instant.parse("1997-01-01T05:00:00Z"), usd("11.77"), "", "",
                        Map.of(), Map.of("cds", new BigDecimal(1)), List.of(), null, null));
        assertThat(loaded.events()).isEqualTo(EventSources.load(plain, null, USD_NEW_YORK, false).events());
        assertThat(EventFormat.detect(write("retail.csv", "\uFEFFInvoiceNo,StockCode,Description\n")))
                .isEqualTo(EventFormat.ONLINE_RETAIL);
        assertThat(EventFormat.detect(write("baskets.csv", "\uFEFF\"household_id\",\"store_id\",\"basket_id\"\n")))
                .isEqualTo(EventFormat.COMPLETEJOURNEY);
    }

    @Test
    void cdnow_rows_become_purchases_with_cds_metric_and_ids_from_file_and_line() throws IOException {
        // given rows in runs of spaces (a tab too), a bad amount, a blank line, and CRLF endings
        Path file = write("CDNOW_sample.txt", """
                 00004 0001 19970101  2   29.33\r
                 00004 0001 19970118  2   x\r
                \r
                 00005\t0002 19970101 \t1   0.00\r
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.format()).isEqualTo(EventFormat.CDNOW);
        assertThat(loaded.events()).containsExactly(
                new Purchase("CDNOW_sample:1", "00004", Instant.parse("1997-01-01T05:00:00Z"), usd("29.33"), "", "",
                        Map.of("sample_id", "0001"), Map.of("cds", new BigDecimal(2)), List.of(), null, null),
                new Purchase("CDNOW_sample:4", "00005", Instant.parse("1997-01-01T05:00:00Z"), usd("0.00"), "", "",
                        Map.of("sample_id", "0002"), Map.of("cds", new BigDecimal(1)), List.of(), null, null));
        assertThat(loaded.problems()).containsExactly(
                new Problem("CDNOW_sample.txt:2 field dollar_value", "must be a decimal number, was \"x\""));
        assertThat(loaded.records()).isEqualTo(3);
    }

    @Test
    void a_cdnow_row_with_another_column_count_than_the_files_first_row_is_told_so_not_read_in_the_other_layout()
            throws IOException {
        // given: sample rows of 5 columns, one missing its dollar_value, one of 3 columns; and a master file
        Path sample = write("CDNOW_sample.txt", """
                 00001 0001 19970101  1   11.77
                 00005 0005 19970101  1
                 00006 0006 19970102
                 00007 0007 19970103  2   5.00
                """);
        Path master = write("CDNOW_master.txt", """
                 00001 19970101  1   11.77
                 00002 0002 19970101  1   5.00
                """);

        // when
        LoadedEvents fromSample = EventSources.load(sample, EventFormat.CDNOW, USD_NEW_YORK, false);
        LoadedEvents fromMaster = EventSources.load(master, EventFormat.CDNOW, USD_NEW_YORK, false);

        // then: row 2 used to read as a master row, its sample_id 0005 as the date
        assertThat(fromSample.events()).extracting(e -> e.id()).containsExactly("CDNOW_sample:1", "CDNOW_sample:4");
        assertThat(fromSample.problems()).containsExactly(
                new Problem("CDNOW_sample.txt:2", "has 4 columns, the file's rows have 5 (customer_id sample_id date"
                        + " number_of_cds dollar_value)"),
                new Problem("CDNOW_sample.txt:3", "has 3 columns, the file's rows have 5 (customer_id sample_id date"
                        + " number_of_cds dollar_value)"));
        assertThat(fromMaster.events()).extracting(e -> e.id()).containsExactly("CDNOW_master:1");
        assertThat(fromMaster.problems()).containsExactly(new Problem("CDNOW_master.txt:2",
                "has 5 columns, the file's rows have 4 (customer_id date number_of_cds dollar_value)"));
    }

    @Test
    void a_cdnow_first_row_that_does_not_read_is_one_bad_line_told_by_the_layout_of_the_first_row_that_reads()
            throws IOException {
        // given: a sample whose first row misses its dollar_value, then a row not UTF-8 (a no-break space in
        // Latin-1), then whole rows of 5 columns and one of 4
        Path file = Files.write(dir.resolve("CDNOW_sample.txt"), """
                 00004 0001 19970101  2
                 00005 0002 19970101  1   12.00\u00a0
                 00006 0003 19970102  1   11.77
                 00007 0004 19970103  2   5.00
                 00008 0005 19970103  2
                """.getBytes(StandardCharsets.ISO_8859_1));

        // when
        LoadedEvents loaded = EventSources.load(file, EventFormat.CDNOW, USD_NEW_YORK, false);

        // then: row 1 used to fix a layout of 4 columns, and every whole row was a bad line
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("CDNOW_sample:3", "CDNOW_sample:4");
        assertThat(loaded.problems()).containsExactly(
                new Problem("CDNOW_sample.txt:1", "has 4 columns, the file's rows have 5 (customer_id sample_id date"
                        + " number_of_cds dollar_value)"),
                new Problem("CDNOW_sample.txt:2", "not UTF-8 text (byte 0xA0 at line 2 is not UTF-8); save it as UTF-8"),
                new Problem("CDNOW_sample.txt:5", "has 4 columns, the file's rows have 5 (customer_id sample_id date"
                        + " number_of_cds dollar_value)"));
        assertThat(loaded.records()).isEqualTo(5);
    }

    @Test
    void cdnow_rows_none_of_which_reads_are_each_told_by_their_own_column_count() throws IOException {
        // given
        Path file = write("CDNOW_sample.txt", " 00001 0001 19970101  1\n 00002 0002 1997-13-01  1   5.00\n 00003\n");

        // when
        LoadedEvents loaded = EventSources.load(file, EventFormat.CDNOW, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).isEmpty();
        assertThat(loaded.problems()).extracting(Problem::location).containsExactly("CDNOW_sample.txt:1 field date",
                "CDNOW_sample.txt:2 field date", "CDNOW_sample.txt:3");
    }

    @Test
    void a_cdnow_row_of_neither_layout_before_the_first_good_one_names_both_layouts() throws IOException {
        // given
        Path file = write("CDNOW_sample.txt", " 00001 0001\n 00002 0002 19970101  1   5.00\n");

        // when
        LoadedEvents loaded = EventSources.load(file, EventFormat.CDNOW, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("CDNOW_sample:2");
        assertThat(loaded.problems()).containsExactly(new Problem("CDNOW_sample.txt:1", "has 2 columns, CDNOW rows"
                + " have 4 (customer_id date number_of_cds dollar_value) or 5 (customer_id sample_id date number_of_cds"
                + " dollar_value)"));
    }

    @Test
    void a_cdnow_row_of_zero_cds_is_a_purchase_with_cds_zero() throws IOException {
        // given: a row of 0 CDs and 0.00 dollars between two others (the reader refuses only counts below 0:
        // "must be >= 0")
        Path file = write("CDNOW_master.txt", """
                 00001 19970101  1   11.77
                 00001 19970102  0    0.00
                 00002 19970103  2   20.00
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.events()).hasSize(3).element(1).isEqualTo(
                new Purchase("CDNOW_master:2", "00001", Instant.parse("1997-01-02T05:00:00Z"), usd("0.00"), "", "",
                        Map.of(), Map.of("cds", BigDecimal.ZERO), List.of(), null, null));
    }

    @Test
    void a_cdnow_first_row_of_six_columns_is_one_bad_line_and_the_four_column_rows_read() throws IOException {
        // given: only a whole row of 4 or 5 columns fixes the file's layout, so the 6 columns of row 1 do not
        Path file = write("CDNOW_master.txt", """
                 00001 19970101  1   11.77  x  y
                 00001 19970102  1    5.00
                 00002 19970103  2   20.00
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, EventFormat.CDNOW, USD_NEW_YORK, false);

        // then
        assertThat(loaded.problems()).containsExactly(new Problem("CDNOW_master.txt:1", "has 6 columns, CDNOW rows"
                + " have 4 (customer_id date number_of_cds dollar_value) or 5 (customer_id sample_id date number_of_cds"
                + " dollar_value)"));
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("CDNOW_master:2", "CDNOW_master:3");
    }

    @Test
    void online_retail_invoices_become_purchases_and_matched_cancellations_refunds() throws IOException {
        // given: 536365 bought 6 + 2 lanterns; C536391 cancels 2 lanterns; C536392 cancels a discount (no match);
        // a row without customer is skipped
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536365,71053,WHITE METAL LANTERN,2,2010-12-01 08:26:00,3.385,17850.0,United Kingdom
                536365,POST,POSTAGE,1,2010-12-01 08:26:00,1.0,17850.0,United Kingdom
                536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom
                C536391,71053,WHITE METAL LANTERN,-2,2010-12-01 10:24:00,3.39,17850.0,United Kingdom
                C536392,D,Discount,-1,2010-12-01 10:30:00,27.5,17850.0,United Kingdom
                536393,22633,HAND WARMER,x,2010-12-01 10:40:00,1.85,17850.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: 15.30 + 6.77 + 1.00 = 23.07; refund 2 x 3.39 = 6.78; times are UK local (GMT in December)
        assertThat(loaded.format()).isEqualTo(EventFormat.ONLINE_RETAIL);
        assertThat(loaded.events()).containsExactly(
                new Purchase("536365", "17850", Instant.parse("2010-12-01T08:26:00Z"), usd("23.07"), "", "",
                        Map.of("country", "United Kingdom"), Map.of(), List.of(), usd("1.00"), null),
                new Refund("C536391", "17850", Instant.parse("2010-12-01T10:24:00Z"), "536365", usd("6.78"),
                        Map.of("country", "United Kingdom")));
        assertThat(loaded.problems()).containsExactly(
                new Problem("online_retail.csv:8 field Quantity", "must be an integer, was \"x\""));
        assertThat(loaded.counts()).containsExactly(Map.entry("rows", 7L), Map.entry("rowsWithoutCustomer", 1L),
                Map.entry("invoices", 3L), Map.entry("purchases", 1L), Map.entry("cancellations", 2L),
                Map.entry("refunds", 1L), Map.entry("cancellationsUnmatched", 1L),
                Map.entry("cancellationsPartlyMatched", 0L), Map.entry("cancellationsSplit", 0L),
                Map.entry("creditNotesMatched", 0L), Map.entry("cancellationsNothingLeft", 0L),
                Map.entry("invoicesNegative", 0L), Map.entry("adjustmentsSkipped", 0L));
        assertThat(loaded.unsent()).containsExactly(
                new LoadedEvents.Unsent("C536392", "17850", "cancellation matches no earlier invoice of the customer"
                        + " (1 x D at 27.5; its value 27.5 equals what is left of no invoice)"),
                new LoadedEvents.Unsent("536393", "17850", "not sent: all its lines are bad (line 8 field Quantity:"
                        + " must be an integer, was \"x\")"),
                new LoadedEvents.Unsent("536366", "", "no CustomerID on 1 row: no member to credit"));
    }

    @Test
    void an_online_retail_invoice_with_a_bad_line_is_sent_without_it_and_listed_as_sent_in_part() throws IOException {
        // given: invoice 536400 of two lines, the second with a UnitPrice that does not read
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536400,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom
                536400,71053,WHITE METAL LANTERN,2,2010-12-01 08:28:00,3.3x,17850.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: 6 x 1.85 = 11.10 is sent; the lantern line is a bad line, and the invoice says it was sent in part
        assertThat(loaded.events()).containsExactly(
                new Purchase("536400", "17850", Instant.parse("2010-12-01T08:28:00Z"), usd("11.10"), "", "",
                        Map.of("country", "United Kingdom"), Map.of(), List.of(), usd("0.00"), null));
        assertThat(loaded.problems()).containsExactly(
                new Problem("online_retail.csv:3 field UnitPrice", "must be a decimal number, was \"3.3x\""));
        assertThat(loaded.unsent()).containsExactly(new LoadedEvents.Unsent("536400", "17850",
                "sent in part, without its bad line (line 3 field UnitPrice: must be a decimal number, was \"3.3x\")"));
    }

    @Test
    void a_dataset_line_that_is_not_utf8_is_a_bad_line_of_its_record_and_the_other_lines_are_read() throws IOException {
        // given: files saved as Latin-1: an invoice line of a CAFÉ mug, and a CDNOW row ending in a no-break space
        Path retail = Files.write(dir.resolve("online_retail.csv"), """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536400,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom
                536400,21000,CAFÉ MUG,2,2010-12-01 08:28:00,3.30,17850.0,United Kingdom
                """.getBytes(StandardCharsets.ISO_8859_1));
        Path cdnow = Files.write(dir.resolve("CDNOW_sample.txt"), """
                 00004 0001 19970101  2   29.33
                 00005 0002 19970101  1   12.00 
                """.getBytes(StandardCharsets.ISO_8859_1));

        // when
        LoadedEvents fromRetail = EventSources.load(retail, null, USD_NEW_YORK, false);
        LoadedEvents fromCdnow = EventSources.load(cdnow, null, USD_NEW_YORK, false);

        // then: the invoice is sent without the mug and says so
        assertThat(fromRetail.events()).containsExactly(
                new Purchase("536400", "17850", Instant.parse("2010-12-01T08:28:00Z"), usd("11.10"), "", "",
                        Map.of("country", "United Kingdom"), Map.of(), List.of(), usd("0.00"), null));
        assertThat(fromRetail.problems()).containsExactly(new Problem("online_retail.csv:3",
                "not UTF-8 text (byte 0xC9 at line 3 is not UTF-8); save it as UTF-8"));
        assertThat(fromRetail.unsent()).containsExactly(new LoadedEvents.Unsent("536400", "17850", "sent in part,"
                + " without its bad line (line 3: not UTF-8 text (byte 0xC9 at line 3 is not UTF-8); save it as UTF-8)"));
        assertThat(fromCdnow.events()).extracting(e -> e.id()).containsExactly("CDNOW_sample:1");
        assertThat(fromCdnow.problems()).containsExactly(new Problem("CDNOW_sample.txt:2",
                "not UTF-8 text (byte 0xA0 at line 2 is not UTF-8); save it as UTF-8"));
        assertThat(fromCdnow.records()).isEqualTo(2);
    }

    @Test
    void a_dataset_row_after_a_description_spanning_lines_is_refused_for_its_own_byte_and_the_next_row_is_read()
            throws IOException {
        // given: Latin-1, the Description of 536300 quoted over lines 2-3, the CAFÉ mug of 536301 on line 4
        Path file = Files.write(dir.resolve("online_retail.csv"), """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536300,22111,"TWO
                LINES",10,2010-12-01 10:00:00,1.70,100.0,United Kingdom
                536301,22112,CAFÉ MUG,1,2010-12-01 11:00:00,5.00,101.0,United Kingdom
                536302,22113,PLAIN,2,2010-12-01 12:00:00,3.00,102.0,United Kingdom
                """.getBytes(StandardCharsets.ISO_8859_1));

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: 536301 is not sent, told at line 4; 536302 is
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("536300", "536302");
        assertThat(loaded.problems()).containsExactly(new Problem("online_retail.csv:4",
                "not UTF-8 text (byte 0xC9 at line 4 is not UTF-8); save it as UTF-8"));
        assertThat(loaded.unsent()).containsExactly(new LoadedEvents.Unsent("536301", "101", "not sent: all its lines"
                + " are bad (line 4: not UTF-8 text (byte 0xC9 at line 4 is not UTF-8); save it as UTF-8)"));
    }

    @Test
    void an_online_retail_cancellation_refunds_the_latest_invoice_dated_before_it_whatever_the_file_order()
            throws IOException {
        // given: the file in reverse date order; C536400 of 2010-12-03 cancels 2 jars bought on 12-01, not on 12-05
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536500,22960,JAM,10,2010-12-05 10:00:00,4.25,13047.0,United Kingdom
                C536400,22960,JAM,-2,2010-12-03 10:00:00,4.25,13047.0,United Kingdom
                536300,22960,JAM,10,2010-12-01 10:00:00,4.25,13047.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: the events in the file's order; the refund of 536300, which the replay applies in time
        assertThat(loaded.events()).containsExactly(
                new Purchase("536500", "13047", Instant.parse("2010-12-05T10:00:00Z"), usd("42.50"), "", "",
                        Map.of("country", "United Kingdom"), Map.of(), List.of(), usd("0.00"), null),
                new Refund("C536400", "13047", Instant.parse("2010-12-03T10:00:00Z"), "536300", usd("8.50"),
                        Map.of("country", "United Kingdom")),
                new Purchase("536300", "13047", Instant.parse("2010-12-01T10:00:00Z"), usd("42.50"), "", "",
                        Map.of("country", "United Kingdom"), Map.of(), List.of(), usd("0.00"), null));
        assertThat(loaded.unsent()).isEmpty();
    }

    @Test
    void an_online_retail_invoice_of_negative_total_and_an_adjustment_are_listed_as_unsent_with_their_reason()
            throws IOException {
        // given: 536301 returns 3 jars without being a cancellation; A536302 adjusts a bad debt
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536300,22960,JAM,10,2010-12-01 10:00:00,4.25,13047.0,United Kingdom
                536301,22961,JAM2,-3,2010-12-03 08:34:00,4.25,13047.0,United Kingdom
                A536302,B,Adjust bad debt,1,2010-12-03 09:00:00,100.00,13047.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("536300");
        assertThat(loaded.counts()).containsEntry("invoicesNegative", 1L).containsEntry("adjustmentsSkipped", 1L);
        assertThat(loaded.unsent()).containsExactly(
                new LoadedEvents.Unsent("536301", "13047", "not sent: its total is negative (-12.75), and only a"
                        + " cancellation (prefix C) refunds"),
                new LoadedEvents.Unsent("A536302", "13047", "not sent: an accounting adjustment (prefix A), neither"
                        + " a purchase nor a cancellation"));
    }

    @Test
    void an_online_retail_row_repeated_identically_is_a_line_of_its_invoice_each_time() throws IOException {
        // given: invoice 536409 of the shipped file lists one hand warmer at 2.10 twice (5,225 rows there repeat one)
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536409,22866,HAND WARMER SCOTTY DOG DESIGN,1,2010-12-01 11:45:00,2.1,17908.0,United Kingdom
                536409,22866,HAND WARMER SCOTTY DOG DESIGN,1,2010-12-01 11:45:00,2.1,17908.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: 2 x 2.10, not 2.10
        assertThat(loaded.events()).containsExactly(
                new Purchase("536409", "17908", Instant.parse("2010-12-01T11:45:00Z"), usd("4.20"), "", "",
                        Map.of("country", "United Kingdom"), Map.of(), List.of(), usd("0.00"), null));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.unsent()).isEmpty();
    }

    @Test
    void online_retail_cancellations_refund_the_invoices_their_lines_match_by_code_and_price() throws IOException {
        // given: customer 1 bought 10 + 10 hand warmers and 5 lanterns in two invoices, then cancels 15 warmers (more
        // than either invoice holds) and 8 lanterns (3 more than bought); customer 2 bought 60 baskets at 4.95, then
        // 60 "at 649.50" (mis-keyed), got a manual credit note for exactly that invoice, cancelled the 60 at 4.95, and
        // got a manual credit of 10.00 that equals no invoice
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                1001,22633,HAND WARMER,10,2011-06-01 10:00:00,1.00,1.0,United Kingdom
                1001,71053,WHITE METAL LANTERN,5,2011-06-01 10:00:00,2.00,1.0,United Kingdom
                1002,22633,HAND WARMER,10,2011-06-02 10:00:00,1.00,1.0,United Kingdom
                C1003,22633,HAND WARMER,-15,2011-06-03 10:00:00,1.00,1.0,United Kingdom
                1004,22502,SMALL BASKET,60,2011-06-10 15:22:00,4.95,2.0,United Kingdom
                1005,22502,60 PIECES,60,2011-06-10 15:28:00,649.5,2.0,United Kingdom
                C1006,M,Manual,-1,2011-06-10 15:31:00,38970.00,2.0,United Kingdom
                C1007,22502,SMALL BASKET,-60,2011-06-10 15:39:00,4.95,2.0,United Kingdom
                C1008,M,Manual,-1,2011-06-10 15:45:00,10.00,2.0,United Kingdom
                C1009,71053,WHITE METAL LANTERN,-8,2011-06-04 10:00:00,2.00,1.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: C1003 takes 10 from the latest invoice 1002 and 5 from 1001 (two refunds); the credit note C1006 is
        // the whole of 1005; C1007 matches 1004 by its price, not the later 1005; C1008 matches nothing; C1009 gets
        // the 5 lanterns there were (10.00), the other 3 match nothing
        Map<String, String> country = Map.of("country", "United Kingdom");
        assertThat(loaded.events()).filteredOn(e -> e instanceof Refund).containsExactly(
                new Refund("C1003/1002", "1", Instant.parse("2011-06-03T09:00:00Z"), "1002", usd("10.00"), country),
                new Refund("C1003/1001", "1", Instant.parse("2011-06-03T09:00:00Z"), "1001", usd("5.00"), country),
                new Refund("C1006", "2", Instant.parse("2011-06-10T14:31:00Z"), "1005", usd("38970.00"), country),
                new Refund("C1007", "2", Instant.parse("2011-06-10T14:39:00Z"), "1004", usd("297.00"), country),
                new Refund("C1009", "1", Instant.parse("2011-06-04T09:00:00Z"), "1001", usd("10.00"), country));
        assertThat(loaded.counts()).containsExactly(Map.entry("rows", 10L), Map.entry("rowsWithoutCustomer", 0L),
                Map.entry("invoices", 9L), Map.entry("purchases", 4L), Map.entry("cancellations", 5L),
                Map.entry("refunds", 5L), Map.entry("cancellationsUnmatched", 1L),
                Map.entry("cancellationsPartlyMatched", 1L), Map.entry("cancellationsSplit", 1L),
                Map.entry("creditNotesMatched", 1L), Map.entry("cancellationsNothingLeft", 0L),
                Map.entry("invoicesNegative", 0L), Map.entry("adjustmentsSkipped", 0L));
        assertThat(loaded.unsent()).containsExactly(
                new LoadedEvents.Unsent("C1008", "2", "cancellation matches no earlier invoice of the customer"
                        + " (1 x M at 10; its value 10 equals what is left of no invoice)"),
                new LoadedEvents.Unsent("C1009", "1", "refunded in part: 3 x 71053 at 2 match no earlier invoice of"
                        + " the customer"));
    }

    @Test
    void an_online_retail_invoice_of_postage_only_has_all_of_it_as_delivery() throws IOException {
        // given: an invoice of one POST line (postage lines are the purchase's delivery, even when they are all of it,
        // so a program that excludes delivery earns nothing on it)
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536400,POST,POSTAGE,1,2011-06-01 10:00:00,18.00,12345.0,France
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: 10:00 UK local is 09:00Z in June (BST)
        assertThat(loaded.events()).containsExactly(
                new Purchase("536400", "12345", Instant.parse("2011-06-01T09:00:00Z"), usd("18.00"), "", "",
                        Map.of("country", "France"), Map.of(), List.of(), usd("18.00"), null));
    }

    @Test
    void an_online_retail_refund_at_a_higher_price_is_capped_at_the_invoice_amount() throws IOException {
        // given: a lantern bought at 10.00 and cancelled at 12.00 (a refund is capped at what is left of its invoice)
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536402,22333,LANTERN,1,2011-06-02 09:00:00,10.00,12348.0,United Kingdom
                C536403,22333,LANTERN,-1,2011-06-03 09:00:00,12.00,12348.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: 10.00, not 12.00
        assertThat(loaded.events()).filteredOn(e -> e instanceof Refund).containsExactly(
                new Refund("C536403", "12348", Instant.parse("2011-06-03T08:00:00Z"), "536402", usd("10.00"),
                        Map.of("country", "United Kingdom")));
    }

    @Test
    void a_cancellation_after_a_credit_note_for_the_whole_invoice_matches_no_line() throws IOException {
        // given: 5 candles at 10.00, a credit note of 50.00 (the whole invoice), then 2 of the candles cancelled
        // (quantities are tracked across cancellations: the credit note took all 5)
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536404,22444,CANDLE,5,2011-06-02 09:00:00,10.00,12349.0,United Kingdom
                C536405,M,Manual,-1,2011-06-03 09:00:00,50.00,12349.0,United Kingdom
                C536406,22444,CANDLE,-2,2011-06-04 09:00:00,10.00,12349.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).filteredOn(e -> e instanceof Refund).containsExactly(
                new Refund("C536405", "12349", Instant.parse("2011-06-03T08:00:00Z"), "536404", usd("50.00"),
                        Map.of("country", "United Kingdom")));
        assertThat(loaded.counts()).containsEntry("creditNotesMatched", 1L).containsEntry("cancellationsUnmatched", 1L)
                .containsEntry("cancellationsNothingLeft", 0L);
        assertThat(loaded.unsent()).containsExactly(new LoadedEvents.Unsent("C536406", "12349",
                "cancellation matches no earlier invoice of the customer (2 x 22444 at 10)"));
    }

    @Test
    void a_blank_line_in_an_online_retail_file_is_no_row_and_no_problem() throws IOException {
        // given: an empty line between two rows (the RFC 4180 format reads it as a row of one field; the reader skips it)
        Path file = write("retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom

                536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.records()).isEqualTo(2);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("536365", "536366");
    }

    @Test
    void complete_journey_baskets_become_purchases_with_categorised_lines_in_time_order() throws IOException {
        // given
        write("products.csv.gz", """
                "product_id","manufacturer_id","department","brand","product_category","product_type","package_size"
                "940996","69","GROCERY","Private","FRZN ICE","ICE - CRUSHED/CUBED","22 LB"
                "873902","2","MISCELLANEOUS","National",NA,NA,NA
                """);
        Path file = write("transactions_sample.csv.gz", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "2261","309","31625220889","940996",1,3.86,0.43,0,0,5,"2017-01-28T19:06:53Z"
                "2131","368","32053127496","873902",1,1.59,0.9,0,0,10,"2017-03-01T03:31:57Z"
                "2261","309","31625220889","873902",2,4.440892e-16,0,0,0,5,"2017-01-28T19:06:53Z"
                "2131","368","30000000001","940996",0,0,0,0,0,1,"2017-01-02T10:00:00Z"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.format()).isEqualTo(EventFormat.COMPLETEJOURNEY);
        assertThat(loaded.events()).containsExactly(
                new Purchase("30000000001", "2131", Instant.parse("2017-01-02T10:00:00Z"), usd("0.00"), "", "",
                        Map.of("store", "368"), Map.of(),
                        List.of(PurchaseLine.of("940996", "FRZN ICE", 0, usd("0.00"))), null, null),
                new Purchase("31625220889", "2261", Instant.parse("2017-01-28T19:06:53Z"), usd("3.86"), "", "",
                        Map.of("store", "309"), Map.of(),
                        List.of(PurchaseLine.of("940996", "FRZN ICE", 1, usd("3.86")),
                                PurchaseLine.of("873902", "", 2, usd("0.00"))), null, null),
                new Purchase("32053127496", "2131", Instant.parse("2017-03-01T03:31:57Z"), usd("1.59"), "", "",
                        Map.of("store", "368"), Map.of(), List.of(PurchaseLine.of("873902", "", 1, usd("1.59"))),
                        null, null));
        assertThat(loaded.counts()).containsExactly(Map.entry("rows", 4L), Map.entry("baskets", 3L),
                Map.entry("purchases", 3L), Map.entry("basketsSentInPart", 0L), Map.entry("basketsNotSent", 0L),
                Map.entry("linesWithCategory", 2L));
        assertThat(loaded.unsent()).isEmpty();
    }

    @Test
    void complete_journey_baskets_of_the_same_instant_are_sent_in_basket_id_order() throws IOException {
        // given: two baskets of household 900 at the same second, the higher basket id first in the file (a replay
        // keeps the input order of a member's events of one instant, so the order decides e.g. which meets a cap)
        Path file = write("transactions.csv", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "900","309","31625220889","940996",1,3.86,0.43,0,0,5,"2017-01-28T19:06:53Z"
                "900","309","31625220777","873902",1,1.59,0.9,0,0,5,"2017-01-28T19:06:53Z"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("31625220777", "31625220889");
    }

    @Test
    void a_complete_journey_basket_with_bad_lines_is_sent_without_them_or_not_at_all_and_listed_as_unsent()
            throws IOException {
        // given: B1 has a return line (negative sales_value); all of B2's lines are bad (a return, a negative
        // quantity); B3's only line has no household
        Path file = write("transactions_sample.csv", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "2261","309","B1","940996",1,5.00,0,0,0,5,"2017-01-28T19:06:53Z"
                "2261","309","B1","873902",1,-2.00,0,0,0,5,"2017-01-28T19:06:53Z"
                "2131","368","B2","940996",1,-3.00,0,0,0,5,"2017-01-29T10:00:00Z"
                "2131","368","B2","873902",-1,1.00,0,0,0,5,"2017-01-29T10:00:00Z"
                "","368","B3","940996",1,6.00,0,0,0,5,"2017-01-30T10:00:00Z"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).containsExactly(
                new Purchase("B1", "2261", Instant.parse("2017-01-28T19:06:53Z"), usd("5.00"), "", "",
                        Map.of("store", "309"), Map.of(), List.of(PurchaseLine.of("940996", "", 1, usd("5.00"))),
                        null, null));
        assertThat(loaded.problems()).containsExactly(
                new Problem("transactions_sample.csv:3 field sales_value", "must be >= 0, was -2.00"),
                new Problem("transactions_sample.csv:4 field sales_value", "must be >= 0, was -3.00"),
                new Problem("transactions_sample.csv:5 field quantity", "must be >= 0, was -1"),
                new Problem("transactions_sample.csv:6 field household_id", "is required"));
        assertThat(loaded.unsent()).containsExactly(
                new LoadedEvents.Unsent("B1", "2261", "sent in part, without its bad line (line 3 field sales_value:"
                        + " must be >= 0, was -2.00)"),
                new LoadedEvents.Unsent("B2", "2131", "not sent: all its lines are bad (line 4 field sales_value:"
                        + " must be >= 0, was -3.00; line 5 field quantity: must be >= 0, was -1)"),
                new LoadedEvents.Unsent("B3", "", "not sent: all its lines are bad (line 6 field household_id:"
                        + " is required)"));
        assertThat(loaded.counts()).containsExactly(Map.entry("rows", 5L), Map.entry("baskets", 3L),
                Map.entry("purchases", 1L), Map.entry("basketsSentInPart", 1L), Map.entry("basketsNotSent", 2L),
                Map.entry("linesWithCategory", 0L));
    }

    @Test
    void a_complete_journey_line_of_another_household_than_its_basket_is_a_bad_line_and_the_basket_is_sent_in_part()
            throws IOException {
        // given: basket B8 is household 90008's (line 2), then a line of 90009 in it
        Path file = write("transactions_sample.csv", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "90008","309","B8","940996",1,3.00,0,0,0,5,"2017-02-04T19:06:53Z"
                "90009","309","B8","873902",1,4.00,0,0,0,5,"2017-02-04T19:06:53Z"
                "90008","309","B8","873902",2,1.50,0,0,0,5,"2017-02-04T19:06:53Z"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: 90009 is credited nothing, 90008 the lines that are its
        assertThat(loaded.events()).containsExactly(
                new Purchase("B8", "90008", Instant.parse("2017-02-04T19:06:53Z"), usd("4.50"), "", "",
                        Map.of("store", "309"), Map.of(), List.of(PurchaseLine.of("940996", "", 1, usd("3.00")),
                                PurchaseLine.of("873902", "", 2, usd("1.50"))), null, null));
        assertThat(loaded.problems()).containsExactly(new Problem("transactions_sample.csv:3 field household_id",
                "\"90009\" differs from basket B8's household \"90008\" (line 2)"));
        assertThat(loaded.unsent()).containsExactly(new LoadedEvents.Unsent("B8", "90008", "sent in part, without its"
                + " bad line (line 3 field household_id: \"90009\" differs from basket B8's household \"90008\""
                + " (line 2))"));
    }

    @Test
    void a_complete_journey_line_at_another_time_than_its_basket_is_a_bad_line_and_the_basket_is_sent_in_part()
            throws IOException {
        // given: basket B9 at 19:06:53 UTC (line 2); line 3 an hour later; line 4 the same instant in another offset
        Path file = write("transactions_sample.csv", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "90010","309","B9","940996",1,3.00,0,0,0,5,"2017-02-05T19:06:53Z"
                "90010","309","B9","873902",1,3.00,0,0,0,5,"2017-02-05T20:06:53Z"
                "90010","309","B9","873902",1,2.00,0,0,0,5,"2017-02-05T14:06:53-05:00"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).containsExactly(
                new Purchase("B9", "90010", Instant.parse("2017-02-05T19:06:53Z"), usd("5.00"), "", "",
                        Map.of("store", "309"), Map.of(), List.of(PurchaseLine.of("940996", "", 1, usd("3.00")),
                                PurchaseLine.of("873902", "", 1, usd("2.00"))), null, null));
        assertThat(loaded.problems()).containsExactly(new Problem("transactions_sample.csv:3 field"
                + " transaction_timestamp", "2017-02-05T20:06:53Z differs from basket B9's time 2017-02-05T19:06:53Z"
                + " (line 2)"));
        assertThat(loaded.unsent()).containsExactly(new LoadedEvents.Unsent("B9", "90010", "sent in part, without its"
                + " bad line (line 3 field transaction_timestamp: 2017-02-05T20:06:53Z differs from basket B9's time"
                + " 2017-02-05T19:06:53Z (line 2))"));
    }

    @Test
    void a_complete_journey_sales_value_with_more_decimals_than_cents_is_a_bad_line_not_rounded() throws IOException {
        // given: 1.234 and 1.235 have a third decimal; 4.440892e-16 is R's float noise for 0.00 (above it) and
        // 2.9899999999999998 the noise of 2.99 (below it); 2.5 has one decimal
        Path file = write("transactions_sample.csv", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "91001","309","C1","940996",1,1.234,0,0,0,5,"2017-01-28T19:06:53Z"
                "91002","309","C2","940996",1,2.5,0,0,0,5,"2017-01-28T19:06:53Z"
                "91002","309","C2","873902",1,1.235,0,0,0,5,"2017-01-28T19:06:53Z"
                "91002","309","C2","873902",2,4.440892e-16,0,0,0,5,"2017-01-28T19:06:53Z"
                "91002","309","C2","1004906",1,2.9899999999999998,0,0,0,5,"2017-01-28T19:06:53Z"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).containsExactly(
                new Purchase("C2", "91002", Instant.parse("2017-01-28T19:06:53Z"), usd("5.49"), "", "",
                        Map.of("store", "309"), Map.of(), List.of(PurchaseLine.of("940996", "", 1, usd("2.50")),
                                PurchaseLine.of("873902", "", 2, usd("0.00")),
                                PurchaseLine.of("1004906", "", 1, usd("2.99"))), null, null));
        assertThat(loaded.problems()).containsExactly(
                new Problem("transactions_sample.csv:2 field sales_value", "must have at most 2 decimals for USD,"
                        + " was 1.234"),
                new Problem("transactions_sample.csv:4 field sales_value", "must have at most 2 decimals for USD,"
                        + " was 1.235"));
        assertThat(loaded.unsent()).containsExactly(
                new LoadedEvents.Unsent("C1", "91001", "not sent: all its lines are bad (line 2 field sales_value:"
                        + " must have at most 2 decimals for USD, was 1.234)"),
                new LoadedEvents.Unsent("C2", "91002", "sent in part, without its bad line (line 4 field sales_value:"
                        + " must have at most 2 decimals for USD, was 1.235)"));
    }

    @Test
    void a_complete_journey_file_without_products_beside_it_is_read_uncategorised_with_a_warning() throws IOException {
        // given: no products.csv.gz in the folder
        Path file = write("transactions_sample.csv", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "2261","309","31625220889","940996",1,3.86,0.43,0,0,5,"2017-01-28T19:06:53Z"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).extracting(e -> ((Purchase) e).lines().get(0).category()).containsExactly("");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.warnings()).containsExactly(new Problem(dir.resolve("products.csv.gz").toString(),
                "not found, so no line of transactions_sample.csv has a product category: the program's category"
                        + " exclusions and category line bonuses cannot apply to them"));
        assertThat(loaded.counts()).containsEntry("linesWithCategory", 0L);
    }

    @Test
    void a_purchase_csv_with_a_forced_format_is_read_whatever_its_extension() throws IOException {
        // given
        Path file = write("export.data", "member,date,amount\nm1,2025-03-03,10.00\n");

        // when
        LoadedEvents loaded = EventSources.load(file, EventFormat.CSV, USD_NEW_YORK, false);

        // then: .data is not a known extension, so it stays in the id
        assertThat(loaded.events()).containsExactly(Purchase.of("export.data:2", "m1", Instant.parse("2025-03-03T05:00:00Z"),
                usd("10.00")));
    }

    @Test
    void a_json_lines_file_forced_to_csv_is_a_problem_at_its_first_line_not_an_exception() throws IOException {
        // given
        Path file = write("base.jsonl", "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-03\","
                + "\"amount\":\"10.00\"}\n");

        // when
        LoadedEvents loaded = EventSources.load(file, EventFormat.CSV, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).isEmpty();
        assertThat(loaded.problems()).containsExactly(new Problem("base.jsonl:1",
                "not a CSV record: a quoted field goes on after its closing quote at column 18; is the file CSV?"));
    }

    @Test
    void an_online_retail_row_with_too_few_fields_is_a_problem_of_its_line_and_the_others_are_read() throws IOException {
        // given
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536366,85123A,HEART,6
                536367,22633,HAND WARMER,2,2010-12-01 08:28:00,1.85,17850.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("536365", "536367");
        assertThat(loaded.problems()).containsExactly(new Problem("online_retail.csv:3", "has 4 fields, the header has 8"));
        assertThat(loaded.counts()).containsEntry("rows", 3L);
    }

    @Test
    void an_online_retail_header_without_a_needed_column_names_it_and_nothing_is_read() throws IOException {
        // given
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID
                536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).isEmpty();
        assertThat(loaded.problems()).containsExactly(new Problem("online_retail.csv:1", "header must name the columns"
                + " [InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country]; missing [Country],"
                + " was [InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID]"));
    }

    @Test
    void an_unclosed_quote_in_a_dataset_stops_the_reading_at_its_line_with_a_problem() throws IOException {
        // given
        Path file = write("online_retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536366,85123A,"HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536367,22633,HAND WARMER,2,2010-12-01 08:28:00,1.85,17850.0,United Kingdom
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then
        assertThat(loaded.events()).extracting(e -> e.id()).containsExactly("536365");
        assertThat(loaded.problems()).containsExactly(new Problem("online_retail.csv:3", "is not readable CSV"
                + " ((startline 3) EOF reached before encapsulated token finished); the rows after it are not read"));
    }

    @Test
    void a_short_products_row_is_a_problem_of_the_products_file() throws IOException {
        // given
        write("products.csv.gz", """
                "product_id","manufacturer_id","department","brand","product_category","product_type","package_size"
                "940996","69","GROCERY"
                """);
        Path file = write("transactions_sample.csv.gz", """
                "household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","coupon_disc","coupon_match_disc","week","transaction_timestamp"
                "2261","309","31625220889","940996",1,3.86,0.43,0,0,5,"2017-01-28T19:06:53Z"
                """);

        // when
        LoadedEvents loaded = EventSources.load(file, null, USD_NEW_YORK, false);

        // then: the purchase is read, without the category the bad row would have given
        assertThat(loaded.events()).extracting(e -> ((Purchase) e).lines().get(0).category()).containsExactly("");
        assertThat(loaded.problems()).containsExactly(new Problem("products.csv.gz:2", "has 3 fields, the header has 7"));
    }
}
