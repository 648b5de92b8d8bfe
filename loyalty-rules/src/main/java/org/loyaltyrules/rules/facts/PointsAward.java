package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * Concluded by earning rules: one part of an event's award, exact (rounding and stacking are applied by the engine,
 * per program.json). Build it with a factory named for its kind:
 * <ul>
 *   <li>{@link #base}: {@code eligible amount x rate} points;</li>
 *   <li>{@link #perUnit}: {@code units x rate} points for a metric such as nights;</li>
 *   <li>{@link #percentOfBase}: a bonus of {@code percent} % of the event's base points;</li>
 *   <li>{@link #lineMultiplier}: line {@code lineIndex} earns {@code multiplier} x its base points;</li>
 *   <li>{@link #fixed}: a whole number of points.</li>
 * </ul>
 * The {@code label} is the words the explanation starts with, e.g. "gold tier bonus".
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PointsAward(String eventId, String kind, String label, BigDecimal amount, BigDecimal rate,
                          int lineIndex, long points) {

    public static final String BASE = "base";
    public static final String BONUS = "bonus";
    public static final String LINE = "line";
    public static final String FIXED = "fixed";
    public static final String UNIT = "unit";

    public static PointsAward base(String eventId, String label, BigDecimal amount, BigDecimal rate) {
        return new PointsAward(eventId, BASE, label, amount, rate, -1, 0);
    }

    /** Points per unit of a metric ({@code units x rate}), e.g. 100 points per night; counts as base points. */
    public static PointsAward perUnit(String eventId, String label, BigDecimal units, BigDecimal rate) {
        return new PointsAward(eventId, UNIT, label, units, rate, -1, 0);
    }

    public static PointsAward percentOfBase(String eventId, String label, BigDecimal percent) {
        return new PointsAward(eventId, BONUS, label, BigDecimal.ZERO, percent, -1, 0);
    }

    /** A whole-number percentage written in the rule, e.g. {@code percentOfBase($event, "retention bonus", 50)}. */
    public static PointsAward percentOfBase(String eventId, String label, long percent) {
        return percentOfBase(eventId, label, BigDecimal.valueOf(percent));
    }

    public static PointsAward lineMultiplier(String eventId, String label, BigDecimal multiplier, int lineIndex) {
        return new PointsAward(eventId, LINE, label, BigDecimal.ZERO, multiplier, lineIndex, 0);
    }

    public static PointsAward fixed(String eventId, String label, long points) {
        return new PointsAward(eventId, FIXED, label, BigDecimal.ZERO, BigDecimal.ZERO, -1, points);
    }

    /** A milestone reached {@code times} times, each worth {@code pointsEach}. */
    public static PointsAward milestone(String eventId, String label, long times, long pointsEach) {
        return new PointsAward(eventId, FIXED, label + (times > 1 ? " x" + times : ""), BigDecimal.ZERO,
                BigDecimal.ZERO, -1, product(times, pointsEach));
    }

    /** times x points, or an ArithmeticException quoting both (Math.multiplyExact says only "long overflow"). */
    private static long product(long times, long pointsEach) {
        try {
            return Math.multiplyExact(times, pointsEach);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("Overflow: " + times + " x " + pointsEach + " exceeds " + Long.MAX_VALUE);
        }
    }
}
