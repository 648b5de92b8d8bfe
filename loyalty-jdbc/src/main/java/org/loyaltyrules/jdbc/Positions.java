package org.loyaltyrules.jdbc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Row positions of a stored list and the change from one version of the list to the next. Rows are ordered by a
 * sparse position, so an element added between two kept ones gets a position between theirs and nothing else moves;
 * an event usually changes a few rows of a list that has thousands, and only those are written.
 */
final class Positions {

    static final long GAP = 1L << 20;

    /** Rows to delete (by position), rows to insert (element and position), and the positions of the new list. */
    record Change<T>(long[] deleted, List<T> inserted, long[] insertedAt, long[] positions) {
        boolean isEmpty() {
            return deleted.length == 0 && inserted.isEmpty();
        }
    }

    private Positions() {
    }

    static long[] fresh(int size) {
        long[] positions = new long[size];
        for (int i = 0; i < size; i++) {
            positions[i] = GAP * (i + 1);
        }
        return positions;
    }

    private static boolean same(Object a, Object b) {
        return a == b || a.equals(b);
    }

    /**
     * The change from {@code before} (stored at {@code stored}) to {@code after}: a common prefix and suffix are kept,
     * and in between, elements of {@code after} are matched in order to equal elements of {@code before}; unmatched
     * old rows are deleted and unmatched new ones inserted.
     */
    static <T> Change<T> diff(List<T> before, long[] stored, List<T> after) {
        int n = before.size();
        int m = after.size();
        if (stored.length != n) {
            throw new IllegalStateException("stored positions " + stored.length + " do not match list size " + n);
        }
        int prefix = 0;
        while (prefix < n && prefix < m && same(before.get(prefix), after.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix && same(before.get(n - 1 - suffix), after.get(m - 1 - suffix))) {
            suffix++;
        }
        int[] match = new int[m];
        Arrays.fill(match, -1);
        for (int j = 0; j < prefix; j++) {
            match[j] = j;
        }
        for (int k = 0; k < suffix; k++) {
            match[m - 1 - k] = n - 1 - k;
        }
        if (n - suffix > prefix && m - suffix > prefix) {
            Map<T, ArrayDeque<Integer>> index = new HashMap<>();
            for (int i = prefix; i < n - suffix; i++) {
                index.computeIfAbsent(before.get(i), k -> new ArrayDeque<>()).add(i);
            }
            int last = prefix - 1;
            for (int j = prefix; j < m - suffix; j++) {
                ArrayDeque<Integer> candidates = index.get(after.get(j));
                if (candidates == null) {
                    continue;
                }
                while (!candidates.isEmpty() && candidates.peekFirst() <= last) {
                    candidates.pollFirst();
                }
                if (!candidates.isEmpty()) {
                    match[j] = candidates.pollFirst();
                    last = match[j];
                }
            }
        }
        long[] positions = new long[m];
        List<T> inserted = new ArrayList<>();
        List<Long> insertedAt = new ArrayList<>();
        boolean[] kept = new boolean[n];
        int j = 0;
        long low = 0;
        while (j < m) {
            if (match[j] >= 0) {
                kept[match[j]] = true;
                positions[j] = stored[match[j]];
                low = positions[j];
                j++;
                continue;
            }
            int end = j;
            while (end < m && match[end] < 0) {
                end++;
            }
            int run = end - j;
            long step;
            if (end == m) {
                step = GAP;
            } else {
                long high = stored[match[end]];
                step = (high - low) / (run + 1);
                if (step == 0) {
                    return rewrite(stored, after);
                }
            }
            for (int k = 0; k < run; k++) {
                positions[j + k] = low + step * (k + 1);
                inserted.add(after.get(j + k));
                insertedAt.add(positions[j + k]);
            }
            low = positions[end - 1];
            j = end;
        }
        long[] deleted = new long[n];
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (!kept[i]) {
                deleted[d++] = stored[i];
            }
        }
        return new Change<>(Arrays.copyOf(deleted, d), inserted,
                insertedAt.stream().mapToLong(Long::longValue).toArray(), positions);
    }

    /** Everything deleted and inserted again at fresh positions: when no room is left between two rows. */
    private static <T> Change<T> rewrite(long[] stored, List<T> after) {
        long[] positions = fresh(after.size());
        return new Change<>(stored.clone(), List.copyOf(after), positions, positions);
    }
}
