package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.Problem;

/**
 * Event files are UTF-8: a line with a byte that is not (a file saved as Latin-1 or Windows-1252, as Excel exports
 * write it) is a bad line naming that byte, as program.json names its own, and the other lines are read. A replacing
 * decoder read "Jos\u00e9" and "Jos\u00e1" both as "Jos\uFFFD": two customers merged into one member.
 */
class EventReaderNotUtf8Test {

    private static final byte E_ACUTE = (byte) 0xE9; // é in ISO-8859-1
    private static final byte A_ACUTE = (byte) 0xE1; // á in ISO-8859-1

    private final EventReader reader = EventReader.of(ZoneOffset.UTC, Currency.getInstance("USD"));

    @TempDir
    Path dir;

    /** The parts, strings as UTF-8 and bytes as they are, one after the other; gzipped when the name ends .gz. */
    private Path write(String name, Object... parts) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(bytes(parts));
        }
        return file;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object part : parts) {
            bytes.writeBytes(part instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : new byte[] {(byte) part});
        }
        return bytes.toByteArray();
    }

    @Test
    void a_csv_line_that_is_not_utf8_is_a_bad_line_naming_its_byte_and_the_other_lines_are_read() throws IOException {
        // given: José and Josá as Latin-1, Zoë as UTF-8
        Path file = write("latin.csv", "member,date,amount\nJos", E_ACUTE, ",2025-01-01,300.00\nZo\u00eb,2025-01-02,"
                + "20.00\nJos", A_ACUTE, ",2025-01-03,300.00\n");

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.events()).containsExactly(
                Purchase.of("latin:3", "Zo\u00eb", Instant.parse("2025-01-02T00:00:00Z"), Money.of("20.00", "USD")));
        assertThat(batch.problems()).containsExactly(
                new Problem("latin.csv:2", "not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8"),
                new Problem("latin.csv:4", "not UTF-8 text (byte 0xE1 at line 4 is not UTF-8); save it as UTF-8"));
        assertThat(batch.records()).isEqualTo(3);
    }

    @Test
    void a_csv_record_spanning_lines_is_refused_when_any_of_its_lines_is_not_utf8_and_no_later_record_is_blamed()
            throws IOException {
        // given: quoted categories with line breaks (LF, CR LF, and in the last record, which has no line end); José
        // on line 4 after a record of lines 2-3, and bytes not UTF-8 on the second line of the records of 5-6 and 8-9
        Path file = write("multi.csv", "member,date,amount,category\nalice,2025-01-02,10.00,\"multi\nline\"\nJos",
                E_ACUTE, ",2025-01-03,20.00,shoes\nbob,2025-01-04,30.00,\"two\r\nlin", E_ACUTE, "s\"\ncarol,2025-01-05,"
                        + "40.00,shoes\ndave,2025-01-06,50.00,\"last\nlin", A_ACUTE, "\"");

        // when
        EventBatch batch = reader.read(file);

        // then: each refused record is told at the line it starts on, naming the line of its byte
        assertThat(batch.events()).extracting(e -> e.memberId()).containsExactly("alice", "carol");
        assertThat(batch.problems()).containsExactly(
                new Problem("multi.csv:4", "not UTF-8 text (byte 0xE9 at line 4 is not UTF-8); save it as UTF-8"),
                new Problem("multi.csv:5", "not UTF-8 text (byte 0xE9 at line 6 is not UTF-8); save it as UTF-8"),
                new Problem("multi.csv:8", "not UTF-8 text (byte 0xE1 at line 9 is not UTF-8); save it as UTF-8"));
        assertThat(batch.records()).isEqualTo(5);
    }

    @Test
    void a_bad_value_after_a_csv_record_spanning_lines_is_told_at_its_own_line() throws IOException {
        // given: the amount of line 4 does not read, after a record of lines 2-3
        Path file = write("shifted.csv", "member,date,amount,category\nalice,2025-01-02,10.00,\"multi\nline\"\n"
                + "bob,2025-01-03,2O.00,shoes\n");

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.problems()).extracting(Problem::location).containsExactly("shifted.csv:4 field amount");
    }

    @Test
    void a_gzipped_json_lines_line_that_is_not_utf8_is_a_bad_line_and_the_other_lines_are_read() throws IOException {
        // given
        Path file = write("events.jsonl.gz", "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"Jos", E_ACUTE,
                "\",\"at\":\"2025-01-01\",\"amount\":\"300.00\"}\r\n\r\n"
                        + "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m2\",\"at\":\"2025-01-02\",\"amount\":\"5.00\"}\r\n");

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.events()).containsExactly(
                Purchase.of("p2", "m2", Instant.parse("2025-01-02T00:00:00Z"), Money.of("5.00", "USD")));
        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl.gz:1",
                "not UTF-8 text (byte 0xE9 at line 1 is not UTF-8); save it as UTF-8"));
    }

    @Test
    void a_strict_read_stops_at_the_first_line_that_is_not_utf8() throws IOException {
        // given
        Path file = write("latin.csv", "member,date,amount\nm1,2025-01-01,1.00\nJos", E_ACUTE, ",2025-01-01,300.00\n");

        // when / then
        assertThatThrownBy(() -> reader.strict(true).read(file)).isInstanceOf(EventReadException.class)
                .hasMessage("cannot read events latin.csv:\n"
                        + "  latin.csv:3: not UTF-8 text (byte 0xE9 at line 3 is not UTF-8); save it as UTF-8");
    }

    @Test
    void a_csv_header_that_is_not_utf8_is_a_problem_of_the_header_and_nothing_is_read() throws IOException {
        // given
        Path file = write("latin.csv", "member,date,amount,r", E_ACUTE, "gion\nm1,2025-01-01,1.00,Nord\n");

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.events()).isEmpty();
        assertThat(batch.problems()).containsExactly(new Problem("latin.csv:1",
                "header is not UTF-8 text (byte 0xE9 at line 1 is not UTF-8); save it as UTF-8"));
    }

    @Test
    void characters_split_between_reads_are_decoded_and_bad_bytes_are_told_once_per_line_ending_at_lf_cr_or_crlf()
            throws IOException {
        // given: 4-byte reads, one char at a time, so that €, é and an emoji are split between reads; a line of two
        // bad bytes, and a file ending inside a character
        Utf8Lines text = new Utf8Lines(new ByteArrayInputStream(bytes("a\u20ac\r", E_ACUTE, "\r\nb\ud83d\ude00\u00e9\n",
                (byte) 0xFF, (byte) 0xFE, "\nc", (byte) 0xC3)), 4);

        // when
        StringBuilder read = new StringBuilder();
        for (int c = text.read(); c >= 0; c = text.read()) {
            read.append((char) c);
        }

        // then
        assertThat(read.toString()).isEqualTo("a\u20ac\r\uFFFD\r\nb\ud83d\ude00\u00e9\n\uFFFD\uFFFD\nc\uFFFD");
        assertThat(text.notUtf8Through(1)).isNull();
        assertThat(text.notUtf8Through(2)).isEqualTo("not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as"
                + " UTF-8");
        assertThat(text.notUtf8Through(3)).isNull();
        assertThat(text.notUtf8Through(5)).isEqualTo("not UTF-8 text (byte 0xFF at line 4 is not UTF-8); save it as"
                + " UTF-8");
        assertThat(text.notUtf8Through(5)).isNull();
    }
}
