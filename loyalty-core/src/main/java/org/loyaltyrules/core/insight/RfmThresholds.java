package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The inner bin boundaries that turn raw RFM values into scores, as the R package {@code rfm} builds them: for n bins,
 * boundary k (k = 1..n−1) is the type-7 quantile (R's default, linear interpolation) at k/n of the population's
 * values plus 1. A value scores the bin it falls in: bin i holds [boundary i−1, boundary i), the first bin everything
 * below boundary 1, the last everything from boundary n−1 on. Frequency and monetary score the bin number (1 = lowest);
 * recency scores n + 1 − bin, so the most recent buyers score n.
 *
 * <p>Quantiles are computed exactly in decimal (R uses doubles); with 5 bins every boundary is an exact decimal.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RfmThresholds(List<BigDecimal> recency, List<BigDecimal> frequency, List<BigDecimal> monetary) {

    public RfmThresholds {
        recency = checked("recency", recency);
        frequency = checked("frequency", frequency);
        monetary = checked("monetary", monetary);
    }

    private static List<BigDecimal> checked(String name, List<BigDecimal> bounds) {
        List<BigDecimal> copy = List.copyOf(requireNonNull(bounds, name));
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i).compareTo(copy.get(i - 1)) < 0) {
                throw new IllegalArgumentException(name + " boundaries must not decrease, was " + copy);
            }
        }
        return copy;
    }

    /** The {@code rfm} default: 5 bins per measure, boundaries from the population's quantiles. */
    public static RfmThresholds quantiles(Collection<RfmValues> population) {
        return quantiles(population, 5);
    }

    public static RfmThresholds quantiles(Collection<RfmValues> population, int bins) {
        requireNonNull(population, "population");
        if (population.isEmpty()) {
            throw new IllegalArgumentException("population must not be empty");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        return new RfmThresholds(bounds(population, v -> BigDecimal.valueOf(v.recencyDays()), bins),
                bounds(population, v -> BigDecimal.valueOf(v.orders()), bins),
                bounds(population, RfmValues::monetary, bins));
    }

    private static List<BigDecimal> bounds(Collection<RfmValues> population, Function<RfmValues, BigDecimal> value,
                                           int bins) {
        List<BigDecimal> sorted = population.stream().map(value).sorted().toList();
        List<BigDecimal> out = new ArrayList<>(bins - 1);
        for (int k = 1; k < bins; k++) {
            out.add(quantile(sorted, k, bins).add(BigDecimal.ONE));
        }
        return out;
    }

    /** R's type-7 quantile at k/bins: x[j] + (x[j+1] − x[j]) · frac, with j + frac = (n − 1) k / bins. */
    static BigDecimal quantile(List<BigDecimal> sorted, int k, int bins) {
        long position = (long) (sorted.size() - 1) * k;
        int j = (int) (position / bins);
        long remainder = position % bins;
        BigDecimal low = sorted.get(j);
        if (remainder == 0 || sorted.get(j + 1).compareTo(low) == 0) {
            return low;
        }
        BigDecimal step = sorted.get(j + 1).subtract(low).multiply(BigDecimal.valueOf(remainder));
        return low.add(step.divide(BigDecimal.valueOf(bins), MathContext.DECIMAL128)).stripTrailingZeros();
    }

    /** The scores of {@code values} against these boundaries. */
    public RfmScore score(RfmValues values) {
        requireNonNull(values, "values");
        int r = recency.size() + 2 - bin(recency, BigDecimal.valueOf(values.recencyDays()));
        int f = bin(frequency, BigDecimal.valueOf(values.orders()));
        int m = bin(monetary, values.monetary());
        return new RfmScore(values, r, f, m);
    }

    /** Scores every member of a population against the population's own 5-bin quantiles, as {@code rfm} does. */
    public static List<RfmScore> scoreAll(Collection<RfmValues> population) {
        RfmThresholds thresholds = quantiles(population);
        return population.stream().map(thresholds::score).toList();
    }

    /** 1 + the number of boundaries at or below {@code value}. */
    private static int bin(List<BigDecimal> bounds, BigDecimal value) {
        int bin = 1;
        for (BigDecimal bound : bounds) {
            if (value.compareTo(bound) >= 0) {
                bin++;
            }
        }
        return bin;
    }
}
