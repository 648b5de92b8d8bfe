package org.loyaltyrules.examples.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import org.loyaltyrules.core.money.Decimals;
import org.loyaltyrules.core.money.Money;

/** Parsing of the number columns of the datasets; a bad value is a {@link BadValue} naming the column. */
final class Fields {

    private Fields() {
    }

    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        BadValue(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        /** The bad line as unsent.csv names it within its record: "line 3 field sales_value: must be >= 0, ...". */
        String at(long line) {
            return "line " + line + (field.isEmpty() ? "" : " field " + field) + ": " + getMessage();
        }
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BadValue(field, "is required");
        }
        return value.trim();
    }

    static BigDecimal decimal(String value, String field) {
        String text = required(value, field);
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadValue(field, "must be a decimal number, was \"" + value + "\"");
        }
        // too large or too fine to compute with (1E+1001; 1E+100000000 took minutes): a bad value of its line
        String tooLong = Decimals.tooLong(number);
        if (tooLong != null) {
            throw new BadValue(field, tooLong);
        }
        return number;
    }

    static long integer(String value, String field) {
        String text = required(value, field);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadValue(field, "must be an integer, was \"" + value + "\"");
        }
    }

    /** A non-negative amount with at most the currency's decimals. */
    static Money money(String value, String field, Currency currency) {
        return money(decimal(value, field), field, currency);
    }

    /**
     * As {@link #money(String, String, Currency)}, except that a value less than 1e-9 away from whole minor units is
     * taken as those units: the binary float noise of the tool that wrote the file (R writes 4.440892e-16 for 0).
     * A real third decimal (1.234, 1.235) is still a bad value, never rounded.
     */
    static Money moneyWithFloatNoise(String value, String field, Currency currency) {
        BigDecimal amount = decimal(value, field);
        BigDecimal units = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_UP);
        return money(amount.subtract(units).abs().compareTo(FLOAT_NOISE) < 0 ? units : amount, field, currency);
    }

    private static final BigDecimal FLOAT_NOISE = new BigDecimal("1e-9");

    private static Money money(BigDecimal amount, String field, Currency currency) {
        if (amount.signum() < 0) {
            throw new BadValue(field, "must be >= 0, was " + Decimals.shown(amount));
        }
        if (amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            throw new BadValue(field, String.format(Locale.ROOT, "must have at most %d decimals for %s, was %s",
                    currency.getDefaultFractionDigits(), currency.getCurrencyCode(), Decimals.shown(amount)));
        }
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            // Money's own check (digits before the point), for this field: a bad value, not the end of the read
            throw new BadValue(field, e.getMessage().replaceFirst("^amount ", ""));
        }
    }

    /** {@code amount} rounded half-up to the currency's minor units (a sum of unit prices with more decimals). */
    static Money rounded(BigDecimal amount, Currency currency) {
        return Money.of(amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_UP), currency);
    }
}
