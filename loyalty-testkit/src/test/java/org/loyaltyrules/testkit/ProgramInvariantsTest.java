package org.loyaltyrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.testkit.TestPrograms.MARCH_3;
import static org.loyaltyrules.testkit.TestPrograms.history;
import static org.loyaltyrules.testkit.TestPrograms.purchase;
import static org.loyaltyrules.testkit.TestPrograms.refund;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.program.ProgramException;

/**
 * ProgramInvariants from plain JUnit Jupiter tests, as a rule author without jqwik properties would use it: written
 * histories with exact numbers, and generated ones sampled from {@link LoyaltyArbitraries}.
 */
class ProgramInvariantsTest {

    private final ProgramInvariants invariants = ProgramInvariants.of(TestPrograms.program());

    @Test
    void a_written_history_runs_step_by_step_and_keeps_every_invariant() {
        // given: 250.00 and 100.00 on one day (the daily cap of 300 trims the second to 50), a refund, a redemption
        History history = history(null,
                purchase("p1", MARCH_3, "250.00"),
                purchase("p2", MARCH_3.plus(Duration.ofHours(1)), "100.00"),
                refund("r1", MARCH_3.plus(Duration.ofDays(1)), "p1", "50.00"),
                new Step.RedeemShare("x1", MARCH_3.plus(Duration.ofDays(2)), 1000, ""));

        // when
        HistoryRun run = invariants.run(history);

        // then
        assertThat(run.turns()).extracting(t -> t.event().id()).containsExactly("m1-enrol", "p1", "p2", "r1", "x1");
        assertThat(run.turns()).extracting(t -> t.decision().pointsAwarded()).containsExactly(0L, 250L, 50L, 0L, 0L);
        assertThat(run.turns().get(2).decision().capsApplied()).extracting(c -> c.capId() + " " + c.withheld())
                .containsExactly("daily-points 50");
        assertThat(((Redemption) run.turns().get(4).event()).points()).isEqualTo(250L); // 300 - 50 clawed back
        assertThat(run.finalState().pointsAvailable()).isZero();
        assertThat(invariants.violations(history)).isEmpty();
        ProgramInvariants.check(TestPrograms.program(), history); // the one-line form
    }

    @Test
    void a_redemption_share_is_skipped_while_nothing_is_available_and_a_resend_of_nothing_is_skipped_too() {
        History history = new History(MemberProfile.enrolled("m1", MARCH_3), List.of(new Step.Resend(3),
                new Step.RedeemShare("x1", MARCH_3.plusSeconds(60), 1000, "")));

        HistoryRun run = invariants.run(history);

        assertThat(run.turns()).isEmpty();
        assertThat(run.finalState()).isEqualTo(run.initial());
    }

    @Test
    void a_resent_event_is_sent_unchanged_and_answered_as_a_duplicate() {
        History history = history(null, purchase("p1", MARCH_3, "20.00"),
                purchase("p2", MARCH_3.plusSeconds(60), "30.00"), new Step.Resend(1));

        HistoryRun run = invariants.run(history);

        assertThat(run.events()).extracting(e -> e.id()).containsExactly("m1-enrol", "p1", "p2", "p1");
        assertThat(run.turns().get(3).event()).isSameAs(run.turns().get(1).event());
        assertThat(run.turns().get(3).decision().outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
        assertThat(run.turns().get(3).step()).isEqualTo(3);
    }

    @Test
    void check_names_only_the_invariants_asked_for_and_monotonicity_only_when_declared() {
        assertThat(invariants.declared()).isEqualTo(EnumSet.complementOf(EnumSet.of(Invariant.MONOTONE_IN_SPEND)));
        assertThat(invariants.monotoneInSpend(true).declared()).isEqualTo(EnumSet.allOf(Invariant.class));
        assertThat(invariants.monotoneInSpend(true).isMonotoneInSpend()).isTrue();
        assertThat(invariants.isMonotoneInSpend()).isFalse();
    }

    @Test
    void a_program_json_that_declares_monotonicity_has_it_checked_unless_the_test_says_otherwise() {
        ProgramInvariants declaring = ProgramInvariants.of(TestPrograms.declaringMonotonicity());

        assertThat(declaring.isMonotoneInSpend()).isTrue();
        assertThat(declaring.declared()).isEqualTo(EnumSet.allOf(Invariant.class));
        assertThat(declaring.monotoneInSpend(false).declared())
                .isEqualTo(EnumSet.complementOf(EnumSet.of(Invariant.MONOTONE_IN_SPEND)));
        assertThat(invariants.isMonotoneInSpend()).as("program.json without \"declares\"").isFalse();
    }

    @Test
    void generated_histories_of_the_small_program_keep_every_invariant() {
        LoyaltyArbitraries arbitraries = LoyaltyArbitraries.forProgram(TestPrograms.program());
        ProgramInvariants monotone = invariants.monotoneInSpend(true);

        arbitraries.histories().sampleStream().limit(25).forEach(monotone::check);
    }

    @Test
    void a_program_that_does_not_compile_is_refused_when_the_invariants_are_built() {
        assertThatThrownBy(() -> ProgramInvariants.of(TestPrograms.program("earning/broken.drl",
                "package org.loyaltyrules.rules.earning;\nrule \"Unfinished\" when then")))
                .isInstanceOf(ProgramException.class);
    }

    @Test
    void a_violation_names_the_invariant_its_claim_the_event_and_the_detail() {
        Violation violation = new Violation(Invariant.CAPS_NEVER_EXCEEDED, "p9", "cap c counts 2 > limit 1");

        assertThat(violation.message())
                .isEqualTo("CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p9: cap c counts 2 > limit 1");
        assertThat(violation).hasToString(violation.message());
    }

    @Test
    void a_member_profile_copies_and_sorts_attributes_and_tags() {
        MemberProfile member = new MemberProfile("m1", MARCH_3, " ", Map.of("b", "2", "a", "1"), Set.of("y", "x"));

        assertThat(member.manualTier()).isEmpty();
        assertThat(member).hasToString("m1 enrolled 2025-03-03T10:00:00Z {a=1, b=2} tags [x, y]");
        assertThatThrownBy(() -> new MemberProfile(" ", MARCH_3, null, Map.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memberId must not be blank, was  ");
    }
}
