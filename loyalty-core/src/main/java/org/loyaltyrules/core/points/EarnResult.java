package org.loyaltyrules.core.points;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/** The whole points of an event's award, one line per contributing rule, and the parts stacking left out. */
@API(status = API.Status.STABLE, since = "0.1")
public record EarnResult(List<EarnLine> lines, List<String> notApplied) {

    public EarnResult {
        lines = List.copyOf(lines);
        notApplied = List.copyOf(notApplied);
    }

    public long total() {
        long sum = 0;
        for (EarnLine line : lines) {
            sum = Points.add(sum, line.points());
        }
        return sum;
    }

    /**
     * This award less {@code withheld} points (a cap), taken from the last lines first (milestones, multipliers,
     * bonuses, then base), each trimmed line saying how much was withheld and why.
     */
    public EarnResult withhold(long withheld, String why) {
        Points.requireNonNegative(withheld, "withheld");
        if (withheld == 0) {
            return this;
        }
        if (withheld > total()) {
            throw new IllegalArgumentException("cannot withhold " + withheld + " of an award of " + total());
        }
        List<EarnLine> next = new ArrayList<>(lines);
        long left = withheld;
        for (int i = next.size() - 1; i >= 0 && left > 0; i--) {
            EarnLine line = next.get(i);
            long take = Math.min(left, line.points());
            if (take > 0) {
                next.set(i, new EarnLine(line.rule(), line.points() - take,
                        line.explanation() + ", " + take + " withheld by " + why));
                left -= take;
            }
        }
        return new EarnResult(next, notApplied);
    }
}
