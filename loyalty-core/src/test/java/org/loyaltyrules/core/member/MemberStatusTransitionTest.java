package org.loyaltyrules.core.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.core.member.MemberStatus.ACTIVE;
import static org.loyaltyrules.core.member.MemberStatus.CLOSED;
import static org.loyaltyrules.core.member.MemberStatus.FROZEN;
import static org.loyaltyrules.core.member.MemberStatus.UNDER_REVIEW;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberStatusTransitionTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "ACTIVE, ACTIVE, true", "ACTIVE, UNDER_REVIEW, true", "ACTIVE, FROZEN, true", "ACTIVE, CLOSED, true",
            "UNDER_REVIEW, ACTIVE, true", "UNDER_REVIEW, UNDER_REVIEW, true", "UNDER_REVIEW, FROZEN, true",
            "UNDER_REVIEW, CLOSED, true",
            "FROZEN, ACTIVE, true", "FROZEN, UNDER_REVIEW, false", "FROZEN, FROZEN, true", "FROZEN, CLOSED, true",
            "CLOSED, ACTIVE, false", "CLOSED, UNDER_REVIEW, false", "CLOSED, FROZEN, false", "CLOSED, CLOSED, true"})
    void member_status_moves_only_along_allowed_transitions(MemberStatus from, MemberStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @org.junit.jupiter.api.Test
    void only_active_and_reviewed_members_earn_and_only_reviewed_members_have_awards_held() {
        assertThat(ACTIVE.earns()).isTrue();
        assertThat(UNDER_REVIEW.earns()).isTrue();
        assertThat(FROZEN.earns()).isFalse();
        assertThat(CLOSED.earns()).isFalse();
        assertThat(UNDER_REVIEW.holdsAwards()).isTrue();
        assertThat(ACTIVE.holdsAwards()).isFalse();
    }
}
