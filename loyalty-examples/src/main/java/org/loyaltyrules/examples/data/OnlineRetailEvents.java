package org.loyaltyrules.examples.data;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.money.Money;

/**
 * UCI Online Retail invoice lines to purchases and refunds.
 *
 * <ul>
 * <li>Rows without CustomerID are skipped and counted ({@code rowsWithoutCustomer}); CustomerID {@code 17850.0} is
 * member {@code 17850}.</li>
 * <li>An invoice (InvoiceNo without prefix) is one purchase, id = InvoiceNo, at = InvoiceDate read as UK local time
 * (Europe/London, as the data README says), amount = sum of Quantity x UnitPrice of its lines (every row, identical
 * repeated rows too: the data does not mark them as duplicates) rounded half-up to cents, delivery = its POST/DOT/C2
 * lines, attribute {@code country}. An invoice whose total is negative is not a
 * purchase ({@code invoicesNegative}). Accounting adjustments (prefix A) are skipped ({@code adjustmentsSkipped}).
 * Both are {@code unsent} records, with their reason.</li>
 * <li>A cancellation (prefix C) refunds the customer's earlier invoices it can be matched to: each of its lines takes
 * its |Quantity| from the latest earlier invoice (by InvoiceDate, whatever the file's order; of the same time, one
 * before it in the file) that still has that StockCode at the same UnitPrice, then, for goods
 * (a StockCode of five digits), at any price, moving on to earlier invoices for the rest; quantities are tracked
 * across cancellations. A cancellation made only of charges and manual lines (M, D, POST, CRUK ...) that no line
 * matches, and whose value equals to the penny what is left of an earlier invoice, is a credit note for that whole
 * invoice ({@code creditNotesMatched}). Each invoice reached gets one refund of Σ |Quantity| x UnitPrice of the lines
 * it matched (rounded half-up to cents, capped at what is left of its amount); the refund's id is the cancellation's
 * number, or {@code <number>/<invoice>} when it reaches several ({@code cancellationsSplit}). Counted too:
 * {@code cancellationsUnmatched} (no line matched: discounts, commissions, goods bought before the data starts),
 * {@code cancellationsPartlyMatched} (some quantity matched no earlier invoice) and {@code cancellationsNothingLeft}
 * (the invoices reached had nothing left to refund).</li>
 * </ul>
 * A bad line (a Quantity, UnitPrice or InvoiceDate that does not read, a byte that is not UTF-8) is left out of its
 * invoice; the invoice sent without it, or not sent, is an {@code unsent} record naming its bad lines.
 * Amounts are labelled with the program's currency (the data is in pounds sterling): a replay asks what the
 * program would cost on this spend, not what the spend is worth in another currency.
 */
final class OnlineRetailEvents {

    static final ZoneId UK = ZoneId.of("Europe/London");
    private static final Set<String> DELIVERY_CODES = Set.of("POST", "DOT", "C2");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final List<String> COLUMNS = List.of("InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice",
            "CustomerID", "Country");

    private record Line(String stockCode, long quantity, BigDecimal unitPrice) {
    }

    private static final class Invoice {
        final String number;
        final String customer;
        final Instant at;
        final String country;
        final List<Line> lines = new ArrayList<>();

        Invoice(String number, String customer, Instant at, String country) {
            this.number = number;
            this.customer = customer;
            this.at = at;
            this.country = country;
        }
    }

    /** The bad lines of an invoice, as unsent.csv names them, and the customer of the first. */
    private record BadLines(String customer, List<String> lines) {
        BadLines(String customer) {
            this(customer, new ArrayList<>());
        }
    }

    /** A purchase that later cancellations may refund: what is left of it, by StockCode and unit price. */
    private static final class Refundable {
        final String invoice;
        final Map<String, Map<BigDecimal, Long>> quantities = new HashMap<>();
        BigDecimal amountLeft;

        Refundable(String invoice, BigDecimal amount) {
            this.invoice = invoice;
            this.amountLeft = amount;
        }

