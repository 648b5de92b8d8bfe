package org.loyaltyrules.testkit;

import net.jqwik.api.PropertyDefaults;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.reference.ReferencePrograms;

/**
 * The contract for china-mobile with the default arbitraries, whose purchases earn nothing (only lines of category
 * {@code bill} earn), declared with {@code purchasesEarn() == false}, as a program that awards no points by design
 * would be: every property checks its invariant and passes, where {@link ChinaMobileWithoutItsBillCategoryProperties}
 * shows each failing for want of an earning purchase.
 */
@PropertyDefaults(tries = 20)
class ChinaMobileDeclaredNotToEarnProperties extends ProgramPropertiesContract {

    @Override
    protected Program program() {
        return ReferencePrograms.load("china-mobile");
    }

    @Override
    protected boolean purchasesEarn() {
        return false;
    }
}
