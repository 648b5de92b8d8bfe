package org.loyaltyrules.core.benefit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.CountingPeriod;

/**
 * A benefit members of the listed tiers may claim, at most {@code quota} times per period ({@code quota} 0 means
 * unlimited), e.g. free delivery twice a month for gold and platinum. {@code cost} is what one use costs the program
 * (null: not stated), {@code budget} what the program means to spend on it per period across all members (null:
 * none), and {@code occasion} when it can be claimed at all (e.g. in the member's birthday month).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Benefit(String id, String name, List<String> tiers, int quota, CountingPeriod period, Money cost,
                      BenefitBudget budget, Occasion occasion) {

    /** A benefit without cost, budget or occasion. */
    public Benefit(String id, String name, List<String> tiers, int quota, CountingPeriod period) {
        this(id, name, tiers, quota, period, null, null, Occasion.ANY);
    }

    public Benefit {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("benefit id must not be blank, was " + id);
        }
        name = name == null || name.isBlank() ? id : name;
        tiers = List.copyOf(requireNonNull(tiers, "tiers"));
        if (quota < 0) {
            throw new IllegalArgumentException("quota of benefit '" + id + "' must be >= 0, was " + quota);
        }
        requireNonNull(period, "period");
        if (cost != null && cost.isNegative()) {
            throw new IllegalArgumentException("cost of benefit '" + id + "' must be >= 0, was " + cost);
        }
        if (budget != null && cost == null) {
            throw new IllegalArgumentException("benefit '" + id + "' has a budget but no cost per use");
        }
        occasion = occasion == null ? Occasion.ANY : occasion;
    }

    public boolean isUnlimited() {
        return quota == 0;
    }

    public boolean availableTo(String tierId) {
        return tiers.contains(tierId);
    }
}
