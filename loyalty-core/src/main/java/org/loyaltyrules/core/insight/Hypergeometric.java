package org.loyaltyrules.core.insight;

/** Gauss' hypergeometric function 2F1 for the real arguments the BG/NBD model needs (0 <= z < 1). */
final class Hypergeometric {

    private static final int MAX_TERMS = 10_000_000;

    private Hypergeometric() {
    }

    /** 2F1(a, b; c; z) by its power series; {@code c > 0}, {@code 0 <= z < 1}. */
    static double series(double a, double b, double c, double z) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("hypergeometric c must be > 0, was " + c);
        }
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("hypergeometric z must be in [0, 1), was " + z);
        }
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (term == 0 || Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("hypergeometric series 2F1(%s, %s; %s; %s) did not converge in %d terms"
                .formatted(a, b, c, z, MAX_TERMS));
    }

    /**
     * ln 2F1(a, b; c; z) through Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z).
     * In the BG/NBD conditional expectation a and b grow with the purchase count while c - a and c - b do not, so
     * the transformed series stays small where the direct one would overflow (lifetimes' fallback formula).
     */
    static double logEuler(double a, double b, double c, double z) {
        return (c - a - b) * Math.log1p(-z) + Math.log(series(c - a, c - b, c, z));
    }
}
