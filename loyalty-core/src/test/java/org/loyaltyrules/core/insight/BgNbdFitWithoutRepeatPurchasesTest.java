package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Members who each bought once (x = 0) carry no information on the dropout (a, b), and their log-likelihood,
 * -r Σ ln(1 + T/alpha), only grows towards 0 as the purchase rate r/alpha falls: there is no maximum to fit.
 */
class BgNbdFitWithoutRepeatPurchasesTest {

    static final List<RepeatHistory> ONE_PURCHASE_EACH = List.of(new RepeatHistory(0, 0, 10, 0),
            new RepeatHistory(0, 0, 20, 0), new RepeatHistory(0, 0, 30, 0));

    @Test
    void without_repeat_purchases_the_likelihood_ignores_a_and_b_and_rises_as_r_falls() {
        // -r (ln 2 + ln 3 + ln 4) = -r ln 24 at alpha 10, whatever a and b
        assertThat(new BgNbdModel(1, 10, 1, 1).logLikelihood(ONE_PURCHASE_EACH)).isCloseTo(-Math.log(24),
                within(1e-12));
        assertThat(new BgNbdModel(1, 10, 7, 0.5).logLikelihood(ONE_PURCHASE_EACH)).isCloseTo(-Math.log(24),
                within(1e-12));
        assertThat(new BgNbdModel(0.5, 10, 1, 1).logLikelihood(ONE_PURCHASE_EACH)).isCloseTo(-Math.log(24) / 2,
                within(1e-12));
    }

    @Test
    void a_fit_without_any_repeat_purchase_is_refused() {
        assertThatThrownBy(() -> BgNbdFit.of(ONE_PURCHASE_EACH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("histories must include one with frequency > 0 to fit BG/NBD (without a repeat purchase "
                        + "the likelihood has no maximum), were 3, all with frequency 0");
    }
}
