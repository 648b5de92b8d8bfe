package org.loyaltyrules.rules.program;

import java.math.BigDecimal;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/**
 * Bonus points when the member's qualifying {@code metric} in the tier window reaches {@code start}, and again every
 * {@code every} units after it ({@code every} null: once only). Example: 10,000 points at 40 nights and every 10
 * nights after.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Milestone(String id, String metric, BigDecimal start, BigDecimal every, long points) {

    /** How many times the milestone was reached by a window total of {@code total}. */
    public long timesReached(BigDecimal total) {
        if (total.compareTo(start) < 0) {
            return 0;
        }
        if (every == null) {
            return 1;
        }
        return Points.add(Points.exact(total.subtract(start).divideToIntegralValue(every)), 1);
    }
}
