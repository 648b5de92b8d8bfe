package org.loyaltyrules.core.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * An amount of money in one currency. Immutable; equal by value, so 2.0 USD equals 2.00 USD.
 * The amount is kept at the currency's number of minor units; arithmetic between two currencies is an error.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /**
     * Digits an amount may have before the decimal point. Far more than any sum of money (a total beyond a long is
     * refused NUMBER_OVERFLOW by the engine), but bounded: {@code 1e999999999} cannot be kept at minor units at all.
     */
    public static final int MAX_INTEGER_DIGITS = 1000;

    public Money {
        requireNonNull(amount, "amount");
        requireNonNull(currency, "currency");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("currency must have minor units, was " + currency);
        }
        // the digits before the point first: stripping 100E+2147483647 would overflow the scale
        if (Decimals.integerDigits(amount) > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "amount must have at most %d digits before the decimal point, was %s", MAX_INTEGER_DIGITS,
                    Decimals.shown(amount)));
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "amount must have at most %d decimals for %s, was %s", digits, currency, Decimals.shown(amount)));
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money of(String amount, String currencyCode) {
        requireNonNull(amount, "amount");
        return new Money(parseAmount(amount), currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Money from a count of minor units, e.g. 1999 cents is 19.99 USD. */
    public static Money ofMinor(long minorUnits, Currency currency) {
        requireNonNull(currency, "currency");
        return new Money(BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()), currency);
    }

    public static Currency currency(String code) {
        requireNonNull(code, "currency");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, was '" + code + "'", e);
        }
    }

    private static BigDecimal parseAmount(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a decimal number, was '" + Decimals.cut(text) + "'", e);
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /** Scales this amount by a factor, rounding to minor units with the given mode. */
    public Money times(BigDecimal factor, RoundingMode rounding) {
        requireNonNull(factor, "factor");
        requireNonNull(rounding, "rounding");
        return new Money(amount.multiply(factor).setScale(currency.getDefaultFractionDigits(), rounding), currency);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /** This amount in minor units (cents for USD), exact. */
    public long minorUnits() {
        return Points.exact(amount.movePointRight(currency.getDefaultFractionDigits()));
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
