package org.loyaltyrules.testkit.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A program added to loyalty-examples without its contract subclass here fails this test, and so does one that stops
 * declaring monotonicity in spend (its contract would skip that property, not fail it).
 */
class EveryReferenceProgramIsCheckedTest {

    private static final List<ReferenceProgramProperties> CHECKED = List.of(new ChinaMobileProperties(),
            new CoalitionDemoProperties(), new CostcoExecutiveProperties(), new HiltonHonorsProperties(),
            new JdPlusProperties(), new MarriottBonvoyProperties(), new RetailBasicProperties(),
            new SephoraBeautyInsiderProperties(), new StarbucksRewardsProperties(),
            new StarbucksRewards2025Properties(), new Taobao88VipProperties());

    @Test
    void every_program_folder_of_loyalty_examples_has_its_invariant_properties() {
        assertThat(CHECKED.stream().map(ReferenceProgramProperties::folder))
                .containsExactlyInAnyOrderElementsOf(ReferencePrograms.names());
    }

    @Test
    void every_reference_program_declares_it_is_monotone_in_spend() {
        List<String> programs = ReferencePrograms.names();

        assertThat(programs).hasSize(11);
        assertThat(programs).filteredOn(name -> !ReferencePrograms.load(name).settings().declares().monotoneInSpend())
                .as("reference programs whose program.json does not declare {\"monotoneInSpend\": true}")
                .isEmpty();
    }
}
