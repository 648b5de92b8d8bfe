package org.loyaltyrules.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collections the engine's facts hand to rules iterate in sorted order: Set.copyOf and Map.copyOf iterate in an
 * order the JVM draws when it starts, so a rule that took the first attribute of a purchase earned 1, 4 or 5 points
 * from one run of the same command to the next (sandbox audit F1).
 */
class FactCollectionsOrderTest {

    private static final List<String> SORTED = List.of("a", "bb", "ccc", "dddd", "eeeee", "ffffff");

    private static Map<String, String> given() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : List.of("eeeee", "a", "ffffff", "dddd", "bb", "ccc")) {
            attributes.put(key, Integer.toString(key.length()));
        }
        return attributes;
    }

    @Test
    void an_events_attributes_iterate_in_the_order_of_their_names() {
        EventFact event = new EventFact("p1", "purchase", "2025-03-03", given());

        assertThat(event.attributes().keySet()).containsExactlyElementsOf(SORTED);
        assertThat(event.attributes()).hasToString("{a=1, bb=2, ccc=3, dddd=4, eeeee=5, ffffff=6}");
    }

    @Test
    void a_members_tags_and_attributes_iterate_in_sorted_order() {
        Member member = new Member("m1", "ACTIVE", new LinkedHashSet<>(List.of("vip", "app", "staff")), given());

        assertThat(member.tags()).containsExactly("app", "staff", "vip");
        assertThat(member.attributes().keySet()).containsExactlyElementsOf(SORTED);
    }

    @Test
    void the_collections_are_read_only_and_refuse_nulls_as_before() {
        Member member = new Member("m1", "ACTIVE", Set.of("vip"), Map.of("a", "1"));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("a", null);

        assertThatThrownBy(() -> member.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> member.attributes().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new EventFact("p1", "purchase", "2025-03-03", withNull))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_collections_answer_a_key_of_another_type_as_absent_as_other_maps_do() {
        // a sorted map compared the key with its String keys: attributes.containsKey(1) threw ClassCastException,
        // and the event failed RULE_FAILED where any other map answers false
        Member member = new Member("m1", "ACTIVE", Set.of("vip"), Map.of("1", "one"));
        EventFact event = new EventFact("p1", "purchase", "2025-03-03", Map.of("1", "one"));

        assertThat(member.attributes().containsKey(1)).isFalse();
        assertThat(member.attributes().get(1)).isNull();
        assertThat(member.tags().contains(1)).isFalse();
        assertThat(event.attributes().containsKey(1)).isFalse();
        assertThat(event.attributes().containsKey(null)).isFalse();
        assertThat(event.attributes().get("1")).isEqualTo("one");
    }

    @Test
    void facts_with_the_same_values_are_equal_whatever_order_they_were_given_in() {
        Map<String, String> reversed = new LinkedHashMap<>();
        List.of("ffffff", "eeeee", "dddd", "ccc", "bb", "a").forEach(k -> reversed.put(k, Integer.toString(k.length())));

        assertThat(new EventFact("p1", "purchase", "2025-03-03", reversed))
                .isEqualTo(new EventFact("p1", "purchase", "2025-03-03", given()))
                .hasSameHashCodeAs(new EventFact("p1", "purchase", "2025-03-03", given()));
    }
}
