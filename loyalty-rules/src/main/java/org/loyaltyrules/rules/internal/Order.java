package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.runtime.rule.Match;

/**
 * The canonical order of one evaluation's facts and matches, which the recorded conclusions follow so that a decision
 * does not depend on the history of the pooled session it was evaluated in.
 *
 * <p>Drools fires the matches of one rule in the order its network made them, and that order depends on what the
 * session held before: the program's settings facts stand in a pooled session, and a rule's network takes them in
 * only when a fact of its other patterns first arrives (Phreak evaluates lazily). So the first evaluation of a
 * session to match, say, two excluded basket lines against the standing exclusions made them exclusion by
 * exclusion, and every later one line by line: the same state and event gave explanations (and, for a rule that
 * awards per line, postings) in another order. Here every fact gets an order that does not depend on the session:
 * standing facts by their place in the settings, facts the engine inserts by their place in the evaluation, a fact
 * a rule inserts by the match that inserted it and its place among that match's inserts. A match is ordered by its
 * facts, pattern by pattern; the conclusions of each rule in a group are recorded in the order of their matches.
 */
final class Order {

    private static final int STANDING = 0;
    private static final int BY_ENGINE = 1;
    private static final int BY_MATCH = 2;
    private static final int UNTRACKED = 3;
    private static final int DIGEST = 4;

    /**
     * The longest order kept as it is. A fact a rule inserts carries the order of the match that inserted it, which
     * carries the orders of its facts: along a chain of conclusions (a rule that matches its own conclusion, the loop
     * the fire limit stops) each one is longer than the last, and 10,000 of them held more than a gigabyte, so the
     * loop exhausted a heap before the fire limit failed the event. A longer order is kept as a digest of its
     * values: as canonical (it depends on the values alone), and no chain a program means to build is that long.
     */
    static final int LONGEST = 256;

    private Order() {
    }

    /** The order of the {@code n}-th standing (settings) fact: before any fact of an evaluation. */
    static int[] standing(int n) {
        return new int[] {STANDING, n};
    }

    /** The order of the {@code n}-th fact the engine inserted in this evaluation. */
    static int[] byEngine(int n) {
        return new int[] {BY_ENGINE, n};
    }

    /** The order of the {@code n}-th fact a match inserted. */
    static int[] inserted(int[] matchOrder, int n) {
        int[] o = Arrays.copyOf(matchOrder, matchOrder.length + 2);
        o[matchOrder.length] = BY_MATCH;
        o[matchOrder.length + 1] = n;
        return o.length <= LONGEST ? o : digest(o);
    }

    /** An order too long to keep, as {DIGEST, its length, two 32-bit hashes of its values}. */
    private static int[] digest(int[] o) {
        int h1 = 1;
        int h2 = 0x9E3779B9;
        for (int v : o) {
            h1 = 31 * h1 + v;
            h2 = Integer.rotateLeft(h2 ^ v, 13) * 0x5BD1E995;
        }
        return new int[] {DIGEST, o.length, h1, h2};
    }

    /**
     * A match's order: its facts' orders, each preceded by its length, pattern by pattern, first those of the
     * evaluation's facts and then those of the standing ones (so the matches of two basket lines against the
     * settings go line by line). An object no one inserted (an accumulate's result, an element {@code from} a
     * collection) is ordered by its text.
     */
    static int[] ofMatch(Match match, Function<Object, int[]> orderOf) {
        List<Object> objects = match.getObjects();
        int[][] parts = new int[objects.size()][];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            Object fact = objects.get(i);
            int[] o = fact == null ? null : orderOf.apply(fact);
            parts[i] = o != null ? o : new int[] {UNTRACKED, String.valueOf(fact).hashCode()};
            length += parts[i].length + 1;
        }
        int[] out = new int[length];
        int at = 0;
        for (boolean standing : new boolean[] {false, true}) {
            for (int[] part : parts) {
                if ((part[0] == STANDING) == standing) {
                    out[at++] = part.length;
                    System.arraycopy(part, 0, out, at, part.length);
                    at += part.length;
                }
            }
        }
        return out;
    }

    /**
     * Puts the conclusions each rule made in a group (from index {@code from} on) into the canonical order of their
     * matches, in the places that rule's conclusions hold: a rule of a higher salience that answers each of them
     * keeps its places between them, and its own conclusions are put in order the same way. A match's own
     * conclusions keep their order.
     */
    static void sortByRule(List<Conclusion> conclusions, List<int[]> orders, int from) {
        Map<String, List<Integer>> placesByRule = new LinkedHashMap<>();
        for (int i = from; i < conclusions.size(); i++) {
            placesByRule.computeIfAbsent(conclusions.get(i).rule(), r -> new ArrayList<>()).add(i);
        }
        for (List<Integer> places : placesByRule.values()) {
            if (places.size() > 1) {
                sort(conclusions, orders, places);
            }
        }
    }

    private static void sort(List<Conclusion> conclusions, List<int[]> orders, List<Integer> places) {
        List<Integer> at = new ArrayList<>(places);
        at.sort(Comparator.comparing(orders::get, Arrays::compare)); // stable: a match's conclusions stay together
        List<Conclusion> sortedConclusions = new ArrayList<>(at.size());
        List<int[]> sortedOrders = new ArrayList<>(at.size());
        for (int i : at) {
            sortedConclusions.add(conclusions.get(i));
            sortedOrders.add(orders.get(i));
        }
        for (int k = 0; k < places.size(); k++) {
            conclusions.set(places.get(k), sortedConclusions.get(k));
            orders.set(places.get(k), sortedOrders.get(k));
        }
    }
}
