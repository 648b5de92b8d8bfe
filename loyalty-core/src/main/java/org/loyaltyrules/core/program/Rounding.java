package org.loyaltyrules.core.program;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/** How an exact (fractional) award becomes whole points. FLOOR is the default of every program. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Rounding {
    /** Towards negative infinity: 85.95 becomes 85. */
    FLOOR(RoundingMode.FLOOR),
    /** To the nearest, halves away from zero: 85.5 becomes 86, 85.49 becomes 85. */
    HALF_UP(RoundingMode.HALF_UP),
    /** Towards positive infinity: 85.95 becomes 86, 85.00 stays 85. */
    CEILING(RoundingMode.CEILING);

    private final RoundingMode mode;

    Rounding(RoundingMode mode) {
        this.mode = mode;
    }

    /** Rounds an exact, non-negative award to whole points. */
    public long toPoints(BigDecimal exact) {
        requireNonNull(exact, "exact");
        return Points.exact(exact.setScale(0, mode));
    }

    public RoundingMode mode() {
        return mode;
    }
}
