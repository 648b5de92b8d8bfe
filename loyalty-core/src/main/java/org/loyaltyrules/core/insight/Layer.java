package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A customer layer reached by a composite score of at least {@code minScore}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Layer(String name, BigDecimal minScore) {

    public Layer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("layer name must not be blank, was " + name);
        }
        requireNonNull(minScore, "minScore");
    }
}
