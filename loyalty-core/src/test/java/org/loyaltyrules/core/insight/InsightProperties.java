package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class InsightProperties {

    @Provide
    Arbitrary<List<RfmValues>> populations() {
        Arbitrary<RfmValues> member = Combinators.combine(
                Arbitraries.longs().between(0, 1_000), Arbitraries.integers().between(1, 30),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000")).ofScale(2))
                .as((days, orders, spend) -> new RfmValues("m", days, orders, spend));
        return member.list().ofMinSize(1).ofMaxSize(60).map(list -> {
            List<RfmValues> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                RfmValues v = list.get(i);
                named.add(new RfmValues("m" + i, v.recencyDays(), v.orders(), v.monetary()));
            }
            return named;
        });
    }

    @Property(tries = 300)
    void rfm_scores_are_always_within_one_to_five(@ForAll("populations") List<RfmValues> population,
                                                  @ForAll @IntRange(min = 0, max = 5_000) int outsiderDays) {
        RfmThresholds thresholds = RfmThresholds.quantiles(population);
        List<RfmScore> scores = new ArrayList<>(population.stream().map(thresholds::score).toList());
        // a member scored against another population's thresholds may lie outside its range: still 1..5
        scores.add(thresholds.score(new RfmValues("outsider", outsiderDays, 1, new BigDecimal("99999"))));

        Statistics.label("population").collect(population.size() >= 10 ? "10+" : "small")
                .coverage(c -> c.check("10+").percentage(p -> p >= 20));
        for (RfmScore s : scores) {
            assertThat(List.of(s.recency(), s.frequency(), s.monetary())).allSatisfy(score ->
                    assertThat(score).isBetween(1, 5));
        }
    }

    @Property(tries = 300)
    void nps_is_always_between_minus_100_and_100(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 10) Integer> answers) {
        NetPromoterScore nps = NetPromoterScore.of(answers);

        assertThat(nps.score()).isBetween(new BigDecimal("-100"), new BigDecimal("100"));
        assertThat(nps.total()).isEqualTo(answers.size());
    }

    @Provide
    Arbitrary<LayeringModel> layeringModels() {
        Arbitrary<BigDecimal> weight = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("10"))
                .ofScale(2);
        Arbitrary<BigDecimal> threshold = Arbitraries.bigDecimals().between(new BigDecimal("-50"),
                new BigDecimal("500")).ofScale(1);
        return Combinators.combine(weight, weight, weight, weight, threshold.set().ofMinSize(1).ofMaxSize(5))
                .as((spend, orders, nps, complaints, thresholds) -> {
                    List<Layer> layers = new ArrayList<>();
                    int i = 0;
                    for (BigDecimal t : thresholds) {
                        layers.add(new Layer("L" + i++, t));
                    }
                    return new LayeringModel(Map.of("spend", spend, "orders", orders, "nps", nps),
                            Map.of("complaints", complaints), layers);
                });
    }

    @Property(tries = 300)
    void layering_score_never_falls_when_a_positive_indicator_grows(
            @ForAll("layeringModels") LayeringModel model,
            @ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @IntRange(min = 0, max = 1_000) int spend, @ForAll @IntRange(min = 0, max = 50) int orders,
            @ForAll @IntRange(min = 0, max = 10) int nps, @ForAll @IntRange(min = 0, max = 5) int complaints,
            @ForAll @IntRange(min = 0, max = 500) int increase) {
        Map<String, BigDecimal> before = Map.of("spend", BigDecimal.valueOf(spend), "orders",
                BigDecimal.valueOf(orders), "nps", BigDecimal.valueOf(nps));
        Map<String, BigDecimal> after = new HashMap<>(before);
        String grown = List.of("spend", "orders", "nps").get(which);
        after.merge(grown, BigDecimal.valueOf(increase), BigDecimal::add);

        LayerAssessment low = model.assess(before, Map.of("complaints", complaints));
        LayerAssessment high = model.assess(after, Map.of("complaints", complaints));

        Statistics.label("layer").collect(low.layer().equals(high.layer()) ? "same" : "moved up");
        assertThat(high.score()).isGreaterThanOrEqualTo(low.score());
        assertThat(model.rank(high.layer())).isGreaterThanOrEqualTo(model.rank(low.layer()));
    }

    @Provide
    Arbitrary<ValuePyramid> pyramids() {
        // 1 to 5 bands of whole percents adding up to 100
        return Arbitraries.integers().between(1, 99).set().ofMaxSize(4).map(cuts -> {
            List<Integer> sorted = new ArrayList<>(cuts);
            sorted.sort(null);
            sorted.add(100);
            List<PyramidBand> bands = new ArrayList<>();
            int previous = 0;
            for (int cut : sorted) {
                bands.add(new PyramidBand("b" + bands.size(), BigDecimal.valueOf(cut - previous, 2)));
                previous = cut;
            }
            return new ValuePyramid(bands);
        });
    }

    @Property(tries = 300)
    void pyramid_bands_partition_the_members(@ForAll("pyramids") ValuePyramid pyramid,
                                             @ForAll @Size(max = 300)
                                             List<@IntRange(min = 0, max = 50) Integer> spends) {
        Map<String, BigDecimal> spendByMember = new HashMap<>();
        for (int i = 0; i < spends.size(); i++) {
            spendByMember.put("m" + i, BigDecimal.valueOf(spends.get(i)));
        }

        List<PyramidPlacement> placements = pyramid.place(spendByMember);

        Set<String> placed = new LinkedHashSet<>();
        List<String> bandNames = pyramid.bands().stream().map(PyramidBand::name).toList();
        for (int i = 0; i < placements.size(); i++) {
            PyramidPlacement p = placements.get(i);
            assertThat(placed.add(p.memberId())).as("placed once: " + p.memberId()).isTrue();
            assertThat(p.rank()).isEqualTo(i + 1);
            assertThat(bandNames).contains(p.band());
            if (i > 0) {
                PyramidPlacement before = placements.get(i - 1);
                assertThat(p.spend()).isLessThanOrEqualTo(before.spend());
                assertThat(bandNames.indexOf(p.band())).isGreaterThanOrEqualTo(bandNames.indexOf(before.band()));
            }
        }
        assertThat(placed).isEqualTo(spendByMember.keySet());
    }
}