        /** Takes up to {@code wanted} of {@code code} at {@code price} (any price when null); returns how many. */
        long take(String code, BigDecimal price, long wanted) {
            Map<BigDecimal, Long> byPrice = quantities.getOrDefault(code, Map.of());
            long taken = 0;
            for (Map.Entry<BigDecimal, Long> e : byPrice.entrySet()) {
                if (taken == wanted) {
                    break;
                }
                if ((price == null || e.getKey().equals(price)) && e.getValue() > 0) {
                    long t = Math.min(wanted - taken, e.getValue());
                    e.setValue(e.getValue() - t);
                    taken += t;
                }
            }
            return taken;
        }
    }

    private OnlineRetailEvents() {
    }

    static LoadedEvents read(Path file, Currency currency, boolean strict) {
        String source = file.getFileName().toString();
        ProblemLog problems = new ProblemLog(source, strict);
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        long[] withoutCustomer = {0};
        Map<String, Long> rowsWithoutCustomer = new LinkedHashMap<>();
        List<LoadedEvents.Unsent> unsent = new ArrayList<>();
        Map<String, BadLines> badLines = new LinkedHashMap<>();
        long rows = DatasetRows.read(file, COLUMNS, problems, (r, line, notUtf8) -> {
            String customer = r.get("CustomerID").trim();
            if (customer.isEmpty() && notUtf8 == null) {
                withoutCustomer[0]++;
                rowsWithoutCustomer.merge(r.get("InvoiceNo").trim(), 1L, Long::sum);
                return;
            }
            if (customer.endsWith(".0")) {
                customer = customer.substring(0, customer.length() - 2);
            }
            String number = Fields.required(r.get("InvoiceNo"), "InvoiceNo");
            String c = customer;
            try {
                if (notUtf8 != null) {
                    throw notUtf8;
                }
                long quantity = Fields.integer(r.get("Quantity"), "Quantity");
                BigDecimal price = Fields.decimal(r.get("UnitPrice"), "UnitPrice");
                Instant at = instant(r.get("InvoiceDate"));
                Invoice invoice = invoices.computeIfAbsent(number, n -> new Invoice(n, c, at, r.get("Country")));
                invoice.lines.add(new Line(r.get("StockCode").trim(), quantity, price.stripTrailingZeros()));
            } catch (Fields.BadValue e) {
                // the invoice is read without this line: unsent.csv says so, with the line
                badLines.computeIfAbsent(number, n -> new BadLines(c)).lines.add(e.at(line));
                throw e;
            }
        });

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows", rows);
        counts.put("rowsWithoutCustomer", withoutCustomer[0]);
        counts.put("invoices", (long) invoices.size());
        for (String name : List.of("purchases", "cancellations", "refunds", "cancellationsUnmatched",
                "cancellationsPartlyMatched", "cancellationsSplit", "creditNotesMatched", "cancellationsNothingLeft",
                "invoicesNegative", "adjustmentsSkipped")) {
            counts.put(name, 0L); // a fixed order for reports
        }
        Map<String, List<Refundable>> refundable = new HashMap<>();
        Map<String, List<LoyaltyEvent>> sent = new HashMap<>(); // invoices that became a purchase or refunds
        // in time, so that a cancellation reaches only invoices dated before it whatever the file's order (an
        // invoice of the same time too when the file has it first: the sort is stable)
        List<Invoice> inTime = new ArrayList<>(invoices.values());
        inTime.sort(Comparator.comparing(invoice -> invoice.at));
        for (Invoice invoice : inTime) {
            if (invoice.number.startsWith("A")) {
                counts.merge("adjustmentsSkipped", 1L, Long::sum);
                unsent.add(new LoadedEvents.Unsent(invoice.number, invoice.customer, "not sent: an accounting"
                        + " adjustment (prefix A), neither a purchase nor a cancellation"));
            } else if (invoice.number.startsWith("C")) {
                counts.merge("cancellations", 1L, Long::sum);
                List<Refund> refunds = refunds(invoice, refundable.getOrDefault(invoice.customer, List.of()), currency,
                        counts, unsent);
                if (!refunds.isEmpty()) {
                    sent.put(invoice.number, List.copyOf(refunds));
                }
            } else {
                BigDecimal total = BigDecimal.ZERO;
                BigDecimal delivery = BigDecimal.ZERO;
                Refundable left = new Refundable(invoice.number, null);
                for (Line l : invoice.lines) {
                    BigDecimal value = l.unitPrice.multiply(BigDecimal.valueOf(l.quantity));
                    total = total.add(value);
                    if (DELIVERY_CODES.contains(l.stockCode)) {
                        delivery = delivery.add(value);
                    }
                    left.quantities.computeIfAbsent(l.stockCode, k -> new LinkedHashMap<>())
                            .merge(l.unitPrice, l.quantity, Long::sum);
                }
                if (total.signum() < 0) {
                    counts.merge("invoicesNegative", 1L, Long::sum);
                    unsent.add(new LoadedEvents.Unsent(invoice.number, invoice.customer, "not sent: its total is"
                            + " negative (" + total.toPlainString() + "), and only a cancellation (prefix C) refunds"));
                    continue;
                }
                Money amount = Fields.rounded(total, currency);
                Money charges = Fields.rounded(delivery.max(BigDecimal.ZERO), currency);
                left.amountLeft = amount.amount();
                refundable.computeIfAbsent(invoice.customer, k -> new ArrayList<>()).add(left);
                sent.put(invoice.number, List.of(new Purchase(invoice.number, invoice.customer, invoice.at, amount, "",
                        "", Map.of("country", invoice.country), Map.of(), List.of(),
                        charges.compareTo(amount) <= 0 ? charges : null, null)));
                counts.merge("purchases", 1L, Long::sum);
            }
        }
        // events, and the records not sent so far, in the file's order, as every reader gives them
        List<LoyaltyEvent> events = new ArrayList<>();
        invoices.keySet().forEach(number -> events.addAll(sent.getOrDefault(number, List.of())));
        Map<String, Integer> place = new HashMap<>();
        invoices.keySet().forEach(number -> place.put(number, place.size()));
        unsent.sort(Comparator.comparingInt(u -> place.get(u.record())));
        // an invoice with bad lines: sent without them, or not at all (all bad, or nothing left to send)
        badLines.forEach((number, bad) -> unsent.add(new LoadedEvents.Unsent(number, bad.customer,
                (sent.containsKey(number) ? "sent in part, without its bad line" + (bad.lines.size() == 1 ? "" : "s")
                        : invoices.containsKey(number) ? "not sent, and it has bad lines"
                        : "not sent: all its lines are bad") + " (" + String.join("; ", bad.lines) + ")")));
        rowsWithoutCustomer.forEach((number, n) -> unsent.add(new LoadedEvents.Unsent(number, "",
                "no CustomerID on " + n + " row" + (n == 1 ? "" : "s") + ": no member to credit")));
        return new LoadedEvents(EventFormat.ONLINE_RETAIL, source, events, problems.problems(), rows, counts, unsent);
    }

