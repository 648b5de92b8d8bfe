package org.loyaltyrules.testkit.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.History;
import org.loyaltyrules.testkit.HistoryRun;
import org.loyaltyrules.testkit.LoyaltyArbitraries;
import org.loyaltyrules.testkit.MemberProfile;
import org.loyaltyrules.testkit.ProgramInvariants;
import org.loyaltyrules.testkit.Step;

/**
 * The plain-JUnit examples of docs/rule-authoring.md section 8, line for line, with retail-basic as "my program"
 * (the contract examples are the reference subclasses next to this class).
 */
class RuleAuthoringGuideTestkitExampleTest {

    private static final Path MY_PROGRAM = ReferencePrograms.ROOT.resolve("retail-basic");

    @Test
    void my_program_keeps_its_invariants() {
        Program program = Program.load(MY_PROGRAM);
        ProgramInvariants invariants = ProgramInvariants.of(program);   // monotone in spend if program.json declares it

        LoyaltyArbitraries.forProgram(program).histories().sampleStream().limit(100)
            .forEach(history -> assertThat(invariants.violations(history)).isEmpty());
    }

    @Test
    void a_refund_after_a_redemption_keeps_every_invariant() {
        Instant at = Instant.parse("2025-03-03T10:00:00Z");
        History history = new History(MemberProfile.enrolled("m1", at), List.of(
                new Step.Send(Purchase.of("p1", "m1", at.plusSeconds(60), Money.of("250.00", "USD"))),
                new Step.RedeemShare("x1", at.plus(Duration.ofDays(15)), 1000, ""),    // all, past pendingDays (14)
                new Step.Send(Refund.of("r1", "m1", at.plus(Duration.ofDays(16)), "p1", Money.of("50.00", "USD")))));
        ProgramInvariants invariants = ProgramInvariants.of(Program.load(MY_PROGRAM));

        HistoryRun run = invariants.run(history);
        assertThat(run.finalState().ledger().postings()).extracting(Posting::type).contains(PostingType.REDEEM);
        assertThat(invariants.violations(history)).isEmpty();

        // beyond the guide, retail-basic's numbers: all 250 redeemed, so the refund's 50 cannot be recovered
        assertThat(run.finalState().ledger().postings())
                .extracting(p -> p.eventId() + " " + p.type() + " " + p.points())
                .containsExactly("p1 EARN 250", "p1 ACTIVATE 250", "x1 REDEEM -250", "r1 CLAWBACK -50");
        assertThat(run.finalState().ledger().totals().unrecovered()).isEqualTo(50L);
    }
}
