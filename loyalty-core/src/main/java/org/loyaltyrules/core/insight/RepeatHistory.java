package org.loyaltyrules.core.insight;

import org.apiguardian.api.API;

/**
 * The plain numbers the lifetime-value models read for one member, in model time units: repeat purchases
 * ({@code x}), the age at the last purchase ({@code t_x}), the age now ({@code T}) and the mean repeat-purchase value
 * ({@code m}, 0 without repeats). Usually {@link PurchaseSummary#history()}; built directly from published summaries.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RepeatHistory(int frequency, double recency, double age, double monetaryValue) {

    public RepeatHistory {
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must be >= 0, was " + frequency);
        }
        if (!(recency >= 0) || !(age >= recency) || Double.isInfinite(age)) {
            throw new IllegalArgumentException("recency and age must satisfy 0 <= recency <= age < infinity, were "
                    + recency + " and " + age);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("recency must be 0 without repeat purchases, was " + recency);
        }
        if (!(monetaryValue >= 0) || Double.isInfinite(monetaryValue)) {
            throw new IllegalArgumentException("monetaryValue must be a finite number >= 0, was " + monetaryValue);
        }
    }
}
