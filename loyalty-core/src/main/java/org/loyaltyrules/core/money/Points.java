package org.loyaltyrules.core.money;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * Points are plain {@code long}s; this class holds the overflow-checked arithmetic every ledger uses,
 * so that a sum too large for a long fails loudly instead of wrapping around.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Points {

    private Points() {
    }

    public static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("Overflow: " + a + " + " + b + " exceeds " + Long.MAX_VALUE);
        }
    }

    public static long subtract(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("Overflow: " + a + " - " + b + " exceeds the range of long");
        }
    }

    /**
     * {@code whole} (a number without a fraction: rounded points, minor units) as a long, or an
     * {@code ArithmeticException} quoting it, where {@code BigDecimal.longValueExact} says only "Overflow".
     */
    public static long exact(BigDecimal whole) {
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("Overflow: " + whole.toPlainString() + " exceeds " + Long.MAX_VALUE);
        }
    }

    public static long requireNonNegative(long points, String field) {
        if (points < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + points);
        }
        return points;
    }

    public static long requirePositive(long points, String field) {
        if (points <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + points);
        }
        return points;
    }
}
