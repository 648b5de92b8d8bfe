package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import org.apache.commons.math3.special.Gamma;
import org.apiguardian.api.API;

/**
 * The BG/NBD repeat-purchase model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way") with its
 * four parameters: purchase rates are Gamma(r, alpha) across members, and after each purchase a member drops out
 * with a probability that is Beta(a, b) across members. Formulas as in lifetimes' {@code BetaGeoFitter}; time is in
 * the units of the summaries it was fitted on (e.g. weeks).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BgNbdModel(double r, double alpha, double a, double b) {

    public BgNbdModel {
        requirePositive("r", r);
        requirePositive("alpha", alpha);
        requirePositive("a", a);
        requirePositive("b", b);
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
        }
    }

    /**
     * The log-likelihood of one member's history (x repeat purchases, the last at t_x, observed for T), equation
     * (6) of the paper in lifetimes' form: ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
     * + ln[(α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x)].
     */
    public double logLikelihood(int x, double tx, double T) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + T);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(tx + alpha);
        double max = Math.max(a3, a4);
        return a1 + a2 + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
    }

    /** The summed log-likelihood of the members' histories (the quantity the fit maximises). */
    public double logLikelihood(Collection<RepeatHistory> histories) {
        requireNonNull(histories, "histories");
        double sum = 0;
        for (RepeatHistory h : histories) {
            sum += logLikelihood(h.frequency(), h.recency(), h.age());
        }
        return sum;
    }

    /**
     * Expected repeat purchases in the next {@code t} time units of a member with history (x, t_x, T): equation (10),
     * lifetimes' {@code conditional_expected_number_of_purchases_up_to_time}.
     */
    public double expectedPurchases(double t, int x, double tx, double T) {
        if (t < 0) {
            throw new IllegalArgumentException("t must be >= 0, was " + t);
        }
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + T + t);
        double c = a + b + x - 1;
        double first = c / (a - 1);
        // ln(((alpha + T) / (alpha + t + T))^(r + x)), through log1p: when r and alpha run away (1e10 and more on small
        // populations) the ratio is within 1e-11 of 1, and log of it lost 1e-5 of the result, in the CSV's 4th decimal
        double lnRatio = -(r + x) * Math.log1p(t / (alpha + T));
        // c <= 0 only for x = 0 with a fitted a + b <= 1: then 2F1 is small and may be negative, so it is summed as it
        // is; otherwise through Euler's transformation, whose logarithm stays finite for large purchase counts
        double second = c <= 0 ? 1 - Hypergeometric.series(r + x, b + x, c, z) * Math.exp(lnRatio)
                : -Math.expm1(Hypergeometric.logEuler(r + x, b + x, c, z) + lnRatio);
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.exp(lnAliveRatio(x, tx, T)) : 0);
        return first * second / denominator;
    }

    public double expectedPurchases(double t, RepeatHistory history) {
        return expectedPurchases(t, history.frequency(), history.recency(), history.age());
    }

    /**
     * The probability that a member with history (x, t_x, T) is still active (Fader, Hardie &amp; Lee, note 021):
     * 1 / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)); 1 for a member who never bought again.
     */
    public double probabilityAlive(int x, double tx, double T) {
        if (x == 0) {
            return 1.0;
        }
        double logRatio = lnAliveRatio(x, tx, T) + Math.log(a / (b + x - 1));
        return 1 / (1 + Math.exp(logRatio));
    }

    /** ln(((alpha + T) / (alpha + t_x))^(r + x)), through log1p for the ratio near 1 of run-away r and alpha. */
    private double lnAliveRatio(int x, double tx, double T) {
        return (r + x) * Math.log1p((T - tx) / (alpha + tx));
    }

    public double probabilityAlive(RepeatHistory history) {
        return probabilityAlive(history.frequency(), history.recency(), history.age());
    }

    /** Expected repeat purchases of a new member in {@code t} time units: equation (9). */
    public double expectedPurchasesOfNewMember(double t) {
        double hyp = Hypergeometric.series(r, b, a + b - 1, t / (alpha + t));
        // (alpha / (alpha + t))^r through log1p, as in equation (10): a ratio near 1 of a run-away alpha keeps its digits
        return (a + b - 1) / (a - 1) * (1 - hyp * Math.exp(-r * Math.log1p(t / alpha)));
    }
}
