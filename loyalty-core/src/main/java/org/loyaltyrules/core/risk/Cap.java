package org.loyaltyrules.core.risk;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.program.CountingPeriod;

/**
 * A limit on what one member can obtain per period. A cap with a {@code tierId} applies only while the member holds
 * that tier; without one it applies to every member. The limit is in points, minor money units or a count of events.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Cap(String id, String tierId, CountingPeriod period, CapMeasure measure, long limit) {

    public Cap {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("cap id must not be blank, was " + id);
        }
        tierId = tierId == null || tierId.isBlank() ? null : tierId;
        requireNonNull(period, "period");
        if (period == CountingPeriod.TERM_MONTH) {
            throw new IllegalArgumentException("cap '" + id + "' cannot count per TERM_MONTH, a period of benefit quotas"
                    + " only: use DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR or LIFETIME");
        }
        requireNonNull(measure, "measure");
        if (limit < 0) {
            throw new IllegalArgumentException("limit of cap '" + id + "' must be >= 0, was " + limit);
        }
    }

    public boolean appliesTo(String memberTierId) {
        return tierId == null || tierId.equals(memberTierId);
    }
}
