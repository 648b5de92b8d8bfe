package org.loyaltyrules.core.points;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * One exact (not yet rounded) part of an event's award, as a rule concluded it. Kinds:
 * <ul>
 *   <li>{@link Base}: points for the eligible amount at a rate;</li>
 *   <li>{@link Bonus}: a percentage of (a portion of) the base, combined with other bonuses by the stacking policy;</li>
 *   <li>{@link Multiplier}: a campaign factor on the base, which either replaces the base (total factor x base) or adds
 *       factor x base on top;</li>
 *   <li>{@link Fixed}: a whole number of points, e.g. a milestone bonus.</li>
 * </ul>
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface AwardPart {

    String rule();

    /** What this part is, in words a member could read, without the resulting number. */
    String label();

    record Base(String rule, String label, BigDecimal exact) implements AwardPart {
        public Base {
            requireNonNull(rule, "rule");
            requireNonNull(label, "label");
            if (exact.signum() < 0) {
                throw new IllegalArgumentException("base award must be >= 0, was " + exact.toPlainString());
            }
        }
    }

    /** {@code portion} names the part of the base a bonus applies to ("" = the whole base); {@code ofBase} is that
     * portion's exact base points. */
    record Bonus(String rule, String label, BigDecimal percent, BigDecimal ofBase, String portion) implements AwardPart {
        public Bonus {
            requireNonNull(rule, "rule");
            requireNonNull(label, "label");
            if (percent.signum() < 0 || ofBase.signum() < 0) {
                throw new IllegalArgumentException("bonus percent and base must be >= 0, were "
                        + percent.toPlainString() + " and " + ofBase.toPlainString());
            }
            portion = portion == null ? "" : portion;
        }
    }

    record Multiplier(String rule, String label, BigDecimal factor, boolean replacesBase) implements AwardPart {
        public Multiplier {
            requireNonNull(rule, "rule");
            requireNonNull(label, "label");
            if (factor.signum() < 0) {
                throw new IllegalArgumentException("multiplier factor must be >= 0, was " + factor.toPlainString());
            }

        }
    }

    record Fixed(String rule, String label, long points) implements AwardPart {
        public Fixed {
            requireNonNull(rule, "rule");
            requireNonNull(label, "label");
            if (points < 0) {
                throw new IllegalArgumentException("fixed award must be >= 0, was " + points);
            }
        }
    }
}
