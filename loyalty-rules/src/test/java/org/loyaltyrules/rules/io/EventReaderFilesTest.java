package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.Problem;

/** Event files as tools write them: with a byte-order mark, gzipped under any name. */
class EventReaderFilesTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String JSONL = """
            {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"20.00"}
            {"id":"t1","type":"tier_review","member":"m1","at":"2025-03-04"}
            """;
    private static final String CSV = "member,date,amount\nm1,2025-03-03,20.00\nm2,2025-03-04,5.50\n";

    private final EventReader reader = EventReader.of(ZoneId.of("America/New_York"), Currency.getInstance("USD"));

    @TempDir
    Path dir;

    private Path write(String name, byte[] prefix, String text, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (var out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(prefix);
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void a_json_lines_file_with_a_byte_order_mark_gives_the_same_events_as_without() throws IOException {
        // given
        Path plain = write("plain.jsonl", new byte[0], JSONL, false);
        Path marked = write("marked.jsonl", BOM, JSONL, false);

        // when
        EventBatch batch = reader.read(marked);

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"), Money.of("20.00", "USD")),
                new TierReview("t1", "m1", Instant.parse("2025-03-04T05:00:00Z"), Map.of()));
        assertThat(batch.events()).isEqualTo(reader.read(plain).events());
    }

    @Test
    void a_csv_file_with_a_byte_order_mark_reads_its_first_column_as_member() throws IOException {
        // given: the same stem, so generated ids are comparable
        Path plain = write("sales.csv", new byte[0], CSV, false);
        Path marked = write("sales.csv.gz", BOM, CSV, true);

        // when
        EventBatch batch = reader.read(marked);

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                Purchase.of("sales:2", "m1", Instant.parse("2025-03-03T05:00:00Z"), Money.of("20.00", "USD")),
                Purchase.of("sales:3", "m2", Instant.parse("2025-03-04T05:00:00Z"), Money.of("5.50", "USD")));
        assertThat(batch.events()).isEqualTo(reader.read(plain).events());
    }

    @Test
    void only_a_leading_byte_order_mark_is_dropped() throws IOException {
        // given
        Path file = write("events.jsonl", BOM, "\uFEFF{\"id\":\"t1\",\"type\":\"tier_review\",\"member\":\"m1\",\"at\":\"2025-03-04\"}\n", false);

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.events()).isEmpty();
        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1", "not valid JSON at column 1: "
                + "Unexpected character ('\uFEFF' (code 65279 / 0xfeff)): expected a valid value (JSON String, Number, "
                + "Array, Object or token 'null', 'true' or 'false')"));
    }

    @Test
    void a_gzip_file_is_decompressed_whatever_its_name() throws IOException {
        // given: a download saved without its .gz suffix
        Path file = write("events.jsonl", new byte[0], JSONL, true);

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"), Money.of("20.00", "USD")),
                new TierReview("t1", "m1", Instant.parse("2025-03-04T05:00:00Z"), Map.of()));
    }

    @Test
    void a_plain_file_named_gz_is_read_as_text() throws IOException {
        // given
        Path file = write("sales.csv.gz", new byte[0], CSV, false);

        // when
        EventBatch batch = reader.read(file);

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).extracting(e -> e.id()).containsExactly("sales:2", "sales:3");
    }
    /** {@code whole} as gzip, cut right after the compressed data of its first {@code kept} characters. */
    private Path cutGzip(String name, String whole, int kept) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int cut;
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, true)) {
            out.write(whole.substring(0, kept).getBytes(StandardCharsets.UTF_8));
            out.flush(); // a sync flush: everything so far can be decompressed from the bytes written
            cut = bytes.size();
            out.write(whole.substring(kept).getBytes(StandardCharsets.UTF_8));
        }
        return Files.write(dir.resolve(name), java.util.Arrays.copyOf(bytes.toByteArray(), cut));
    }

    @Test
    void a_gzip_file_cut_short_fails_its_read_saying_so_with_the_last_whole_line() throws IOException {
        // given: the JSON Lines cut after its second line (small: the first read fails), and a CSV of 5,000
        // purchases cut after its 4,000th line (large: the parser has read records when the data ends)
        Path jsonl = cutGzip("cut.jsonl.gz", JSONL + JSONL.replace("p1", "p2"), JSONL.length());
        StringBuilder rows = new StringBuilder("member,date,amount\n");
        for (int i = 1; i <= 5_000; i++) {
            rows.append("m").append(i).append(",2025-03-03,1.00\n");
        }
        Path csv = cutGzip("cut.csv.gz", rows.toString(), rows.indexOf("\nm4000,") + 1);

        // when
        Throwable fromJsonl = org.assertj.core.api.Assertions.catchThrowable(() -> reader.read(jsonl));
        Throwable fromCsv = org.assertj.core.api.Assertions.catchThrowable(() -> reader.read(csv));

        // then
        assertThat(fromJsonl).isInstanceOf(java.io.UncheckedIOException.class).hasMessage("cannot read " + jsonl)
                .cause().hasMessage("the gzip data ends early, after line 2: the file is truncated or corrupt; "
                        + "download or copy it again");
        assertThat(fromCsv).isInstanceOf(java.io.UncheckedIOException.class).hasMessage("cannot read cut.csv.gz")
                .cause().hasMessage("the gzip data ends early, after line 4,000: the file is truncated or corrupt; "
                        + "download or copy it again");
    }
}
