package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A measure (spend, order count) in the recent window and in the window before it. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Trend(BigDecimal recent, BigDecimal previous) {

    public Trend {
        requireNonNull(recent, "recent");
        requireNonNull(previous, "previous");
    }

    /** True when the measure fell below {@code ratio} × its earlier value (never when there was nothing before). */
    public boolean declined(BigDecimal ratio) {
        return previous.signum() > 0 && recent.compareTo(ratio.multiply(previous)) < 0;
    }

    public boolean quiet() {
        return recent.signum() == 0 && previous.signum() == 0;
    }
}
