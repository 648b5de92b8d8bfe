package org.loyaltyrules.rules.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded cache of what is costly to build from immutable input (compiled packs, parsed rule files): it keeps the
 * {@code capacity} entries used last. Safe for several threads; a value is built outside the lock, so two threads
 * asking for the same new key may both build it (the values are equal, either is kept).
 */
final class RecentlyUsed<K, V> {

    private final Map<K, V> entries;

    RecentlyUsed(int capacity) {
        entries = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The value kept for {@code key}, or the one {@code build} makes, kept from now on. */
    V get(K key, Function<K, V> build) {
        V value = entries.get(key);
        if (value == null) {
            value = build.apply(key);
            entries.put(key, value);
        }
        return value;
    }
}
