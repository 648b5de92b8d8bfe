package org.loyaltyrules.rules.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * Reads events from JSON Lines (every event type of the program-json reference) or from a CSV of purchases
 * ({@code member, date, amount} and optionally {@code id, category, currency, partner, channel}). A bad line becomes
 * a {@link Problem} located as {@code file:line field X} and reading goes on; a strict reader throws
 * {@link EventReadException} at the first bad line instead. Files are UTF-8: a line with a byte that is not is a bad
 * line naming the byte ({@code not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8}).
 *
 * <p>Times: an ISO instant, an ISO local date-time or an ISO date / {@code YYYYMMDD} (start of that day), both read
 * in the program's zone. Amounts without a currency are in the program's currency. A CSV line without an id gets
 * {@code <file-stem>:<line>}, so a re-read gives the same ids (and a replay stays idempotent).
 *
 * <p>CSV needs {@code org.apache.commons:commons-csv} on the class path (an optional dependency of this module).
 * Immutable and thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EventReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // "amount": 19.99 stays exact
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> STEM_EXTENSIONS = List.of(".csv", ".txt", ".tsv", ".json", ".jsonl", ".ndjson");

    private static final int BLANK_LOOKAHEAD = 1 << 16;

    /** The first warnings of an input are kept; a file that repeats one misspelling on every line says it enough. */
    public static final int MAX_WARNINGS = 100;

    private final ZoneId zone;
    private final Currency currency;
    private final boolean strict;

    private EventReader(ZoneId zone, Currency currency, boolean strict) {
        this.zone = requireNonNull(zone, "zone");
        this.currency = requireNonNull(currency, "currency");
        this.strict = strict;
    }

    /** A lenient reader for dates in {@code zone} and amounts in {@code currency} when a line names none. */
    public static EventReader of(ZoneId zone, Currency currency) {
        return new EventReader(zone, currency, false);
    }

    /** A lenient reader with the program's zone and currency. */
    public static EventReader forProgram(ProgramSettings settings) {
        return of(settings.zone(), settings.currency());
    }

    /** This reader, stopping at the first bad line ({@code true}) or collecting bad lines ({@code false}). */
    public EventReader strict(boolean stopAtFirstProblem) {
        return new EventReader(zone, currency, stopAtFirstProblem);
    }

    public boolean isStrict() {
        return strict;
    }

    /**
     * Reads a file: {@code .csv} and {@code .txt} (also before {@code .gz}) as a purchase CSV, anything else as JSON
     * Lines; a gzip file is decompressed first (see {@link #open}). Locations name the file by its file name.
     */
    public EventBatch read(Path file) {
        requireNonNull(file, "file");
        String name = file.getFileName().toString();
        String plain = name.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        try (Reader reader = open(file)) {
            return plain.endsWith(".csv") || plain.endsWith(".txt") ? readCsv(reader, name) : readJsonLines(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A UTF-8 reader of {@code file}, decompressing it when it starts with the gzip magic bytes (whatever its name)
     * and without a leading byte-order mark. A gzip file cut short or corrupt fails its read with an IOException that
     * says so and names the last whole line ("the gzip data ends early, after line 5,321: ..."). A byte that is not
     * UTF-8 is read as U+FFFD, and {@link #notUtf8} tells its line, which the readers refuse as a bad line.
     */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            if (isGzip(in)) {
                in = GzipText.of(in, 1 << 16);
            }
            BufferedReader reader = new OpenedFile(new Utf8Lines(in, 1 << 16));
            skipByteOrderMark(reader);
            return reader;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The problem of the first byte that is not UTF-8 on the lines up to {@code line} of a reader from {@link #open}
     * that was not told yet ("not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8", as program.json's),
     * or null: when there is none, or {@code reader} is not one from {@link #open} (its text is decoded already).
     * Readers ask after reading each line or record, in order, and refuse that line or record as a bad one.
     */
    public static String notUtf8(Reader reader, long line) {
        requireNonNull(reader, "reader");
        return reader instanceof OpenedFile opened ? opened.text.notUtf8Through(line) : null;
    }

    /**
     * The line breaks inside {@code values}, the fields of one CSV record, counted as {@link #open} counts lines (LF,
     * CR, or CR LF as one): a quoted field with a line break makes its record span more than one line, so the record
     * ends that many lines after the one it starts on, the line to ask {@link #notUtf8} about.
     */
    public static long lineBreaks(Iterable<String> values) {
        long breaks = 0;
        for (String v : values) {
            if (v == null) {
                continue;
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\r' || c == '\n' && (i == 0 || v.charAt(i - 1) != '\r')) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    /** The reader of {@link #open}, which knows the lines that are not UTF-8. */
    private static final class OpenedFile extends BufferedReader {
        private final Utf8Lines text;

        OpenedFile(Utf8Lines text) {
            super(text, 1 << 16);
            this.text = text;
        }
    }

    /**
     * Whether {@code reader} holds nothing but blank space: a 0-byte file, a gzip of nothing, blank lines, or a
     * byte-order mark alone once {@link #open} has dropped it. Such an input holds no event, as an empty JSON Lines
     * file, rather than a CSV without its header. Looks at most {@value #BLANK_LOOKAHEAD} characters ahead and leaves
     * the reader where it was; false when there is more, or when {@code reader} cannot go back (no mark).
     */
    public static boolean holdsOnlyBlankSpace(Reader reader) throws IOException {
        requireNonNull(reader, "reader");
        if (!reader.markSupported()) {
            return false;
        }
        reader.mark(BLANK_LOOKAHEAD);
        try {
            for (int i = 0; i < BLANK_LOOKAHEAD; i++) {
                int c = reader.read();
                if (c < 0) {
                    return true;
                }
                if (!Character.isWhitespace(c)) {
                    return false;
                }
            }
            return false;
        } finally {
            reader.reset();
        }
    }

    /** Peeks at the first two bytes: 1F 8B starts every gzip stream. */
    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1F && second == 0x8B;
    }

    /** Excel and Windows tools write EF BB BF first; read as text it would be part of the first field or JSON. */
    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /**
     * Reads JSON Lines: one event object per line; blank lines are skipped. A field kept as an attribute though it is
     * near the name of a field the event leaves out ({@code "chanel"}) is a warning (the first
     * {@value #MAX_WARNINGS}).
     */
    public EventBatch readJsonLines(Reader reader, String source) {
        requireNonNull(reader, "reader");
        requireNonNull(source, "source");
        JsonEvents parser = new JsonEvents(zone, currency);
        List<LoyaltyEvent> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        BufferedReader lines = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        long lineNumber = 0;
        long records = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                records++;
                String notUtf8 = notUtf8(reader, lineNumber);
                if (notUtf8 != null) {
                    report(problems, new Problem(location(source, lineNumber, ""), notUtf8), source);
                    continue;
                }
                long at = lineNumber;
                readEvent(parser, line, field -> location(source, at, field), source, events, problems, warnings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return new EventBatch(source, events, problems, warnings, records);
    }

    /**
     * Reads events embedded in a JSON document (a scenario's {@code when}): each of {@code objects} is the JSON text of
     * the element {@code [i]} of the array at JSON path {@code path}, and problems and warnings are located by JSON
     * path, 0-based, as the document's other problems: {@code scenarios/x.json $.when[0].amount}.
     */
    public EventBatch readEmbedded(List<String> objects, String source, String path) {
        requireNonNull(objects, "objects");
        requireNonNull(source, "source");
        requireNonNull(path, "path");
        JsonEvents parser = new JsonEvents(zone, currency);
        List<LoyaltyEvent> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            String element = source + " " + path + "[" + i + "]";
            readEvent(parser, objects.get(i), field -> element + (field.isEmpty() ? "" : "." + field), source, events,
                    problems, warnings);
        }
        return new EventBatch(source, events, problems, warnings, objects.size());
    }

    private void readEvent(JsonEvents parser, String json, UnaryOperator<String> location,
                           String source, List<LoyaltyEvent> events, List<Problem> problems, List<Problem> warnings) {
        try {
            JsonNode node = JSON.readTree(json);
            events.add(parser.event(node));
            for (BadField misspelt : parser.misspellings(node)) {
                if (warnings.size() < MAX_WARNINGS) {
                    warnings.add(new Problem(location.apply(misspelt.field()), misspelt.getMessage()));
                }
            }
        } catch (JsonProcessingException e) {
            report(problems, new Problem(location.apply(""), notJson(e)), source);
        } catch (BadField e) {
            report(problems, new Problem(location.apply(e.field()), e.getMessage()), source);
        }
    }

    /** Reads a purchase CSV with a header line (see the class comment for the columns). */
    public EventBatch readCsv(Reader reader, String source) {
        requireNonNull(reader, "reader");
        requireNonNull(source, "source");
        List<LoyaltyEvent> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        long records = new CsvPurchases(zone, currency).read(reader, source, events::add,
                problem -> report(problems, problem, source));
        return new EventBatch(source, events, problems, records);
    }

    /** "not valid JSON at column 42: Unexpected end-of-input ...", without Jackson's "(start marker at [Source ...])". */
    private static String notJson(JsonProcessingException e) {
        String message = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source: .*$", "")
                .replaceAll("\\s*\\(bound as `[^`]*`\\): not allowed as per `[^`]*`", "");
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return "not valid JSON" + (column > 0 ? " at column " + column : "") + ": " + message;
    }

    private void report(List<Problem> problems, Problem problem, String source) {
        problems.add(problem);
        if (strict) {
            throw new EventReadException("cannot read events " + source, List.of(problem));
        }
    }

    // ---------------------------------------------------------------- shared with adapters of other formats

    /** Parses a time in one of the forms this reader accepts; IAE "must be ..., was "text"" otherwise. */
    public static Instant instant(String text, ZoneId zone) {
        requireNonNull(text, "text");
        requireNonNull(zone, "zone");
        return EventTimes.parse(text, zone);
    }

    /**
     * An "as of" time in the forms of {@link #instant}, except that a date ({@code 2025-03-03} or {@code 20250303})
     * means its last instant in {@code zone}, as the CLI's {@code --as-of} reads one: a state as of a day includes
     * everything that happened that day. Throws {@code IllegalArgumentException} as {@link #instant} does.
     */
    public static Instant asOf(String text, ZoneId zone) {
        requireNonNull(text, "text");
        requireNonNull(zone, "zone");
        return EventTimes.parseAsOf(text, zone);
    }

    /**
     * An event id or member id as the JSON Lines reader reads it: a string, or a whole number written without quotes
     * ({@code 17850}, also {@code 17850.0}: "17850"), trimmed; null for any other value and for a blank one. Readers
     * of events embedded in other files (scenarios) check ids with it when they load.
     */
    public static String idText(JsonNode value) {
        requireNonNull(value, "value");
        String text = JsonEvents.textOrWholeNumber(value);
        return text == null || text.trim().isEmpty() ? null : text.trim();
    }

    /** The last instant of {@code date} in {@code zone} ("as of 2025-12-31" includes that whole day). */
    public static Instant endOfDay(LocalDate date, ZoneId zone) {
        return EventTimes.endOfDay(date, zone);
    }

    /**
     * The id a line without one gets: {@code <file-stem>:<line>}, e.g. {@code purchases:7} for purchases.csv and
     * {@code sales.2024-01:7} for sales.2024-01.csv.
     */
    public static String defaultId(String source, long line) {
        return stem(source) + ":" + line;
    }

    /**
     * The file name without directories and without its known extensions: {@code .gz}, then one of {@code .csv .txt
     * .tsv .json .jsonl .ndjson}, ignoring case ({@code CDNOW_master.txt.gz} is CDNOW_master, {@code
     * sales.2024-01.csv} is sales.2024-01). Other dots are part of the name, so monthly files get distinct ids.
     */
    public static String stem(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = withoutExtension(name, ".gz");
        for (String extension : STEM_EXTENSIONS) {
            String stripped = withoutExtension(name, extension);
            if (!stripped.equals(name)) {
                return stripped;
            }
        }
        return name;
    }

    /** {@code name} without {@code extension} (any case), unless nothing would be left. */
    private static String withoutExtension(String name, String extension) {
        boolean ends = name.length() > extension.length()
                && name.regionMatches(true, name.length() - extension.length(), extension, 0, extension.length());
        return ends ? name.substring(0, name.length() - extension.length()) : name;
    }

    /** {@code file:line} or {@code file:line field X}: the location format of every event problem. */
    public static String location(String source, long line, String field) {
        return source + ":" + line + (field == null || field.isEmpty() ? "" : " field " + field);
    }
}
