package org.loyaltyrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.testkit.TestPrograms.MARCH_3;
import static org.loyaltyrules.testkit.TestPrograms.history;
import static org.loyaltyrules.testkit.TestPrograms.purchase;
import static org.loyaltyrules.testkit.TestPrograms.refund;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.Explanation;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;

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

    /** 2 points per USD and a paid plan "plus" whose refund forfeits the term's rewards; {@code extra} adds fields. */
    private static Program forfeiting(String extra) {
        return Program.of(ProgramJson.parse("""
                {
                  "id": "forfeit", "version": "1", "currency": "USD", "zone": "UTC",
                  "earning": {"baseRate": "2"},
                  "tiers": {"metric": "spend", "ladder": [{"id": "member", "threshold": "0"},
                                                          {"id": "plus", "reachable": false}]},
                  "membership": {"plans": [{"tier": "plus", "price": "10.00", "termMonths": 12}],
                                 "refund": {"policy": "FULL", "forfeitRewards": true}}%s
                }
                """.formatted(extra), "forfeit.json"));
    }

    @Test
    void a_fee_refund_that_forfeits_the_terms_rewards_gives_their_cap_headroom_back() {
        // given: 2 points per USD, a yearly cap of 50, a paid plan whose refund forfeits the term's rewards
        Program forfeiting = forfeiting(",\n  \"risk\": {\"caps\": [{\"id\": \"yearly\", \"period\": \"YEAR\", \"measure\":"
                + " \"POINTS\", \"limit\": 50}]}");
        History history = history(null,
                new MembershipFee("f1", "m1", MARCH_3, TestPrograms.usd("10.00"), "plus", 12, Map.of()),
                purchase("p1", MARCH_3.plus(Duration.ofHours(1)), "30.00"),     // 60, trimmed to the cap's 50
                new FeeRefund("r1", "m1", MARCH_3.plus(Duration.ofDays(1)), "f1", TestPrograms.usd("10.00"), Map.of()),
                purchase("p2", MARCH_3.plus(Duration.ofDays(2)), "30.00"));     // the forfeited 50 freed the cap

        // when
        HistoryRun run = ProgramInvariants.of(forfeiting).run(history);

        // then: the engine gives the forfeited 50 back to the cap (as a refund does), and so does the check
        assertThat(run.turns()).extracting(t -> t.decision().pointsAwarded()).containsExactly(0L, 0L, 50L, 0L, 50L);
        assertThat(run.turns().get(3).decision().state().ledger().totals().clawedBack()).isEqualTo(50L);
        assertThat(ProgramInvariants.of(forfeiting).violations(history)).isEmpty();
    }

    @Test
    void a_return_of_a_purchase_whose_points_a_fee_refund_forfeited_takes_nothing_and_breaks_no_bound() {
        // given: 2 points per USD, a paid plan whose refund forfeits the term's rewards; 100.00 earns 200, the fee
        // refund forfeits them, and a later return of a quarter takes nothing again (semantics §5.6): the upper bound
        // of a partial refund read the forfeited 200 as clawed back by the refund (second adversarial review F1)
        Program forfeiting = forfeiting("");
        History history = history(null,
                new MembershipFee("f1", "m1", MARCH_3, TestPrograms.usd("10.00"), "plus", 12, Map.of()),
                purchase("p1", MARCH_3.plus(Duration.ofHours(1)), "100.00"),
                new FeeRefund("r1", "m1", MARCH_3.plus(Duration.ofDays(1)), "f1", TestPrograms.usd("10.00"), Map.of()),
                refund("x1", MARCH_3.plus(Duration.ofDays(2)), "p1", "25.00"));

        // when
        HistoryRun run = ProgramInvariants.of(forfeiting).run(history);

        // then
        assertThat(run.turns().get(3).decision().state().ledger().totals().clawedBack()).isEqualTo(200L);
        assertThat(run.turns().get(4).decision().postings()).isEmpty();
        assertThat(ProgramInvariants.of(forfeiting).violations(history)).isEmpty();
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
    void a_resend_picks_among_the_applied_events_never_one_the_engine_refused() {
        // given: p2 is dated before p1, so the engine refuses it; applied are m1-enrol and p1
        History history = history(null, purchase("p1", MARCH_3.plusSeconds(3_600), "20.00"),
                purchase("p2", MARCH_3, "30.00"), new Step.Resend(5));

        // when
        HistoryRun run = invariants.run(history);

        // then: pick 5 of the 2 applied events is p1 (of the 3 sent, it would be p2 again, still out of order)
        assertThat(run.turns().get(2).decision().refusal().code()).isEqualTo("OUT_OF_ORDER");
        assertThat(run.events()).extracting(e -> e.id()).containsExactly("m1-enrol", "p1", "p2", "p1");
        assertThat(run.turns().get(3).decision().outcome()).isEqualTo(Decision.Outcome.DUPLICATE);
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

    /** {@code count} purchases of 15.00 a day apart, each of which the small-basket bonus makes non-monotone. */
    private static History smallBaskets(int count) {
        Object[] purchases = new Object[count];
        for (int i = 0; i < count; i++) {
            purchases[i] = purchase("p" + (i + 1), MARCH_3.plus(Duration.ofDays(i)), "15.00");
        }
        return history(null, purchases);
    }

    @Test
    void five_violations_are_all_shown_without_a_more_line_and_a_sixth_is_counted() {
        // given: 15.00 earns 15 + 50 and 30.00 only 30 on each purchase; the message spells out 5 violations (audit 14
        // K8 wrote "... and 0 more" at exactly 5)
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.declaringMonotonicity(
                "earning/small-basket-bonus.drl", TestPrograms.SMALL_BASKET_BONUS));

        // when
        InvariantViolation five = catchThrowableOfType(InvariantViolation.class,
                () -> broken.check(smallBaskets(5), Invariant.MONOTONE_IN_SPEND));
        InvariantViolation six = catchThrowableOfType(InvariantViolation.class,
                () -> broken.check(smallBaskets(6), Invariant.MONOTONE_IN_SPEND));

        // then
        assertThat(five.violations()).hasSize(5);
        assertThat(five.getMessage()).contains("at event p5: ").doesNotContain("... and")
                .contains("small basket bonus = 50\nthe events sent, for loyalty explain");
        assertThat(six.violations()).hasSize(6);
        assertThat(six.getMessage()).contains("at event p5: ").doesNotContain("at event p6: ")
                .contains("small basket bonus = 50\n  ... and 1 more\nthe events sent, for loyalty explain");
    }

    @Test
    void a_program_that_does_not_compile_is_refused_when_the_invariants_are_built() {
        assertThatThrownBy(() -> ProgramInvariants.of(TestPrograms.program("earning/broken.drl",
                "package org.loyaltyrules.rules.earning;\nrule \"Unfinished\" when then")))
                .isInstanceOf(ProgramException.class);
    }

    @Test
    void a_violation_names_the_invariant_its_claim_the_event_the_detail_and_the_rules_of_the_decision() {
        Violation violation = new Violation(Invariant.CAPS_NEVER_EXCEEDED, "p9", "cap c counts 2 > limit 1", List.of(
                new Explanation("Base earn", "standard:earning/base-earn.drl", 9, "", Map.of(), "base 1 = 2"),
                new Explanation("Cap trim", "", 0, "", Map.of(), "nothing withheld")));

        assertThat(violation.message())
                .isEqualTo("CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p9: cap c counts 2 > limit 1");
        assertThat(violation.report("    ")).isEqualTo("""
                CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p9: cap c counts 2 > limit 1
                    explanations[0] rule "Base earn" (standard:earning/base-earn.drl:9): base 1 = 2
                    explanations[1] rule "Cap trim" (engine): nothing withheld""");
        assertThat(violation).hasToString(violation.report("  "));
        assertThat(new Violation(Invariant.CAPS_NEVER_EXCEEDED, "p9", "cap c counts 2 > limit 1").report("  "))
                .isEqualTo("CAPS_NEVER_EXCEEDED (caps are never exceeded) at event p9: cap c counts 2 > limit 1\n"
                        + "  no explanations: no rule concluded anything for this event");
    }

    @Test
    void a_violation_of_a_member_with_tags_says_that_a_replay_of_its_events_starts_without_them() {
        // given: tags are set on the state by the embedding system; no event carries them
        ProgramInvariants broken = ProgramInvariants.of(TestPrograms.program("risk/caps.drl",
                TestPrograms.CAPS_SWITCHED_OFF));
        Instant enrolled = MARCH_3.minus(Duration.ofHours(1));
        History employee = new History(new MemberProfile("m1", enrolled, null, Map.of(), Set.of("employee")), List.of(
                new Step.Send(Enrollment.of("m1-enrol", "m1", enrolled)),
                new Step.Send(purchase("p1", MARCH_3, "200.00")),
                new Step.Send(purchase("p2", MARCH_3.plusSeconds(60), "200.00"))));

        // when
        InvariantViolation thrown = catchThrowableOfType(InvariantViolation.class, () -> broken.check(employee));

        // then
        assertThat(thrown.getMessage()).endsWith("""
                the events sent, for loyalty explain --program DIR --events FILE.jsonl --member m1:
                {"id":"m1-enrol","type":"enrollment","member":"m1","at":"2025-03-03T09:00:00Z"}
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"200.00",\
                "currency":"USD"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-03-03T10:01:00Z","amount":"200.00",\
                "currency":"USD"}
                (member m1 starts with tags [employee], which no event carries: a replay of these lines starts \
                without them)""");
    }

    @Test
    void a_member_profile_copies_and_sorts_attributes_and_tags() {
        MemberProfile member = new MemberProfile("m1", MARCH_3, " ", Map.of("b", "2", "a", "1"), Set.of("y", "x"));

        assertThat(member.manualTier()).isEmpty();
        assertThat(member).hasToString("m1 enrolled 2025-03-03T10:00:00Z {a=1, b=2} tags [x, y]");
        assertThatThrownBy(() -> new MemberProfile(" ", MARCH_3, null, Map.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("memberId must not be blank, was  ");
    }

    @Test
    void an_extra_use_whose_reason_spans_two_lines_counts_for_the_quota(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) throws Exception {
        // given: retail-basic, its top-value allowance's reason written over two lines (the engine keeps it so)
        java.nio.file.Path program = dir.resolve("retail-basic");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(
                org.loyaltyrules.testkit.reference.ReferencePrograms.ROOT.resolve("retail-basic"))) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Path to = program.resolve(org.loyaltyrules.testkit.reference.ReferencePrograms.ROOT
                        .resolve("retail-basic").relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(file, to);
                }
            }
        }
        java.nio.file.Path rule = program.resolve("rules/benefit/top-value-extra-delivery.drl");
        String drl = java.nio.file.Files.readString(rule);
        java.nio.file.Files.writeString(rule, drl.replace("\"top value layer\"", "\"top value layer\\n(annual spend)\""));
        // a gold member who spends 12,000.00 is in the top layer: free delivery 2 a month, and 1 extra
        Instant enrolled = Instant.parse("2025-02-01T00:00:00Z");
        List<Step> steps = new java.util.ArrayList<>(List.of(
                new Step.Send(new Enrollment("m1-enrol", "m1", enrolled, "gold", Map.of())),
                new Step.Send(org.loyaltyrules.core.event.Purchase.of("p1", "m1",
                        Instant.parse("2025-03-01T10:00:00Z"), org.loyaltyrules.core.money.Money.of("12000.00", "USD")))));
        for (int day = 2; day <= 4; day++) {
            steps.add(new Step.Send(new org.loyaltyrules.core.event.BenefitClaim("c" + (day - 1), "m1",
                    Instant.parse("2025-03-0" + day + "T10:00:00Z"), "free-delivery", Map.of())));
        }
        History claims = new History(new MemberProfile("m1", enrolled, "gold", Map.of(), Set.of()), steps);
        ProgramInvariants invariants = ProgramInvariants.of(Program.load(program));

        // when
        HistoryRun run = invariants.run(claims);

        // then: the third claim is the extra use, granted, and within the quota the testkit counts
        assertThat(run.turns().get(4).decision().explanations()).extracting(Explanation::sentence)
                .contains("free-delivery: 1 extra use(s) per period (top value layer\n(annual spend))");
        assertThat(run.turns().get(4).decision().isApplied()).isTrue();
        assertThat(invariants.violations(claims)).isEmpty();
    }
}
