package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.io.EventReader;

/**
 * The figures of a replay under the test retail program (1 point per USD, no pending days): m1 spends $2,000
 * (2,000 points, gold) then $100 (100 + 50 % gold bonus = 150); m2 spends $600 (600, silver), asks for 1,000
 * points (refused) and redeems 100.
 */
class ReplayResultFiguresTest {

    private static final String BASE_RULE = "Purchases earn base points at the program rate";
    private static final String TIER_BONUS = "Tier members earn their tier bonus on base points";

    private final LoyaltyEngine engine = Programs.engine(Programs.retail("", ""));

    private final List<LoyaltyEvent> history = EventReader.of(ZoneOffset.UTC, Currency.getInstance("USD"))
            .readJsonLines(new StringReader("""
                    {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"2000.00"}
                    {"id":"p2","type":"purchase","member":"m1","at":"2025-03-10T10:00:00Z","amount":"100.00"}
                    {"id":"p3","type":"purchase","member":"m2","at":"2025-03-03T10:00:00Z","amount":"600.00"}
                    {"id":"x1","type":"redemption","member":"m2","at":"2025-03-11T10:00:00Z","points":1000}
                    {"id":"x2","type":"redemption","member":"m2","at":"2025-03-12T10:00:00Z","points":100}
                    """), "history.jsonl").events();

    @Test
    void a_replay_issues_2750_points_owes_2650_after_a_redemption_of_100_and_counts_the_refusal() {
        // when
        ReplayResult result = engine.replay(history);

        // then
        assertThat(result.pointsIssued()).isEqualTo(BigInteger.valueOf(2_750));
        assertThat(result.points(PostingType.REDEEM)).isEqualTo(BigInteger.valueOf(-100));
        assertThat(result.liabilityPoints()).isEqualTo(BigInteger.valueOf(2_650));
        assertThat(result.costByRule()).containsExactly(Map.entry(BASE_RULE, BigInteger.valueOf(2_700)),
                Map.entry(TIER_BONUS, BigInteger.valueOf(50)));
        assertThat(result.tierMix(engine.program().settings().ladder())).containsExactly(Map.entry("member", 0L),
                Map.entry("silver", 1L), Map.entry("gold", 1L), Map.entry("platinum", 0L));
        assertThat(result.rejectionsByCode()).containsExactly(Map.entry("INSUFFICIENT_POINTS", 1L));
    }
}
