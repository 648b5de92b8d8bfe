package org.loyaltyrules.testkit;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.loyaltyrules.core.points.PointsLedger;

/**
 * Where two values that should be equal first differ, for an invariant's message: the path to the first differing
 * part (records by component, lists by index, maps by key, a ledger by its lots, postings and totals) and both
 * values there, e.g. {@code postings[1].points: 417 vs 733}. Long texts show a window around their first
 * differing character, since two whole member states agree for hundreds of characters before the part that matters.
 */
final class FirstDifference {

    /** Texts up to this long are shown whole. */
    private static final int WHOLE = 160;
    /** How much of a long text is shown before and after its first differing character. */
    private static final int BEFORE = 40;
    private static final int AFTER = 80;

    private FirstDifference() {
    }

    /** For each component in which the records differ, its first difference; "; " between them. */
    static String between(Record a, Record b) {
        List<String> differ = new ArrayList<>();
        Map<String, Object> pb = parts(b);
        parts(a).forEach((name, x) -> {
            if (!Objects.equals(x, pb.get(name))) {
                differ.add(at(name, x, pb.get(name)));
            }
        });
        return differ.isEmpty() ? "nothing component-wise (equals disagrees)" : String.join("; ", differ);
    }

    /** The first difference below {@code path}, where {@code x} and {@code y} are known to differ. */
    static String at(String path, Object x, Object y) {
        boolean composite = x instanceof Record || x instanceof PointsLedger;
        if (composite && y != null && x.getClass() == y.getClass()) {
            Map<String, Object> px = parts(x);
            Map<String, Object> py = parts(y);
            for (Map.Entry<String, Object> part : px.entrySet()) {
                if (!Objects.equals(part.getValue(), py.get(part.getKey()))) {
                    return at(path + "." + part.getKey(), part.getValue(), py.get(part.getKey()));
                }
            }
        } else if (x instanceof List && y instanceof List) {
            List<?> lx = (List<?>) x;
            List<?> ly = (List<?>) y;
            for (int i = 0; i < Math.min(lx.size(), ly.size()); i++) {
                if (!Objects.equals(lx.get(i), ly.get(i))) {
                    return at(path + "[" + i + "]", lx.get(i), ly.get(i));
                }
            }
            if (lx.size() != ly.size()) {
                int first = Math.min(lx.size(), ly.size());
                boolean left = lx.size() > ly.size();
                return path + ": " + lx.size() + " vs " + ly.size() + " elements, [" + first + "] only in the "
                        + (left ? "first" : "second") + ": " + shorten((left ? lx : ly).get(first));
            }
        } else if (x instanceof Map && y instanceof Map) {
            Map<?, ?> mx = (Map<?, ?>) x;
            Map<?, ?> my = (Map<?, ?>) y;
            Set<Object> keys = new LinkedHashSet<>(mx.keySet());
            keys.addAll(my.keySet());
            for (Object key : keys) {
                if (!Objects.equals(mx.get(key), my.get(key))) {
                    return at(path + "[" + key + "]", mx.get(key), my.get(key));
                }
            }
        }
        return path + ": " + window(String.valueOf(x), String.valueOf(y));
    }

    /** Both texts, whole when short, else from a little before their first differing character. */
    static String window(String x, String y) {
        if (x.length() <= WHOLE && y.length() <= WHOLE) {
            return x + " vs " + y;
        }
        int same = 0;
        while (same < x.length() && same < y.length() && x.charAt(same) == y.charAt(same)) {
            same++;
        }
        int from = Math.max(0, same - BEFORE);
        return "(the first " + same + " characters agree) " + cut(x, from) + " vs " + cut(y, from);
    }

    private static String cut(String text, int from) {
        int to = Math.min(text.length(), from + BEFORE + AFTER);
        return (from > 0 ? "..." : "") + text.substring(Math.min(from, text.length()), to)
                + (to < text.length() ? "..." : "");
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= WHOLE ? text : text.substring(0, WHOLE - 3) + "...";
    }

    /** A record's components, or a ledger's parts, by name in declaration order. */
    private static Map<String, Object> parts(Object value) {
        Map<String, Object> parts = new LinkedHashMap<>();
        if (value instanceof PointsLedger) {
            PointsLedger l = (PointsLedger) value;
            parts.put("lots", l.lots());
            parts.put("postings", l.postings());
            parts.put("redemptions", l.redemptions());
            parts.put("totals", l.totals());
            parts.put("debt", l.debt());
            parts.put("lastActivityAt", l.lastActivityAt());
            parts.put("memberId", l.memberId());
            return parts;
        }
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            try {
                parts.put(component.getName(), component.getAccessor().invoke(value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + value.getClass(), e);
            }
        }
        return parts;
    }
}
