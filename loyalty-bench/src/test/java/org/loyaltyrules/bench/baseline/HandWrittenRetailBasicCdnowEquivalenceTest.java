package org.loyaltyrules.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.bench.Cdnow;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.TierMove;

/**
 * The hand-written retail-basic decides the whole CDNOW history (69,659 purchases, 23,570 members) exactly like the
 * engine running retail-basic: same points available / pending / earned, tier, tier moves and ledger postings
 * (event, type, points) for every member, with reviews run to mid-1999 so that 1997's points expire and statuses lapse.
 */
class HandWrittenRetailBasicCdnowEquivalenceTest {

    /** After the 1997 lots expire (1999-01-01) and after every CDNOW member's first anniversary review. */
    static final Instant REVIEW_UNTIL = Instant.parse("1999-06-30T00:00:00Z");

    static List<Purchase> events;
    static ReplayResult engine;
    static HandWrittenRetailBasic.Replay baseline;

    @BeforeAll
    static void replayBoth() {
        Optional<Path> file = Cdnow.masterFile();
        assumeTrue(file.isPresent(), "CDNOW data not found at <repository root>/../shared/data/cdnow/CDNOW_master.txt.gz"
                + " (or -Dcdnow.file): the CDNOW equivalence test is skipped");
        events = Cdnow.purchases(file.get());
        engine = Cdnow.retailBasicEngine().replay(Map.of(), events, REVIEW_UNTIL, d -> { }, 2);
        baseline = new HandWrittenRetailBasic().replay(events, REVIEW_UNTIL, 2);
    }

    @Test
    void the_cdnow_file_holds_every_purchase_and_the_engine_refuses_none() {
        assertThat(events).hasSize(Cdnow.ROWS);
        assertThat(engine.rejections()).isEmpty();
        assertThat(baseline.refusals()).isEmpty();
        assertThat(engine.eventsApplied()).isEqualTo(Cdnow.ROWS);
        assertThat(baseline.applied()).isEqualTo(Cdnow.ROWS);
        assertThat(engine.members()).hasSize(23_570);
    }

    @Test
    void the_history_reaches_upgrades_downgrades_expiry_and_velocity_reviews() {
        assertThat(engine.tierMoves()).filteredOn(m -> m.kind().equals("UPGRADE")).isNotEmpty();
        assertThat(engine.tierMoves()).filteredOn(m -> m.kind().equals("DOWNGRADE")).isNotEmpty();
        assertThat(engine.postings()).filteredOn(p -> p.type() == org.loyaltyrules.core.points.PostingType.EXPIRE)
                .hasSizeGreaterThan(10_000);
        // 3 customer-days hold more than 10 purchases: those members go under review (CDNOW never reaches the cap)
        assertThat(engine.members().values()).filteredOn(m -> m.status()
                == org.loyaltyrules.core.member.MemberStatus.UNDER_REVIEW).isNotEmpty();
    }

    @Test
    void every_member_ends_with_the_same_points_and_tier() {
        assertThat(baseline.members().keySet()).containsExactlyInAnyOrderElementsOf(engine.members().keySet());
        List<String> differences = new ArrayList<>();
        engine.members().forEach((id, e) -> {
            MemberState b = baseline.members().get(id);
            String expected = summary(e);
            String actual = summary(b);
            if (!expected.equals(actual)) {
                differences.add(id + ": engine " + expected + ", hand-written " + actual);
            }
        });
        assertThat(differences).as("members that differ").isEmpty();
    }

    @Test
    void every_member_has_the_same_tier_moves() {
        assertThat(byMember(baseline.tierMoves())).isEqualTo(byMember(engine.tierMoves()));
        assertThat(baseline.tierMoves()).hasSameSizeAs(engine.tierMoves());
    }

    @Test
    void every_member_has_the_same_ledger_postings() {
        Map<String, List<String>> expected = postings(engine.postings());
        Map<String, List<String>> actual = postings(baseline.postings());
        List<String> differences = new ArrayList<>();
        expected.forEach((member, list) -> {
            if (!list.equals(actual.get(member))) {
                differences.add(member + ": engine " + list + ", hand-written " + actual.get(member));
            }
        });
        assertThat(differences).as("members whose postings differ").isEmpty();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        assertThat(baseline.postings()).hasSameSizeAs(engine.postings());
    }

    private static String summary(MemberState s) {
        return "available " + s.pointsAvailable() + ", pending " + s.pointsPending() + ", earned "
                + s.ledger().totals().earned() + ", expired " + s.ledger().totals().expired() + ", tier "
                + s.tier().tierId() + " (" + s.tier().source() + ", until " + s.tier().validUntil() + "), status "
                + s.status();
    }

    private static Map<String, List<TierMove>> byMember(List<TierMove> moves) {
        Map<String, List<TierMove>> map = new LinkedHashMap<>();
        moves.forEach(m -> map.computeIfAbsent(m.memberId(), k -> new ArrayList<>()).add(m));
        return map;
    }

    private static Map<String, List<String>> postings(List<Posting> postings) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        postings.forEach(p -> map.computeIfAbsent(p.memberId(), k -> new ArrayList<>())
                .add(p.eventId() + " " + p.type() + " " + p.points() + " @" + p.at()));
        return map;
    }
}
