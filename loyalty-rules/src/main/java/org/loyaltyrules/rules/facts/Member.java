package org.loyaltyrules.rules.facts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The member the event is about: status, tags and attributes (derived; every group sees it). Tags and attributes
 * iterate in sorted order, so a rule that reads them in order concludes the same in every run (Set.copyOf and
 * Map.copyOf iterate in an order the JVM draws when it starts).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Member(String memberId, String status, Set<String> tags, Map<String, String> attributes) {
    public Member {
        tags = sorted(tags);
        attributes = sorted(attributes);
    }

    /*
     * Read-only copies that iterate in sorted order (Set.copyOf and Map.copyOf iterate in an order the JVM draws when
     * it starts) and answer any key as other maps and sets do: attributes.containsKey(1) is false, where a TreeMap
     * compares the key with its Strings, throws ClassCastException and failed the event. EventFact's too.
     */
    static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(Map.copyOf(map)))); // copyOf: no nulls
    }

    static Set<String> sorted(Set<String> set) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(new TreeSet<>(Set.copyOf(set))));
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** A numeric attribute (e.g. a {@code taoqi} score), or null when absent or not a number. */
    public java.math.BigDecimal number(String attribute) {
        String text = attributes.get(attribute);
        if (text == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
