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
