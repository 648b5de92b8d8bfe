package org.loyaltyrules.core.benefit;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/** The benefits of a program; each names the tiers it belongs to. */
@API(status = API.Status.STABLE, since = "0.1")
public record BenefitCatalog(List<Benefit> benefits) {

    public static final BenefitCatalog EMPTY = new BenefitCatalog(List.of());

    public BenefitCatalog {
        benefits = List.copyOf(benefits);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < benefits.size(); i++) {
            if (!ids.add(benefits.get(i).id())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "benefits[%d].id must be unique, was '%s' again", i, benefits.get(i).id()));
            }
        }
    }

    public Optional<Benefit> benefit(String id) {
        return benefits.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public List<Benefit> forTier(String tierId) {
        return benefits.stream().filter(b -> b.availableTo(tierId)).toList();
    }
}
