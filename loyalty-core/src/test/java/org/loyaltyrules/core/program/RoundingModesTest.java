package org.loyaltyrules.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RoundingModesTest {

    @Test
    void floor_drops_the_fraction() {
        assertThat(Rounding.FLOOR.toPoints(new BigDecimal("85.95"))).isEqualTo(85L);
        assertThat(Rounding.FLOOR.toPoints(new BigDecimal("85.00"))).isEqualTo(85L);
    }

    @Test
    void half_up_rounds_halves_away_from_zero() {
        assertThat(Rounding.HALF_UP.toPoints(new BigDecimal("85.5"))).isEqualTo(86L);
        assertThat(Rounding.HALF_UP.toPoints(new BigDecimal("85.49"))).isEqualTo(85L);
        assertThat(Rounding.HALF_UP.toPoints(new BigDecimal("85.95"))).isEqualTo(86L);
    }

    @Test
    void ceiling_rounds_any_fraction_up_and_keeps_whole_numbers() {
        assertThat(Rounding.CEILING.toPoints(new BigDecimal("85.95"))).isEqualTo(86L);
        assertThat(Rounding.CEILING.toPoints(new BigDecimal("85.01"))).isEqualTo(86L);
        assertThat(Rounding.CEILING.toPoints(new BigDecimal("85.00"))).isEqualTo(85L);
    }
}
