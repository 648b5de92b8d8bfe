package org.loyaltyrules.core.program;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/** How much of something (a cap, a benefit quota) was used in one period, named by its key. */
@API(status = API.Status.STABLE, since = "0.1")
public record PeriodCount(String id, String periodKey, long used) {

    public PeriodCount {
        requireNonNull(id, "id");
        requireNonNull(periodKey, "periodKey");
        Points.requireNonNegative(used, "used");
    }

    PeriodCount plus(long amount) {
        return new PeriodCount(id, periodKey, Math.max(0, Points.add(used, amount)));
    }
}
