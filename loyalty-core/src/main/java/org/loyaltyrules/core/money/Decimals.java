package org.loyaltyrules.core.money;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * Decimals as the readers take them from a file: bounded in size before any arithmetic (1E-999999999 written out is
 * a gigabyte, and 100E+2147483647 has no scale a sum could keep), and shown in messages without being written out.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Decimals {

    /** The digits a number read from a file may have before, and after, its decimal point. */
    public static final int MAX_DIGITS = 1000;

    private static final int SHOWN = 40;

    private Decimals() {
    }

    /**
     * Why {@code number} is too large or too fine to be read ("must have at most 1000 digits before the decimal
     * point, was 1E+1001"), or null when it is not. Reckoned from precision and scale, never written out.
     */
    public static String tooLong(BigDecimal number) {
        long integerDigits = (long) number.precision() - number.scale();
        if (number.signum() != 0 && integerDigits > MAX_DIGITS) {
            return "must have at most " + MAX_DIGITS + " digits before the decimal point, was " + shown(number);
        }
        if (number.scale() > MAX_DIGITS) {
            return "must have at most " + MAX_DIGITS + " decimals, was " + shown(number);
        }
        return null;
    }

    /** {@code number} as written when short, else in scientific notation cut to 40 characters; never written out. */
    public static String shown(BigDecimal number) {
        long integerDigits = Math.max(1L, (long) number.precision() - number.scale());
        long plainLength = integerDigits + (number.scale() > 0 ? 1L + number.scale() : 0L)
                + (number.signum() < 0 ? 1 : 0);
        if (plainLength <= SHOWN) {
            return number.toPlainString();
        }
        String text = number.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }
}
