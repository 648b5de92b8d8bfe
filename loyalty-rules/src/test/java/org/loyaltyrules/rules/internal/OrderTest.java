package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A chain of conclusions, each inserted by a match on the one before (the loop the fire limit stops), keeps orders of
 * bounded length: each used to carry the whole chain, so 10,000 of them held more than a gigabyte and a 1 GB heap ran
 * out before the fire limit failed the event (sandbox audit F4).
 */
class OrderTest {

    /** The order of the n-th conclusion of a chain that starts at the engine's {@code first}-th fact. */
    private static int[] chain(int first, int n) {
        int[] order = Order.byEngine(first);
        for (int i = 0; i < n; i++) {
            order = next(order);
        }
        return order;
    }

    /** The order of the conclusion a match on the fact of {@code order} inserts first. */
    private static int[] next(int[] order) {
        // the match's order is its fact's order preceded by its length, as Order.ofMatch writes it
        int[] match = new int[order.length + 1];
        match[0] = order.length;
        System.arraycopy(order, 0, match, 1, order.length);
        return Order.inserted(match, 0);
    }

    @Test
    void a_short_chain_keeps_every_value_of_its_order() {
        // [1, 7] (the engine's 7th fact); its conclusion [2, 1, 7, 2, 0]; the conclusion of that one
        assertThat(chain(7, 2)).containsExactly(5, 2, 1, 7, 2, 0, 2, 0);
    }

    @Test
    void the_orders_of_a_long_chain_stay_short() {
        int longest = 0;
        int[] order = Order.byEngine(0);
        for (int i = 0; i < 10_000; i++) {
            order = next(order);
            longest = Math.max(longest, order.length);
        }

        assertThat(longest).isLessThanOrEqualTo(Order.LONGEST);
    }

    @Test
    void a_long_order_depends_on_its_values_alone() {
        assertThat(chain(3, 500)).containsExactly(chain(3, 500));
        assertThat(Arrays.equals(chain(3, 500), chain(4, 500))).isFalse();
        assertThat(Arrays.equals(chain(3, 500), chain(3, 501))).isFalse();
    }
}
