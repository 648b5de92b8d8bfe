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
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.testkit.reference.ReferencePrograms;

/**
 * What jqwik shrinks a failing history to. Each property below fails; its hook runs it, checks the shrunk sample (and
 * failure) jqwik reports and then passes it. A failure that any purchase causes shrinks to one plain purchase of the
 * median amount (40.00 USD), without delivery, tax, channel, partner, attributes, metrics or lines, and not sized to
 * reach a cap; a small-basket bonus to one purchase just under its threshold. Fixed seeds, so a run is repeatable.
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

    /** The small program with a 50-point bonus on baskets under 20.00, monotonicity declared. */
    private static final ProgramInvariants SMALL_BASKET_BONUS = ProgramInvariants.of(TestPrograms.declaringMonotonicity(
            "earning/small-basket-bonus.drl", TestPrograms.SMALL_BASKET_BONUS));

    @Provide
    Arbitrary<History> smallBasketBonusHistories() {
        return LoyaltyArbitraries.forProgram(SMALL_BASKET_BONUS.program()).histories();
    }

    /** The example of docs/rule-authoring.md section 8, "The invariants". */
    @Property(seed = "20250104")
    @AddLifecycleHook(ShrinksToTheGuideExample.class)
    void a_small_basket_bonus_failure_shrinks_to_one_purchase_just_under_the_threshold(
            @ForAll("smallBasketBonusHistories") History history) {
        SMALL_BASKET_BONUS.check(history, Invariant.MONOTONE_IN_SPEND);
    }

    /** Passes the property when jqwik's shrunk sample and failure are the ones the guide shows. */
    static final class ShrinksToTheGuideExample implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            assertThat(result.status()).isEqualTo(PropertyExecutionResult.Status.FAILED);
            ShrunkFalsifiedSample shrunk = result.shrunkSample().orElseThrow();
            assertThat(shrunk.parameters().get(0)).hasToString("""
                    History[m1 enrolled 2025-01-01T00:00:17Z, 2 events
                        0: m1-enrol 2025-01-01T00:00:17Z enrollment
                        1: m1-p0 2025-01-01T00:01:17Z purchase 19.99 USD]""");
            assertThat(shrunk.falsifyingError().orElseThrow()).isInstanceOf(InvariantViolation.class).hasMessage("""
                    program testkit-small 1 breaks 1 invariant(s) on the history of 2 events of member m1:
                      MONOTONE_IN_SPEND (more spend never earns fewer points) at event m1-p0: purchase at \
                    2025-01-01T00:01:17Z (APPLIED): 19.99 USD earns 69 points, but 20.00 USD earns only 20
                        explanations[0] rule "Purchases earn base points at the program rate" \
                    (standard:earning/base-earn.drl:9): base 1 per unit on eligible 19.99 = 19
                        explanations[1] rule "Small baskets earn a 50-point bonus" \
                    (program:earning/small-basket-bonus.drl:6): small basket bonus = 50
                    the events sent, for loyalty explain --program DIR --events FILE.jsonl --member m1:
                    {"id":"m1-enrol","type":"enrollment","member":"m1","at":"2025-01-01T00:00:17Z"}
                    {"id":"m1-p0","type":"purchase","member":"m1","at":"2025-01-01T00:01:17Z","amount":"19.99",\
                    "currency":"USD"}""");
            return result.mapToSuccessful();
        }
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
