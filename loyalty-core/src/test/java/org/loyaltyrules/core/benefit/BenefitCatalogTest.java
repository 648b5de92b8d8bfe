package org.loyaltyrules.core.benefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.CountingPeriod;

class BenefitCatalogTest {

    private static final Benefit FREE_DELIVERY = new Benefit("free-delivery", "Free delivery",
            List.of("gold", "platinum"), 2, CountingPeriod.MONTH);
    private static final Benefit LOUNGE = new Benefit("lounge", null, List.of("platinum"), 0, CountingPeriod.YEAR);

    @Test
    void a_tier_gets_the_benefits_that_name_it() {
        BenefitCatalog catalog = new BenefitCatalog(List.of(FREE_DELIVERY, LOUNGE));

        assertThat(catalog.forTier("platinum")).containsExactly(FREE_DELIVERY, LOUNGE);
        assertThat(catalog.forTier("gold")).containsExactly(FREE_DELIVERY);
        assertThat(catalog.forTier("base")).isEmpty();
        assertThat(catalog.benefit("lounge")).contains(LOUNGE);
    }

    @Test
    void a_quota_of_zero_means_unlimited_and_a_missing_name_is_the_id() {
        assertThat(LOUNGE.isUnlimited()).isTrue();
        assertThat(LOUNGE.name()).isEqualTo("lounge");
        assertThat(FREE_DELIVERY.isUnlimited()).isFalse();
    }

    @Test
    void benefit_ids_are_unique_in_a_catalog() {
        assertThatThrownBy(() -> new BenefitCatalog(List.of(FREE_DELIVERY, LOUNGE, FREE_DELIVERY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("benefits[2].id must be unique, was 'free-delivery' again");
    }

    @Test
    void a_benefit_rejects_a_negative_quota() {
        assertThatThrownBy(() -> new Benefit("lounge", null, List.of("platinum"), -1, CountingPeriod.YEAR))
                .hasMessage("quota of benefit 'lounge' must be >= 0, was -1");
    }

    @Test
    void a_benefit_is_found_by_its_exact_id() {
        // given: ids are compared exactly, as the uniqueness check does, so two ids differing in case are both kept
        Benefit otherDelivery = new Benefit("Free-Delivery", "Free delivery (partner)", List.of("gold"), 1,
                CountingPeriod.MONTH);
        BenefitCatalog catalog = new BenefitCatalog(List.of(FREE_DELIVERY, otherDelivery));

        // then: each id finds its own benefit, and a claim of an id in another case finds none
        assertThat(catalog.benefit("free-delivery")).contains(FREE_DELIVERY);
        assertThat(catalog.benefit("Free-Delivery")).contains(otherDelivery);
        assertThat(catalog.benefit("FREE-DELIVERY")).isEmpty();
    }

    @Test
    void a_budget_may_be_zero_but_not_negative() {
        // program.json reads budget.amount as non-negative, so "0" is a valid budget
        assertThat(new BenefitBudget(Money.of("0", "USD"), CountingPeriod.MONTH).amount())
                .isEqualTo(Money.of("0.00", "USD"));
        assertThatThrownBy(() -> new BenefitBudget(Money.of("-0.01", "USD"), CountingPeriod.MONTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("budget must be >= 0, was -0.01 USD");
    }

    @ParameterizedTest
    @EnumSource(value = CountingPeriod.class, names = {"MEMBERSHIP_YEAR", "TERM_MONTH"})
    void a_budget_refuses_the_per_member_periods(CountingPeriod period) {
        // a budget spans all members; a membership year and a paid term's months are each member's own
        assertThatThrownBy(() -> new BenefitBudget(Money.of("5000", "USD"), period))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a budget spans all members: its period must be a calendar period (DAY, WEEK, MONTH, YEAR) "
                        + "or LIFETIME, not " + period);
    }
}
