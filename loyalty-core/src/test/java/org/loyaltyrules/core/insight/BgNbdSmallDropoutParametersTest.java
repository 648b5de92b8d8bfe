package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * A fit with a + b below 1 (short histories, where few members have repeat purchases) makes the hypergeometric
 * function's c = a + b + x - 1 negative for a member without repeat purchases: the function is defined there (c is no
 * negative integer), and lifetimes computes it with scipy's hyp2f1. `loyalty insight` failed on the first 300 lines
 * of the CDNOW sample with "hypergeometric c must be > 0, was -0.753". Expected values by scipy 1.17
 * (scipy.special.hyp2f1 in equations (9) and (10)) for r = 0.5, alpha = 2, a = 0.1, b = 0.15.
 */
class BgNbdSmallDropoutParametersTest {

    static final BgNbdModel SMALL = new BgNbdModel(0.5, 2, 0.1, 0.15);

    @Test
    void a_member_without_repeat_purchases_has_a_finite_expectation_when_a_plus_b_is_below_one() {
        // c = 0.1 + 0.15 + 0 - 1 = -0.75
        assertThat(SMALL.expectedPurchases(5, 0, 0, 10)).isCloseTo(0.18825002801548693, withinPercentage(1e-9));
    }

    @Test
    void a_member_with_repeat_purchases_is_unchanged_by_it() {
        // c = 0.1 + 0.15 + 2 - 1 = 1.25: Euler's transformation, as before
        assertThat(SMALL.expectedPurchases(5, 2, 4, 10)).isCloseTo(0.6793427981462107, withinPercentage(1e-9));
    }

    @Test
    void a_new_member_has_a_finite_expectation_when_a_plus_b_is_below_one() {
        assertThat(SMALL.expectedPurchasesOfNewMember(5)).isCloseTo(0.8955447039670903, withinPercentage(1e-9));
    }

    @Test
    void the_series_takes_a_negative_c_that_is_no_integer_and_refuses_one_that_is() {
        assertThat(Hypergeometric.series(0.5, 0.15, -0.75, 0.3)).isCloseTo(0.9181657481234391, withinPercentage(1e-9));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hypergeometric.series(0.5, 0.15, -2, 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hypergeometric c must not be 0 or a negative integer, was -2.0");
    }
}
