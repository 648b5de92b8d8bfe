package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * Customer lifetime value as lifetimes' {@code GammaGammaFitter.customer_lifetime_value}: the expected value per
 * purchase (Gamma-Gamma) times the expected purchases (BG/NBD) of each month, discounted monthly:
 * CLV = Σ_{k=1..months} E[value] (E[N(k·f)] − E[N((k−1)·f)]) / (1 + d)^k, where f is the number of model time units
 * in a month ({@link #DAYS_PER_MONTH} = 30, {@link #WEEKS_PER_MONTH} = 4.345, as lifetimes' {@code freq}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LifetimeValue {

    /** Model time units per month when the summaries count days (lifetimes {@code freq='D'}, its default). */
    public static final double DAYS_PER_MONTH = 30;
    /** Model time units per month when the summaries count weeks (lifetimes {@code freq='W'}). */
    public static final double WEEKS_PER_MONTH = 4.345;

    private LifetimeValue() {
    }

    public static double of(BgNbdModel purchases, GammaGammaModel value, RepeatHistory history, int months,
                            double monthlyDiscountRate, double unitsPerMonth) {
        requireNonNull(purchases, "purchases");
        requireNonNull(value, "value");
        requireNonNull(history, "history");
        if (months < 0) {
            throw new IllegalArgumentException("months must be >= 0, was " + months);
        }
        if (!(monthlyDiscountRate > -1) || Double.isInfinite(monthlyDiscountRate)) {
            throw new IllegalArgumentException("monthlyDiscountRate must be > -1, was " + monthlyDiscountRate);
        }
        if (!(unitsPerMonth > 0) || Double.isInfinite(unitsPerMonth)) {
            throw new IllegalArgumentException("unitsPerMonth must be > 0, was " + unitsPerMonth);
        }
        double perPurchase = value.expectedAverageValue(history);
        double total = 0;
        double before = 0;
        for (int k = 1; k <= months; k++) {
            double upTo = purchases.expectedPurchases(k * unitsPerMonth, history);
            total += perPurchase * (upTo - before) / Math.pow(1 + monthlyDiscountRate, k);
            before = upTo;
        }
        return total;
    }
}
