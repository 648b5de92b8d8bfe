package org.loyaltyrules.core.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.ProgramCalendar;

class FeeRefundPolicyTest {

    static final ProgramCalendar SHANGHAI = ProgramCalendar.of(ZoneId.of("Asia/Shanghai"));
    static final ProgramCalendar UTC = ProgramCalendar.of(ZoneId.of("UTC"));
    /** ¥198 paid 2025-01-10 10:00 Shanghai for 12 months: 365 days, 2025-01-10 to 2026-01-10. */
    static final FeeRecord FEE = FeeRecord.paid("f1", Instant.parse("2025-01-10T02:00:00Z"), Money.of("198.00", "CNY"),
            "plus", 12, Instant.parse("2025-01-10T02:00:00Z"), Instant.parse("2026-01-10T02:00:00Z"));

    private static FeeRefundPolicy.Due due(FeeRefundPolicy.Kind kind, int fullDays, String at) {
        return new FeeRefundPolicy(kind, fullDays).due(FEE, Instant.parse(at), SHANGHAI);
    }

    @Test
    void pro_rata_by_days_refunds_the_unused_days_after_the_cancellation_day_rounded_down_to_the_fen() {
        // cancelled 2025-07-07 (Shanghai): 2025-07-08 .. 2026-01-09 unused = 186 of 365 days; 198 x 186 / 365 =
        // 100.898..., rounded down, not to the nearest fen (100.90)
        FeeRefundPolicy.Due due = due(FeeRefundPolicy.Kind.PRO_RATA_DAYS, 0, "2025-07-07T04:00:00Z");

        assertThat(due.amount()).isEqualTo(Money.of("100.89", "CNY"));
        assertThat(due.reason()).isEqualTo("pro rata by days: 186 of 365 days unused");
    }

    @Test
    void pro_rata_by_months_counts_a_started_month_as_used() {
        // 2025-07-01 is in the 6th month of the term (from 2025-06-10): 6 used, 6 of 12 unused = 99.00
        FeeRefundPolicy.Due due = due(FeeRefundPolicy.Kind.PRO_RATA_MONTHS, 0, "2025-07-01T04:00:00Z");

        assertThat(due.amount()).isEqualTo(Money.of("99.00", "CNY"));
        assertThat(due.reason()).isEqualTo("pro rata by months: 6 of 12 months unused");
    }

    @Test
    void months_of_a_term_starting_on_the_31st_start_where_the_term_arithmetic_puts_them() {
        // ¥120 from 2025-01-31 10:00 Shanghai: month 2 starts 2025-02-28 10:00, month 3 on 2025-03-31 10:00
        FeeRecord monthEnd = FeeRecord.paid("f2", Instant.parse("2025-01-31T02:00:00Z"), Money.of("120.00", "CNY"),
                "plus", 12, Instant.parse("2025-01-31T02:00:00Z"), Instant.parse("2026-01-31T02:00:00Z"));
        FeeRefundPolicy months = new FeeRefundPolicy(FeeRefundPolicy.Kind.PRO_RATA_MONTHS, 0);

        // 02-28 12:00: 2 months started, 10 of 12 unused = 100.00; 03-31 09:00: month 3 not yet started
        assertThat(months.due(monthEnd, Instant.parse("2025-02-28T04:00:00Z"), SHANGHAI))
                .isEqualTo(new FeeRefundPolicy.Due(Money.of("100.00", "CNY"), "pro rata by months: 10 of 12 months unused"));
        assertThat(months.due(monthEnd, Instant.parse("2025-03-31T01:00:00Z"), SHANGHAI).amount())
                .isEqualTo(Money.of("100.00", "CNY"));
        assertThat(months.due(monthEnd, Instant.parse("2025-03-31T02:00:00Z"), SHANGHAI).amount())
                .isEqualTo(Money.of("90.00", "CNY"));
    }

    @Test
    void the_full_refund_period_excludes_the_payment_day_and_ends_with_its_last_day_in_the_program_zone() {
        // paid 2025-01-10 (Shanghai); 7 days counted as statutory periods are: the payment day is not counted, so
        // cancelling through 2025-01-17 (day 7) is full, and from 2025-01-18 00:00 Shanghai (day 8) the policy applies
        FeeRefundPolicy.Due lastDay = due(FeeRefundPolicy.Kind.NONE, 7, "2025-01-17T15:59:59Z");
        FeeRefundPolicy.Due after = due(FeeRefundPolicy.Kind.NONE, 7, "2025-01-17T16:00:00Z");

        assertThat(lastDay.amount()).isEqualTo(Money.of("198.00", "CNY"));
        assertThat(lastDay.reason()).isEqualTo("cancelled 7 day(s) after paying, within the 7-day full refund period: "
                + "the whole fee");
        assertThat(after.amount()).isEqualTo(Money.of("0.00", "CNY"));
        assertThat(after.reason()).isEqualTo("no refund more than 7 days after paying");
    }

