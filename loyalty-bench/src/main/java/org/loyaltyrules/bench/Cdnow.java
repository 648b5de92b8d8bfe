package org.loyaltyrules.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;

/**
 * The CDNOW purchase history ({@code shared/data/cdnow/CDNOW_master.txt.gz}, 69,659 rows) as purchase events: id
 * {@code cdnow:<line>} (the physical line number, the header being line 1), member = customer id, at = the date at
 * the start of the day UTC, amount = dollar value in USD. Also finds the repository root and the reference programs.
 */
public final class Cdnow {

    /** Rows in CDNOW_master.txt (without the header). */
    public static final int ROWS = 69_659;
    private static final Currency USD = Currency.getInstance("USD");

    private Cdnow() {
    }

    /**
     * The repository root: the system property {@code loyalty.root}, else the nearest folder at or above the working
     * directory whose pom.xml is the loyalty-parent pom.
     */
    public static Path root() {
        String property = System.getProperty("loyalty.root");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>loyalty-parent</artifactId>")
                        && !Files.readString(pom).contains("<parent>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + pom, e);
            }
        }
        throw new IllegalStateException("no loyalty-parent pom.xml at or above " + Path.of("").toAbsolutePath()
                + "; run from the repository or set -Dloyalty.root=<repository root>");
    }

    /**
     * retail-basic's terms (program.json) with the standard rule pack: the program the hand-written baseline
     * implements. The folder's own example rules (a retention bonus from member insight, an apology voucher for
     * detractors; issue #6) are left out of the comparison.
     */
    public static org.loyaltyrules.rules.Program retailBasicProgram() {
        return org.loyaltyrules.rules.Program.of(org.loyaltyrules.rules.Program.load(retailBasic()).settings());
    }

    public static org.loyaltyrules.rules.LoyaltyEngine retailBasicEngine() {
        return org.loyaltyrules.rules.LoyaltyEngine.create(retailBasicProgram());
    }

    /** The retail-basic program folder. */
    public static Path retailBasic() {
        return root().resolve("loyalty-examples/programs/retail-basic");
    }

    /** {@code <root>/../shared/data/cdnow/CDNOW_master.txt.gz} (or {@code -Dcdnow.file}), when it exists. */
    public static Optional<Path> masterFile() {
        String property = System.getProperty("cdnow.file");
        Path file = property != null ? Path.of(property)
                : root().resolve("../shared/data/cdnow/CDNOW_master.txt.gz").normalize();
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Every purchase of the master file, in file order. */
    public static List<Purchase> purchases(Path file) {
        List<Purchase> events = new ArrayList<>(ROWS);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String[] cols = line.trim().split("\\s+");
                if (number == 1 || cols.length < 4) {
                    continue; // header " customer_id  date number_of_cds  dollar_value"
                }
                LocalDate date = LocalDate.of(Integer.parseInt(cols[1].substring(0, 4)),
                        Integer.parseInt(cols[1].substring(4, 6)), Integer.parseInt(cols[1].substring(6, 8)));
                events.add(Purchase.of("cdnow:" + number, cols[0], date.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        Money.of(new BigDecimal(cols[3]), USD)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return events;
    }
}
