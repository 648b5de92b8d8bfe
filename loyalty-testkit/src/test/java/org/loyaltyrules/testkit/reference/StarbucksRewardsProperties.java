package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/starbucks-rewards. */
class StarbucksRewardsProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "starbucks-rewards";
    }
}
