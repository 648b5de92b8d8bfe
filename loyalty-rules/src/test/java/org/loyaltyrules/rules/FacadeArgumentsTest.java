package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.MemberState;

/** What the facade refuses at once, naming the argument, instead of failing later or forking a member's history. */
class FacadeArgumentsTest {

    private final LoyaltyEngine engine = engine(retail("", ""));

    @Test
    void a_replay_refuses_an_initial_state_filed_under_another_members_id() {
        // given: m1's state filed under "M1"
        MemberState m1 = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();

        // then
        assertThatThrownBy(() -> engine.replay(Map.of("M1", m1),
                List.of(purchase("p2", "m1", "2025-03-02T10:00:00Z", "10.00")), null, d -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initial state filed under member M1 must be that member's, was member m1's");
    }

    @Test
    void null_arguments_are_named() {
        assertThatThrownBy(() -> engine.reviewTiers(null, at("2025-03-01T00:00:00Z")))
                .isInstanceOf(NullPointerException.class).hasMessage("members");
        assertThatThrownBy(() -> engine.reviewTiers(Arrays.asList((MemberState) null), at("2025-03-01T00:00:00Z")))
                .isInstanceOf(NullPointerException.class).hasMessage("members must not hold null");
        assertThatThrownBy(() -> engine.replay(null))
                .isInstanceOf(NullPointerException.class).hasMessage("events");
        assertThatThrownBy(() -> engine.replay(Arrays.asList(purchase("p1", "m1", "2025-03-01T10:00:00Z", "1.00"),
                null))).isInstanceOf(NullPointerException.class).hasMessage("events must not hold null");
        assertThatThrownBy(() -> engine.replay(Map.of(), List.of(), null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("listener");
    }

    @Test
    void the_decisions_of_a_review_cannot_be_changed_by_the_caller() {
        // given
        MemberState m1 = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();

        // when
        List<Decision> decisions = engine.reviewTiers(List.of(m1), at("2025-04-01T00:00:00Z"));

        // then
        assertThat(decisions).hasSize(1);
        assertThatThrownBy(decisions::clear).isInstanceOf(UnsupportedOperationException.class);
    }
}
