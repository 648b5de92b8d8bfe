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

    static Instant requireAt(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("at must be an instant, was null");
        }
        return at;
    }

    /** Sorted, unmodifiable copy so that equal inputs give byte-identical outputs. */
    static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
