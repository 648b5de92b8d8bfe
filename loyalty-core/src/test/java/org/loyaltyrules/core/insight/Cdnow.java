package org.loyaltyrules.core.insight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reads the CDNOW test resources (see src/test/resources/cdnow/README.md). */
final class Cdnow {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private Cdnow() {
    }

    /** The sample's rows as transactions; the member id is the sample id without leading zeros ("1".."2357"). */
    static List<Transaction> sampleTransactions() {
        List<Transaction> out = new ArrayList<>();
        for (String line : lines("/cdnow/CDNOW_sample.txt")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            out.add(new Transaction(String.valueOf(Integer.parseInt(f[1])),
                    LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])));
        }
        return out;
    }

    /** Rows of a summary CSV without its header, split on commas. */
    static List<String[]> csv(String name) {
        List<String> lines = lines("/cdnow/" + name);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    static List<String> lines(String resource) {
        try (InputStream in = Cdnow.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(l -> l.replace("\r", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
