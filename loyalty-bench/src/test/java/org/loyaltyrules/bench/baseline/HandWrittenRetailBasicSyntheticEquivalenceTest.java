package org.loyaltyrules.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.bench.Cdnow;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * Purchase histories CDNOW never produces (days above the 20,000-point cap, bursts of purchases within an hour,
 * platinum bonuses trimmed by the cap), decided event by event by the engine and the hand-written retail-basic.
 */
class HandWrittenRetailBasicSyntheticEquivalenceTest {

    static LoyaltyEngine engine;
    static final HandWrittenRetailBasic baseline = new HandWrittenRetailBasic();

    @BeforeAll
    static void load() {
        engine = Cdnow.retailBasicEngine();
    }

    @Test
    void the_readme_worked_examples_come_out_the_same() {
        Instant at = Instant.parse("2025-03-03T10:00:00Z");
        Purchase p = Purchase.of("p1", "m1", at, HandWrittenRetailBasic.usd("120.50"));
        HandWrittenRetailBasic.Outcome outcome = baseline.apply(null, p);
        assertThat(outcome.postings()).extracting(Posting::points).containsExactly(120L);
        assertThat(outcome.state().pointsPending()).isEqualTo(120L);

        Purchase big = Purchase.of("p2", "m1", at.plusSeconds(60), HandWrittenRetailBasic.usd("25000.00"));
        HandWrittenRetailBasic.Outcome capped = baseline.apply(outcome.state(), big);
        Decision engineCapped = engine.apply(engine.apply(null, p).state(), big);
        assertThat(capped.capWithheld()).isEqualTo(5_120L);
        assertThat(keys(capped.postings())).isEqualTo(keys(engineCapped.postings()));
        assertThat(capped.tierMoves()).isEqualTo(engineCapped.tierMoves());
    }

    @Test
    void random_histories_with_caps_bursts_and_reviews_decide_the_same_event_by_event() {
        Random random = new Random(20_260_109L);
        int capped = 0;
        int underReview = 0;
        int moves = 0;
        for (int m = 0; m < 300; m++) {
            String member = "m" + m;
            Instant at = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(500_000)));
            MemberState e = null;
            MemberState b = null;
            int n = (m % 10 == 0 ? 14 : 1) + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                // every tenth member starts with a burst: more than 10 purchases within the hour
                int gap = m % 10 == 0 && i < 14 ? 0 : random.nextInt(10);
                at = at.plus(gap < 3 ? Duration.ofMinutes(random.nextInt(5)) : gap < 8 ? Duration.ofDays(random.nextInt(60))
                        : Duration.ofDays(200 + random.nextInt(400)));
                long cents = random.nextInt(10) == 0 ? 500_000 + random.nextInt(3_000_000) : random.nextInt(300_000);
                Purchase p = Purchase.of(member + "-" + i, member, at,
                        HandWrittenRetailBasic.usd(BigDecimal.valueOf(cents, 2).toPlainString()));
                Decision d = engine.apply(e, p);
                HandWrittenRetailBasic.Outcome o = baseline.apply(b, p);
                assertThat(o.applied()).isEqualTo(d.isApplied());
                assertThat(keys(o.postings())).as(p.toString()).isEqualTo(keys(d.postings()));
                assertThat(o.tierMoves()).as(p.toString()).isEqualTo(d.tierMoves());
                assertThat(o.capWithheld()).as(p.toString()).isEqualTo(d.capsApplied().stream().mapToLong(c -> c.withheld()).sum());
                assertThat(summary(o.state())).as(p.toString()).isEqualTo(summary(d.state()));
                capped += o.capWithheld() > 0 ? 1 : 0;
                moves += o.tierMoves().size();
                e = d.state();
                b = o.state();
            }
            Instant later = at.plus(Duration.ofDays(random.nextInt(1_500)));
            Decision d = engine.reviewTiers(List.of(e), later).get(0);
            HandWrittenRetailBasic.Outcome o = baseline.review(b, later);
            assertThat(keys(o.postings())).isEqualTo(keys(d.postings()));
            assertThat(o.tierMoves()).isEqualTo(d.tierMoves());
            assertThat(summary(o.state())).isEqualTo(summary(d.state()));
            moves += o.tierMoves().size();
            underReview += b.status() == MemberStatus.UNDER_REVIEW ? 1 : 0;
        }
        // the generator must reach the cases CDNOW does not
        assertThat(capped).isGreaterThan(20);
        assertThat(underReview).isGreaterThan(5);
        assertThat(moves).isGreaterThan(100);
    }

    private static List<String> keys(List<Posting> postings) {
        List<String> keys = new ArrayList<>();
        postings.forEach(p -> keys.add(p.eventId() + " " + p.type() + " " + p.points() + " @" + p.at()));
        return keys;
    }

    private static String summary(MemberState s) {
        return "available " + s.pointsAvailable() + ", pending " + s.pointsPending() + ", earned "
                + s.ledger().totals().earned() + ", tier " + s.tier() + ", status " + s.status() + ", growth "
                + s.growth().entries().size() + ", caps " + s.capUsage() + ", purchases " + s.purchases().size();
    }
}
