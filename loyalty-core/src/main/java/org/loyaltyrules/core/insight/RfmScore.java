package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A member's RFM scores (1 = worst, highest = best; 1..5 with the default bins) with the raw values they came from,
 * the combined score r·100 + f·10 + m and the standard segment.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RfmScore(RfmValues values, int recency, int frequency, int monetary) {

    public RfmScore {
        requireNonNull(values, "values");
        if (recency < 1 || frequency < 1 || monetary < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "scores must be >= 1, were r=%d f=%d m=%d",
                    recency, frequency, monetary));
        }
    }

    public String memberId() {
        return values.memberId();
    }

    /** {@code rfm}'s rfm_score: r·100 + f·10 + m, e.g. 535. */
    public int combined() {
        return recency * 100 + frequency * 10 + monetary;
    }

    public RfmSegment segment() {
        return RfmSegment.of(recency, frequency, monetary);
    }
}
