package org.loyaltyrules.rules.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramText;

/**
 * Purchases from a CSV with a header: {@code member, date, amount} and optionally {@code id, category, currency,
 * partner, channel} (header names in any case); other columns become attributes, except {@code tier}: a value in it
 * is a bad line, as the tier is the member's. The only class that touches Commons CSV, an optional dependency of this
 * module.
 */
final class CsvPurchases {

    private static final List<String> REQUIRED = List.of("member", "date", "amount");
    /** The columns read as a purchase's fields when present; the header message lists them from here. */
    static final List<String> OPTIONAL = List.of("id", "category", "currency", "partner", "channel");
    // read as fields (tier only to be refused), never as attributes
    private static final Set<String> COLUMNS = java.util.stream.Stream.of(REQUIRED, OPTIONAL, List.of("tier"))
            .flatMap(List::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());
    // Commons CSV formats its numbers with %,d: grouped in the default locale (1,234 or 1.234 or 1 234)
    private static final String NUMBER = "(\\d[\\d.,'\\s\u00A0\u202F]*\\d|\\d)";
    private static final Pattern START_LINE = Pattern.compile("^\\(startline " + NUMBER + "\\)\\s*(.*)$");
    private static final Pattern AFTER_QUOTE = Pattern.compile("^Invalid character between encapsulated token and"
            + " delimiter at line: " + NUMBER + ", position: " + NUMBER + "$");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setIgnoreEmptyLines(false) // keeps record numbers equal to line numbers; blank records are skipped below
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .build();

    private final ZoneId zone;
    private final Currency defaultCurrency;

    CsvPurchases(ZoneId zone, Currency defaultCurrency) {
        this.zone = zone;
        this.defaultCurrency = defaultCurrency;
    }

