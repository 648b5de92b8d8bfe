package org.loyaltyrules.core.points;

import java.math.BigInteger;
import java.util.function.ToLongFunction;
import org.apiguardian.api.API;

/**
 * Points added up over many members, exactly. One member's points fit a {@code long} (the engine refuses what would
 * not), but the members' sum need not: two members near {@code Long.MAX_VALUE} hold more than a long can. Every
 * total across members (issued, redeemed, available, pending, liability, cost by rule, points by month: in a replay's
 * figures and the CLI's reports) is one of these, never a plain {@code long} sum that would wrap to a negative
 * liability. Not thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PointsTotal {

    private long partial;
    private BigInteger carried = BigInteger.ZERO;

    /** The exact sum of {@code points} over {@code items}. */
    public static <T> BigInteger of(Iterable<T> items, ToLongFunction<? super T> points) {
        PointsTotal total = new PointsTotal();
        for (T item : items) {
            total.add(points.applyAsLong(item));
        }
        return total.value();
    }

    /** Adds {@code points} (of either sign); stays in a long while the sum fits, so normal data allocates nothing. */
    public PointsTotal add(long points) {
        try {
            partial = Math.addExact(partial, points);
        } catch (ArithmeticException overflow) {
            carried = carried.add(BigInteger.valueOf(partial));
            partial = points;
        }
        return this;
    }

    public BigInteger value() {
        return carried.add(BigInteger.valueOf(partial));
    }
}
