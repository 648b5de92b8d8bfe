package org.loyaltyrules.examples.data;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * (Europe/London, as the data README says), amount = sum of Quantity x UnitPrice of its lines rounded half-up to
 * cents, delivery = its POST/DOT/C2 lines, attribute {@code country}. An invoice whose total is negative is not a
 * purchase ({@code invoicesNegative}). Accounting adjustments (prefix A) are skipped ({@code adjustmentsSkipped}).</li>
 * <li>A cancellation (prefix C) is one refund when it can be matched: the latest earlier invoice of the same
 * customer whose not-yet-cancelled quantity covers every StockCode of the cancellation (quantities per StockCode
 * are tracked across cancellations). The refund amount is sum of |Quantity| x UnitPrice of the cancellation,
 * rounded half-up to cents and capped at what is left of the invoice's amount. Cancellations that match no
 * invoice (discounts, manual lines, goods bought before the data starts) are counted as
 * {@code cancellationsUnmatched}; those with nothing left to refund as {@code cancellationsNothingLeft}.</li>
 * </ul>
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

    /** A purchase that later cancellations may refund: what is left of it. */
    private static final class Refundable {
        final String invoice;
        final Map<String, Long> quantities = new HashMap<>();
        BigDecimal amountLeft;

        Refundable(String invoice, BigDecimal amount) {
            this.invoice = invoice;
            this.amountLeft = amount;
        }
    }

    private OnlineRetailEvents() {
    }

    static LoadedEvents read(Path file, Currency currency, boolean strict) {
        String source = file.getFileName().toString();
        ProblemLog problems = new ProblemLog(source, strict);
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        long[] withoutCustomer = {0};
        long rows = DatasetRows.read(file, COLUMNS, problems, (r, line) -> {
            String customer = r.get("CustomerID").trim();
            if (customer.isEmpty()) {
                withoutCustomer[0]++;
                return;
            }
            if (customer.endsWith(".0")) {
                customer = customer.substring(0, customer.length() - 2);
            }
            String number = Fields.required(r.get("InvoiceNo"), "InvoiceNo");
            long quantity = Fields.integer(r.get("Quantity"), "Quantity");
            BigDecimal price = Fields.decimal(r.get("UnitPrice"), "UnitPrice");
            Instant at = instant(r.get("InvoiceDate"));
            String c = customer;
            Invoice invoice = invoices.computeIfAbsent(number, n -> new Invoice(n, c, at, r.get("Country")));
            invoice.lines.add(new Line(r.get("StockCode").trim(), quantity, price));
        });

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows", rows);
        counts.put("rowsWithoutCustomer", withoutCustomer[0]);
        counts.put("invoices", (long) invoices.size());
        for (String name : List.of("purchases", "cancellations", "refunds", "cancellationsUnmatched",
                "cancellationsNothingLeft", "invoicesNegative", "adjustmentsSkipped")) {
            counts.put(name, 0L); // a fixed order for reports
        }
        List<LoyaltyEvent> events = new ArrayList<>();
        Map<String, List<Refundable>> refundable = new HashMap<>();
        for (Invoice invoice : invoices.values()) {
            if (invoice.number.startsWith("A")) {
                counts.merge("adjustmentsSkipped", 1L, Long::sum);
            } else if (invoice.number.startsWith("C")) {
                counts.merge("cancellations", 1L, Long::sum);
                Refund refund = refund(invoice, refundable.getOrDefault(invoice.customer, List.of()), currency, counts);
                if (refund != null) {
                    events.add(refund);
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
                    left.quantities.merge(l.stockCode, l.quantity, Long::sum);
                }
                Money amount;
                if (total.signum() < 0) {
                    counts.merge("invoicesNegative", 1L, Long::sum);
                    continue;
                }
                amount = Fields.rounded(total, currency);
                Money charges = Fields.rounded(delivery.max(BigDecimal.ZERO), currency);
                left.amountLeft = amount.amount();
                refundable.computeIfAbsent(invoice.customer, k -> new ArrayList<>()).add(left);
                events.add(new Purchase(invoice.number, invoice.customer, invoice.at, amount, "", "",
                        Map.of("country", invoice.country), Map.of(), List.of(),
                        charges.compareTo(amount) <= 0 ? charges : null, null));
                counts.merge("purchases", 1L, Long::sum);
            }
        }
        return new LoadedEvents(EventFormat.ONLINE_RETAIL, source, events, problems.problems(), rows, counts);
    }

    private static Refund refund(Invoice cancellation, List<Refundable> earlier, Currency currency,
                                 Map<String, Long> counts) {
        Map<String, Long> cancelled = new HashMap<>();
        BigDecimal value = BigDecimal.ZERO;
        for (Line l : cancellation.lines) {
            long quantity = Math.abs(l.quantity);
            cancelled.merge(l.stockCode, quantity, Long::sum);
            value = value.add(l.unitPrice.multiply(BigDecimal.valueOf(quantity)));
        }
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Refundable candidate = earlier.get(i);
            boolean covers = cancelled.entrySet().stream()
                    .allMatch(e -> candidate.quantities.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (!covers) {
                continue;
            }
            cancelled.forEach((code, quantity) -> candidate.quantities.merge(code, -quantity, Long::sum));
            Money wanted = Fields.rounded(value.max(BigDecimal.ZERO), currency);
            BigDecimal amount = wanted.amount().min(candidate.amountLeft);
            if (amount.signum() <= 0) {
                counts.merge("cancellationsNothingLeft", 1L, Long::sum);
                return null;
            }
            candidate.amountLeft = candidate.amountLeft.subtract(amount);
            counts.merge("refunds", 1L, Long::sum);
            return new Refund(cancellation.number, cancellation.customer, cancellation.at, candidate.invoice,
                    Money.of(amount, currency), Map.of("country", cancellation.country));
        }
        counts.merge("cancellationsUnmatched", 1L, Long::sum);
        return null;
    }

    private static Instant instant(String text) {
        try {
            return LocalDateTime.parse(Fields.required(text, "InvoiceDate"), DATE).atZone(UK).toInstant();
        } catch (DateTimeParseException e) {
            throw new Fields.BadValue("InvoiceDate", "must be yyyy-MM-dd HH:mm:ss, was \"" + text + "\"");
        }
    }
}
