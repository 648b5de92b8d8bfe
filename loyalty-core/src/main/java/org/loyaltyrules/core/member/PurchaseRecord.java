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
                             Money refunded, long pointsClawedBack, Map<String, BigDecimal> growthClawedBack,
                             java.util.Set<String> excludedSkus, BigDecimal eligibleRefunded) {

    /** The growth metric that is the eligible amount spent (money). */
    public static final String SPEND = "spend";

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
        excludedSkus = excludedSkus == null ? java.util.Set.of() : java.util.Set.copyOf(excludedSkus);
        eligibleRefunded = eligibleRefunded == null ? BigDecimal.ZERO : eligibleRefunded;
    }

    /** A record without line detail: refunds are taken as spread over the whole basket. */
    public PurchaseRecord(String eventId, Instant at, Money amount, Money eligible, long points,
                          Map<String, BigDecimal> growth, List<String> countedCaps, String basket, Money refunded,
                          long pointsClawedBack, Map<String, BigDecimal> growthClawedBack) {
        this(eventId, at, amount, eligible, points, growth, countedCaps, basket, refunded, pointsClawedBack,
                growthClawedBack, null, null);
    }

    public static PurchaseRecord of(String eventId, Instant at, Money amount, Money eligible, long points,
                                    Map<String, BigDecimal> growth, List<String> countedCaps, String basket) {
        return new PurchaseRecord(eventId, at, amount, eligible, points, growth, countedCaps, basket, null, 0, Map.of());
    }

    /** As {@link #of}, remembering the SKUs of excluded lines so that a refund of those lines claws back nothing. */
    public static PurchaseRecord of(String eventId, Instant at, Money amount, Money eligible, long points,
                                    Map<String, BigDecimal> growth, List<String> countedCaps, String basket,
                                    java.util.Set<String> excludedSkus) {
        return new PurchaseRecord(eventId, at, amount, eligible, points, growth, countedCaps, basket, null, 0,
                Map.of(), excludedSkus, null);
    }

    /** Money still refundable. */
    public Money refundable() {
        return amount.minus(refunded);
    }

    /**
     * The share of points and growth a further refund of {@code refund} claws back, taking the refund as spread over
     * the whole basket (its eligible part is {@code refund x eligible / amount}). See {@link #shareOf(Money, Money,
     * Rounding)}.
     */
    public RefundShare shareOf(Money refund, Rounding rounding) {
        BigDecimal eligiblePart = amount.isZero() ? BigDecimal.ZERO
                : refund.amount().multiply(eligible.amount()).divide(amount.amount(), 10, RoundingMode.HALF_EVEN);
        return share(refund, eligiblePart, rounding);
    }

    /**
     * The share a further refund of {@code refund}, of which {@code refundedEligible} was eligible (e.g. the refunded
     * lines that were not excluded), claws back: points x refunded eligible amount / original eligible amount, and
     * growth likewise. Shares are computed on the cumulative refunded eligible amount and rounded with the program's
     * mode, so several partial refunds that add up to the whole purchase claw back exactly everything it earned.
     */
    public RefundShare shareOf(Money refund, Money refundedEligible, Rounding rounding) {
        if (refundedEligible.compareTo(refund) > 0) {
            throw new IllegalArgumentException("refunded eligible " + refundedEligible + " exceeds the refund " + refund);
        }
        return share(refund, refundedEligible.amount(), rounding);
    }

    private RefundShare share(Money refund, BigDecimal eligiblePart, Rounding rounding) {
        Money total = refunded.plus(refund);
        if (total.compareTo(amount) > 0) {
            throw new IllegalArgumentException("refund " + refund + " exceeds what is left to refund of purchase "
                    + eventId + ": " + refundable());
        }
        BigDecimal eligibleTotal = eligibleRefunded.add(eligiblePart).min(eligible.amount());
        boolean full = total.compareTo(amount) == 0 || (eligible.isPositive()
                && eligibleTotal.compareTo(eligible.amount()) == 0);
        long targetPoints = full ? points : rounding.toPoints(proportion(BigDecimal.valueOf(points), eligibleTotal));
        long clawPoints = Math.max(0, targetPoints - pointsClawedBack);
        Map<String, BigDecimal> clawGrowth = new TreeMap<>();
        growth.forEach((metric, credited) -> {
            BigDecimal target = full ? credited : proportion(credited, eligibleTotal)
                    .setScale(growthScale(metric, credited), rounding.mode());
            BigDecimal claw = target.subtract(growthClawedBack.getOrDefault(metric, BigDecimal.ZERO));
            if (claw.signum() > 0) {
                clawGrowth.put(metric, claw);
            }
        });
        return new RefundShare(refund, clawPoints, clawGrowth, eligiblePart);
    }

    /**
     * The decimals a growth clawback keeps: {@value #SPEND} is money and keeps the currency's minor unit (growth is
     * stored without trailing zeros, so 500.00 would otherwise round to whole dollars and a $0.99 refund take back
     * nothing); another metric keeps the decimals it was credited with (whole nights, whole points).
     */
    private int growthScale(String metric, BigDecimal credited) {
        int own = Math.max(0, credited.stripTrailingZeros().scale());
        return SPEND.equals(metric) ? Math.max(own, amount.currency().getDefaultFractionDigits()) : own;
    }

    /** {@code credited x eligibleRefundedTotal / eligible}; a purchase with nothing eligible earned nothing. */
    private BigDecimal proportion(BigDecimal credited, BigDecimal eligibleRefundedTotal) {
        if (!eligible.isPositive()) {
            return BigDecimal.ZERO;
        }
        return credited.multiply(eligibleRefundedTotal).divide(eligible.amount(), 10, RoundingMode.HALF_EVEN);
    }

    /** This record after {@code share} was clawed back. */
    public PurchaseRecord after(RefundShare share) {
        Map<String, BigDecimal> growthBack = new TreeMap<>(growthClawedBack);
        share.growth().forEach((metric, claw) -> growthBack.merge(metric, claw, BigDecimal::add));
        return new PurchaseRecord(eventId, at, amount, eligible, points, growth, countedCaps, basket,
                refunded.plus(share.refund()), Points.add(pointsClawedBack, share.points()), growthBack, excludedSkus,
                eligibleRefunded.add(share.eligible()));
    }
}
