package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * On small populations the BG/NBD fit can run away in r and alpha together (here r 3.0e10, alpha 3.6e11: 40 members
 * with refunds): the ratios (alpha + T) / (alpha + t + T) and (alpha + T) / (alpha + t_x) are then within 1e-11 of 1,
 * and their logarithms, taken of the ratio, lost 5e-5 of the expectation (0.2794 in insight.csv where the value is
 * 0.2795). Expected values by mpmath at 60 digits (mp.hyp2f1 in equations (10) and note 021's P(alive)), histories in
 * weeks (days / 7) as the CLI summarizes them.
 */
class BgNbdRunawayRateParametersTest {

    static final BgNbdModel RUNAWAY = new BgNbdModel(30282840325.60724, 363200240940.9422, 1610.4758311983608,
            7444.525252073476);

    @Test
    void a_member_without_repeat_purchases_gets_the_expectation_to_its_last_digits() {
        assertThat(RUNAWAY.expectedPurchases(4.345, 0, 0, 102 / 7.0))
                .isCloseTo(0.35085216567691864, withinPercentage(1e-9));
        assertThat(RUNAWAY.expectedPurchases(52.14, 0, 0, 102 / 7.0))
                .isCloseTo(3.0276637535759571, withinPercentage(1e-9));
    }

    @Test
    void members_with_repeat_purchases_get_the_expectation_and_probability_alive_to_their_last_digits() {
        assertThat(RUNAWAY.expectedPurchases(4.345, 4, 263 / 7.0, 277 / 7.0))
                .isCloseTo(0.27945969403491969, withinPercentage(1e-9));
        assertThat(RUNAWAY.expectedPurchases(4.345, 3, 120 / 7.0, 280 / 7.0))
                .isCloseTo(0.14295252816040609, withinPercentage(1e-9));
        assertThat(RUNAWAY.probabilityAlive(4, 263 / 7.0, 277 / 7.0))
                .isCloseTo(0.79650573316258878, withinPercentage(1e-9));
        assertThat(RUNAWAY.probabilityAlive(3, 120 / 7.0, 280 / 7.0))
                .isCloseTo(0.40743946667301809, withinPercentage(1e-9));
    }

    @Test
    void a_new_member_gets_the_expectation_to_its_last_digits_when_r_and_alpha_run_away() {
        // equation (9) took (alpha / (alpha + t))^r of the ratio itself too: 1.2e-2 off at r = 2e13 (review F4)
        assertThat(new BgNbdModel(30282840325.60724, 363200240940.9422, 0.793, 2.426).expectedPurchasesOfNewMember(4.345))
                .isCloseTo(0.3469017158645221, withinPercentage(1e-9));
        assertThat(new BgNbdModel(2e13, 1e14, 0.793, 2.426).expectedPurchasesOfNewMember(4.345))
                .isCloseTo(0.78623114667400699, withinPercentage(1e-9));
    }
}