    @Test
    void a_one_day_full_refund_period_covers_the_day_after_the_payment_day() {
        // paid 2025-01-10 10:00 Shanghai: 2025-01-11 23:59:59 local is day 1, inside; 2025-01-12 00:00 is day 2
        assertThat(due(FeeRefundPolicy.Kind.NONE, 1, "2025-01-11T15:59:59Z").amount())
                .isEqualTo(Money.of("198.00", "CNY"));
        assertThat(due(FeeRefundPolicy.Kind.NONE, 1, "2025-01-11T16:00:00Z").amount())
                .isEqualTo(Money.of("0.00", "CNY"));
    }

    @Test
    void without_a_full_refund_period_none_says_no_refund_after_paying() {
        FeeRefundPolicy.Due later = due(FeeRefundPolicy.Kind.NONE, 0, "2025-03-01T00:00:00Z");

        assertThat(later.amount()).isEqualTo(Money.of("0.00", "CNY"));
        assertThat(later.reason()).isEqualTo("no refund after paying"); // was "no refund 0 or more days after paying"
    }

    @Test
    void full_refunds_the_whole_fee_even_on_the_last_day_of_the_term() {
        assertThat(due(FeeRefundPolicy.Kind.FULL, 0, "2026-01-09T04:00:00Z").amount())
                .isEqualTo(Money.of("198.00", "CNY"));
    }

    @Test
    void a_prepaid_renewal_cancelled_before_its_term_starts_is_refunded_in_full_under_every_policy() {
        FeeRecord renewal = FeeRecord.paid("f2", Instant.parse("2025-12-01T02:00:00Z"), Money.of("198.00", "CNY"),
                "plus", 12, Instant.parse("2026-01-10T02:00:00Z"), Instant.parse("2027-01-10T02:00:00Z"));

        FeeRefundPolicy.Due due = new FeeRefundPolicy(FeeRefundPolicy.Kind.NONE, 0)
                .due(renewal, Instant.parse("2025-12-20T02:00:00Z"), SHANGHAI);

        assertThat(due.amount()).isEqualTo(Money.of("198.00", "CNY"));
        assertThat(due.reason()).isEqualTo("the term has not started: the whole fee");
    }

    @Test
    void a_prepaid_renewal_cancelled_at_the_instant_its_term_starts_has_started_and_is_refunded_pro_rata() {
        // a month of gold renewed on 15 February for the term 28 February 10:00 to 28 March 10:00 (UTC)
        FeeRecord renewal = FeeRecord.paid("h2", Instant.parse("2025-02-15T10:00:00Z"), Money.of("10.00", "USD"),
                "gold", 1, Instant.parse("2025-02-28T10:00:00Z"), Instant.parse("2025-03-28T10:00:00Z"));
        FeeRefundPolicy policy = new FeeRefundPolicy(FeeRefundPolicy.Kind.PRO_RATA_DAYS, 0);

        FeeRefundPolicy.Due atStart = policy.due(renewal, Instant.parse("2025-02-28T10:00:00Z"), UTC);
        FeeRefundPolicy.Due before = policy.due(renewal, Instant.parse("2025-02-28T09:59:59.999999999Z"), UTC);

        // 28 days, the cancellation day used: 10.00 x 27 / 28 = 9.642.. -> 9.64; a nanosecond earlier: all of it
        assertThat(atStart.amount()).isEqualTo(Money.of("9.64", "USD"));
        assertThat(atStart.reason()).isEqualTo("pro rata by days: 27 of 28 days unused");
        assertThat(before.amount()).isEqualTo(Money.of("10.00", "USD"));
    }

    @Test
    void a_fee_cancelled_at_the_instant_it_was_paid_comes_back_whole_because_nothing_was_used() {
        FeeRefundPolicy.Due due = new FeeRefundPolicy(FeeRefundPolicy.Kind.PRO_RATA_DAYS, 0)
                .due(FEE, FEE.at(), SHANGHAI);

        assertThat(due.amount()).isEqualTo(Money.of("198.00", "CNY"));
        assertThat(due.reason()).isEqualTo("cancelled at the instant it was paid: the whole fee");
    }

    @Test
    void on_the_last_day_of_the_term_nothing_is_left_to_refund_pro_rata() {
        assertThat(due(FeeRefundPolicy.Kind.PRO_RATA_DAYS, 0, "2026-01-09T04:00:00Z").amount())
                .isEqualTo(Money.of("0.00", "CNY"));
        assertThat(due(FeeRefundPolicy.Kind.PRO_RATA_MONTHS, 0, "2026-01-09T04:00:00Z").amount())
                .isEqualTo(Money.of("0.00", "CNY"));
    }
}
