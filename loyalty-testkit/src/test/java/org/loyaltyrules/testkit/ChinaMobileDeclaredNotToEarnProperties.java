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
 * The contract for china-mobile with the default arbitraries, whose purchases earn nothing (only lines of category
 * {@code bill} earn), declared with {@code purchasesEarn() == false}, as a program that awards no points by design
 * would be: every property checks its invariant and passes, where {@link ChinaMobileWithoutItsBillCategoryProperties}
 * shows each failing for want of an earning purchase.
 */
@PropertyDefaults(tries = 20)
@AddLifecycleHook(value = ChinaMobileDeclaredNotToEarnProperties.Passes.class,
        propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class ChinaMobileDeclaredNotToEarnProperties extends ProgramPropertiesContract {

    @Override
    protected Program program() {
        return ReferencePrograms.load("china-mobile");
    }

    @Override
    protected boolean purchasesEarn() {
        return false;
    }

    /** Each property passes, its coverage check of earning purchases left out (it would fail: see the sibling). */
    static final class Passes extends ContractPropertyOutcome {
        @Override
        PropertyExecutionResult check(PropertyLifecycleContext context, PropertyExecutionResult result) {
            assertThat(result.status()).as(context.label() + ": " + result.throwable().map(Throwable::getMessage)
                    .orElse("")).isEqualTo(PropertyExecutionResult.Status.SUCCESSFUL);
            return result;
        }
    }
}
