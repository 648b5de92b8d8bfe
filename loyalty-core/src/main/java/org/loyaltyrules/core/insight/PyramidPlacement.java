package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** Where a member sits in a value pyramid: rank 1 spent the most; the band holding that rank. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PyramidPlacement(String memberId, BigDecimal spend, int rank, String band) {

    public PyramidPlacement {
        requireNonNull(memberId, "memberId");
        requireNonNull(spend, "spend");
        requireNonNull(band, "band");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, was " + rank);
        }
    }
}
