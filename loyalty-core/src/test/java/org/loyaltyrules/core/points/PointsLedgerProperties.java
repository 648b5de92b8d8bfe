package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyrules.core.money.Points;

class PointsLedgerProperties {

    private static final int STEPS = 40;

    @Provide
    Arbitrary<ActionChain<LedgerModel>> ledgerHistories() {
        return LedgerModel.chains(STEPS);
    }

    @Property(tries = 150)
    void the_ledger_conserves_points_at_every_step(@ForAll("ledgerHistories") ActionChain<LedgerModel> chain) {
        LedgerModel end = chain
                .withInvariant("isConserved", m -> assertThat(m.ledger().isConserved()).isTrue())
                .withInvariant("earned + adjustedIn = available + pending + redeemed + expired + clawedBack "
                        + "- unrecovered + adjustedOut", m -> {
                    LedgerTotals t = m.ledger().totals();
                    assertThat(t.earned() + t.adjustedIn()).isEqualTo(m.ledger().available() + m.ledger().pending()
                            + t.redeemed() + t.expired() + t.clawedBack() - t.unrecovered() + t.adjustedOut());
                })
                .withInvariant("postings account for the balance", m -> {
                    long posted = m.ledger().postings().stream().filter(p -> p.type() != PostingType.ACTIVATE)
                            .mapToLong(Posting::points).reduce(0, Points::add);
                    assertThat(posted).isEqualTo(m.ledger().available() + m.ledger().pending()
                            - m.ledger().totals().unrecovered());
                })
                .withInvariant("a negative balance leaves no spendable lot", m -> {
                    if (m.ledger().debt() > 0) {
                        assertThat(m.ledger().available()).isEqualTo(-m.ledger().debt());
                    }
                })
                .run();

        Statistics.label("policy").collect(end.policy().getClass().getSimpleName());
        Statistics.label("went negative").collect(end.ledger().postings().stream()
                        .anyMatch(p -> p.explanation().endsWith("left as a negative balance")))
                .coverage(c -> c.check(true).percentage(p -> p > 5));
    }

    @Property(tries = 150)
    void redemption_never_exceeds_available_points(@ForAll("ledgerHistories") ActionChain<LedgerModel> chain) {
        Map<Boolean, Integer> outcomes = new HashMap<>();
        chain.withInvariant("redemption is bounded by available points", m -> {
            LedgerModel.Step step = m.last();
            if (!step.kind().equals("redeem")) {
                return;
            }
            outcomes.merge(step.applied(), 1, Integer::sum);
            long before = step.before().available();
            if (step.applied()) {
                assertThat(step.requested()).isLessThanOrEqualTo(before);
                assertThat(m.ledger().available()).isEqualTo(before - step.requested());
                assertThat(m.ledger().pending()).isEqualTo(step.before().pending());
            } else {
                assertThat(step.requested()).isGreaterThan(before);
                assertThat(m.ledger()).isSameAs(step.before());
            }
        }).run();

        Statistics.label("redemptions").collect(outcomes.containsKey(true) && outcomes.containsKey(false)
                        ? "applied and refused" : outcomes.containsKey(true) ? "applied only"
                        : outcomes.containsKey(false) ? "refused only" : "none")
                .coverage(c -> c.check("applied and refused").percentage(p -> p > 20));
    }

    @Property(tries = 150)
    void refunds_never_create_points(@ForAll("ledgerHistories") ActionChain<LedgerModel> chain) {
        int[] clawbacks = {0};
        chain.withInvariant("a clawback only removes points", m -> {
            LedgerModel.Step step = m.last();
            if (!step.kind().equals("clawback")) {
                return;
            }
            clawbacks[0]++;
            long before = step.before().available() + step.before().pending();
            long after = m.ledger().available() + m.ledger().pending();
            long unrecovered = m.ledger().totals().unrecovered() - step.unrecoveredBefore();
            assertThat(after).isLessThanOrEqualTo(before);
            assertThat(before - after).isEqualTo(step.requested() - unrecovered);
            assertThat(m.ledger().totals().earned()).isEqualTo(step.before().totals().earned());
        }).run();

        Statistics.label("clawbacks").collect(clawbacks[0] == 0 ? "none" : "some")
                .coverage(c -> c.check("some").percentage(p -> p > 30));
    }

    @Property(tries = 150)
    void expiry_never_removes_points_earned_after_the_expiry_date(
            @ForAll("ledgerHistories") ActionChain<LedgerModel> chain) {
        LedgerModel end = chain.run();

        // credits are earnings and positive adjustments; an EXPIRE posting names the lot's crediting event
        Map<String, Instant> earnedAt = new HashMap<>();
        long expirations = 0;
        for (Posting posting : end.ledger().postings()) {
            if (posting.type() == PostingType.EARN
                    || posting.type() == PostingType.ADJUST && posting.points() > 0) {
                earnedAt.putIfAbsent(posting.eventId(), posting.at());
            } else if (posting.type() == PostingType.EXPIRE && earnedAt.containsKey(posting.eventId())) {
                expirations++;
                assertThat(earnedAt.get(posting.eventId())).isBefore(posting.at());
                assertThat(posting.at()).isBeforeOrEqualTo(end.now());
            }
        }

        Statistics.label("expired earnings").collect(expirations == 0 ? "none" : "some")
                .coverage(c -> c.check("some").percentage(p -> p > 20));
    }
}
