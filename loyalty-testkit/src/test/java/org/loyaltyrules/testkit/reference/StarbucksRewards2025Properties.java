package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/starbucks-rewards-2025. */
class StarbucksRewards2025Properties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "starbucks-rewards-2025";
    }
}
