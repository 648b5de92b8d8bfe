package org.loyaltyrules.core.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.Rounding;

class PurchaseRecordProperties {

    /** A purchase of 0.01 to 10,000.00 USD that earned 0 to 50,000 points, refunded in 1 to 6 positive parts. */
    record RefundScenario(PurchaseRecord purchase, List<Money> refunds, Rounding rounding) {
    }

    @Provide
    Arbitrary<RefundScenario> refundsInParts() {
        return Combinators.combine(Arbitraries.longs().between(1, 1_000_000), Arbitraries.longs().between(0, 50_000),
                        Arbitraries.integers().between(1, 6), Arbitraries.longs().between(1, Long.MAX_VALUE / 2)
                                .list().ofSize(6), Arbitraries.of(Rounding.class))
                .as((cents, points, parts, cuts, rounding) -> {
                    PurchaseRecord purchase = PurchaseRecord.of("p1", Instant.parse("2025-03-03T10:00:00Z"),
                            Money.ofMinor(cents, java.util.Currency.getInstance("USD")),
                            Money.ofMinor(cents, java.util.Currency.getInstance("USD")), points,
                            Map.of("spend", BigDecimal.valueOf(cents, 2)), List.of(), "");
                    return new RefundScenario(purchase, split(cents, (int) Math.min(parts, cents), cuts), rounding);
                });
    }

    /** Splits {@code cents} into {@code parts} positive amounts that add up exactly. */
    private static List<Money> split(long cents, int parts, List<Long> cuts) {
        List<Money> amounts = new ArrayList<>();
        long left = cents;
        for (int i = 0; i < parts - 1; i++) {
            long room = left - (parts - 1 - i);
            long part = 1 + cuts.get(i) % room;
            amounts.add(Money.ofMinor(part, java.util.Currency.getInstance("USD")));
            left -= part;
        }
        amounts.add(Money.ofMinor(left, java.util.Currency.getInstance("USD")));
        return amounts;
    }

    @Property(tries = 300)
    void partial_refunds_claw_back_exactly_what_the_purchase_earned(@ForAll("refundsInParts") RefundScenario given) {
        PurchaseRecord record = given.purchase();
        long clawed = 0;
        BigDecimal growthClawed = BigDecimal.ZERO;
        Money refunded = Money.zero(record.amount().currency());
        for (Money refund : given.refunds()) {
            RefundShare share = record.shareOf(refund, given.rounding());
            record = record.after(share);
            clawed += share.points();
            growthClawed = growthClawed.add(share.growth().getOrDefault("spend", BigDecimal.ZERO));
            refunded = refunded.plus(refund);

            // every step claws back the rounded share of the cumulative refund, never more than was earned
            long expected = refunded.equals(record.amount()) ? record.points()
                    : given.rounding().toPoints(BigDecimal.valueOf(record.points()).multiply(refunded.amount())
                    .divide(record.amount().amount(), 10, RoundingMode.HALF_EVEN));
            assertThat(clawed).isEqualTo(expected);
            assertThat(clawed).isLessThanOrEqualTo(record.points());
        }

        Statistics.label("parts").collect(given.refunds().size() == 1 ? "single refund" : "several refunds")
                .coverage(c -> c.check("several refunds").percentage(p -> p > 50));
        assertThat(clawed).isEqualTo(given.purchase().points());
        assertThat(growthClawed).isEqualByComparingTo(given.purchase().growth().get("spend"));
        assertThat(record.refundable().isZero()).isTrue();
    }
}
