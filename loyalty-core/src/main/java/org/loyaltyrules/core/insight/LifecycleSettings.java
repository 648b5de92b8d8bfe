package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * Thresholds of the lifecycle stages: a member is in ACQUISITION for the first {@code acquisitionDays} of tenure and
 * in FORMATION until {@code formationDays}; trends compare the last {@code trendDays} days with the
 * {@code trendDays} before; a measure declined when it fell below {@code declineRatio} × its earlier value.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LifecycleSettings(int acquisitionDays, int formationDays, int trendDays, BigDecimal declineRatio) {

    public LifecycleSettings {
        if (acquisitionDays < 0 || formationDays < acquisitionDays) {
            throw new IllegalArgumentException("days must satisfy 0 <= acquisitionDays <= formationDays, were "
                    + acquisitionDays + " and " + formationDays);
        }
        if (trendDays < 1) {
            throw new IllegalArgumentException("trendDays must be >= 1, was " + trendDays);
        }
        requireNonNull(declineRatio, "declineRatio");
        if (declineRatio.signum() < 0 || declineRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("declineRatio must be in 0..1, was " + declineRatio.toPlainString());
        }
    }

    /** 90 days of acquisition, formation to one year, 90-day trends, decline below 70 %. */
    public static LifecycleSettings standard() {
        return new LifecycleSettings(90, 365, 90, new BigDecimal("0.7"));
    }
}
