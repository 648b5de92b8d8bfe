package org.loyaltyrules.testkit.reference;

import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.LoyaltyArbitraries;

/** China Mobile: only basket lines of category {@code bill} earn, a category only its DRL names. */
class ChinaMobileProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "china-mobile";
    }

    @Override
    protected LoyaltyArbitraries arbitraries(Program program) {
        return LoyaltyArbitraries.forProgram(program).withCategories("bill", "handset");
    }
}
