package org.loyaltyrules.examples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.loyaltyrules.rules.io.EventReader;

/** The event inputs the CLI understands, by their command-line name. */
public enum EventFormat {
    /** JSON Lines of every event type (docs/program-json.md). */
    JSONL("jsonl"),
    /** A purchase CSV with a header: member, date, amount [, id, category, currency, partner, channel]. */
    CSV("csv"),
    /** CDNOW's whitespace-separated master or sample file. */
    CDNOW("cdnow"),
    /** UCI Online Retail invoice lines (InvoiceNo, StockCode, ..., CustomerID, Country). */
    ONLINE_RETAIL("online-retail"),
    /** dunnhumby The Complete Journey transactions (household_id, basket_id, product_id, ...). */
    COMPLETEJOURNEY("completejourney");

    // master: " 00001 19970101  1   11.77"; sample: " 00004 0001 19970101  2   29.33"
    private static final Pattern CDNOW_ROW = Pattern.compile("\\s*\\d+\\s+(\\d+\\s+)?\\d{8}\\s+\\d+\\s+-?\\d+(\\.\\d+)?\\s*");
    private static final Pattern CDNOW_HEADER = Pattern.compile("\\s*customer_id\\s+(sample_id\\s+)?date\\s+number_of_cds\\s+dollar_value\\s*");

    /**
     * A CDNOW row by its shape even when a field of it is bad (a negative count, a letter in an amount): four or five
     * columns apart by spaces, no comma, a customer number first and an eight-digit date. The CDNOW reader then names the bad field at
     * line 1 and reads the rest; a CSV reading took the line for a header and refused the whole file.
     */
    private static boolean cdnowShaped(String line) {
        if (line.contains(",") || line.contains("\"")) {
            return false;
        }
        String[] columns = line.trim().split("\\s+");
        return columns.length >= 4 && columns.length <= 5 && columns[0].matches("\\d+") // a customer number first
                && java.util.Arrays.stream(columns).anyMatch(c -> c.matches("\\d{8}"));
    }

    private final String cliName;

    EventFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** The format named {@code name} on the command line; IAE listing the names otherwise. */
    public static EventFormat named(String name) {
        for (EventFormat f : values()) {
            if (f.cliName.equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be one of auto, "
                + String.join(", ", Arrays.stream(values()).map(EventFormat::cliName).toList()) + ", was '" + name + "'");
    }

    /**
     * Detects the format from the first non-blank line: a JSON object, a known dataset header, CDNOW's whitespace
     * rows; otherwise a CSV for {@code .csv}/{@code .txt} files and JSON Lines for anything else.
     */
    public static EventFormat detect(Path file) {
        String first = "";
        try (BufferedReader reader = EventReader.open(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    first = line.strip();
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String header = first.replace("\"", "").toLowerCase(Locale.ROOT);
        if (first.startsWith("{")) {
            return JSONL;
        }
        if (header.startsWith("invoiceno,stockcode")) {
            return ONLINE_RETAIL;
        }
        if (header.contains("household_id") && header.contains("basket_id")) {
            return COMPLETEJOURNEY;
        }
        if (CDNOW_ROW.matcher(first).matches() || CDNOW_HEADER.matcher(header).matches() || cdnowShaped(first)) {
            return CDNOW;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        return name.endsWith(".csv") || name.endsWith(".txt") ? CSV : JSONL;
    }
}
