package org.loyaltyrules.core.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Thresholds past which a member is put UNDER_REVIEW: more than {@code maxPurchases} purchases within
 * {@code velocityWindow}; refunded amount above {@code maxRefundRatio} of purchased amount within
 * {@code refundWindow}; more than {@code maxIdenticalBaskets} purchases with the same amount and lines within
 * {@code basketWindow}. A threshold of 0 (or ratio 0) switches that check off.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record AbnormalBehaviour(int maxPurchases, Duration velocityWindow, BigDecimal maxRefundRatio,
                                Duration refundWindow, int maxIdenticalBaskets, Duration basketWindow) {

    public static final AbnormalBehaviour OFF = new AbnormalBehaviour(0, Duration.ofHours(1), BigDecimal.ZERO,
            Duration.ofDays(90), 0, Duration.ofDays(1));

    public AbnormalBehaviour {
        requireNonNull(velocityWindow, "velocityWindow");
        requireNonNull(maxRefundRatio, "maxRefundRatio");
        requireNonNull(refundWindow, "refundWindow");
        requireNonNull(basketWindow, "basketWindow");
        if (maxPurchases < 0 || maxIdenticalBaskets < 0) {
            throw new IllegalArgumentException("maxPurchases and maxIdenticalBaskets must be >= 0, were "
                    + maxPurchases + " and " + maxIdenticalBaskets);
        }
        if (maxRefundRatio.signum() < 0 || maxRefundRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("maxRefundRatio must be in 0..1, was " + maxRefundRatio.toPlainString());
        }
    }
}