    /** Reads every record; good ones go to {@code events}, bad ones to {@code problems}. Returns the record count. */
    long read(Reader reader, String source, Consumer<LoyaltyEvent> events, Consumer<Problem> problems) {
        try {
            if (EventReader.holdsOnlyBlankSpace(reader)) {
                return 0; // no header and no event: an empty file, as an empty JSON Lines file, not a bad header
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        LineByLineReader lines = new LineByLineReader(reader);
        try (CSVParser parser = FORMAT.parse(lines)) {
            Map<String, Integer> header = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            header.putAll(parser.getHeaderMap() == null ? Map.of() : parser.getHeaderMap());
            List<String> names = parser.getHeaderNames() == null ? List.of() : parser.getHeaderNames();
            Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : names) {
                if (!name.isBlank() && !seen.add(name)) {
                    problems.accept(new Problem(source + ":1", "header names column \"" + name
                            + "\" twice; column names must be unique, was " + names));
                    return 0;
                }
            }
            String headerNotUtf8 = EventReader.notUtf8(reader, 1);
            if (headerNotUtf8 != null) {
                problems.accept(new Problem(source + ":1", "header is " + headerNotUtf8));
                return 0;
            }
            List<String> missing = REQUIRED.stream().filter(c -> !header.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                problems.accept(new Problem(source + ":1", "header must name the columns " + String.join(", ",
                        REQUIRED) + " (optional: " + String.join(", ", OPTIONAL) + "); missing " + missing + ", was "
                        + (parser.getHeaderNames() == null ? List.of() : parser.getHeaderNames())));
                return 0;
            }
            long records = 0;
            // the physical line the last record ended on: a quoted field may hold line breaks, so a record's number
            // is not its line, while notUtf8 counts physical lines
            long lastLine = parser.getCurrentLineNumber();
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    if (e.getCause() instanceof IOException io && !(io instanceof CSVException)) {
                        // the file itself cannot be read on (a gzip file cut short): no bad line, a failed read
                        throw new UncheckedIOException("cannot read " + source, io);
                    }
                    // a broken quote leaves the parser without a next record boundary: report and stop
                    long stoppedAt = parser.getCurrentLineNumber() + 1;
                    problems.accept(unreadable(source, stoppedAt, rootMessage(e), lines, false));
                    return records;
                }
                // problems are told at the line the record starts on; a line of it that is not UTF-8 refuses it
                long line = lastLine + 1;
                lastLine = line + EventReader.lineBreaks(record);
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                records++;
                String notUtf8 = EventReader.notUtf8(reader, lastLine);
                if (notUtf8 != null) {
                    problems.accept(new Problem(EventReader.location(source, line, ""), notUtf8));
                    continue;
                }
                try {
                    // fewer fields is fine (trailing optional columns left out); more means a shifted record
                    if (record.size() > header.size()) {
                        throw new BadField("", String.format(Locale.ROOT, "has %d fields, the header has %d",
                                record.size(), header.size()));
                    }
                    // the id a record without one gets stays <stem>:<record number + 1>, as before
                    events.accept(purchase(record, source, record.getRecordNumber() + 1));
                } catch (BadField e) {
                    problems.accept(new Problem(EventReader.location(source, line, e.field()), e.getMessage()));
                } catch (IllegalArgumentException e) {
                    problems.accept(new Problem(EventReader.location(source, line, ""), e.getMessage()));
                }
            }
            return records;
        } catch (CSVException e) {
            // the header line itself is not CSV, typically JSON Lines read with --format csv
            problems.accept(unreadable(source, lines.line(), e.getMessage(), lines, true));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        } catch (IllegalArgumentException e) {
            // duplicate or unreadable header
            problems.accept(new Problem(source + ":1", "header cannot be read: " + e.getMessage()));
            return 0;
        }
    }

    private Purchase purchase(CSVRecord record, String source, long line) {
        String member = value(record, "member");
        if (!ProgramText.visible(member)) { // white space only (a no-break space too) is no member
            throw new BadField("member", "is required");
        }
        String date = value(record, "date");
        if (date.isEmpty()) {
            throw new BadField("date", "is required");
        }
        Instant at;
        try {
            at = EventTimes.parse(date, zone);
        } catch (IllegalArgumentException e) {
            throw new BadField("date", e.getMessage());
        }
        String amountText = value(record, "amount");
        if (amountText.isEmpty()) {
            throw new BadField("amount", "is required");
        }
        String code = value(record, "currency");
        Currency currency = code.isEmpty() ? defaultCurrency : JsonEvents.currencyOf(code, "currency");
        BigDecimal amount = JsonEvents.decimalOf(amountText, "amount");
        Money money = JsonEvents.moneyOf(amount, currency, "amount");
        String id = value(record, "id");
        if (!ProgramText.visible(id)) {
            id = EventReader.defaultId(source, line);
        }
        String category = value(record, "category");
        List<PurchaseLine> lines = category.isEmpty() ? List.of() : List.of(PurchaseLine.of("", category, 1, money));
        Map<String, String> attributes = new TreeMap<>();
        for (Map.Entry<String, String> e : record.toMap().entrySet()) {
            if (e.getKey() != null && !e.getKey().isBlank() && !COLUMNS.contains(e.getKey().toLowerCase(Locale.ROOT))
                    && e.getValue() != null && !e.getValue().isEmpty()) {
                attributes.put(e.getKey(), e.getValue());
            }
        }
        // rules see the member's tier under this name: a purchase naming one could earn the rate of another tier
        String tier = value(record, "tier");
        if (!tier.isEmpty()) {
            throw new BadField("tier", JsonEvents.tierRefused(tier));
        }
        // a coalition partner and a channel, as in JSON Lines: "Partner" or "Channel" would otherwise be an attribute
        // that no partner rate, channel rate, channel bonus or settlement reads
        return new Purchase(id, member, at, money, value(record, "channel"), value(record, "partner"), attributes,
                Map.of(), lines, null, null);
    }

    private static String value(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return "";
        }
        String v = record.get(column);
        return v == null ? "" : v.trim();
    }

    /**
     * Commons CSV's reason to stop, located at a line: "(startline 2) EOF reached before ..." at that start line;
     * "Invalid character between encapsulated token and delimiter at line: 3, position: 53" (position counted from
     * the start of the input) at the line the reader was on, with the column in that line. A header that is not CSV
     * is most often another format read with {@code --format csv}, hence the question.
     */
    private static Problem unreadable(String source, long line, String message, LineByLineReader lines,
                                      boolean header) {
        String end = header ? "; is the file CSV?" : "; reading stopped here";
        Matcher open = START_LINE.matcher(message);
        if (open.matches()) {
            return new Problem(source + ":" + number(open.group(1)), "cannot read CSV: a quoted field opened on this"
                    + " line is not closed (" + open.group(2) + ")" + end);
        }
        Matcher after = AFTER_QUOTE.matcher(message);
        if (after.matches()) {
            return new Problem(source + ":" + lines.line(), "not a CSV record: a quoted field goes on after its"
                    + " closing quote at column " + lines.column(Long.parseLong(number(after.group(2)))) + end);
        }
        return new Problem(source + ":" + line, "cannot read CSV: " + message + end);
    }

    private static String number(String grouped) {
        return grouped.replaceAll("\\D", "");
    }

    /**
     * Hands Commons CSV at most one line per read, so the line of the last character handed out is the line the
     * parser is on when it fails, and the parser's character position can be told as a column of that line.
     */
    private static final class LineByLineReader extends Reader {

        private final Reader in;
        private final char[] buffer = new char[1 << 13];
        private int next;
        private int end;
        private long handedOut;
        private long line;
        private long lineStart;
        private int last = '\n';

        LineByLineReader(Reader in) {
            this.in = in;
        }

        /** The 1-based line of the last character handed out. */
        long line() {
            return Math.max(line, 1);
        }

        /** The 1-based column, in {@link #line()}, of the character at 1-based {@code position} of the input. */
        long column(long position) {
            return position - lineStart;
        }

        @Override
        public int read(char[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (next == end) {
                end = in.read(buffer, 0, buffer.length);
                next = 0;
                if (end <= 0) {
                    end = 0;
                    return -1;
                }
            }
            char first = buffer[next];
            if (last == '\n' || (last == '\r' && first != '\n')) {
                line++;
                lineStart = handedOut;
            }
            int count = 0;
            while (count < length && next < end) {
                char c = buffer[next++];
                into[offset + count++] = c;
                if (c == '\n' || (c == '\r' && (next == end || buffer[next] != '\n'))) {
                    break;
                }
            }
            handedOut += count;
            last = into[offset + count - 1];
            return count;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
