package org.loyaltyrules.core.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;
import org.loyaltyrules.core.program.Rounding;
import org.loyaltyrules.core.program.RoundingScope;
import org.loyaltyrules.core.program.Stacking;

/**
 * Turns the exact award parts the rules concluded into whole points, per the program's stacking policy, rounding
 * mode and rounding scope. With PER_AWARD rounding a bonus is a percentage of the base award as posted (whole
 * points: 50 % of a base of 3.9 rounded down to 3 is 1.5, posted 1); with PER_EVENT everything stays exact until the
 * total is rounded once. Bonuses are always computed on the base award, never on other bonuses (except that
 * MULTIPLICATIVE stacking compounds them, by definition). Every part that applies becomes one line with its own
 * explanation; parts that HIGHEST stacking drops are reported as not applied.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class EarnCalculator {

    private EarnCalculator() {
    }

    public static EarnResult compute(List<AwardPart> parts, Stacking stacking, Rounding rounding, RoundingScope scope) {
        return computeWithSources(parts, stacking, rounding, scope).result();
    }

    /**
     * The result of {@link #compute} and, for each of its lines, the part (one of {@code parts}, the same object)
     * the line came from: a rule that concluded two parts (a multiplier on two basket lines) is explained per part.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Computation(EarnResult result, List<AwardPart> sources) {

        public Computation {
            sources = List.copyOf(sources);
            if (sources.size() != result.lines().size()) {
                throw new IllegalArgumentException("one source per line: " + sources.size() + " sources for "
                        + result.lines().size() + " lines");
            }
        }
    }

    /** As {@link #compute}, with the part each line came from. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static Computation computeWithSources(List<AwardPart> parts, Stacking stacking, Rounding rounding,
                                                 RoundingScope scope) {
        List<Exact> exact = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        // Per award, bonuses and multipliers of the whole base apply to the base award as posted (whole points); a
        // bonus of a portion (a basket line) to that portion's exact base points, since a portion is never posted on
        // its own (rounded first, 20 lines of half a point each lost a x3 bonus under FLOOR and paid x5 under
        // CEILING). Per event, everything stays exact until the one rounding of the total.
        boolean perAward = scope == RoundingScope.PER_AWARD;
        BigDecimal base = BigDecimal.ZERO;
        for (AwardPart part : parts) {
            if (part instanceof AwardPart.Base) {
                AwardPart.Base b = (AwardPart.Base) part;
                exact.add(new Exact(b, b.label(), b.exact()));
                base = base.add(perAward ? BigDecimal.valueOf(rounding.toPoints(b.exact())) : b.exact());
            }
        }
        List<Sourced> bonuses = new ArrayList<>();
        for (AwardPart part : parts) {
            if (part instanceof AwardPart.Bonus) {
                AwardPart.Bonus b = (AwardPart.Bonus) part;
                BigDecimal ofBase = perAward && b.portion().isEmpty() ? base : b.ofBase();
                bonuses.add(new Sourced(new AwardPart.Bonus(b.rule(), b.label(), b.percent(), ofBase, b.portion()), b));
            }
        }
        addBonuses(bonuses, base, stacking, exact, notApplied);
        addMultipliers(parts, base, exact, notApplied);
        for (AwardPart part : parts) {
            if (part instanceof AwardPart.Fixed) {
                AwardPart.Fixed f = (AwardPart.Fixed) part;
                exact.add(new Exact(f, f.label(), BigDecimal.valueOf(f.points())));
            }
        }
        long[] points = scope == RoundingScope.PER_AWARD ? roundEach(exact, rounding) : roundTotal(exact, rounding);
        String shared = scope == RoundingScope.PER_EVENT && exact.size() > 1 ? sharedOut(exact, points, rounding) : null;
        List<EarnLine> lines = new ArrayList<>();
        List<AwardPart> sources = new ArrayList<>();
        for (int i = 0; i < exact.size(); i++) {
            Exact e = exact.get(i);
            // per event, a line's share of the rounded total is no product of its own: say where it comes from
            String text = shared == null ? e.label + " = " + points[i]
                    : e.label + " = " + plain(e.amount) + "; " + points[i] + shared;
            lines.add(new EarnLine(e.source.rule(), points[i], text));
            sources.add(e.source);
        }
        return new Computation(new EarnResult(lines, notApplied), sources);
    }

    /** A bonus as it applies (on the base as posted, per award) and the part the rule concluded. */
    private record Sourced(AwardPart.Bonus bonus, AwardPart.Bonus source) {
    }

    private static void addBonuses(List<Sourced> bonuses, BigDecimal base, Stacking stacking,
                                   List<Exact> exact, List<String> notApplied) {
        if (bonuses.isEmpty()) {
            return;
        }
        switch (stacking) {
            case ADDITIVE:
                for (Sourced s : bonuses) {
                    AwardPart.Bonus b = s.bonus();
                    exact.add(new Exact(s.source(), describe(b), percentOf(b.percent(), b.ofBase())));
                }
                break;
            case HIGHEST:
                Sourced best = bonuses.stream()
                        .max(Comparator.comparing((Sourced s) -> percentOf(s.bonus().percent(), s.bonus().ofBase())))
                        .orElseThrow();
                exact.add(new Exact(best.source(), describe(best.bonus()),
                        percentOf(best.bonus().percent(), best.bonus().ofBase())));
                for (Sourced s : bonuses) {
                    if (s != best) {
                        // the winner with its base: two lines of one category have the same label
                        notApplied.add(describe(s.bonus()) + " not applied: only the highest bonus counts ("
                                + describe(best.bonus()) + ")");
                    }
                }
                break;
            case MULTIPLICATIVE:
                compound(bonuses, exact);
                break;
            default:
                throw new IllegalStateException("unknown stacking " + stacking);
        }
    }

    /**
     * Whole-base bonuses compound on the base; a portion's own bonuses compound on that portion after the whole-base
     * ones. Each bonus's line is its increment in that order, so the lines add up to the compounded total; its text
     * names the base it compounded to ("50% of base 2000 compounded to 2400"), so the sentence gives the number.
     */
    private static void compound(List<Sourced> bonuses, List<Exact> exact) {
        BigDecimal wholeFactor = BigDecimal.ONE;
        for (Sourced s : bonuses) {
            AwardPart.Bonus b = s.bonus();
            if (b.portion().isEmpty()) {
                exact.add(compounded(s, wholeFactor));
                wholeFactor = wholeFactor.multiply(BigDecimal.ONE.add(rate(b.percent())));
            }
        }
        Map<String, BigDecimal> portionFactor = new LinkedHashMap<>();
        for (Sourced s : bonuses) {
            AwardPart.Bonus b = s.bonus();
            if (!b.portion().isEmpty()) {
                BigDecimal factor = portionFactor.getOrDefault(b.portion(), wholeFactor);
                exact.add(compounded(s, factor));
                portionFactor.put(b.portion(), factor.multiply(BigDecimal.ONE.add(rate(b.percent()))));
            }
        }
    }

    private static Exact compounded(Sourced s, BigDecimal factor) {
        AwardPart.Bonus b = s.bonus();
        BigDecimal compoundedBase = b.ofBase().multiply(factor);
        String text = factor.compareTo(BigDecimal.ONE) == 0 ? describe(b)
                : describe(b) + " compounded to " + plain(compoundedBase);
        return new Exact(s.source(), text, compoundedBase.multiply(rate(b.percent())));
    }

    private static void addMultipliers(List<AwardPart> parts, BigDecimal base, List<Exact> exact,
                                       List<String> notApplied) {
        AwardPart.Multiplier replacing = null;
        for (AwardPart part : parts) {
            if (part instanceof AwardPart.Multiplier) {
                AwardPart.Multiplier m = (AwardPart.Multiplier) part;
                if (!m.replacesBase()) {
                    exact.add(new Exact(m, m.label() + ": " + plain(m.factor()) + "x base " + plain(base)
                            + " added", base.multiply(m.factor())));
                } else if (replacing == null || m.factor().compareTo(replacing.factor()) > 0) {
                    if (replacing != null) {
                        notApplied.add(notReplacing(replacing, m));
                    }
                    replacing = m;
                } else {
                    notApplied.add(notReplacing(m, replacing));
                }
            }
        }
        if (replacing != null && replacing.factor().compareTo(BigDecimal.ONE) != 0) {
            BigDecimal extra = base.multiply(replacing.factor().subtract(BigDecimal.ONE));
            // the line is what the multiplier adds to the base: "3x base 100 replaces base, 2 x 100 more = 200"
            exact.add(new Exact(replacing, replacing.label() + ": " + plain(replacing.factor())
                    + "x base " + plain(base) + " replaces base, " + plain(replacing.factor().subtract(BigDecimal.ONE))
                    + " x " + plain(base) + " more", extra.max(base.negate())));
        }
    }

    /**
     * How a per-event line's points came about: " of the event's 21 (21.98 rounded down once)", the exact total
     * rounded once with the program's mode and shared out over the lines.
     */
    private static String sharedOut(List<Exact> exact, long[] points, Rounding rounding) {
        BigDecimal exactTotal = BigDecimal.ZERO;
        long total = 0;
        for (int i = 0; i < exact.size(); i++) {
            exactTotal = exactTotal.add(exact.get(i).amount);
            total += points[i];
        }
        String how = switch (rounding) {
            case FLOOR -> "rounded down";
            case CEILING -> "rounded up";
            case HALF_UP -> "rounded half up";
        };
        return " of the event's " + total + " (" + plain(exactTotal) + " " + how + " once)";
    }

    private static long[] roundEach(List<Exact> exact, Rounding rounding) {
        long[] points = new long[exact.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = rounding.toPoints(exact.get(i).amount);
        }
        return points;
    }

    /** Rounds the exact total once, then shares it out: each line gets its floor, and the units left go to the lines
     * with the largest fractions (earliest first on ties), so the lines always add up to the rounded total. */
    private static long[] roundTotal(List<Exact> exact, Rounding rounding) {
        long[] points = new long[exact.size()];
        BigDecimal total = BigDecimal.ZERO;
        long floors = 0;
        for (int i = 0; i < points.length; i++) {
            BigDecimal amount = exact.get(i).amount;
            total = total.add(amount);
            points[i] = Points.exact(amount.setScale(0, RoundingMode.FLOOR));
            floors += points[i];
        }
        long left = rounding.toPoints(total) - floors;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> fraction(exact.get(i).amount)).reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < order.size() && left > 0; k++) {
            if (fraction(exact.get(order.get(k)).amount).signum() > 0) {
                points[order.get(k)]++;
                left--;
            }
        }
        for (int k = 0; left < 0 && k < order.size(); k++) {
            // HALF_UP never rounds the total below the sum of floors; kept as a guard for negative parts.
            int i = order.get(order.size() - 1 - k);
            if (points[i] > 0) {
                points[i]--;
                left++;
            }
        }
        return points;
    }

    private static BigDecimal fraction(BigDecimal amount) {
        return amount.subtract(amount.setScale(0, RoundingMode.FLOOR));
    }

    private static BigDecimal percentOf(BigDecimal percent, BigDecimal base) {
        return base.multiply(rate(percent));
    }

    /** Why {@code dropped} does not replace the base: {@code kept} does, larger, or equal and concluded first. */
    private static String notReplacing(AwardPart.Multiplier dropped, AwardPart.Multiplier kept) {
        return dropped.label() + " not applied: " + (kept.factor().compareTo(dropped.factor()) > 0
                ? "a larger multiplier replaces the base (" + kept.label() + ", " + plain(kept.factor()) + "x)"
                : "an equal multiplier replaces the base (" + kept.label() + ", " + plain(kept.factor())
                        + "x); only one replacing multiplier applies");
    }

    /** percent / 100, exactly: a decimal shift, not a long division (the same value, far cheaper per award). */
    private static BigDecimal rate(BigDecimal percent) {
        return percent.movePointLeft(2);
    }

    private static String describe(AwardPart.Bonus b) {
        return b.label() + " " + plain(b.percent()) + "% of base " + plain(b.ofBase());
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static final class Exact {
        final AwardPart source;
        final String label;
        final BigDecimal amount;

        Exact(AwardPart source, String label, BigDecimal amount) {
            this.source = source;
            this.label = label;
            this.amount = amount;
        }
    }
}
