package org.loyaltyrules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;

/** The benchmarks' inputs are what their Javadoc says (the benchmarks themselves never run in tests). */
class BenchmarkInputsTest {

    @Test
    void the_generated_category_pack_compiles_and_its_rules_award_category_lines() {
        Program program = Cdnow.retailBasicProgram();
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(program.settings(),
                Map.of("earning/category-bonus.drl", RulePacks.categoryBonuses(5))));

        assertThat(engine.warnings()).isEmpty();
        Purchase purchase = Fixtures.purchase("p1", "m1", Fixtures.START, 10_000)
                .withLines(List.of(new org.loyaltyrules.core.event.PurchaseLine("sku1", "c3", 1,
                        org.loyaltyrules.core.money.Money.of("100.00", "USD"), Map.of())));
        assertThat(engine.apply(null, purchase).pointsAwarded()).isEqualTo(200L); // 100 base + 100 for category c3
    }

    @Test
    void synthetic_members_hold_their_purchases_and_some_reach_a_reviewable_tier() {
        List<MemberState> members = Fixtures.members(300, 3, 11);

        assertThat(members).hasSize(300).allSatisfy(m -> assertThat(m.purchases()).hasSize(3));
        assertThat(members).filteredOn(m -> m.tier().source() == TierSource.EARNED).hasSizeGreaterThan(30);
    }

    @Test
    void synthetic_batches_have_the_asked_size_and_five_purchases_per_member() {
        List<Purchase> batch = Fixtures.purchases(10_000, 5, 7);

        assertThat(batch).hasSize(10_000);
        assertThat(batch.stream().map(Purchase::memberId).distinct().count()).isEqualTo(2_000L);
        assertThat(Cdnow.retailBasicEngine().replay(batch.subList(0, 500)).rejections()).isEmpty();
    }

}
