package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

final class EventChecks {

    private EventChecks() {
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /** A required amount of money; null is refused naming the field, as a blank id or a null instant is. */
    static org.loyaltyrules.core.money.Money requireMoney(org.loyaltyrules.core.money.Money money, String field) {
        if (money == null) {
            throw new IllegalArgumentException(field + " must be an amount of money, was null");
        }
        return money;
    }

    /** An unmodifiable copy of {@code lines} (none when null); a null line is refused naming its index. */
    static java.util.List<PurchaseLine> lines(java.util.List<PurchaseLine> lines) {
        if (lines == null) {
            return java.util.List.of();
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == null) {
                throw new IllegalArgumentException("lines[" + i + "] must be a purchase line, was null");
            }
        }
        return java.util.List.copyOf(lines);
    }

    /** The earliest and latest instants an event may have: the years {@link LoyaltyEvent#FIRST_YEAR} to LAST_YEAR, UTC. */
    static final Instant EARLIEST = java.time.Year.of(LoyaltyEvent.FIRST_YEAR).atDay(1)
            .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    static final Instant LATEST = java.time.Year.of(LoyaltyEvent.LAST_YEAR + 1).atDay(1)
            .atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusNanos(1);

    static Instant requireAt(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("at must be an instant, was null");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException("at must lie in the years " + LoyaltyEvent.FIRST_YEAR + ".."
                    + LoyaltyEvent.LAST_YEAR + " (UTC), was " + at);
        }
        return at;
    }

    /**
     * Sorted, unmodifiable copy so that equal inputs give byte-identical outputs; a null name or value is refused here,
     * where the caller can still see which one, not later inside an evaluation.
     */
    static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        if (map == null) {
            return Map.of();
        }
        TreeMap<String, V> copy = new TreeMap<>();
        map.forEach((name, value) -> {
            if (name == null) {
                throw new IllegalArgumentException("attribute and metric names must not be null, was null (with value "
                        + value + ")");
            }
            if (value == null) {
                throw new IllegalArgumentException("attribute or metric " + name + " must have a value, was null");
            }
            copy.put(name, value);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The map without {@code name}, still sorted and unmodifiable; the map itself when it has no such entry. */
    static <V> Map<String, V> without(Map<String, V> sorted, String name) {
        if (!sorted.containsKey(name)) {
            return sorted;
        }
        TreeMap<String, V> copy = new TreeMap<>(sorted);
        copy.remove(name);
        return java.util.Collections.unmodifiableMap(copy);
    }
}
