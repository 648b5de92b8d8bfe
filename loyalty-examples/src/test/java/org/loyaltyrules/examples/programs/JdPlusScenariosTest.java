package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.Refusal;

class JdPlusScenariosTest {

    private final LoyaltyEngine engine = LoyaltyEngine.create(Program.load(Path.of("programs/jd-plus")));

    private MemberState plus() {
        return engine.apply(null, new MembershipFee("f1", "m1", Instant.parse("2025-01-10T02:00:00Z"),
                Money.of("198.00", "CNY"), "plus", 12, Map.of())).state();
    }

    private static BenefitClaim claim(int n, String day) {
        return new BenefitClaim("c" + n, "m1", Instant.parse(day + "T02:00:00Z"), "free-shipping", Map.of());
    }

    @Test
    void plus_members_earn_double_points() {
        // 1 per yuan + 100 % PLUS bonus on base
        assertThat(engine.apply(plus(), Purchase.of("p1", "m1", Instant.parse("2025-02-01T02:00:00Z"),
                Money.of("256.80", "CNY"))).pointsAwarded()).isEqualTo(512L);
    }

    @Test
    void the_sixth_free_shipping_coupon_of_a_term_month_is_refused_and_the_next_month_starts_on_the_day_paid() {
        // paid 10 January (Asia/Shanghai): the term's months run 10 January - 9 February, 10 February - 9 March, ...
        MemberState state = plus();
        for (int i = 1; i <= 5; i++) {
            state = engine.apply(state, claim(i, "2025-01-2" + (i + 4))).state(); // 25-29 January
        }

        Decision sixth = engine.apply(state, claim(6, "2025-02-09"));
        Decision nextMonth = engine.apply(state, claim(7, "2025-02-10"));

        // JD: 5 coupons "on the user's purchase date" each month (README): the 1 February calendar month is no new one
        assertThat(sixth.refusal()).isEqualTo(new Refusal("BENEFIT_REFUSED",
                "free-shipping: quota of 5 per term month is used up"));
        assertThat(nextMonth.isApplied()).isTrue();
        assertThat(nextMonth.benefits()).extracting("reason").containsExactly("use 1 of 5 this term month");
    }

    @Test
    void an_annual_term_gives_sixty_free_shipping_coupons_and_a_renewal_keeps_the_day_paid() {
        // 5 claims on each day a term month starts, 10 January 2025 to 10 December 2025, then the 10th month day of
        // the renewed term (10 January 2026)
        MemberState state = plus();
        int granted = 0;
        int firstTerm = 0;
        int n = 0;
        for (int month = 0; month < 13; month++) {
            String day = LocalDate.of(2025, 1, 10).plusMonths(month).toString();
            for (int i = 0; i < 6; i++) {
                Decision d = engine.apply(state, claim(++n, day));
                if (d.isApplied()) {
                    granted++;
                    state = d.state();
                }
            }
            if (month == 11) {
                firstTerm = granted;
                // renewed before the term ends: the next term starts on 10 January 2026
                state = engine.apply(state, new MembershipFee("f2", "m1", Instant.parse("2025-12-20T02:00:00Z"),
                        Money.of("198.00", "CNY"), "plus", 12, Map.of())).state();
            }
        }

        // 12 term months of the first card x 5 = 60 ("60 vouchers" a year, README), every sixth claim of a month
        // refused; the renewal's first month, from 10 January 2026, 5 more
        assertThat(firstTerm).isEqualTo(60);
        assertThat(granted).isEqualTo(65);
    }

    @Test
    void the_last_morning_of_a_term_is_its_twelfth_month_and_a_renewal_starts_its_first_at_the_hour_paid() {
        // paid at 10:00 on 10 January 2025 (02:00Z) and renewed ahead: the first term ends at 10:00 on 10 January 2026
        MemberState state = engine.apply(plus(), new MembershipFee("f2", "m1", Instant.parse("2025-12-20T02:00:00Z"),
                Money.of("198.00", "CNY"), "plus", 12, Map.of())).state();
        for (int i = 1; i <= 5; i++) {
            state = engine.apply(state, claim(i, "2026-01-0" + (i + 3))).state(); // 4-8 January: month 12 used up
        }

        // 08:00 on 10 January 2026 is still the twelfth month; 10:00 opens the renewal's first
        Decision morning = engine.apply(state, new BenefitClaim("c6", "m1", Instant.parse("2026-01-10T00:00:00Z"),
                "free-shipping", Map.of()));
        Decision renewal = engine.apply(state, new BenefitClaim("c7", "m1", Instant.parse("2026-01-10T02:00:00Z"),
                "free-shipping", Map.of()));

        assertThat(morning.refusal()).isEqualTo(new Refusal("BENEFIT_REFUSED",
                "free-shipping: quota of 5 per term month is used up"));
        assertThat(renewal.isApplied()).isTrue();
    }

    @Test
    void a_term_bought_again_after_a_lapse_starts_its_months_on_its_own_day() {
        // given: 5 coupons used on 2-6 January 2026, the term lapses on 10 January, PLUS bought again on 20 January
        MemberState state = plus();
        for (int i = 1; i <= 5; i++) {
            state = engine.apply(state, claim(i, "2026-01-0" + (i + 1))).state();
        }
        state = engine.apply(state, new MembershipFee("f2", "m1", Instant.parse("2026-01-20T02:00:00Z"),
                Money.of("198.00", "CNY"), "plus", 12, Map.of())).state();

        // when
        Decision claim = engine.apply(state, claim(6, "2026-01-21"));

        // then: a new card issues its coupons on its purchase date (a calendar month would have refused it)
        assertThat(claim.isApplied()).isTrue();
        assertThat(claim.benefits()).extracting("reason").containsExactly("use 1 of 5 this term month");
    }

    @Test
    void a_fee_below_the_plan_price_is_refused() {
        Decision decision = engine.apply(null, new MembershipFee("f1", "m1", Instant.parse("2025-01-10T02:00:00Z"),
                Money.of("99.00", "CNY"), "plus", 12, Map.of()));

        assertThat(decision.refusal()).isEqualTo(new Refusal("FEE_MISMATCH",
                "plus costs 198.00 CNY for this member (list price for 12 months), the fee paid 99.00 CNY"));
    }

    @Test
    void renewing_before_the_term_ends_extends_it_by_a_year() {
        Decision renewal = engine.apply(plus(), new MembershipFee("f2", "m1", Instant.parse("2025-12-20T02:00:00Z"),
                Money.of("198.00", "CNY"), "plus", 12, Map.of()));

        assertThat(renewal.state().tier().paidUntil()).isEqualTo(Instant.parse("2027-01-10T02:00:00Z"));
    }
}
