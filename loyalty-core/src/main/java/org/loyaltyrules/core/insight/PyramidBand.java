package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** One band of a value pyramid: its name and the share of members it holds (0 &lt; share &lt;= 1). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PyramidBand(String name, BigDecimal share) {

    public PyramidBand {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("band name must not be blank, was " + name);
        }
        requireNonNull(share, "share");
        if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("share of band '" + name + "' must be in (0, 1], was "
                    + share.toPlainString());
        }
    }
}
