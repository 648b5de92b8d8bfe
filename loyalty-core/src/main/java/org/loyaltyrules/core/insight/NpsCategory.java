package org.loyaltyrules.core.insight;

import org.apiguardian.api.API;

/** Where a 0–10 "would you recommend us?" answer puts a respondent: 9–10 promoter, 7–8 passive, 0–6 detractor. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum NpsCategory {
    PROMOTER, PASSIVE, DETRACTOR;

    public static NpsCategory of(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("NPS score must be in 0..10, was " + score);
        }
        return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
    }
}
