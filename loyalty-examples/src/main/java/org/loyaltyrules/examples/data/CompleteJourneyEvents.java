package org.loyaltyrules.examples.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.Problem;

/**
 * dunnhumby The Complete Journey transactions to purchases: one basket (basket_id) is one purchase of its household
 * (household_id), at its transaction_timestamp (UTC), with one line per item: sku = product_id, category = the
 * product's product_category from {@code products.csv.gz} next to the file (R's NA is no category; without that
 * file no line has one, and a warning says so), quantity, amount = sales_value (R's float noise less than 1e-9 from
 * whole cents, such as the sample's one 4.440892e-16, is those cents). The purchase amount is the sum of its lines;
 * attribute {@code store} = store_id. Purchases are in time order (basket id on ties).
 *
 * <p>A line with a negative quantity or sales_value (a return: this reader sends no refunds), more decimals in
 * sales_value than the currency has (1.234: never rounded, as in the CDNOW reader), another household or time than
 * the first line of its basket that is not a bad line, a byte that is not UTF-8, or another bad value is a bad line,
 * left out of its basket.
 * A basket sent without some of its lines, and one not sent because all its lines are bad, is an {@code unsent}
 * record naming those lines (counted as {@code basketsSentInPart} and {@code basketsNotSent}).
 */
final class CompleteJourneyEvents {

    private static final List<String> COLUMNS = List.of("household_id", "store_id", "basket_id", "product_id", "quantity",
            "sales_value", "transaction_timestamp");

    private static final class Basket {
        final String id;
        /** The household of the basket's first line that is not a bad line ({@code firstLine}); until then null. */
        String household;
        long firstLine;
        /** The household_id of its first line that names one, for unsent.csv when every line is bad. */
        String householdSeen = "";
        Instant at;
        String store;
        final List<PurchaseLine> lines = new ArrayList<>();
        /** Its bad lines as stderr shows them, without the file: "line 3 field sales_value: must be >= 0, was -2". */
        final List<String> badLines = new ArrayList<>();

        Basket(String id) {
            this.id = id;
        }
    }

    private CompleteJourneyEvents() {
    }

    static LoadedEvents read(Path file, Currency currency, boolean strict) {
        String source = file.getFileName().toString();
        ProblemLog problems = new ProblemLog(source, strict);
        Path productsFile = file.resolveSibling("products.csv.gz");
        Map<String, String> categories = Files.exists(productsFile) ? categories(productsFile, problems) : Map.of();
        // without the products, every line reads as uncategorised: a program's category rules then silently miss
        List<Problem> warnings = Files.exists(productsFile) ? List.of() : List.of(new Problem(productsFile.toString(),
                "not found, so no line of " + source + " has a product category: the program's category exclusions"
                        + " and category line bonuses cannot apply to them"));
        Map<String, Basket> baskets = new LinkedHashMap<>();
        long[] withCategory = {0};
        long rows = DatasetRows.read(file, COLUMNS, problems, (r, line, notUtf8) -> {
            // a row without basket_id belongs to no basket: its bad line on stderr is all there is to say of it
            Basket basket = baskets.computeIfAbsent(Fields.required(r.get("basket_id"), "basket_id"), Basket::new);
            if (basket.householdSeen.isEmpty() && !r.get("household_id").isBlank()) {
                basket.householdSeen = r.get("household_id").trim();
            }
            try {
                if (notUtf8 != null) {
                    throw notUtf8;
                }
                String household = Fields.required(r.get("household_id"), "household_id");
                String product = Fields.required(r.get("product_id"), "product_id");
                long quantity = Fields.integer(r.get("quantity"), "quantity");
                if (quantity < 0) {
                    throw new Fields.BadValue("quantity", "must be >= 0, was " + quantity);
                }
                Money value = Fields.moneyWithFloatNoise(r.get("sales_value"), "sales_value", currency);
                Instant at;
                try {
                    at = EventReader.instant(Fields.required(r.get("transaction_timestamp"), "transaction_timestamp"),
                            java.time.ZoneOffset.UTC);
                } catch (IllegalArgumentException e) {
                    throw new Fields.BadValue("transaction_timestamp", e.getMessage());
                }
                String category = categories.getOrDefault(product, "");
                if (basket.household == null) {
                    basket.household = household;
                    basket.firstLine = line;
                    basket.at = at;
                    basket.store = r.get("store_id");
                } else if (!household.equals(basket.household)) {
                    // one purchase has one member: a line of another household cannot be credited to either
                    throw new Fields.BadValue("household_id", String.format(Locale.ROOT,
                            "\"%s\" differs from basket %s's household \"%s\" (line %d)", household, basket.id,
                            basket.household, basket.firstLine));
                } else if (!at.equals(basket.at)) {
                    // one purchase has one instant: which line's is right cannot be told, so it is not guessed
                    throw new Fields.BadValue("transaction_timestamp", String.format(Locale.ROOT,
                            "%s differs from basket %s's time %s (line %d)", at, basket.id, basket.at,
                            basket.firstLine));
                }
                if (!category.isEmpty()) {
                    withCategory[0]++;
                }
                basket.lines.add(PurchaseLine.of(product, category, quantity, value));
            } catch (Fields.BadValue e) {
                basket.badLines.add(e.at(line));
                throw e;
            }
        });
        List<Basket> ordered = new ArrayList<>(baskets.values());
        ordered.removeIf(b -> b.lines.isEmpty());
        ordered.sort(Comparator.comparing((Basket b) -> b.at).thenComparing(b -> b.id));
        List<LoyaltyEvent> events = new ArrayList<>(ordered.size());
        for (Basket b : ordered) {
            Money amount = Money.zero(currency);
            for (PurchaseLine l : b.lines) {
                amount = amount.plus(l.amount());
            }
            events.add(new Purchase(b.id, b.household, b.at, amount, "", "", Map.of("store", b.store), Map.of(),
                    b.lines, null, null));
        }
        // what was not sent, or sent without some of its lines, is listed with its bad lines (unsent.csv)
        List<LoadedEvents.Unsent> unsent = new ArrayList<>();
        long sentInPart = 0;
        for (Basket b : baskets.values()) {
            if (b.badLines.isEmpty()) {
                continue;
            }
            boolean sent = !b.lines.isEmpty();
            sentInPart += sent ? 1 : 0;
            unsent.add(new LoadedEvents.Unsent(b.id, sent ? b.household : b.householdSeen,
                    (sent ? "sent in part, without its bad line" + (b.badLines.size() == 1 ? "" : "s")
                            : "not sent: all its lines are bad") + " (" + String.join("; ", b.badLines) + ")"));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows", rows);
        counts.put("baskets", (long) baskets.size());
        counts.put("purchases", (long) events.size());
        counts.put("basketsSentInPart", sentInPart);
        counts.put("basketsNotSent", (long) (baskets.size() - events.size()));
        counts.put("linesWithCategory", withCategory[0]);
        return new LoadedEvents(EventFormat.COMPLETEJOURNEY, source, events, problems.problems(), rows, counts, unsent,
                warnings);
    }

    private static Map<String, String> categories(Path productsFile, ProblemLog problems) {
        Map<String, String> categories = new HashMap<>();
        DatasetRows.read(productsFile, List.of("product_id", "product_category"), problems, (r, line, notUtf8) -> {
            if (notUtf8 != null) {
                throw notUtf8;
            }
            String category = r.get("product_category");
            if (!category.isBlank() && !"NA".equals(category)) {
                categories.put(r.get("product_id"), category.trim());
            }
        });
        return categories;
    }
}
