package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.money.Points;
import org.loyaltyrules.core.program.Rounding;

/**
 * What a purchase earned, kept so that refunds claw back exactly their share: the amount paid, the eligible amount,
 * the points and growth credited, which caps counted the points, a basket signature (for repeated-basket checks), the
 * lines by SKU (what each cost, earned and has had refunded), and what was refunded and clawed back so far.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PurchaseRecord(String eventId, Instant at, Money amount, Money eligible, long points,
                             Map<String, BigDecimal> growth, List<String> countedCaps, String basket,
                             Money refunded, long pointsClawedBack, Map<String, BigDecimal> growthClawedBack,
                             java.util.Set<String> excludedSkus, BigDecimal eligibleRefunded,
                             List<LineRecord> lines) {

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
        lines = lines == null ? List.of() : List.copyOf(lines);
        Money bought = Money.zero(amount.currency());
        java.util.Set<String> skus = new java.util.HashSet<>();
        for (LineRecord line : lines) {
            if (!skus.add(line.sku())) {
                throw new IllegalArgumentException("lines must have distinct SKUs (lines of one SKU are kept as one), "
                        + "SKU '" + line.sku() + "' was repeated in purchase " + eventId);
            }
            bought = bought.plus(line.amount());
        }
        if (bought.compareTo(amount) > 0) {
            throw new IllegalArgumentException("lines must not add up to more than the amount " + amount + ", were "
                    + bought + " (purchase " + eventId + ")");
        }
    }

    /** A record without lines kept: refund lines are matched only against the excluded SKUs. */
    public PurchaseRecord(String eventId, Instant at, Money amount, Money eligible, long points,
                          Map<String, BigDecimal> growth, List<String> countedCaps, String basket, Money refunded,
                          long pointsClawedBack, Map<String, BigDecimal> growthClawedBack,
                          java.util.Set<String> excludedSkus, BigDecimal eligibleRefunded) {
        this(eventId, at, amount, eligible, points, growth, countedCaps, basket, refunded, pointsClawedBack,
                growthClawedBack, excludedSkus, eligibleRefunded, null);
    }

    /** A record without line detail: refunds are taken as spread over the whole basket. */
    public PurchaseRecord(String eventId, Instant at, Money amount, Money eligible, long points,
                          Map<String, BigDecimal> growth, List<String> countedCaps, String basket, Money refunded,
                          long pointsClawedBack, Map<String, BigDecimal> growthClawedBack) {
        this(eventId, at, amount, eligible, points, growth, countedCaps, basket, refunded, pointsClawedBack,
                growthClawedBack, null, null, null);
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
                Map.of(), excludedSkus, null, null);
    }

    /**
     * As {@link #of}, keeping the purchase's lines (one per SKU, see {@link LineRecord}) so that refunds are matched to
     * them: a refund line must name one of them and can never take more than is left of it.
     */
    public static PurchaseRecord of(String eventId, Instant at, Money amount, Money eligible, long points,
                                    Map<String, BigDecimal> growth, List<String> countedCaps, String basket,
                                    java.util.Set<String> excludedSkus, List<LineRecord> lines) {
        return new PurchaseRecord(eventId, at, amount, eligible, points, growth, countedCaps, basket, null, 0,
                Map.of(), excludedSkus, null, lines);
    }

    /** Money still refundable. */
    public Money refundable() {
        return amount.minus(refunded);
    }

    /** The kept line of {@code sku}, if the purchase had one. */
    public Optional<LineRecord> line(String sku) {
        return lines.stream().filter(line -> line.sku().equals(sku)).findFirst();
    }

    /**
     * Why a further refund of {@code refund}, listing {@code refundLines} (amount per SKU; empty for a refund without
     * lines), does not fit what is left of this purchase, if it does not: it is more than is left of the purchase, or,
     * when the record keeps its lines, it names a SKU the purchase did not have or takes more of a line than is left
     * of it (refunds without lines have taken their share of every line, see {@link #shareOf(Money, Map, Rounding)}).
     */
    public Optional<RefundMismatch> mismatch(Money refund, Map<String, Money> refundLines) {
        if (refund.compareTo(refundable()) > 0) {
            return Optional.of(new RefundMismatch(RefundMismatch.Reason.EXCEEDS_PURCHASE, "refund " + refund
                    + " exceeds the " + refundable() + " left to refund of purchase " + eventId));
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<String, Money> refunding : refundLines.entrySet()) {
            Optional<LineRecord> found = line(refunding.getKey());
            if (found.isEmpty()) {
                return Optional.of(new RefundMismatch(RefundMismatch.Reason.UNKNOWN_LINE, "refund line '"
                        + refunding.getKey() + "' is not a line of purchase " + eventId + ", whose lines are "
                        + lines.stream().map(l -> "'" + l.sku() + "'").collect(Collectors.joining(", "))));
            }
            LineRecord line = found.get();
            if (refunding.getValue().compareTo(line.refundable()) > 0) {
                return Optional.of(new RefundMismatch(RefundMismatch.Reason.EXCEEDS_LINE, "refund of line '"
                        + line.sku() + "' " + refunding.getValue() + " exceeds the " + line.refundable()
                        + " left to refund of that line of purchase " + eventId + " (" + line.amount() + " bought, "
                        + line.refunded() + " refunded)"));
            }
        }
        return Optional.empty();
    }

    /**
     * The share a further refund of {@code refund} claws back, listing {@code refundLines} (amount per SKU; empty for a
     * refund without lines). When the record keeps its lines, each listed amount goes to its line, and money the refund
     * names no line for (all of it, for a refund without lines) is spread over what is left of every line and of the
     * money outside the lines (delivery, tax, unlisted goods), in proportion, to the cent (largest remainder, ties to
     * the earlier line, the money outside the lines last). The eligible part is what each line took times the share
     * of it that earned. A record without lines counts the listed lines not of an excluded SKU, or spreads a refund
     * without lines over the basket ({@link #shareOf(Money, Rounding)}). Throws {@code IllegalArgumentException} with
     * the {@link #mismatch} detail when the refund does not fit.
     */
    public RefundShare shareOf(Money refund, Map<String, Money> refundLines, Rounding rounding) {
        return shareOf(refund, refundLines, rounding, Set.of());
    }

    /**
     * As {@link #shareOf(Money, Map, Rounding)}, but the growth of the metrics in {@code keptUntilFull} (program.json
     * {@code refunds.partialRefundsKeep}, e.g. {@code nights}) is clawed back only by the refund that completes the
     * purchase (all its money, or all its eligible money), then all of it: a partial refund of a hotel bill takes back
     * its share of the points, not a night stayed.
     */
    public RefundShare shareOf(Money refund, Map<String, Money> refundLines, Rounding rounding,
                               Set<String> keptUntilFull) {
        mismatch(refund, refundLines).ifPresent(m -> {
            throw new IllegalArgumentException(m.detail());
        });
        if (lines.isEmpty()) {
            if (refundLines.isEmpty()) {
                return share(refund, spreadEligible(refund), Map.of(), rounding, keptUntilFull);
            }
            Money eligibleLines = Money.zero(amount.currency());
            for (Map.Entry<String, Money> refunding : refundLines.entrySet()) {
                if (!excludedSkus.contains(refunding.getKey())) {
                    eligibleLines = eligibleLines.plus(refunding.getValue());
                }
            }
            return share(refund, checkedEligible(refund, eligibleLines), Map.of(), rounding, keptUntilFull);
        }
        Map<String, Money> taken = new LinkedHashMap<>();
        List<Money> left = new ArrayList<>();
        Money named = Money.zero(amount.currency());
        for (LineRecord line : lines) {
            Money listed = refundLines.getOrDefault(line.sku(), Money.zero(amount.currency()));
            taken.put(line.sku(), listed);
            left.add(line.refundable().minus(listed));
            named = named.plus(listed);
        }
        Money outside = outsideLines();
        left.add(outside.minus(refundedOutsideLines()));
        List<Money> spread = spread(refund.minus(named), left);
        BigDecimal eligiblePart = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            LineRecord line = lines.get(i);
            Money share = taken.get(line.sku()).plus(spread.get(i));
            taken.put(line.sku(), share);
            eligiblePart = eligiblePart.add(earned(share, line.eligible(), line.amount()));
        }
        eligiblePart = eligiblePart.add(earned(spread.get(lines.size()), eligibleOutsideLines(), outside));
        taken.values().removeIf(Money::isZero);
        return share(refund, eligiblePart, taken, rounding, keptUntilFull);
    }

    /** Money of the purchase outside its lines: delivery, tax, goods not listed. */
    private Money outsideLines() {
        return lines.stream().map(LineRecord::amount).reduce(amount, Money::minus);
    }

    /** The eligible part of the money outside the lines (the eligible amount less what the lines earned). */
    private Money eligibleOutsideLines() {
        Money rest = lines.stream().map(LineRecord::eligible).reduce(eligible, Money::minus);
        return rest.max(Money.zero(amount.currency())).min(outsideLines());
    }

    private Money refundedOutsideLines() {
        return lines.stream().map(LineRecord::refunded).reduce(refunded, Money::minus)
                .max(Money.zero(amount.currency()));
    }

    /** {@code taken x eligible / amount}: the part of {@code taken} of a line (or of the rest) that had earned. */
    private static BigDecimal earned(Money taken, Money eligible, Money amount) {
        if (taken.isZero() || eligible.isZero()) {
            return BigDecimal.ZERO;
        }
        if (eligible.compareTo(amount) == 0) {
            return taken.amount();
        }
        return taken.amount().multiply(eligible.amount()).divide(amount.amount(), 10, RoundingMode.HALF_EVEN);
    }

    /**
     * {@code money} spread over {@code over} in proportion, to the minor unit: each part gets the floor of its exact
     * share, and the units left over go one each to the largest remainders (ties to the earlier part). No part gets
     * more than its own amount, and the parts add up to {@code money} exactly.
     */
    static List<Money> spread(Money money, List<Money> over) {
        int digits = money.currency().getDefaultFractionDigits();
        BigInteger units = money.amount().movePointRight(digits).toBigIntegerExact();
        BigInteger total = BigInteger.ZERO;
        for (Money part : over) {
            total = total.add(part.amount().movePointRight(digits).toBigIntegerExact());
        }
        List<Money> parts = new ArrayList<>();
        if (units.signum() == 0 || total.signum() == 0) {
            over.forEach(part -> parts.add(Money.zero(money.currency())));
            return parts;
        }
        List<BigInteger> floors = new ArrayList<>();
        List<BigInteger> remainders = new ArrayList<>();
        BigInteger given = BigInteger.ZERO;
        for (Money part : over) {
            BigInteger[] qr = units.multiply(part.amount().movePointRight(digits).toBigIntegerExact())
                    .divideAndRemainder(total);
            floors.add(qr[0]);
            remainders.add(qr[1]);
            given = given.add(qr[0]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < over.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> remainders.get(i)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        int extra = units.subtract(given).intValueExact();
        for (int k = 0; k < extra; k++) {
            floors.set(order.get(k), floors.get(order.get(k)).add(BigInteger.ONE));
        }
        floors.forEach(f -> parts.add(Money.of(new BigDecimal(f).movePointLeft(digits), money.currency())));
        return parts;
    }

    /**
     * The share of points and growth a further refund of {@code refund} claws back, taking the refund as spread over
     * the whole basket (its eligible part is {@code refund x eligible / amount}). See {@link #shareOf(Money, Money,
     * Rounding)}.
     */
    public RefundShare shareOf(Money refund, Rounding rounding) {
        return share(refund, spreadEligible(refund), Map.of(), rounding, Set.of());
    }

    /** The eligible part of {@code refund} taken as spread over the whole basket: refund x eligible / amount. */
    private BigDecimal spreadEligible(Money refund) {
        return amount.isZero() ? BigDecimal.ZERO
                : refund.amount().multiply(eligible.amount()).divide(amount.amount(), 10, RoundingMode.HALF_EVEN);
    }

    /**
     * The share a further refund of {@code refund}, of which {@code refundedEligible} was eligible (e.g. the refunded
     * lines that were not excluded), claws back: points x refunded eligible amount / original eligible amount, and
     * growth likewise. Shares are computed on the cumulative refunded eligible amount and rounded with the program's
     * mode, so several partial refunds that add up to the whole purchase claw back exactly everything it earned.
     */
    public RefundShare shareOf(Money refund, Money refundedEligible, Rounding rounding) {
        return share(refund, checkedEligible(refund, refundedEligible), Map.of(), rounding, Set.of());
    }

    private static BigDecimal checkedEligible(Money refund, Money refundedEligible) {
        if (refundedEligible.compareTo(refund) > 0) {
            throw new IllegalArgumentException("refunded eligible " + refundedEligible + " exceeds the refund " + refund);
        }
        return refundedEligible.amount();
    }

    private RefundShare share(Money refund, BigDecimal eligiblePart, Map<String, Money> toLines, Rounding rounding,
                              Set<String> keptUntilFull) {
        Money total = refunded.plus(refund);
        if (total.compareTo(amount) > 0) {
            throw new IllegalArgumentException("refund " + refund + " exceeds what is left to refund of purchase "
                    + eventId + ": " + refundable());
        }
        // the eligible money refunded never exceeds what was eligible, however lines and amounts were mixed
        eligiblePart = eligiblePart.min(eligible.amount().subtract(eligibleRefunded)).max(BigDecimal.ZERO);
        BigDecimal eligibleTotal = eligibleRefunded.add(eligiblePart);
        boolean full = total.compareTo(amount) == 0 || (eligible.isPositive()
                && eligibleTotal.compareTo(eligible.amount()) == 0);
        long targetPoints = full ? points : rounding.toPoints(proportion(BigDecimal.valueOf(points), eligibleTotal));
        long clawPoints = Math.max(0, targetPoints - pointsClawedBack);
        Map<String, BigDecimal> clawGrowth = new TreeMap<>();
        growth.forEach((metric, credited) -> {
            if (!full && keptUntilFull.contains(metric)) {
                return; // kept until the refund that completes the purchase
            }
            BigDecimal target = full ? credited : proportion(credited, eligibleTotal)
                    .setScale(growthScale(metric, credited), rounding.mode());
            BigDecimal claw = target.subtract(growthClawedBack.getOrDefault(metric, BigDecimal.ZERO));
            if (claw.signum() > 0) {
                clawGrowth.put(metric, claw);
            }
        });
        return new RefundShare(refund, clawPoints, clawGrowth, eligiblePart, toLines);
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
        List<LineRecord> linesAfter = lines.stream()
                .map(line -> line.refunding(share.lines().getOrDefault(line.sku(), Money.zero(amount.currency()))))
                .toList();
        return new PurchaseRecord(eventId, at, amount, eligible, points, growth, countedCaps, basket,
                refunded.plus(share.refund()), Points.add(pointsClawedBack, share.points()), growthBack, excludedSkus,
                eligibleRefunded.add(share.eligible()), linesAfter);
    }
}
