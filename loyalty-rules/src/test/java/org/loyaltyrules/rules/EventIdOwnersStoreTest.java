package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;

/**
 * An event id the store holds for another member is refused naming that member, unless it was erased: its pseudonym,
 * next to an id the sender knows, would undo the erasure (`run --store` wrote it into rejections.csv; the JDBC
 * service already said "an erased member").
 */
class EventIdOwnersStoreTest {

    private static final Purchase P1_OF_M2 = Programs.purchase("p1", "m2", "2025-03-03T10:00:00Z", "10.00");

    @Test
    void an_id_held_for_another_member_names_that_member() {
        EventIdOwners owners = EventIdOwners.of(List.of(P1_OF_M2), Map.of("p1", "m1"));

        assertThat(owners.refusals()).containsExactly(new ReplayResult.Rejection("p1", "m2", "DUPLICATE_EVENT_ID",
                "event p1 was already processed for member m1 in the store; event ids must be unique across members"));
    }

    @Test
    void an_id_held_for_an_erased_member_does_not_name_its_pseudonym() {
        EventIdOwners owners = EventIdOwners.of(List.of(P1_OF_M2),
                Map.of("p1", "erased-e956db8a563070702c81e69d219e2a0d"));

        assertThat(owners.refusals()).containsExactly(new ReplayResult.Rejection("p1", "m2", "DUPLICATE_EVENT_ID",
                "event p1 was already processed for an erased member in the store; event ids must be unique across"
                        + " members"));
    }
}
