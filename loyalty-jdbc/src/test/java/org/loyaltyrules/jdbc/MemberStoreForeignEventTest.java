package org.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.LoyaltyEngine;

/** The MemberStore.save contract for a state holding an event id another member processed, for every store. */
class MemberStoreForeignEventTest {

    private static final LoyaltyEngine ENGINE = Histories.retailBasic();

    private static MemberState purchased(String memberId) {
        return ENGINE.apply(null, Purchase.of("same", memberId, Instant.parse("2025-01-01T00:00:00Z"),
                Histories.usd("10.00"))).state();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#stores")
    void a_save_holding_an_event_id_of_another_member_is_refused_naming_the_event_and_writes_nothing(String kind)
            throws Exception {
        TestDatabase.withStore(kind, store -> {
            // given
            store.save(purchased("a"), 0);

            // when, then
            String expected = kind.equals("memory")
                    ? "event same of member b was already processed for another member"
                    : "event same of member b was already processed for another member, a";
            assertThatThrownBy(() -> store.save(purchased("b"), 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected);
            assertThat(store.load("b")).isEmpty();
            assertThat(store.load("a").orElseThrow().version()).isEqualTo(1L);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.loyaltyrules.jdbc.TestDatabase#stores")
    void an_event_id_of_an_erased_member_is_refused_without_naming_its_pseudonym(String kind) throws Exception {
        TestDatabase.withStore(kind, store -> {
            // given
            store.save(purchased("a"), 0);
            store.erase("a").orElseThrow();

            // when, then: the pseudonym next to an id the sender knows would undo the erasure
            String expected = kind.equals("memory")
                    ? "event same of member b was already processed for another member"
                    : "event same of member b was already processed for another member, one that was erased";
            assertThatThrownBy(() -> store.save(purchased("b"), 0))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected);
        });
    }
}
