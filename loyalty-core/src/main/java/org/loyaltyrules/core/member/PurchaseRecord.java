package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.money.Points;
import org.loyaltyrules.core.program.Rounding;

/**
 * What a purchase earned, kept so that refunds claw back exactly their share: the amount paid, the eligible amount,
 * the points and growth credited, which caps counted the points, a basket signature (for repeated-basket checks), and
 * what was refunded and clawed back so far.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PurchaseRecord(String eventId, Instant at, Money amount, Money eligible, long points,
                             Map<String, BigDecimal> growth, List<String> countedCaps, String basket,
                             Money refunded, long pointsClawedBack, Map<String, BigDecimal> growthClawedBack) {

    public PurchaseRecord {
        requireNonNull(eventId, "eventId");
        requireNonNull(at, "at");
        requireNonNull(amount, "amount");
        requireNonNull(eligible, "eligible");
        Points.requireNonNegative(points, "points");
        growth = Map.copyOf(growth);
        countedCaps = List.copyOf(countedCaps);
        basket = basket == null ? "" : basket;
        refunded = refunded == null ? Money.zero(amount.currency()) : refunded;
        growthClawedBack = Map.copyOf(growthClawedBack);
    }

    public static PurchaseRecord of(String eventId, Instant at, Money amount, Money eligible, long points,
                                    Map<String, BigDecimal> growth, List<String> countedCaps, String basket) {
        return new PurchaseRecord(eventId, at, amount, eligible, points, growth, countedCaps, basket, null, 0, Map.of());
    }

    /** Money still refundable. */
    public Money refundable() {
        return amount.minus(refunded);
    }

    /**
     * The share of points and growth a further refund of {@code refund} claws back. Shares are computed on the
     * cumulative refunded amount and rounded with the program's mode, so several partial refunds that add up to the
     * whole purchase claw back exactly everything it earned.
     */
    public RefundShare shareOf(Money refund, Rounding rounding) {
        Money total = refunded.plus(refund);
        if (total.compareTo(amount) > 0) {
            throw new IllegalArgumentException("refund " + refund + " exceeds what is left to refund of purchase "
                    + eventId + ": " + refundable());
        }
        boolean full = total.compareTo(amount) == 0;
        long targetPoints = full ? points : rounding.toPoints(proportion(BigDecimal.valueOf(points), total));
        long clawPoints = Math.max(0, targetPoints - pointsClawedBack);
        Map<String, BigDecimal> clawGrowth = new TreeMap<>();
        growth.forEach((metric, credited) -> {
            BigDecimal target = full ? credited : proportion(credited, total)
                    .setScale(Math.max(0, credited.stripTrailingZeros().scale()), rounding.mode());
            BigDecimal claw = target.subtract(growthClawedBack.getOrDefault(metric, BigDecimal.ZERO));
            if (claw.signum() > 0) {
                clawGrowth.put(metric, claw);
            }
        });
        return new RefundShare(refund, clawPoints, clawGrowth);
    }

    private BigDecimal proportion(BigDecimal credited, Money refundedTotal) {
        if (amount.isZero()) {
            return BigDecimal.ZERO;
        }
        return credited.multiply(refundedTotal.amount()).divide(amount.amount(), 10, RoundingMode.HALF_EVEN);
    }

    /** This record after {@code share} was clawed back. */
    public PurchaseRecord after(RefundShare share) {
        Map<String, BigDecimal> growthBack = new TreeMap<>(growthClawedBack);
        share.growth().forEach((metric, claw) -> growthBack.merge(metric, claw, BigDecimal::add));
        return new PurchaseRecord(eventId, at, amount, eligible, points, growth, countedCaps, basket,
                refunded.plus(share.refund()), Points.add(pointsClawedBack, share.points()), growthBack);
    }
}
