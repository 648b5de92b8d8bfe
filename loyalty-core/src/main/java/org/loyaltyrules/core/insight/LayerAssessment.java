package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A member's composite score and the layer it reaches. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LayerAssessment(BigDecimal score, String layer) {

    public LayerAssessment {
        requireNonNull(score, "score");
        requireNonNull(layer, "layer");
    }
}
