package org.loyaltyrules.core.insight;

import org.apiguardian.api.API;

/**
 * The standard RFM segments of the R package {@code rfm} 0.3.0, each a box of score ranges: the segment names and
 * bounds its documentation passes to {@code rfm_segment} (the examples of {@code rfm_segment} and the criteria chunk
 * of the vignette "RFM - Introduction"). A member belongs to the first segment, in declaration order, whose ranges
 * hold all three scores ({@code rfm_segment} assigns in order and never reassigns); no box: {@link #OTHERS}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum RfmSegment {
    CHAMPIONS("Champions", 5, 5, 5, 5, 5, 5),
    POTENTIAL_LOYALIST("Potential Loyalist", 3, 5, 3, 5, 2, 5),
    LOYAL_CUSTOMERS("Loyal Customers", 2, 4, 2, 4, 2, 4),
    PROMISING("Promising", 3, 4, 1, 3, 3, 5),
    NEW_CUSTOMERS("New Customers", 4, 5, 1, 3, 1, 5),
    CANT_LOSE_THEM("Can't Lose Them", 1, 2, 3, 4, 4, 5),
    AT_RISK("At Risk", 1, 2, 2, 5, 4, 5),
    NEED_ATTENTION("Need Attention", 1, 3, 3, 5, 3, 5),
    ABOUT_TO_SLEEP("About To Sleep", 2, 3, 1, 3, 1, 4),
    LOST("Lost", 1, 1, 1, 5, 1, 5),
    /** No segment box holds the scores. */
    OTHERS("Others", 0, 0, 0, 0, 0, 0);

    private final String label;
    private final int recencyLow;
    private final int recencyHigh;
    private final int frequencyLow;
    private final int frequencyHigh;
    private final int monetaryLow;
    private final int monetaryHigh;

    RfmSegment(String label, int recencyLow, int recencyHigh, int frequencyLow, int frequencyHigh, int monetaryLow,
               int monetaryHigh) {
        this.label = label;
        this.recencyLow = recencyLow;
        this.recencyHigh = recencyHigh;
        this.frequencyLow = frequencyLow;
        this.frequencyHigh = frequencyHigh;
        this.monetaryLow = monetaryLow;
        this.monetaryHigh = monetaryHigh;
    }

    /** The name {@code rfm} prints, e.g. "Can't Lose Them". */
    public String label() {
        return label;
    }

    public boolean holds(int r, int f, int m) {
        return r >= recencyLow && r <= recencyHigh && f >= frequencyLow && f <= frequencyHigh
                && m >= monetaryLow && m <= monetaryHigh;
    }

    public static RfmSegment of(int r, int f, int m) {
        for (RfmSegment segment : values()) {
            if (segment.holds(r, f, m)) {
                return segment;
            }
        }
        return OTHERS;
    }
}
