package org.loyaltyrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.testkit.reference.ReferencePrograms;

/**
 * What jqwik shrinks a failing history to. Each property below fails for every history with a purchase; the hook
 * runs it, checks the shrunk sample jqwik reports and then passes it: a failure that any purchase causes shrinks to
 * one plain purchase of the median amount (40.00 USD), without delivery, tax, channel, partner, attributes, metrics
 * or lines, and not sized to reach a cap. Fixed seeds, so that a run is repeatable.
 */
class ShrinkingProperties {

    @Provide
    Arbitrary<History> retailBasicHistories() {
        return LoyaltyArbitraries.forProgram(ReferencePrograms.load("retail-basic")).histories();
    }

    @Provide
    Arbitrary<History> coalitionDemoHistories() {
        return LoyaltyArbitraries.forProgram(ReferencePrograms.load("coalition-demo")).histories();
    }

    @Provide
    Arbitrary<History> hiltonHonorsHistories() {
        return LoyaltyArbitraries.forProgram(ReferencePrograms.load("hilton-honors")).histories();
    }

    private static void failOnAnyPurchase(History history) {
        assertThat(history.steps())
                .noneMatch(s -> s instanceof Step.Send && ((Step.Send) s).event() instanceof Purchase);
    }

    /** A daily cap (cap probes), channels, delivery and tax. */
    @Property(seed = "20250101")
    @AddLifecycleHook(ShrinksToOnePlainPurchase.class)
    void a_retail_basic_failure_on_any_purchase_shrinks_to_one_plain_purchase(
            @ForAll("retailBasicHistories") History history) {
        failOnAnyPurchase(history);
    }

    /** Coalition partners. */
    @Property(seed = "20250102")
    @AddLifecycleHook(ShrinksToOnePlainPurchase.class)
    void a_coalition_demo_failure_on_any_purchase_shrinks_to_one_plain_purchase(
            @ForAll("coalitionDemoHistories") History history) {
        failOnAnyPurchase(history);
    }

    /** Brand attributes and nights. */
    @Property(seed = "20250103")
    @AddLifecycleHook(ShrinksToOnePlainPurchase.class)
    void a_hilton_honors_failure_on_any_purchase_shrinks_to_one_plain_purchase(
            @ForAll("hiltonHonorsHistories") History history) {
        failOnAnyPurchase(history);
    }

    /** Passes a property whose failure jqwik shrank to member m1's enrollment and one plain purchase. */
    static final class ShrinksToOnePlainPurchase implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            assertThat(result.status()).isEqualTo(PropertyExecutionResult.Status.FAILED);
            History shrunk = (History) result.shrunkSample().orElseThrow().parameters().get(0);

            Instant enrolled = Instant.parse("2025-01-01T00:00:17Z");
            Purchase plain = Purchase.of("m1-p0", "m1", Instant.parse("2025-01-01T00:01:17Z"),
                    Money.of("40.00", "USD"));
            assertThat(shrunk).isEqualTo(new History(MemberProfile.enrolled("m1", enrolled),
                    List.of(new Step.Send(Enrollment.of("m1-enrol", "m1", enrolled)), new Step.Send(plain))));
            assertThat(shrunk.toString()).endsWith("1: m1-p0 2025-01-01T00:01:17Z purchase 40.00 USD]");
            return result.mapToSuccessful();
        }
    }
}
