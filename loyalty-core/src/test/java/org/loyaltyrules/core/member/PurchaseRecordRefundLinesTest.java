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

/** A record that keeps its lines matches refunds to them (docs/semantics.md §7). */
class PurchaseRecordRefundLinesTest {

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /** 100.00 = A 33.33 + B 33.33 + C 30.00 (excluded) + 3.34 delivery (excluded): eligible 66.66, 66 points. */
    private static PurchaseRecord purchase() {
        return PurchaseRecord.of("p1", Instant.parse("2025-03-03T10:00:00Z"), usd("100.00"), usd("66.66"), 66,
                Map.of(), List.of(), "", Set.of("C"), List.of(LineRecord.bought("A", usd("33.33"), true),
                        LineRecord.bought("B", usd("33.33"), true), LineRecord.bought("C", usd("30.00"), false)));
    }

    /** 100.00 = A 50.00 (earns) + 50.00 outside the lines, of which {@code eligible} - 50.00 earned. */
    private static PurchaseRecord halfOutsideOneLine(String eligible, long points) {
        return PurchaseRecord.of("p1", Instant.parse("2025-03-03T10:00:00Z"), usd("100.00"), usd(eligible), points,
                Map.of(), List.of(), "", Set.of(), List.of(LineRecord.bought("A", usd("50.00"), true)));
    }

    @Test
    void money_is_spread_to_the_cent_with_the_left_over_cents_to_the_largest_remainders() {
        // when: 10.00 over 33.33, 33.33, 30.00, 3.34 is 3.333, 3.333, 3.000, 0.334
        List<Money> parts = PurchaseRecord.spread(usd("10.00"), List.of(usd("33.33"), usd("33.33"), usd("30.00"),
                usd("3.34")));

        // then: 3.33 + 3.33 + 3.00 + 0.33 = 9.99, and the last cent goes to the largest remainder (0.4 of a cent)
        assertThat(parts).containsExactly(usd("3.33"), usd("3.33"), usd("3.00"), usd("0.34"));
    }

    @Test
    void a_left_over_cent_with_equal_remainders_goes_to_the_earlier_line() {
        // when: 0.02 over 5.00, 5.00, 5.00 is 0.00666 each: floors 0.00, the two cents to the first two lines
        List<Money> parts = PurchaseRecord.spread(usd("0.02"), List.of(usd("5.00"), usd("5.00"), usd("5.00")));

        // then
        assertThat(parts).containsExactly(usd("0.01"), usd("0.01"), usd("0.00"));
    }

    @Test
    void a_refund_without_lines_takes_its_share_of_every_line_and_of_the_money_outside_them() {
        // when
        PurchaseRecord after = purchase().after(purchase().shareOf(usd("10.00"), Map.of(), Rounding.FLOOR));

        // then: eligible 3.33 + 3.33 (C and the 0.34 of delivery did not earn) = 6.66 -> floor(66 x 6.66 / 66.66) = 6
        assertThat(after.lines()).extracting(LineRecord::refunded)
                .containsExactly(usd("3.33"), usd("3.33"), usd("3.00"));
        assertThat(after.eligibleRefunded()).isEqualByComparingTo("6.66");
        assertThat(after.pointsClawedBack()).isEqualTo(6L);
    }

    @Test
    void a_refund_without_lines_takes_back_the_eligible_share_of_goods_outside_the_lines() {
        // given: 100.00 = A 50.00 + 50.00 of goods not listed, both earning (no rule excluded the unitemised money):
        // eligible 100.00, 100 points
        PurchaseRecord purchase = halfOutsideOneLine("100.00", 100);

        // when: 10.00 without lines is A 5.00 and 5.00 of the goods outside the lines
        RefundShare share = purchase.shareOf(usd("10.00"), Map.of(), Rounding.FLOOR);

        // then: both parts earned, so 10.00 of the 100.00 eligible and 100 x 10 / 100 = 10 points
        assertThat(share.eligible()).isEqualByComparingTo("10.00");
        assertThat(share.points()).isEqualTo(10L);
    }

