package org.loyaltyrules.core.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class MoneyProperties {

    private static final Currency USD = Currency.getInstance("USD");

    /** USD amounts written with 0, 1 or 2 decimals, so equal values arrive with different scales. */
    @Provide
    Arbitrary<Money> dollars() {
        return Combinators.combine(Arbitraries.longs().between(-1_000_000_00L, 1_000_000_00L).edgeCases(e -> e.add(0L)),
                        Arbitraries.integers().between(0, 2))
                .as((cents, decimals) -> {
                    BigDecimal exact = BigDecimal.valueOf(cents, 2);
                    BigDecimal written = exact.stripTrailingZeros().scale() <= decimals
                            ? exact.setScale(decimals, java.math.RoundingMode.UNNECESSARY) : exact;
                    return Money.of(written, USD);
                });
    }

    @Property(tries = 300)
    void plus_is_commutative(@ForAll("dollars") Money a, @ForAll("dollars") Money b) {
        assertThat(a.plus(b)).isEqualTo(b.plus(a));
    }

    @Property(tries = 300)
    void plus_is_associative(@ForAll("dollars") Money a, @ForAll("dollars") Money b, @ForAll("dollars") Money c) {
        assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
    }

    @Property(tries = 300)
    void minus_undoes_plus(@ForAll("dollars") Money a, @ForAll("dollars") Money b) {
        assertThat(a.plus(b).minus(b)).isEqualTo(a);
    }

    @Property(tries = 300)
    void ordering_is_consistent_with_equals(@ForAll("dollars") Money a, @ForAll("dollars") Money b) {
        Statistics.label("comparison").collect(Integer.signum(a.compareTo(b)))
                .coverage(c -> c.check(0).count(n -> n > 0));

        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Property(tries = 300)
    void equal_amounts_are_equal_whatever_their_written_scale(@ForAll("dollars") Money a) {
        Money rewritten = Money.of(a.amount().setScale(6), USD);

        assertThat(rewritten).isEqualTo(a);
        assertThat(rewritten.hashCode()).isEqualTo(a.hashCode());
    }

    @Property(tries = 300)
    void minor_units_round_trip(@ForAll("dollars") Money a) {
        Statistics.label("sign").collect(a.amount().signum())
                .coverage(c -> {
                    c.check(-1).percentage(p -> p > 20);
                    c.check(1).percentage(p -> p > 20);
                });

        assertThat(Money.ofMinor(a.minorUnits(), USD)).isEqualTo(a);
    }
}
