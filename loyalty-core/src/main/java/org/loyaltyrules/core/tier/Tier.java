package org.loyaltyrules.core.tier;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * One rung of a tier ladder: the growth needed to reach it and to keep it at a review (keep defaults to reach).
 * A tier with {@code reachable = false} is only assigned (manually or by a paid membership), never earned.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Tier(String id, String name, BigDecimal threshold, BigDecimal keepThreshold, boolean reachable) {

    public Tier {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("tier id must not be blank, was " + (id == null ? "null" : "'" + id + "'"));
        }
        name = name == null || name.isBlank() ? id : name;
        requireNonNull(threshold, "threshold");
        if (threshold.signum() < 0) {
            throw new IllegalArgumentException("threshold of tier '" + id + "' must be >= 0, was " + threshold.toPlainString());
        }
        keepThreshold = keepThreshold == null ? threshold : keepThreshold;
        if (keepThreshold.signum() < 0 || keepThreshold.compareTo(threshold) > 0) {
            throw new IllegalArgumentException("keepThreshold of tier '" + id + "' must be in 0.." + threshold.toPlainString()
                    + ", was " + keepThreshold.toPlainString());
        }
        threshold = normalized(threshold);
        keepThreshold = normalized(keepThreshold);
    }

    /** 500.0 and 500 are the same threshold; keep it printable as 500, never 5E+2. */
    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static Tier of(String id, long threshold) {
        return new Tier(id, id, BigDecimal.valueOf(threshold), null, true);
    }
}
