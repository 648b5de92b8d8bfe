package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apiguardian.api.API;

/**
 * The Net Promoter Score of a set of 0–10 answers: the counts per category and NPS = % promoters − % detractors,
 * from −100 to 100. {@link #score()} is (promoters − detractors) × 100 / total rounded half-up to
 * {@link #SCALE} decimals (21.1957… → 21.20); the counts keep the exact fraction.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NetPromoterScore(long promoters, long passives, long detractors) {

    /** Decimals of {@link #score()}. */
    public static final int SCALE = 2;

    public NetPromoterScore {
        if (promoters < 0 || passives < 0 || detractors < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "counts must be >= 0, were promoters=%d passives=%d detractors=%d",
                    promoters, passives, detractors));
        }
        if (promoters + passives + detractors == 0) {
            throw new IllegalArgumentException("an NPS needs at least one response, had none");
        }
    }

    public static NetPromoterScore of(Collection<Integer> scores) {
        requireNonNull(scores, "scores");
        long[] counts = new long[3];
        for (Integer score : scores) {
            counts[NpsCategory.of(requireNonNull(score, "score")).ordinal()]++;
        }
        return new NetPromoterScore(counts[0], counts[1], counts[2]);
    }

    /** One score per group key (tier, segment, touchpoint, ...), keys in natural order. */
    public static <T> SortedMap<String, NetPromoterScore> byGroup(Collection<T> responses, Function<T, String> key,
                                                                  ToIntFunction<T> score) {
        requireNonNull(responses, "responses");
        requireNonNull(key, "key");
        requireNonNull(score, "score");
        Map<String, long[]> counts = new TreeMap<>();
        for (T response : responses) {
            String group = requireNonNull(key.apply(response), "group key");
            counts.computeIfAbsent(group, g -> new long[3])[NpsCategory.of(score.applyAsInt(response)).ordinal()]++;
        }
        SortedMap<String, NetPromoterScore> out = new TreeMap<>();
        counts.forEach((group, c) -> out.put(group, new NetPromoterScore(c[0], c[1], c[2])));
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    public long total() {
        return promoters + passives + detractors;
    }

    /** NPS in points, −100.00..100.00, rounded half-up to {@link #SCALE} decimals. */
    public BigDecimal score() {
        return BigDecimal.valueOf((promoters - detractors) * 100).divide(BigDecimal.valueOf(total()), SCALE,
                RoundingMode.HALF_UP);
    }
}
