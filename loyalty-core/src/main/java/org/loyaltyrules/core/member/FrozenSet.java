package org.loyaltyrules.core.member;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * An unmodifiable set the member state made itself, so that passing it to a new state does not copy it again (a
 * member's processed event ids grow with its history; copying them on every change made each event cost O(history)
 * several times over).
 */
final class FrozenSet<E> extends AbstractSet<E> {

    private final Set<E> elements;

    private FrozenSet(Set<E> elements) {
        this.elements = elements;
    }

    static <E> Set<E> ordered(Set<E> set) {
        return set instanceof FrozenSet ? set : new FrozenSet<>(new LinkedHashSet<>(set));
    }

    static <E> Set<E> sorted(Set<E> set) {
        return set instanceof FrozenSet ? set : new FrozenSet<>(new TreeSet<>(set));
    }

    /** {@code set} plus {@code element}, in insertion order: one copy. */
    static <E> Set<E> with(Set<E> set, E element) {
        LinkedHashSet<E> next = new LinkedHashSet<>(set);
        next.add(element);
        return new FrozenSet<>(next);
    }

    @Override
    public Iterator<E> iterator() {
        return Collections.unmodifiableSet(elements).iterator();
    }

    @Override
    public int size() {
        return elements.size();
    }

    @Override
    public boolean contains(Object o) {
        return elements.contains(o);
    }
}
