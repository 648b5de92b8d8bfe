package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The 2F1 series' own domain, apart from the BG/NBD models that call it. */
class HypergeometricTest {

    @Test
    void the_series_refuses_c_of_zero() {
        // 2F1(a, b; c; z) has a pole at c = 0: its first term divides by c (audit 14 H3 let 0 through, giving NaN)
        assertThatThrownBy(() -> Hypergeometric.series(0.5, 0.15, 0, 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hypergeometric c must not be 0 or a negative integer, was 0.0");
    }
}
