package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Customer layering by a weighted composite score: score = Σ weight_i × indicator_i − Σ deduction_j × count_j, with
 * non-negative weights (so more of any indicator never lowers the score) and non-negative per-unit deductions (e.g.
 * complaints, refunds). The layer is the one with the highest {@code minScore} the score reaches; a score below every
 * threshold lands in the lowest layer. Indicators and counts not given count as 0; names the model does not know are
 * an error, so a misspelt indicator never silently scores 0.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LayeringModel(Map<String, BigDecimal> weights, Map<String, BigDecimal> deductions, List<Layer> layers) {

    public LayeringModel {
        weights = nonNegative("weight", weights);
        deductions = nonNegative("deduction", deductions);
        List<Layer> sorted = new ArrayList<>(requireNonNull(layers, "layers"));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("layering needs at least one layer, had none");
        }
        Set<String> names = new HashSet<>();
        for (Layer layer : sorted) {
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException("layer names must be unique, was '" + layer.name() + "' again");
            }
        }
        sorted.sort(Comparator.comparing(Layer::minScore).reversed());
        layers = List.copyOf(sorted);
    }

    private static Map<String, BigDecimal> nonNegative(String what, Map<String, BigDecimal> values) {
        requireNonNull(values, what + "s");
        Map<String, BigDecimal> copy = new TreeMap<>();
        values.forEach((name, value) -> {
            requireNonNull(value, what + " of " + name);
            if (value.signum() < 0) {
                throw new IllegalArgumentException(what + " of '" + name + "' must be >= 0, was "
                        + value.toPlainString());
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    public BigDecimal score(Map<String, BigDecimal> indicators, Map<String, ? extends Number> deductionCounts) {
        requireNonNull(indicators, "indicators");
        requireNonNull(deductionCounts, "deductionCounts");
        BigDecimal score = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : indicators.entrySet()) {
            BigDecimal weight = weights.get(e.getKey());
            if (weight == null) {
                throw new IllegalArgumentException("indicator must be one of " + weights.keySet() + ", was '"
                        + e.getKey() + "'");
            }
            score = score.add(weight.multiply(requireNonNull(e.getValue(), "indicator " + e.getKey())));
        }
        for (Map.Entry<String, ? extends Number> e : deductionCounts.entrySet()) {
            BigDecimal penalty = deductions.get(e.getKey());
            if (penalty == null) {
                throw new IllegalArgumentException("deduction must be one of " + deductions.keySet() + ", was '"
                        + e.getKey() + "'");
            }
            score = score.subtract(penalty.multiply(new BigDecimal(e.getValue().toString())));
        }
        return score;
    }

    /** The layer of a score: the highest threshold reached, else the lowest layer. */
    public String layerOf(BigDecimal score) {
        requireNonNull(score, "score");
        for (Layer layer : layers) {
            if (score.compareTo(layer.minScore()) >= 0) {
                return layer.name();
            }
        }
        return layers.get(layers.size() - 1).name();
    }

    public LayerAssessment assess(Map<String, BigDecimal> indicators, Map<String, ? extends Number> deductionCounts) {
        BigDecimal score = score(indicators, deductionCounts);
        return new LayerAssessment(score, layerOf(score));
    }

    /** Position of a layer, 0 for the lowest. */
    public int rank(String layer) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layer)) {
                return layers.size() - 1 - i;
            }
        }
        throw new IllegalArgumentException("layer must be one of " + layers.stream().map(Layer::name).toList()
                + ", was '" + layer + "'");
    }
}
