package org.loyaltyrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An invariant's message shows where two values first differ, with both values there, not a shared prefix. */
class FirstDifferenceTest {

    record Line(String sku, long points) {
    }

    record Basket(String id, List<Line> lines, Map<String, Long> counts, String note) {
    }

    @Test
    void each_differing_component_shows_the_path_to_its_first_difference_and_both_values() {
        Basket a = new Basket("b1", List.of(new Line("A", 1), new Line("B", 2)), Map.of("x", 1L), "same");
        Basket b = new Basket("b1", List.of(new Line("A", 1), new Line("B", 3)), Map.of("x", 2L), "same");

        assertThat(FirstDifference.between(a, b)).isEqualTo("lines[1].points: 2 vs 3; counts[x]: 1 vs 2");
    }

    @Test
    void a_list_that_is_longer_on_one_side_shows_both_sizes_and_the_first_extra_element() {
        Basket a = new Basket("b1", List.of(new Line("A", 1)), Map.of(), "");
        Basket b = new Basket("b1", List.of(new Line("A", 1), new Line("B", 2)), Map.of(), "");

        assertThat(FirstDifference.between(a, b))
                .isEqualTo("lines: 1 vs 2 elements, [1] only in the second: Line[sku=B, points=2]");
    }

    @Test
    void a_long_text_shows_a_window_from_forty_characters_before_its_first_differing_character() {
        Basket a = new Basket("b1", List.of(), Map.of(), "a".repeat(200) + "X" + "b".repeat(99));
        Basket b = new Basket("b1", List.of(), Map.of(), "a".repeat(200) + "Y" + "b".repeat(99));

        assertThat(FirstDifference.between(a, b)).isEqualTo("note: (the first 200 characters agree) ..."
                + "a".repeat(40) + "X" + "b".repeat(79) + "... vs ..." + "a".repeat(40) + "Y" + "b".repeat(79) + "...");
    }
}
