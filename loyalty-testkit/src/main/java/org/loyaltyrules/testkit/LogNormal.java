package org.loyaltyrules.testkit;

/**
 * Log-normal amounts in whole minor units. The draw is a quantile index, so jqwik shrinks it towards 0, the median
 * amount, and the amount itself is rounded to a minor unit before it leaves: no floating point reaches an event.
 */
final class LogNormal {

    /** Quantile indexes run over -HALF..HALF; index k is the quantile (HALF + 1 + k) / (2 HALF + 2). */
    static final int HALF = 4_999;
    /** Amounts stop at ten million currency units (in minor units of a two-decimal currency). */
    private static final long MAX_MINOR = 1_000_000_000L;

    private LogNormal() {
    }

    /** The amount at quantile index {@code k} of a log-normal of median {@code medianMinor}, log-sd {@code sigma}. */
    static long minorUnits(long medianMinor, double sigma, int k) {
        if (k < -HALF || k > HALF) {
            throw new IllegalArgumentException("quantile index must be in -" + HALF + ".." + HALF + ", was " + k);
        }
        double p = (HALF + 1.0 + k) / (2.0 * HALF + 2.0);
        double value = medianMinor * Math.exp(sigma * standardNormalQuantile(p));
        return Math.max(1, Math.min(MAX_MINOR, Math.round(value)));
    }

    /**
     * The standard normal quantile (P. J. Acklam's rational approximation, relative error below 1.2e-9), enough to
     * shape amounts; commons-math would do the same and is not a dependency this library should add.
     */
    static double standardNormalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), was " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                3.754408661907416e+00};
        final double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
