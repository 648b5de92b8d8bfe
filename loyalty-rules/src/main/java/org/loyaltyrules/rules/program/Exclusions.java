package org.loyaltyrules.rules.program;

import java.util.Set;
import org.apiguardian.api.API;

/** What earns nothing: lines of these SKUs or categories, the delivery cost, the tax. */
@API(status = API.Status.STABLE, since = "0.1")
public record Exclusions(Set<String> skus, Set<String> categories, boolean delivery, boolean tax) {

    public static final Exclusions NONE = new Exclusions(Set.of(), Set.of(), false, false);

    public Exclusions {
        skus = Set.copyOf(skus);
        categories = Set.copyOf(categories);
    }
}
