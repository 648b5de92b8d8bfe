package org.loyaltyrules.core.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.Rounding;

class PurchaseRecordRefundTest {

    private static final Instant BOUGHT = Instant.parse("2025-03-03T10:00:00Z");

    /** 100.00 USD that earned 333 points and 99.99 of growth "spend". */
    private static PurchaseRecord purchase() {
        return PurchaseRecord.of("p1", BOUGHT, Money.of("100.00", "USD"), Money.of("100.00", "USD"), 333,
                Map.of("spend", new BigDecimal("99.99")), List.of("daily-points"), "A1x1");
    }

    @Test
    void a_refund_claws_back_its_proportional_share_rounded_with_the_program_mode() {
        // when: 333 x 30 / 100 = 99.9 points, 99.99 x 30 / 100 = 29.997 growth
        RefundShare share = purchase().shareOf(Money.of("30.00", "USD"), Rounding.FLOOR);

        // then
        // (the refund is taken as spread over the basket: 30.00 x 100.00 eligible / 100.00 = 30 of it eligible)
        assertThat(share).isEqualTo(new RefundShare(Money.of("30.00", "USD"), 99,
                Map.of("spend", new BigDecimal("29.99")), new BigDecimal("30")));
    }

    @Test
    void spend_growth_is_clawed_back_to_the_cent_also_for_a_round_amount() {
        // 500.00 spent and credited as growth 500 (stored without trailing zeros); a 0.99 refund takes 0.99 of it
        PurchaseRecord round = PurchaseRecord.of("p2", BOUGHT, Money.of("500.00", "USD"), Money.of("500.00", "USD"), 500,
                Map.of("spend", new BigDecimal("5E+2"), "nights", new BigDecimal("3")), List.of(), "");

        RefundShare share = round.shareOf(Money.of("0.99", "USD"), Rounding.FLOOR);

        // points floor(500 x 0.99 / 500) = 0; spend 0.99; nights 3 x 0.99 / 500 = 0.00594 -> whole nights: 0
        assertThat(share.points()).isZero();
        assertThat(share.growth()).isEqualTo(Map.of("spend", new BigDecimal("0.99")));
    }

    @Test
    void a_metric_partial_refunds_keep_is_clawed_back_only_by_the_refund_that_completes_the_purchase() {
        // a 2-night 300.00 stay that earned 3,600 points; the program keeps nights on partial refunds
        PurchaseRecord stay = PurchaseRecord.of("s1", BOUGHT, Money.of("300.00", "USD"), Money.of("300.00", "USD"),
                3600, Map.of("spend", new BigDecimal("300"), "nights", new BigDecimal("2")), List.of(), "");
        Set<String> keep = Set.of("nights");

        RefundShare half = stay.shareOf(Money.of("150.00", "USD"), Map.of(), Rounding.FLOOR, keep);
        stay = stay.after(half);
        RefundShare rest = stay.shareOf(Money.of("150.00", "USD"), Map.of(), Rounding.FLOOR, keep);
        stay = stay.after(rest);

        // 3,600 x 150 / 300 = 1,800 and 150.00 of spend, but no night (proportionally 1); the rest takes both nights
        assertThat(half.points()).isEqualTo(1800L);
        assertThat(half.growth()).isEqualTo(Map.of("spend", new BigDecimal("150.00")));
        assertThat(rest.points()).isEqualTo(1800L);
        assertThat(rest.growth()).isEqualTo(Map.of("spend", new BigDecimal("150.00"), "nights", new BigDecimal("2")));
        assertThat(stay.growthClawedBack()).isEqualTo(Map.of("spend", new BigDecimal("300.00"),
                "nights", new BigDecimal("2")));
        // without the setting the half refund takes 2 x 150 / 300 = 1 night
        assertThat(PurchaseRecord.of("s1", BOUGHT, Money.of("300.00", "USD"), Money.of("300.00", "USD"), 3600,
                        Map.of("nights", new BigDecimal("2")), List.of(), "")
                .shareOf(Money.of("150.00", "USD"), Map.of(), Rounding.FLOOR).growth())
                .isEqualTo(Map.of("nights", new BigDecimal("1")));
    }

    @Test
    void the_rounding_mode_decides_the_half_point_of_the_points_and_the_half_cent_of_the_growth() {
        // 333 x 50 / 100 = 166.5 points; spend 99.99 x 50 / 100 = 49.995
        Money half = Money.of("50.00", "USD");

        assertThat(purchase().shareOf(half, Rounding.FLOOR).points()).isEqualTo(166L);
        assertThat(purchase().shareOf(half, Rounding.HALF_UP).points()).isEqualTo(167L);
        assertThat(purchase().shareOf(half, Rounding.CEILING).points()).isEqualTo(167L);
        assertThat(purchase().shareOf(half, Rounding.FLOOR).growth()).isEqualTo(Map.of("spend", new BigDecimal("49.99")));
        assertThat(purchase().shareOf(half, Rounding.HALF_UP).growth()).isEqualTo(Map.of("spend", new BigDecimal("50.00")));
        assertThat(purchase().shareOf(half, Rounding.CEILING).growth()).isEqualTo(Map.of("spend", new BigDecimal("50.00")));
    }

    @Test
    void cumulative_partial_refunds_add_up_to_exactly_what_the_purchase_earned() {
        // given
        PurchaseRecord record = purchase();

        // when: 30 + 30 + 40 refunded in three steps
        RefundShare first = record.shareOf(Money.of("30.00", "USD"), Rounding.FLOOR);
        record = record.after(first);
        RefundShare second = record.shareOf(Money.of("30.00", "USD"), Rounding.FLOOR);
        record = record.after(second);
        RefundShare third = record.shareOf(Money.of("40.00", "USD"), Rounding.FLOOR);
        record = record.after(third);

        // then: floor(99.9) = 99, floor(199.8) - 99 = 100, 333 - 199 = 134
        assertThat(List.of(first.points(), second.points(), third.points())).containsExactly(99L, 100L, 134L);
        assertThat(second.growth()).isEqualTo(Map.of("spend", new BigDecimal("30.00")));
        assertThat(third.growth()).isEqualTo(Map.of("spend", new BigDecimal("40.00")));
        assertThat(record.pointsClawedBack()).isEqualTo(333L);
        assertThat(record.growthClawedBack()).isEqualTo(Map.of("spend", new BigDecimal("99.99")));
        assertThat(record.refundable()).isEqualTo(Money.of("0", "USD"));
    }

    @Test
    void a_refund_beyond_what_is_left_is_rejected_with_the_amounts() {
        // given
        PurchaseRecord record = purchase().after(purchase().shareOf(Money.of("60.00", "USD"), Rounding.FLOOR));

        // when / then
        assertThatThrownBy(() -> record.shareOf(Money.of("50.00", "USD"), Rounding.FLOOR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refund 50.00 USD exceeds what is left to refund of purchase p1: 40.00 USD");
    }

    @Test
    void a_refund_in_another_currency_is_a_currency_mismatch() {
        assertThatThrownBy(() -> purchase().shareOf(Money.of("10.00", "EUR"), Rounding.FLOOR))
                .hasMessage("Currency mismatch: USD and EUR");
    }
}
