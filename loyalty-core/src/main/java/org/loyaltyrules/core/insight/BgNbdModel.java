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
        // ln(((alpha + T) / (alpha + t + T))^(r + x)), through log1p: when r and alpha run away (1e10 and more on small
        // populations) the ratio is within 1e-11 of 1, and log of it lost 1e-5 of the result, in the CSV's 4th decimal
        double lnRatio = -(r + x) * Math.log1p(t / (alpha + T));
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.exp(lnAliveRatio(x, tx, T)) : 0);
        if (a == 1) {
            return atAOfOne(r + x, b + x, z, lnRatio) / denominator;
        }
        if (c <= 0) {
            // only for x = 0 with a fitted a + b <= 1: then 2F1 is small and may be negative, so it is summed as it is
            return timesComplement(c, r, b, z, Math.exp(lnRatio)) / (a - 1) / denominator;
        }
        // otherwise through Euler's transformation, whose logarithm stays finite for large purchase counts
        double second = -Math.expm1(Hypergeometric.logEuler(r + x, b + x, c, z) + lnRatio);
        return c / (a - 1) * second / denominator;
    }

    /**
     * The limit of c/(a − 1) · [1 − q · 2F1(r', b'; c; z)] at a = 1, where c = b' and q = (1 − z)^r' (ln q given):
     * there 2F1(r', b'; b'; z) = (1 − z)^−r', so numerator and a − 1 both vanish, and the quotient is
     * −b' q · ∂2F1/∂c at c = b', that is b' · Σ_{n≥1} q (r')_n z^n / n! · Σ_{k<n} 1/(b' + k): b' times the mean of
     * ψ(b' + N) − ψ(b') for N negative binomial (r', z). Summed with each weight taken through its logarithm.
     */
    private static double atAOfOne(double rr, double bb, double z, double lnQ) {
        double lnWeight = lnQ;
        double harmonic = 0;
        double sum = 0;
        double mode = rr * z / (1 - z);
        for (int n = 1; n < 10_000_000; n++) {
            lnWeight += Math.log((rr + n - 1) / n * z);
            harmonic += 1 / (bb + n - 1);
            double term = Math.exp(lnWeight) * harmonic;
            sum += term;
            if (n > mode && (term == 0 || term <= 1e-17 * sum)) {
                return bb * sum;
            }
        }
        throw new ArithmeticException("BG/NBD expectation at a = 1 did not converge for r' = " + rr + ", z = " + z);
    }

    /**
     * c · [1 − q · 2F1(r', b'; c; z)], the numerator of equation (9), and of equation (10) when c = a + b + x − 1 <= 0,
     * by the power series. At c = 0 (x = 0 and a + b = 1 exactly) 2F1 has a pole and the product its finite limit:
     * the series' terms after the first are those of r' b' z · 2F1(r' + 1, b' + 1; 2; z) over c, so the product
     * tends to −q · r' b' z · 2F1(r' + 1, b' + 1; 2; z).
     */
    private static double timesComplement(double c, double rr, double bb, double z, double q) {
        if (c == 0) {
            return -q * rr * bb * z * Hypergeometric.series(rr + 1, bb + 1, 2, z);
        }
        return c * (1 - Hypergeometric.series(rr, bb, c, z) * q);
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
        // (alpha / (alpha + t))^r through log1p, as in equation (10): a ratio near 1 of a run-away alpha keeps its digits
        double lnQ = -r * Math.log1p(t / alpha);
        if (a == 1) {
            return atAOfOne(r, b, t / (alpha + t), lnQ);
        }
        return timesComplement(a + b - 1, r, b, t / (alpha + t), Math.exp(lnQ)) / (a - 1);
    }
}
