package org.loyaltyrules.examples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.io.EventReader;

/**
 * CDNOW's whitespace-separated purchase files: {@code CDNOW_master.txt} (customer_id date number_of_cds
 * dollar_value, with a header) and {@code CDNOW_sample.txt} (customer_id sample_id date number_of_cds dollar_value,
 * no header). One row is one purchase: id {@code <file-stem>:<line>}, member = the master customer_id (so the
 * sample and the master name members alike), at = start of the date in the program's zone, the number of CDs as
 * the metric {@code cds}, the sample id as attribute {@code sample_id}. The format is runs of spaces, not CSV, so
 * rows are split on whitespace. The first row that reads as a whole row of 4 or 5 columns fixes the file's layout: a
 * row with another count is a bad line saying so, not a row of the other layout whose fields are read in the wrong
 * places. The bad rows before it are told once the layout is known, so a first row missing its dollar_value is one
 * bad line of the sample's 5 columns, not the layout that makes every later row bad.
 */
final class CdnowEvents {

    private static final String MASTER = "customer_id date number_of_cds dollar_value";
    private static final String SAMPLE = "customer_id sample_id date number_of_cds dollar_value";

    /** A row read before the layout is known that did not read: its columns, or the problem it has whatever the layout. */
    private record Pending(long line, String[] columns, String field, String message) {
    }

    private CdnowEvents() {
    }

    static LoadedEvents read(Path file, ZoneId zone, Currency currency, boolean strict) {
        String source = file.getFileName().toString();
        ProblemLog problems = new ProblemLog(source, strict);
        List<LoyaltyEvent> events = new ArrayList<>();
        long records = 0;
        long lineNumber = 0;
        Map<String, Instant> days = new HashMap<>(); // a few hundred dates, each parsed once
        int layout = 0; // 4 or 5 columns, once a row of that many columns reads
        List<Pending> pending = new ArrayList<>(); // the bad rows before it, told once it is known
        try (BufferedReader reader = EventReader.open(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String[] t = columns(line);
                if (t.length == 0 || (records == 0 && t[0].equalsIgnoreCase("customer_id"))) {
                    continue;
                }
                records++;
                String notUtf8 = EventReader.notUtf8(reader, lineNumber);
                if (notUtf8 != null) {
                    if (layout == 0) {
                        pending.add(new Pending(lineNumber, null, "", notUtf8));
                    } else {
                        problems.add(lineNumber, "", notUtf8);
                    }
                    continue;
                }
                if (layout == 0) {
                    try {
                        events.add(purchase(t, t.length == 4 || t.length == 5 ? t.length : 0, source, lineNumber,
                                zone, currency, days));
                        layout = t.length;
                        tell(pending, layout, problems, source, zone, currency, days);
                    } catch (Fields.BadValue e) {
                        pending.add(new Pending(lineNumber, t, null, null));
                    }
                    continue;
                }
                try {
                    events.add(purchase(t, layout, source, lineNumber, zone, currency, days));
                } catch (Fields.BadValue e) {
                    problems.add(lineNumber, e.field, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        tell(pending, 0, problems, source, zone, currency, days); // no row read: each is told by its own count
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows", records);
        counts.put("purchases", (long) events.size());
        return new LoadedEvents(EventFormat.CDNOW, source, events, problems.problems(), records, counts);
    }

    /**
     * Tells the problems of the {@code pending} rows, in their order, and forgets them: a row of 4 or 5 columns by the
     * file's {@code layout} (by its own count when no row read), a row of another count as one of neither layout.
     */
    private static void tell(List<Pending> pending, int layout, ProblemLog problems, String source, ZoneId zone,
                             Currency currency, Map<String, Instant> days) {
        for (Pending p : pending) {
            if (p.columns() == null) {
                problems.add(p.line(), p.field(), p.message());
                continue;
            }
            int count = p.columns().length;
            int as = count != 4 && count != 5 ? 0 : layout == 0 ? count : layout;
            try {
                purchase(p.columns(), as, source, p.line(), zone, currency, days);
                throw new IllegalStateException("line " + p.line() + " read as a bad row reads"); // it failed before
            } catch (Fields.BadValue e) {
                problems.add(p.line(), e.field, e.getMessage());
            }
        }
        pending.clear();
    }

    /** The runs of non-whitespace of {@code line} (what {@code line.strip().split("\\s+")} gives, without a regex). */
    static String[] columns(String line) {
        List<String> columns = new ArrayList<>(5);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                columns.add(line.substring(start, i));
            }
        }
        return columns.toArray(new String[0]);
    }

    private static Purchase purchase(String[] t, int layout, String source, long line, ZoneId zone,
                                     Currency currency, Map<String, Instant> days) {
        if (layout == 0) {
            throw new Fields.BadValue("", String.format(Locale.ROOT, "has %d columns, CDNOW rows have 4 (%s) or 5 (%s)",
                    t.length, MASTER, SAMPLE));
        }
        if (t.length != layout) {
            // a sample row missing its amount would otherwise be read as a master row, its sample_id as the date
            throw new Fields.BadValue("", String.format(Locale.ROOT, "has %d columns, the file's rows have %d (%s)",
                    t.length, layout, layout == 4 ? MASTER : SAMPLE));
        }
        boolean sample = t.length == 5;
        String member = t[0];
        String date = t[sample ? 2 : 1];
        Instant at = days.get(date);
        if (at == null) {
            try {
                at = EventReader.instant(date, zone);
            } catch (IllegalArgumentException e) {
                throw new Fields.BadValue("date", e.getMessage());
            }
            days.put(date, at);
        }
        long cds = Fields.integer(t[sample ? 3 : 2], "number_of_cds");
        if (cds < 0) {
            throw new Fields.BadValue("number_of_cds", "must be >= 0, was " + cds);
        }
        Money amount = Fields.money(t[sample ? 4 : 3], "dollar_value", currency);
        Map<String, String> attributes = sample ? Map.of("sample_id", t[1]) : Map.of();
        return new Purchase(EventReader.defaultId(source, line), member, at, amount, "", "", attributes,
                Map.of("cds", BigDecimal.valueOf(cds)), List.of(), null, null);
    }
}
