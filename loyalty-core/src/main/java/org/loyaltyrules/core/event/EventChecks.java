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

    /** The earliest and latest instants an event may have: years 1 to 9999 (UTC), as every store and format can hold. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    static Instant requireAt(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("at must be an instant, was null");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException("at must lie in the years 1 to 9999, was " + at);
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
