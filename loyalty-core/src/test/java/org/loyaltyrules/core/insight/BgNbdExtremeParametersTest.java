package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * A fit that runs away to very large a and b (a synthetic history, 401 members: the maximum of the likelihood lies
 * where the dropout distribution is a point mass) still gives finite expectations: the hypergeometric series of the
 * conditional expectation has terms far beyond the range of a double before they fall, and is summed scaled.
 * Expected values by mpmath (50 digits): hyp2f1 directly in equation (10); the scaled sum loses a few 1e-9 of
 * relative precision to the cancellation of two logarithms near 29,000, so values agree to 1e-8 relative.
 */
class BgNbdExtremeParametersTest {

    static final BgNbdModel RUNAWAY = new BgNbdModel(4.779198054280041, 31.695599572435675, 913171.5314193729,
            1.2458036772947118E7);

    @Test
    void expected_purchases_stay_finite_and_exact_for_runaway_parameters() {
        assertThat(RUNAWAY.expectedPurchases(4.345, 3, 20.0, 100.0)).isCloseTo(0.0023801752000808136, withinPercentage(1e-6));
        assertThat(RUNAWAY.expectedPurchases(4.345, 0, 0.0, 50.0)).isCloseTo(0.25153671465628635, withinPercentage(1e-6));
        assertThat(RUNAWAY.expectedPurchases(4.345, 12, 90.0, 100.0)).isCloseTo(0.42535280151656574, withinPercentage(1e-6));
    }
}