    @Test
    void a_second_refund_without_lines_spreads_over_what_is_left_also_outside_the_lines() {
        // given: 100.00 = A 50.00 (earns) + 50.00 of delivery (does not): eligible 50.00, 50 points; 50.00 refunded
        // without lines, A 25.00 and delivery 25.00
        PurchaseRecord purchase = halfOutsideOneLine("50.00", 50);
        PurchaseRecord once = purchase.after(purchase.shareOf(usd("50.00"), Map.of(), Rounding.FLOOR));

        // when: 20.00 more without lines, over the 25.00 left of A and the 25.00 left of the delivery
        PurchaseRecord twice = once.after(once.shareOf(usd("20.00"), Map.of(), Rounding.FLOOR));

        // then: A 10.00 more, so 35.00 of A refunded, all of it eligible: 50 x 35 / 50 = 35 points
        assertThat(once.pointsClawedBack()).isEqualTo(25L);
        assertThat(twice.lines()).extracting(LineRecord::refunded).containsExactly(usd("35.00"));
        assertThat(twice.eligibleRefunded()).isEqualByComparingTo("35.00");
        assertThat(twice.pointsClawedBack()).isEqualTo(35L);
    }

    @Test
    void a_line_refund_beyond_what_is_left_of_the_line_is_a_mismatch_and_shareOf_throws_it() {
        // given
        PurchaseRecord after = purchase().after(purchase().shareOf(usd("10.00"), Map.of(), Rounding.FLOOR));

        // when
        var mismatch = after.mismatch(usd("33.33"), Map.of("A", usd("33.33")));

        // then
        assertThat(mismatch).contains(new RefundMismatch(RefundMismatch.Reason.EXCEEDS_LINE, "refund of line 'A' "
                + "33.33 USD exceeds the 30.00 USD left to refund of that line of purchase p1 (33.33 USD bought, "
                + "3.33 USD refunded)"));
        assertThatThrownBy(() -> after.shareOf(usd("33.33"), Map.of("A", usd("33.33")), Rounding.FLOOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(mismatch.orElseThrow().detail());
    }

    @Test
    void lines_of_one_sku_are_one_line_whose_amounts_add_up() {
        // given: B bought twice, 40.00 and 10.00, in a purchase of 60.00 with 10.00 of delivery
        LineRecord b = LineRecord.bought("B", usd("40.00"), true).plus(LineRecord.bought("B", usd("10.00"), true));
        PurchaseRecord purchase = PurchaseRecord.of("p1", Instant.parse("2025-03-03T10:00:00Z"), usd("60.00"),
                usd("50.00"), 50, Map.of(), List.of(), "", Set.of(), List.of(b));

        // when
        PurchaseRecord after = purchase.after(purchase.shareOf(usd("45.00"), Map.of("B", usd("45.00")),
                Rounding.FLOOR));

        // then
        assertThat(after.pointsClawedBack()).isEqualTo(45L);
        assertThat(after.mismatch(usd("10.00"), Map.of("B", usd("10.00")))).map(RefundMismatch::reason)
                .contains(RefundMismatch.Reason.EXCEEDS_LINE);
        assertThat(after.mismatch(usd("5.00"), Map.of("B", usd("5.00")))).isEmpty();
    }

    @Test
    void the_eligible_money_refunded_never_exceeds_what_was_eligible_for_a_record_without_lines() {
        // given: a record kept without lines (stored before records kept them): 100.00, 40.00 eligible, 133 points
        PurchaseRecord legacy = PurchaseRecord.of("p1", Instant.parse("2025-03-03T10:00:00Z"), usd("100.00"),
                usd("40.00"), 133, Map.of(), List.of(), "", Set.of("A"));

        // when: 50.00 without lines (20.00 eligible), then 40.00 naming B (40.00 eligible)
        PurchaseRecord once = legacy.after(legacy.shareOf(usd("50.00"), Map.of(), Rounding.FLOOR));
        PurchaseRecord twice = once.after(once.shareOf(usd("40.00"), Map.of("B", usd("40.00")), Rounding.FLOOR));

        // then
        assertThat(once.pointsClawedBack()).isEqualTo(66L);
        assertThat(twice.pointsClawedBack()).isEqualTo(133L);
        assertThat(twice.eligibleRefunded()).isEqualByComparingTo(new BigDecimal("40.00"));
    }
}