    /**
     * The refunds of one cancellation: each of its lines takes its quantity from the customer's earlier invoices, latest
     * first, at the same unit price, then (goods only) at any price; the value a line takes from an invoice is its
     * |Quantity| x UnitPrice. A cancellation of charges and manual lines only (no goods) that no line matches, and
     * whose value is exactly what is left of an earlier invoice, is a credit note for that whole invoice. One refund
     * per invoice the cancellation reaches, capped at what is left of it; id = the cancellation's number, or
     * {@code <number>/<invoice>} when it reaches several.
     */
    private static List<Refund> refunds(Invoice cancellation, List<Refundable> earlier, Currency currency,
                                        Map<String, Long> counts, List<LoadedEvents.Unsent> unsent) {
        Map<Refundable, BigDecimal> reached = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        boolean goods = false;
        for (Line l : cancellation.lines) {
            long wanted = Math.abs(l.quantity);
            total = total.add(l.unitPrice.multiply(BigDecimal.valueOf(wanted)));
            boolean lineOfGoods = isGoods(l.stockCode);
            goods |= lineOfGoods;
            // the same unit price first; goods then at any price (null)
            for (BigDecimal price : lineOfGoods ? new BigDecimal[] {l.unitPrice, null}
                    : new BigDecimal[] {l.unitPrice}) {
                for (int i = earlier.size() - 1; i >= 0 && wanted > 0; i--) {
                    long taken = earlier.get(i).take(l.stockCode, price, wanted);
                    if (taken > 0) {
                        reached.merge(earlier.get(i), l.unitPrice.multiply(BigDecimal.valueOf(taken)), BigDecimal::add);
                        wanted -= taken;
                    }
                }
            }
            if (wanted > 0) {
                missing.add(wanted + " x " + l.stockCode + " at " + l.unitPrice.toPlainString());
            }
        }
        if (reached.isEmpty() && !goods) {
            Money value = Fields.rounded(total.max(BigDecimal.ZERO), currency);
            for (int i = earlier.size() - 1; i >= 0; i--) {
                Refundable candidate = earlier.get(i);
                if (value.amount().signum() > 0 && candidate.amountLeft.compareTo(value.amount()) == 0) {
                    candidate.quantities.values().forEach(byPrice -> byPrice.replaceAll((price, q) -> 0L));
                    reached.put(candidate, value.amount());
                    missing.clear();
                    counts.merge("creditNotesMatched", 1L, Long::sum);
                    break;
                }
            }
        }
        if (reached.isEmpty()) {
            counts.merge("cancellationsUnmatched", 1L, Long::sum);
            unsent.add(new LoadedEvents.Unsent(cancellation.number, cancellation.customer, "cancellation matches no"
                    + " earlier invoice of the customer (" + String.join(", ", missing) + (goods ? ""
                    : "; its value " + total.toPlainString() + " equals what is left of no invoice") + ")"));
            return List.of();
        }
        if (!missing.isEmpty()) {
            counts.merge("cancellationsPartlyMatched", 1L, Long::sum);
            unsent.add(new LoadedEvents.Unsent(cancellation.number, cancellation.customer, "refunded in part: "
                    + String.join(", ", missing) + " match no earlier invoice of the customer"));
        }
        if (reached.size() > 1) {
            counts.merge("cancellationsSplit", 1L, Long::sum);
        }
        List<Refund> refunds = new ArrayList<>();
        for (Map.Entry<Refundable, BigDecimal> e : reached.entrySet()) {
            Refundable original = e.getKey();
            BigDecimal amount = Fields.rounded(e.getValue().max(BigDecimal.ZERO), currency).amount()
                    .min(original.amountLeft);
            if (amount.signum() <= 0) {
                continue;
            }
            original.amountLeft = original.amountLeft.subtract(amount);
            String id = reached.size() == 1 ? cancellation.number : cancellation.number + "/" + original.invoice;
            refunds.add(new Refund(id, cancellation.customer, cancellation.at, original.invoice,
                    Money.of(amount, currency), Map.of("country", cancellation.country)));
        }
        if (refunds.isEmpty()) {
            counts.merge("cancellationsNothingLeft", 1L, Long::sum);
            unsent.add(new LoadedEvents.Unsent(cancellation.number, cancellation.customer, "the invoices it matches ("
                    + String.join(", ", reached.keySet().stream().map(r -> r.invoice).toList())
                    + ") have nothing left to refund"));
        }
        counts.merge("refunds", (long) refunds.size(), Long::sum);
        return refunds;
    }

    /** Goods have a StockCode of five digits (85123A, 22502); POST, DOT, C2, M, D, CRUK, BANK CHARGES ... do not. */
    private static boolean isGoods(String stockCode) {
        return GOODS.matcher(stockCode).lookingAt();
    }

    private static final Pattern GOODS = Pattern.compile("\\d{5}");

    private static Instant instant(String text) {
        try {
            return LocalDateTime.parse(Fields.required(text, "InvoiceDate"), DATE).atZone(UK).toInstant();
        } catch (DateTimeParseException e) {
            throw new Fields.BadValue("InvoiceDate", "must be yyyy-MM-dd HH:mm:ss, was \"" + text + "\"");
        }
    }
}
