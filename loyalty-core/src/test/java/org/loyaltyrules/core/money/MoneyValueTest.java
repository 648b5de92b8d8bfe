package org.loyaltyrules.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyValueTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void two_point_zero_dollars_equals_two_point_zero_zero_dollars() {
        // given
        Money short_ = Money.of(new BigDecimal("2.0"), USD);
        Money long_ = Money.of(new BigDecimal("2.00"), USD);

        // when / then
        assertThat(short_).isEqualTo(long_);
        assertThat(short_.hashCode()).isEqualTo(long_.hashCode());
        assertThat(short_.amount()).isEqualTo(new BigDecimal("2.00"));
        assertThat(short_).hasToString("2.00 USD");
    }

    @Test
    void trailing_zeros_beyond_minor_units_are_accepted() {
        // given / when
        Money money = Money.of("19.9900", "USD");

        // then
        assertThat(money).isEqualTo(new Money(new BigDecimal("19.99"), USD));
    }

    @Test
    void an_amount_with_more_decimals_than_the_currency_has_is_rejected() {
        assertThatThrownBy(() -> Money.of("1.234", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 2 decimals for USD, was 1.234");
        assertThatThrownBy(() -> Money.of("5.5", "JPY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 0 decimals for JPY, was 5.5");
    }

    @Test
    void an_unknown_currency_code_is_rejected_with_the_code() {
        assertThatThrownBy(() -> Money.of("1.00", "XYZW"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency must be an ISO 4217 code, was 'XYZW'");
    }

    @Test
    void an_amount_that_is_not_a_number_is_rejected_with_the_text() {
        assertThatThrownBy(() -> Money.of("12,50", "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be a decimal number, was '12,50'");
    }

    @Test
    void an_amount_too_large_to_keep_at_minor_units_is_rejected_naming_the_field() {
        assertThatThrownBy(() -> Money.of("1e999999999", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 1000 digits before the decimal point, was 1E+999999999");
        assertThat(Money.of("92233720368547758080000.00", "USD").amount())
                .isEqualByComparingTo("92233720368547758080000");
    }

    @Test
    void an_amount_with_an_extreme_exponent_is_rejected_at_once_without_writing_it_out() {
        // written out, 1E+2147483647 has 2^31 digits (it threw NegativeArraySizeException) and 1E-999999999 a
        // gigabyte (a minute and 2 GB, or OutOfMemoryError): the message gives the scientific form, never written out
        assertThatThrownBy(() -> Money.of("1E+2147483647", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 1000 digits before the decimal point, was 1E+2147483647");
        assertThatThrownBy(() -> Money.of("1E-2147483647", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 2 decimals for USD, was 1E-2147483647");
        assertThatThrownBy(() -> Money.of("-1E-999999999", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 2 decimals for USD, was -1E-999999999");
        // stripping the trailing zeros of 100E+2147483647 would overflow the scale (it threw ArithmeticException)
        assertThatThrownBy(() -> Money.of("100E+2147483647", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 1000 digits before the decimal point, was 1.00E+2147483649");
        assertThat(Decimals.shown(new BigDecimal("-1E+2147483647"))).isEqualTo("-1E+2147483647");
        assertThat(Decimals.tooLong(new BigDecimal("1E-1001")))
                .isEqualTo("must have at most 1000 decimals, was 1E-1001");
        assertThat(Decimals.tooLong(new BigDecimal("-12.5"))).isNull();
    }

    @Test
    void a_long_amount_is_shortened_in_the_message() {
        assertThatThrownBy(() -> Money.of("1e-300", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must have at most 2 decimals for USD, was 1E-300");
        assertThatThrownBy(() -> Money.of("0.1" + "3".repeat(100), "USD"))
                .hasMessage("amount must have at most 2 decimals for USD, was 0.13333333333333333333333333333333333333"
                        + "… (103 characters)");
        assertThatThrownBy(() -> Money.of("x".repeat(100), "USD"))
                .hasMessage("amount must be a decimal number, was '" + "x".repeat(40) + "… (100 characters)'");
    }

    @Test
    void adding_two_currencies_names_both_currencies() {
        // given
        Money dollars = Money.of("10.00", "USD");
        Money euros = Money.of("10.00", "EUR");

        // when / then
        assertThatThrownBy(() -> dollars.plus(euros))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Currency mismatch: USD and EUR")
                .satisfies(e -> {
                    CurrencyMismatchException mismatch = (CurrencyMismatchException) e;
                    assertThat(mismatch.left()).isEqualTo(USD);
                    assertThat(mismatch.right()).isEqualTo(Currency.getInstance("EUR"));
                });
        assertThatThrownBy(() -> euros.compareTo(dollars))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Currency mismatch: EUR and USD");
    }

    @Test
    void subtracting_or_comparing_two_currencies_names_both_currencies() {
        // given
        Money dollars = Money.of("10.00", "USD");
        Money euros = Money.of("1.00", "EUR");

        // when / then: minus is what refunds and the fee refund use; 10.00 USD - 1.00 EUR is not 9.00 USD
        assertThatThrownBy(() -> dollars.minus(euros))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Currency mismatch: USD and EUR");
        assertThatThrownBy(() -> dollars.min(euros))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Currency mismatch: USD and EUR");
        assertThatThrownBy(() -> euros.max(dollars))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Currency mismatch: EUR and USD");
    }

    @Test
    void minor_units_count_cents_exactly() {
        assertThat(Money.of("19.99", "USD").minorUnits()).isEqualTo(1_999L);
        assertThat(Money.of("-0.05", "USD").minorUnits()).isEqualTo(-5L);
        assertThat(Money.of("500", "JPY").minorUnits()).isEqualTo(500L);
    }

    @Test
    void money_from_minor_units_has_the_currency_scale() {
        assertThat(Money.ofMinor(1_999, USD)).isEqualTo(new Money(new BigDecimal("19.99"), USD));
        assertThat(Money.ofMinor(1_999, USD).amount().scale()).isEqualTo(2);
        assertThat(Money.ofMinor(500, JPY)).isEqualTo(new Money(new BigDecimal("500"), JPY));
    }

    @Test
    void plus_and_minus_keep_the_currency_scale() {
        // given
        Money price = Money.of("57.30", "USD");

        // when
        Money more = price.plus(Money.of("0.7", "USD"));
        Money less = price.minus(Money.of("60", "USD"));

        // then
        assertThat(more).isEqualTo(Money.of("58.00", "USD"));
        assertThat(less).isEqualTo(Money.of("-2.70", "USD"));
        assertThat(less.isNegative()).isTrue();
        assertThat(Money.zero(USD).isZero()).isTrue();
    }

    @Test
    void times_rounds_to_minor_units_with_the_given_mode() {
        // given
        Money price = Money.of("10.01", "USD");

        // when / then: 10.01 x 0.5 = 5.005
        assertThat(price.times(new BigDecimal("0.5"), RoundingMode.FLOOR)).isEqualTo(Money.of("5.00", "USD"));
        assertThat(price.times(new BigDecimal("0.5"), RoundingMode.HALF_UP)).isEqualTo(Money.of("5.01", "USD"));
        assertThat(price.times(new BigDecimal("0.5"), RoundingMode.CEILING)).isEqualTo(Money.of("5.01", "USD"));
    }

    @Test
    void min_and_max_compare_by_amount() {
        Money small = Money.of("1.50", "USD");
        Money large = Money.of("2", "USD");

        assertThat(small.min(large)).isEqualTo(small);
        assertThat(small.max(large)).isEqualTo(large);
        assertThat(small.compareTo(large)).isNegative();
    }

    @Test
    void adding_points_beyond_long_range_fails_with_both_operands() {
        assertThatThrownBy(() -> Points.add(Long.MAX_VALUE, 1))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("Overflow: 9223372036854775807 + 1 exceeds 9223372036854775807");
        assertThatThrownBy(() -> Points.subtract(Long.MIN_VALUE, 1))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("Overflow: -9223372036854775808 - 1 exceeds the range of long");
    }

    @Test
    void points_checks_name_the_field_and_the_value() {
        assertThat(Points.add(1_600, 400)).isEqualTo(2_000L);
        assertThatThrownBy(() -> Points.requireNonNegative(-3, "points"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("points must be >= 0, was -3");
        assertThatThrownBy(() -> Points.requirePositive(0, "points"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("points must be > 0, was 0");
    }
}
