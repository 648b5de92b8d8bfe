package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.Refusal;

class Taobao88VipScenariosTest {

    private final LoyaltyEngine engine = LoyaltyEngine.create(Program.load(Path.of("programs/taobao-88vip")));

    private MemberState memberWithTaoqi(String taoqi) {
        return engine.apply(null, new Enrollment("e1", "m1", Instant.parse("2025-01-01T00:00:00Z"), null,
                Map.of("taoqi", taoqi))).state();
    }

    private static MembershipFee fee(String amount) {
        return new MembershipFee("f1", "m1", Instant.parse("2025-03-01T02:00:00Z"), Money.of(amount, "CNY"), "vip88",
                12, Map.of());
    }

    @Test
    void a_member_with_a_taoqi_score_of_1000_pays_88() {
        Decision decision = engine.apply(memberWithTaoqi("1000"), fee("88.00"));

        assertThat(decision.isApplied()).isTrue();
        assertThat(decision.state().tier().tierId()).isEqualTo("vip88");
        assertThat(decision.state().tier().source()).isEqualTo(TierSource.PAID);
        // 2025-03-01 10:00 Shanghai + 12 months
        assertThat(decision.state().tier().paidUntil()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
    }

    @Test
    void a_member_below_1000_paying_88_is_refused_with_the_expected_price() {
        Decision decision = engine.apply(memberWithTaoqi("999"), fee("88.00"));

        assertThat(decision.refusal()).isEqualTo(new Refusal("FEE_MISMATCH",
                "vip88 costs 888.00 CNY for this member (list price for 12 months), the fee paid 88.00 CNY"));
    }

    @Test
    void a_member_below_1000_pays_the_list_price() {
        assertThat(engine.apply(memberWithTaoqi("999"), fee("888.00")).isApplied()).isTrue();
    }

    @Test
    void a_member_with_1000_paying_the_list_price_is_refused_too() {
        Decision decision = engine.apply(memberWithTaoqi("1200"), fee("888.00"));

        assertThat(decision.refusal()).isEqualTo(new Refusal("FEE_MISMATCH",
                "vip88 costs 88.00 CNY for this member (taoqi 1200 >= 1000), the fee paid 888.00 CNY"));
    }

    @Test
    void the_membership_lapses_back_to_member_after_its_term() {
        MemberState paid = engine.apply(memberWithTaoqi("1000"), fee("88.00")).state();

        List<Decision> review = engine.reviewTiers(List.of(paid), Instant.parse("2026-03-02T00:00:00Z"));

        assertThat(review.get(0).state().tier().tierId()).isEqualTo("member");
        assertThat(review.get(0).tierMoves()).hasSize(1);
    }
}
