package org.loyaltyrules.core.benefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
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
}
