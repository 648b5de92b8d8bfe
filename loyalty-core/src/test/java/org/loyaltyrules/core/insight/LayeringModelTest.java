package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayeringModelTest {

    static final LayeringModel MODEL = new LayeringModel(
            Map.of("spend", new BigDecimal("0.01"), "orders", new BigDecimal("2"), "rfm", BigDecimal.ONE),
            Map.of("complaints", new BigDecimal("5"), "refunds", new BigDecimal("2")),
            List.of(new Layer("bronze", BigDecimal.ZERO), new Layer("gold", new BigDecimal("30")),
                    new Layer("silver", new BigDecimal("15"))));

    @Test
    void score_is_weighted_indicators_minus_deductions_and_picks_the_highest_layer_reached() {
        // 0.01 x 1250.00 + 2 x 6 + 1 x 11 = 35.5; minus 5 x 1 complaint and 2 x 2 refunds = 26.5 -> silver (>= 15)
        LayerAssessment assessment = MODEL.assess(
                Map.of("spend", new BigDecimal("1250.00"), "orders", new BigDecimal("6"), "rfm", new BigDecimal("11")),
                Map.of("complaints", 1, "refunds", 2));

        assertThat(assessment).isEqualTo(new LayerAssessment(new BigDecimal("26.5000"), "silver"));
    }

    @Test
    void a_score_below_every_threshold_is_in_the_lowest_layer() {
        assertThat(MODEL.assess(Map.of("orders", BigDecimal.ONE), Map.of("complaints", 3)))
                .isEqualTo(new LayerAssessment(new BigDecimal("-13"), "bronze"));
        assertThat(MODEL.rank("bronze")).isZero();
        assertThat(MODEL.rank("gold")).isEqualTo(2);
    }

    @Test
    void a_score_equal_to_a_threshold_reaches_that_layer() {
        // the layer is the one with the highest minScore the score reaches: 15 is silver's, 30.00 gold's (compared
        // by value, whatever the scale); a cent below silver's stays bronze
        assertThat(MODEL.layerOf(new BigDecimal("15"))).isEqualTo("silver");
        assertThat(MODEL.layerOf(new BigDecimal("30.00"))).isEqualTo("gold");
        assertThat(MODEL.layerOf(new BigDecimal("14.99"))).isEqualTo("bronze");
    }

    @Test
    void unknown_indicators_and_negative_weights_are_refused() {
        assertThatThrownBy(() -> MODEL.score(Map.of("spnd", BigDecimal.ONE), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("indicator must be one of [orders, rfm, spend], was 'spnd'");
        assertThatThrownBy(() -> new LayeringModel(Map.of("spend", new BigDecimal("-1")), Map.of(),
                List.of(new Layer("all", BigDecimal.ZERO)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight of 'spend' must be >= 0, was -1");
    }
}
