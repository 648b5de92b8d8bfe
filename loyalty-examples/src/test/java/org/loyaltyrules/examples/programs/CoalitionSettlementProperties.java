package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.Settlement;

/** Settlement balances with the ledger for random coalition histories (issue #10). */
class CoalitionSettlementProperties {

    private static final Program PROGRAM = Program.load(Path.of("programs/coalition-demo"));
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.create(PROGRAM);
    private static final List<String> PARTNERS = List.of("grocer", "fuel", "airline");

    /**
     * One step of a member's history: a purchase at a partner, a refund of an earlier one, or a redemption; a purchase
     * names its partner as the field, as the attribute or as both ({@code written} 0, 1, 2).
     */
    record Step(int kind, int partner, int cents, int days, int pick, int written) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers()
                        .between(0, 2), Arbitraries.integers().between(1, 80_000), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 2)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 60)
    void issued_minus_clawed_back_minus_redeemed_minus_expired_is_the_liability(
            @ForAll("histories") List<Step> steps) {
        // given: one member's history within 600 days (points expire after 730, so none may; checked below anyway)
        List<LoyaltyEvent> events = new ArrayList<>();
        List<String> purchases = new ArrayList<>();
        Instant at = Instant.parse("2025-01-01T10:00:00Z");
        int n = 0;
        for (Step s : steps) {
            at = at.plus(Duration.ofDays(s.days()));
            String id = "e" + n++;
            if (s.kind() <= 5 || purchases.isEmpty()) {
                Purchase p = Purchase.of(id, "m1", at, Money.ofMinor(s.cents(), Money.currency("USD")));
                String partner = PARTNERS.get(s.partner());
                events.add(new Purchase(id, "m1", at, p.amount(), "", s.written() == 1 ? "" : partner,
                        s.written() == 0 ? Map.of() : Map.of("partner", partner), Map.of(), List.of(), null, null));
                purchases.add(id);
            } else if (s.kind() <= 7) {
                String original = purchases.get(s.pick() % purchases.size());
                events.add(Refund.of(id, "m1", at, original, Money.ofMinor(1 + s.cents() / 4, Money.currency("USD"))));
            } else {
                events.add(new Redemption(id, "m1", at, 1 + s.cents() / 100, "reward",
                        Map.of("partner", PARTNERS.get(s.partner()))));
            }
        }

        // when
        ReplayResult result = ENGINE.replay(events);
        Settlement settlement = Settlement.of(PROGRAM.settings(), events, result.postings(), CountingPeriod.MONTH);

        // then
        long balance = CoalitionDemoScenariosTest.netPoints(settlement);
        MemberState member = result.members().get("m1");
        long expired = member.ledger().totals().expired();
        long unrecovered = member.ledger().totals().unrecovered();
        Statistics.label("refused").collect(result.rejections().isEmpty() ? "none" : "some");
        Statistics.label("partner written as an attribute only")
                .collect(steps.stream().anyMatch(s -> s.kind() <= 5 && s.written() == 1))
                .coverage(c -> c.check(true).percentage(p -> p >= 20));
        assertThat(balance - expired + unrecovered).isEqualTo(member.pointsAvailable() + member.pointsPending());
    }
}
