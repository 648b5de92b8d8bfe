package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.Problem;

class EventReaderCsvTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final EventReader reader = EventReader.of(NEW_YORK, Currency.getInstance("USD"));

    private EventBatch read(String text) {
        return reader.readCsv(new StringReader(text), "purchases.csv");
    }

    @Test
    void purchases_get_dates_in_the_program_zone_and_generated_ids_from_file_stem_and_line() {
        // when
        EventBatch batch = read("""
                member,date,amount
                00001,19970101,11.77
                00002,1997-01-12,12
                00003,1997-01-12T15:30:00Z,0.00
                """);

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.records()).isEqualTo(3);
        assertThat(batch.events()).containsExactly(
                Purchase.of("purchases:2", "00001", Instant.parse("1997-01-01T05:00:00Z"), Money.of("11.77", "USD")),
                Purchase.of("purchases:3", "00002", Instant.parse("1997-01-12T05:00:00Z"), Money.of("12.00", "USD")),
                Purchase.of("purchases:4", "00003", Instant.parse("1997-01-12T15:30:00Z"), Money.of("0.00", "USD")));
    }

    @Test
    void partner_and_channel_columns_in_any_case_name_the_purchase_partner_and_channel() {
        // when
        EventBatch batch = read("""
                member,date,amount,Partner,CHANNEL
                m1,2025-03-01,500.00,grocer,app
                m2,2025-03-01,20.00,,
                """);

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                new Purchase("purchases:2", "m1", Instant.parse("2025-03-01T05:00:00Z"), Money.of("500.00", "USD"),
                        "app", "grocer", Map.of(), Map.of(), List.of(), null, null),
                Purchase.of("purchases:3", "m2", Instant.parse("2025-03-01T05:00:00Z"), Money.of("20.00", "USD")));
    }

    @Test
    void a_tier_in_a_tier_column_is_a_bad_line_because_the_tier_is_the_members() {
        // when
        EventBatch batch = read("""
                member,date,amount,Tier
                m1,2025-03-01,100.00,reserve
                m2,2025-03-01,20.00,
                """);

        // then: an empty cell names no tier
        assertThat(batch.problems()).containsExactly(new Problem("purchases.csv:2 field tier",
                "must not be set on a purchase, was \"reserve\": the tier is the member's, decided by the engine"));
        assertThat(batch.events()).containsExactly(
                Purchase.of("purchases:3", "m2", Instant.parse("2025-03-01T05:00:00Z"), Money.of("20.00", "USD")));
    }

    @Test
    void optional_columns_give_id_currency_and_a_category_line_and_other_columns_become_attributes() {
        // when
        EventBatch batch = read("""
                ID,Member,Date,Amount,Category,Currency,Store
                inv-1,m1,2025-03-03,"1,000.00",shoes,USD,Lyon
                ,m2,2025-03-04,30.50,,EUR,
                """.replace("\"1,000.00\"", "1000.00"));

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                new Purchase("inv-1", "m1", Instant.parse("2025-03-03T05:00:00Z"), Money.of("1000.00", "USD"), "", "",
                        Map.of("Store", "Lyon"), Map.of(),
                        List.of(PurchaseLine.of("", "shoes", 1, Money.of("1000.00", "USD"))), null, null),
                Purchase.of("purchases:3", "m2", Instant.parse("2025-03-04T05:00:00Z"), Money.of("30.50", "EUR")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing member      | ,19970101,1.00          | purchases.csv:2 field member   | is required
            missing date        | m1,,1.00                | purchases.csv:2 field date     | is required
            missing amount      | m1,19970101,            | purchases.csv:2 field amount   | is required
            non-numeric amount  | m1,19970101,abc         | purchases.csv:2 field amount   | must be a decimal number, was "abc"
            negative amount     | m1,19970101,-3.50       | purchases.csv:2 field amount   | must be >= 0, was -3.50
            too many decimals   | m1,19970101,3.505       | purchases.csv:2 field amount   | must have at most 2 decimals for USD, was 3.505
            unknown currency    | m1,19970101,3.50,,,ABC  | purchases.csv:2 field currency | must be an ISO 4217 currency code, was "ABC"
            absurd date         | m1,19971345,3.50        | purchases.csv:2 field date     | must be an ISO instant with Z or an offset (2025-03-03T10:00:00Z, 2025-03-03T11:00:00+01:00), a local date-time in the program's zone (2025-03-03T10:00:00), an ISO date (2025-03-03) or YYYYMMDD, was "19971345"
            date in year 9999   | m1,99990101,3.50        | purchases.csv:2 field date     | must be a time in the years 1900..2199 (UTC), was "99990101"
            too few fields      | m1,19970101             | purchases.csv:2 field amount   | is required
            too many fields     | m1,19970101,1,,,USD,x   | purchases.csv:2                | has 7 fields, the header has 6
            """)
    void a_bad_record_is_reported_with_line_and_field_and_reading_goes_on(String situation, String record,
                                                                        String location, String message) {
        // when
        EventBatch batch = read("member,date,amount,id,category,currency\n" + record + "\nm9,19970102,1.00\n");

        // then
        assertThat(batch.problems()).containsExactly(new Problem(location, message));
        assertThat(batch.events()).extracting(e -> e.id()).containsExactly("purchases:3");
        assertThat(batch.records()).isEqualTo(2);
    }

    @Test
    void a_header_missing_a_required_column_lists_every_optional_column_the_reader_reads_as_a_field() {
        // when: the member column misspelt beside a channel column
        EventBatch batch = read("memeber,date,amount,channel\nm1,2025-03-01,10.00,app\n");

        // then: channel (and partner) are named among the optional columns, not left to look unknown
        assertThat(batch.problems()).containsExactly(new Problem("purchases.csv:1", "header must name the columns "
                + "member, date, amount (optional: id, category, currency, partner, channel); missing [member], was "
                + "[memeber, date, amount, channel]"));
    }

    @Test
    void a_header_without_the_required_columns_is_one_problem_at_line_one() {
        // when
        EventBatch batch = read("customer,when,value\nm1,19970101,1.00\n");

        // then
        assertThat(batch.events()).isEmpty();
        assertThat(batch.problems()).containsExactly(new Problem("purchases.csv:1", "header must name the columns member, "
                + "date, amount (optional: id, category, currency, partner, channel); missing [member, date, amount], "
                + "was [customer, when, value]"));
    }

    @Test
    void a_csv_without_any_text_holds_no_event_as_an_empty_json_lines_input_not_a_header_problem() {
        for (String text : new String[] {"", "\n\n", " \r\n\t"}) {
            // when
            EventBatch batch = read(text);

            // then
            assertThat(batch).isEqualTo(new EventBatch("purchases.csv", List.of(), List.of(), 0));
            assertThat(batch).isEqualTo(reader.readJsonLines(new StringReader(text), "purchases.csv"));
        }
    }

    @Test
    void blank_lines_are_skipped_but_still_counted_in_line_numbers() {
        // when
        EventBatch batch = read("member,date,amount\n\nm1,19970101,x\n");

        // then
        assertThat(batch.problems()).containsExactly(
                new Problem("purchases.csv:3 field amount", "must be a decimal number, was \"x\""));
        assertThat(batch.records()).isEqualTo(1);
    }

    @Test
    void a_strict_reader_throws_at_the_first_bad_record() {
        assertThatThrownBy(() -> reader.strict(true).readCsv(new StringReader("member,date,amount\nm1,19970101,1\n,19970101,1\nm2,x,1\n"),
                "purchases.csv"))
                .isInstanceOf(EventReadException.class)
                .hasMessage("cannot read events purchases.csv:\n  purchases.csv:3 field member: is required");
    }

    @Test
    void a_gzipped_csv_file_is_read_by_extension_with_ids_from_the_stem(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("cdnow-like.csv.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("member,date,amount\n00001,19970101,11.77\n".getBytes(StandardCharsets.UTF_8));
        }

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.source()).isEqualTo("cdnow-like.csv.gz");
        assertThat(batch.events()).containsExactly(Purchase.of("cdnow-like:2", "00001",
                Instant.parse("1997-01-01T05:00:00Z"), Money.of("11.77", "USD")));
    }

    @Test
    void a_json_lines_file_read_as_csv_is_one_problem_at_line_one_asking_whether_it_is_csv() {
        // when
        EventBatch batch = reader.readCsv(new StringReader("""
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"20.00"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-03-04T10:00:00Z","amount":"5.00"}
                """), "base.jsonl");

        // then: column 18 is the ':' after "type"
        assertThat(batch.events()).isEmpty();
        assertThat(batch.records()).isZero();
        assertThat(batch.problems()).containsExactly(new Problem("base.jsonl:1",
                "not a CSV record: a quoted field goes on after its closing quote at column 18; is the file CSV?"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Unix line ends                  | LF   | 0
            Windows line ends               | CRLF | 0
            old Mac line ends               | CR   | 0
            lines longer than a read buffer | LF   | 20000
            """)
    void text_after_a_closing_quote_stops_reading_at_its_line_and_column(String situation, String lineEnd,
                                                                       int padding) {
        // given: line 3 is <padding>,m2,2025-03-05,"10.00"x with the x at column padding + 23
        String end = Map.of("LF", "\n", "CRLF", "\r\n", "CR", "\r").get(lineEnd);
        String note = "y".repeat(padding);
        String text = String.join(end, "note,member,date,amount", note + ",m1,2025-03-05,10.00",
                note + ",m2,2025-03-05,\"10.00\"x", note + ",m3,2025-03-05,1.00", "");

        // when
        EventBatch batch = read(text);

        // then
        assertThat(batch.events()).extracting(e -> e.memberId()).containsExactly("m1");
        assertThat(batch.records()).isEqualTo(1);
        assertThat(batch.problems()).containsExactly(new Problem("purchases.csv:3", "not a CSV record: a quoted field"
                + " goes on after its closing quote at column " + (padding + 23) + "; reading stopped here"));
    }

    @Test
    void an_unclosed_quote_past_line_999_is_located_at_its_line_though_commons_csv_writes_it_as_1_001() {
        // given
        String text = "member,date,amount\n" + "m1,2025-03-05,1.00\n".repeat(999) + "m2,2025-03-05,\"10.00\n";

        // when
        EventBatch batch = read(text);

        // then
        assertThat(batch.events()).hasSize(999);
        assertThat(batch.problems()).containsExactly(new Problem("purchases.csv:1001", "cannot read CSV: a quoted field"
                + " opened on this line is not closed (EOF reached before encapsulated token finished); reading stopped"
                + " here"));
    }

    @Test
    void monthly_files_with_dots_in_their_names_get_distinct_generated_ids() {
        // given
        String text = "member,date,amount\nm1,2024-01-05,10.00\n";

        // when
        EventBatch january = reader.readCsv(new StringReader(text), "sales.2024-01.csv");
        EventBatch february = reader.readCsv(new StringReader(text), "sales.2024-02.csv");

        // then
        assertThat(january.events()).extracting(e -> e.id()).containsExactly("sales.2024-01:2");
        assertThat(february.events()).extracting(e -> e.id()).containsExactly("sales.2024-02:2");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            purchases.csv             | purchases
            CDNOW_master.txt.gz       | CDNOW_master
            sales.2024-01.csv         | sales.2024-01
            data/in/Events.JSONL.GZ   | Events
            C:\\exports\\day.1.ndjson  | day.1
            orders.tsv                | orders
            program.json              | program
            export.data               | export.data
            archive.tar.gz            | archive.tar
            events                    | events
            .csv                      | .csv
            """)
    void the_stem_drops_only_gz_and_one_known_extension(String source, String stem) {
        assertThat(EventReader.stem(source)).isEqualTo(stem);
    }

    @Test
    void the_end_of_a_day_is_its_last_nanosecond_in_the_zone() {
        assertThat(EventReader.endOfDay(LocalDate.of(2025, 12, 31), NEW_YORK))
                .isEqualTo(Instant.parse("2026-01-01T04:59:59.999999999Z"));
    }
}
