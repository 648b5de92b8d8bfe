package org.loyaltyrules.core.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointsTotalTest {

    @Test
    void two_balances_near_long_max_add_up_exactly_instead_of_wrapping() {
        // when
        BigInteger total = PointsTotal.of(List.of(Long.MAX_VALUE, Long.MAX_VALUE, 2L), Long::longValue);

        // then: 2 x (2^63 - 1) + 2 = 2^64
        assertThat(total).isEqualTo(BigInteger.TWO.pow(64));
    }

    @Test
    void debits_below_long_min_and_credits_back_add_up_exactly() {
        // when
        BigInteger total = new PointsTotal().add(Long.MIN_VALUE).add(-1).add(Long.MAX_VALUE).add(5).value();

        // then: -2^63 - 1 + 2^63 - 1 + 5 = 3
        assertThat(total).isEqualTo(BigInteger.valueOf(3));
    }
}
