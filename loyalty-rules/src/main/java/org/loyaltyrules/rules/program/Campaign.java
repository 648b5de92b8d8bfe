package org.loyaltyrules.rules.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A points multiplier event between two dates (inclusive, in the program zone): base points times {@code factor}
 * (or the member's tier factor), replacing the base or added on top of it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Campaign(String id, String name, LocalDate from, LocalDate to, BigDecimal factor,
                       Map<String, BigDecimal> tierFactors, boolean replacesBase) {

    public Campaign {
        tierFactors = Map.copyOf(tierFactors);
    }

    public boolean activeOn(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /** The factor for a member of {@code tierId}; empty when the campaign has no factor for that tier. */
    public Optional<BigDecimal> factorFor(String tierId) {
        BigDecimal tierFactor = tierFactors.get(tierId);
        return Optional.ofNullable(tierFactor != null ? tierFactor : factor);
    }
}
