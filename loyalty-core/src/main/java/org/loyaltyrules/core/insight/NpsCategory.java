package org.loyaltyrules.core.insight;

import org.apiguardian.api.API;

/** Where a 0–10 "would you recommend us?" answer puts a respondent: 9–10 promoter, 7–8 passive, 0–6 detractor. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum NpsCategory {
    PROMOTER(9, 10), PASSIVE(7, 8), DETRACTOR(0, 6);

    private final int lowest;
    private final int highest;

    NpsCategory(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    public static NpsCategory of(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("NPS score must be in 0..10, was " + score);
        }
        for (NpsCategory category : values()) {
            if (score >= category.lowest) {
                return category;
            }
        }
        throw new AssertionError(score); // DETRACTOR starts at 0
    }

    /** The scores of this category, as the NPS definition writes them: {@code 9-10}, {@code 7-8}, {@code 0-6}. */
    public String scores() {
        return lowest + "-" + highest;
    }
}
