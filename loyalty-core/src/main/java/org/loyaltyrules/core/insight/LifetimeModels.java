package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * Fitted models a member insight may use, with how to apply them: the summary convention the models were fitted in,
 * the horizon (model time units) of "expected purchases", and the lifetime-value months, monthly discount rate and
 * model units per month. {@code value} may be null: no lifetime value then.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LifetimeModels(BgNbdModel purchases, GammaGammaModel value, SummaryConvention convention,
                             double horizon, int months, double monthlyDiscountRate, double unitsPerMonth) {

    public LifetimeModels {
        requireNonNull(purchases, "purchases");
        requireNonNull(convention, "convention");
        if (!(horizon >= 0) || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("horizon must be >= 0, was " + horizon);
        }
        if (months < 0) {
            throw new IllegalArgumentException("months must be >= 0, was " + months);
        }
    }

    /** Weekly models (CDNOW style): expected purchases over 4.345 weeks, 12 months of value at 1 % a month. */
    public static LifetimeModels weekly(BgNbdModel purchases, GammaGammaModel value) {
        return new LifetimeModels(purchases, value, SummaryConvention.WEEKS_OF_DAYS, LifetimeValue.WEEKS_PER_MONTH,
                12, 0.01, LifetimeValue.WEEKS_PER_MONTH);
    }
}
