package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * When to warn of churn: the model's probability alive below {@code minProbabilityAlive}, or no purchase for more
 * than {@code intervalMultiple} × the member's median interval between purchase days.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ChurnSettings(BigDecimal minProbabilityAlive, BigDecimal intervalMultiple) {

    public ChurnSettings {
        requireNonNull(minProbabilityAlive, "minProbabilityAlive");
        requireNonNull(intervalMultiple, "intervalMultiple");
        if (minProbabilityAlive.signum() < 0 || minProbabilityAlive.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("minProbabilityAlive must be in 0..1, was "
                    + minProbabilityAlive.toPlainString());
        }
        if (intervalMultiple.signum() <= 0) {
            throw new IllegalArgumentException("intervalMultiple must be > 0, was " + intervalMultiple.toPlainString());
        }
    }

    /** Warn below 30 % probability alive or after 2 × the usual interval. */
    public static ChurnSettings standard() {
        return new ChurnSettings(new BigDecimal("0.3"), new BigDecimal("2"));
    }
}
