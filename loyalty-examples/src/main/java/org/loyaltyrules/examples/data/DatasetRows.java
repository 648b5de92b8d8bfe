package org.loyaltyrules.examples.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.loyaltyrules.rules.io.EventReader;

/**
 * The rows of a dataset CSV with a header line (Online Retail, The Complete Journey). What the data cannot give is a
 * problem naming the file and line, never a CSV library exception: a header without a column the reader needs
 * (nothing is read), a row with another number of fields than the header, a broken quote (the rows after it
 * cannot be told apart, so reading stops there). Blank lines are skipped.
 */
final class DatasetRows {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();

    /**
     * Takes one row; a bad value is a {@link Fields.BadValue}, recorded as a problem of that line. A row with a byte
     * that is not UTF-8 comes with {@code notUtf8}, the bad value it is: the reader throws it once it has tied the
     * line to its record (an invoice, a basket), as for any other bad value; null for a row that is UTF-8.
     */
    interface Row {
        void accept(CSVRecord record, long line, Fields.BadValue notUtf8);
    }

    private DatasetRows() {
    }

    /** Reads {@code file}, handing each well-formed row to {@code row}; returns the number of rows (bad ones too). */
    static long read(Path file, List<String> columns, ProblemLog problems, Row row) {
        try (Reader reader = EventReader.open(file)) {
            if (EventReader.holdsOnlyBlankSpace(reader)) {
                return 0; // no header and no row: an empty file, as an empty JSON Lines file, not a bad header
            }
            return read(file, reader, columns, problems, row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static long read(Path file, Reader reader, List<String> columns, ProblemLog problems, Row row) {
        String source = file.getFileName().toString();
        try (CSVParser parser = FORMAT.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            String headerNotUtf8 = EventReader.notUtf8(reader, 1);
            if (headerNotUtf8 != null) {
                problems.add(source, 1, "", "header is " + headerNotUtf8);
                return 0;
            }
            List<String> missing = columns.stream().filter(c -> header == null || !header.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                problems.add(source, 1, "", "header must name the columns " + columns + "; missing " + missing
                        + ", was " + (header == null ? List.of() : parser.getHeaderNames()));
                return 0;
            }
            long rows = 0;
            // the physical line the last record ended on: a quoted field may hold line breaks, so a record's number
            // is not its line, while notUtf8 counts physical lines
            long lastLine = parser.getCurrentLineNumber();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        return rows;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    if (e.getCause() instanceof IOException io && !(io instanceof CSVException)) {
                        // the file itself cannot be read on (a gzip file cut short): no bad line, a failed read
                        throw new UncheckedIOException("cannot read " + file, io);
                    }
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    problems.add(source, lastLine + 1, "", "is not readable CSV (" + cause.getMessage()
                            + "); the rows after it are not read");
                    return rows;
                }
                // problems are told at the line the row starts on; a line of it that is not UTF-8 refuses it
                long line = lastLine + 1;
                lastLine = line + EventReader.lineBreaks(record);
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                rows++;
                String notUtf8 = EventReader.notUtf8(reader, lastLine);
                if (record.size() != header.size()) {
                    problems.add(source, line, "", String.format(Locale.ROOT, "has %d fields, the header has %d",
                            record.size(),
                            header.size()));
                    continue;
                }
                try {
                    row.accept(record, line, notUtf8 == null ? null : new Fields.BadValue("", notUtf8));
                } catch (Fields.BadValue e) {
                    problems.add(source, line, e.field, e.getMessage());
                }
            }
        } catch (CSVException e) {
            problems.add(source, 1, "", "header is not readable CSV (" + e.getMessage() + ")");
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            problems.add(source, 1, "", "header cannot be read: " + e.getMessage());
            return 0;
        }
    }
}
