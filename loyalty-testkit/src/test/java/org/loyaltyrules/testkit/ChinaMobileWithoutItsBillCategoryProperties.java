package org.loyaltyrules.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.reference.ReferencePrograms;

/**
 * The contract for china-mobile with the default arbitraries: only basket lines of category {@code bill}, which only
 * its DRL names, earn, so no generated purchase earns a point and every invariant would hold on nothing. Each property
 * must fail, after its tries, saying so; the hook checks that failure and then passes the property
 * (ChinaMobileProperties, with {@code withCategories("bill", ...)}, is the contract done right).
 */
@PropertyDefaults(tries = 20)
@AddLifecycleHook(value = ChinaMobileWithoutItsBillCategoryProperties.FailsForNothingEarned.class,
        propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class ChinaMobileWithoutItsBillCategoryProperties extends ProgramPropertiesContract {

    private static final Program CHINA_MOBILE = ReferencePrograms.load("china-mobile");

    @Override
    protected Program program() {
        return CHINA_MOBILE;
    }

    /** Passes a contract property that failed because no purchase of its 20 histories earned a point. */
    static final class FailsForNothingEarned extends ContractPropertyOutcome {
        @Override
        PropertyExecutionResult check(PropertyLifecycleContext context, PropertyExecutionResult result) {
            assertThat(result.status()).isEqualTo(PropertyExecutionResult.Status.FAILED);
            assertThat(result.throwable().orElseThrow()).isInstanceOf(AssertionError.class).hasMessage(
                    "no purchase earned a point in any of the 20 histories of china-mobile "
                    + CHINA_MOBILE.version() + ", so the invariant held on histories that exercise none of its"
                    + " earning rules. Override arbitraries(Program) so that purchases carry what the rules read and"
                    + " program.json does not name: basket-line categories (withCategories), SKUs (withSkus), channels"
                    + " (withChannels), purchase or member attributes (withPurchaseAttribute, withMemberAttribute),"
                    + " member tags (withMemberTags) or larger baskets (withSpend). The histories came from "
                    + LoyaltyArbitraries.forProgram(CHINA_MOBILE));
            return result.mapToSuccessful();
        }
    }
}
