package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A member's raw recency, frequency and monetary values as the R package {@code rfm} computes them
 * ({@code rfm_table_order}): days from the latest order to the analysis date, the number of orders (every order
 * counts, also two on one day) and the total revenue.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RfmValues(String memberId, long recencyDays, int orders, BigDecimal monetary) {

    public RfmValues {
        if (memberId == null || memberId.isBlank()) {
            throw new IllegalArgumentException("memberId must not be blank, was " + memberId);
        }
        if (orders < 1) {
            throw new IllegalArgumentException("orders must be >= 1, was " + orders);
        }
        requireNonNull(monetary, "monetary");
    }

    /**
     * One value per member, ordered by member id, from every order given (as {@code rfm} does, orders after the
     * analysis date are not filtered out: they give a negative recency).
     */
    public static List<RfmValues> of(Collection<Transaction> orders, LocalDate analysisDate) {
        requireNonNull(orders, "orders");
        requireNonNull(analysisDate, "analysisDate");
        Map<String, List<Transaction>> perMember = new TreeMap<>();
        for (Transaction t : orders) {
            perMember.computeIfAbsent(t.memberId(), id -> new ArrayList<>()).add(t);
        }
        List<RfmValues> out = new ArrayList<>(perMember.size());
        perMember.forEach((member, list) -> {
            LocalDate latest = list.get(0).date();
            BigDecimal total = BigDecimal.ZERO;
            for (Transaction t : list) {
                latest = t.date().isAfter(latest) ? t.date() : latest;
                total = total.add(t.amount());
            }
            out.add(new RfmValues(member, ChronoUnit.DAYS.between(latest, analysisDate), list.size(), total));
        });
        return List.copyOf(out);
    }
}
