package org.loyaltyrules.core.insight;

import java.util.Locale;

/** Gauss' hypergeometric function 2F1 for the real arguments the BG/NBD model needs (0 <= z < 1). */
final class Hypergeometric {

    private static final int MAX_TERMS = 10_000_000;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) by its power series; {@code c} not 0 or a negative integer (a fitted a + b below 1 makes
     * c = a + b - 1 negative, as scipy's hyp2f1, which lifetimes calls, allows), {@code 0 <= z < 1}.
     */
    static double series(double a, double b, double c, double z) {
        double[] scaled = scaledSeries(a, b, c, z);
        return scaled[1] == 0 ? scaled[0] : scaled[0] * Math.exp(scaled[1]);
    }

    /**
     * The power series as {sum, ln of its scale}: the running sum and term are scaled down by 1e-250 whenever the sum
     * passes 1e250, so a series whose terms grow far beyond the range of a double before they fall (fitted
     * parameters of hundreds of thousands, where the terms rise like (a z)^n / n!) still sums to a finite value.
     */
    private static double[] scaledSeries(double a, double b, double c, double z) {
        if (Double.isNaN(c) || Double.isInfinite(c) || c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("hypergeometric c must not be 0 or a negative integer, was " + c);
        }
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("hypergeometric z must be in [0, 1), was " + z);
        }
        double term = 1.0;
        double sum = 1.0;
        double logScale = 0;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(sum) > 1e250) {
                sum *= 1e-250;
                term *= 1e-250;
                logScale += LN_1E250;
            }
            if (term == 0 || Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                return new double[] {sum, logScale};
            }
        }
        throw new ArithmeticException(String.format(Locale.ROOT,
                "hypergeometric series 2F1(%s, %s; %s; %s) did not converge in %d terms", a, b, c, z, MAX_TERMS));
    }

    private static final double LN_1E250 = 250 * Math.log(10);

    /**
     * ln 2F1(a, b; c; z) through Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z).
     * In the BG/NBD conditional expectation a and b grow with the purchase count while c - a and c - b do not, so
     * the transformed series stays small where the direct one would overflow (lifetimes' fallback formula).
     */
    static double logEuler(double a, double b, double c, double z) {
        double[] scaled = scaledSeries(c - a, c - b, c, z);
        return (c - a - b) * Math.log1p(-z) + Math.log(scaled[0]) + scaled[1];
    }
}
