package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
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
    void the_sixth_free_shipping_coupon_of_a_month_is_refused() {
        MemberState state = plus();
        for (int i = 1; i <= 5; i++) {
            state = engine.apply(state, claim(i, "2025-02-0" + i)).state();
        }

        Decision sixth = engine.apply(state, claim(6, "2025-02-20"));
        Decision nextMonth = engine.apply(state, claim(7, "2025-03-01"));

        assertThat(sixth.refusal()).isEqualTo(new Refusal("BENEFIT_REFUSED",
                "free-shipping: quota of 5 per month is used up"));
        assertThat(nextMonth.isApplied()).isTrue();
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
