package org.loyaltyrules.core.money;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * Decimals as the readers take them from a file: bounded in size before any arithmetic (1E-999999999 written out is
 * a gigabyte, and 100E+2147483647 has no scale a sum could keep), and shown in messages without being written out.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Decimals {

    /** The digits a number read from a file may have before, and after, its decimal point (as an amount of money). */
    public static final int MAX_DIGITS = Money.MAX_INTEGER_DIGITS;

    private static final int SHOWN = 40;

    private Decimals() {
    }

    /**
     * Why {@code number} is too large or too fine to be read ("must have at most 1000 digits before the decimal
     * point, was 1E+1001"), or null when it is not. Reckoned from precision and scale, never written out.
     */
    public static String tooLong(BigDecimal number) {
        if (integerDigits(number) > MAX_DIGITS) {
            return "must have at most " + MAX_DIGITS + " digits before the decimal point, was " + shown(number);
        }
        if (number.scale() > MAX_DIGITS) {
            return "must have at most " + MAX_DIGITS + " decimals, was " + shown(number);
        }
        return null;
    }

    /**
     * The digits of {@code number} before its decimal point (0 for zero), from precision and scale: the same whether
     * trailing zeros are stripped or not, and never an overflow (stripping 100E+2147483647 overflows the scale).
     */
    public static long integerDigits(BigDecimal number) {
        return number.signum() == 0 ? 0 : (long) number.precision() - number.scale();
    }

    /** {@code number} as written when short, else in scientific notation cut to 40 characters; never written out. */
    public static String shown(BigDecimal number) {
        long plainLength = Math.max(1L, integerDigits(number)) + (number.scale() > 0 ? 1L + number.scale() : 0L)
                + (number.signum() < 0 ? 1 : 0);
        return plainLength <= SHOWN ? number.toPlainString() : cut(number.toString());
    }

    /** {@code text} when short, else its first 40 characters and its length. */
    public static String cut(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }
}
