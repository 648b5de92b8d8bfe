package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Equations (9) and (10) hold a factor (a + b + x - 1)/(a - 1) whose zeros meet a pole: at a + b = 1 (x = 0) the
 * hypergeometric function's c is 0, and at a = 1 numerator and denominator both vanish. The expectations are finite
 * there (their limits); program.json may give such parameters ("a": "1"), and a run stopped on the first purchase
 * ("hypergeometric c must not be 0", audit mutation14 F1) or wrote Infinity and NaN. Expected values by mpmath at 40
 * digits, evaluated at a + b = 1 +- 1e-15 and a = 1 +- 1e-25 with the closed forms, and through the limits' series.
 */
class BgNbdRemovableSingularitiesTest {

    @Test
    void a_plus_b_of_exactly_one_gives_the_limit_of_the_expectations() {
        BgNbdModel model = new BgNbdModel(0.243, 4.414, 0.4, 0.6);

        assertThat(model.expectedPurchases(4.345, 0, 0, 30))
                .isCloseTo(0.029776267181263950, withinPercentage(1e-10));
        assertThat(model.expectedPurchasesOfNewMember(4.345))
                .isCloseTo(0.19941974992687872, withinPercentage(1e-10));
    }

    @Test
    void an_a_of_exactly_one_gives_the_limit_of_the_expectations() {
        BgNbdModel model = new BgNbdModel(0.243, 4.414, 1, 2.5);

        assertThat(model.expectedPurchases(4.345, 0, 0, 30))
                .isCloseTo(0.030019895710996405, withinPercentage(1e-10));
        assertThat(model.expectedPurchases(4.345, 2, 20, 30))
                .isCloseTo(0.16894211994148177, withinPercentage(1e-10));
        assertThat(model.expectedPurchasesOfNewMember(4.345))
                .isCloseTo(0.20707995263453438, withinPercentage(1e-10));
    }
}
