package org.loyaltyrules.core.benefit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.program.CountingPeriod;

/**
 * A benefit members of the listed tiers may claim, at most {@code quota} times per period ({@code quota} 0 means
 * unlimited), e.g. free delivery twice a month for gold and platinum.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Benefit(String id, String name, List<String> tiers, int quota, CountingPeriod period) {

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
    }

    public boolean isUnlimited() {
        return quota == 0;
    }

    public boolean availableTo(String tierId) {
        return tiers.contains(tierId);
    }
}
