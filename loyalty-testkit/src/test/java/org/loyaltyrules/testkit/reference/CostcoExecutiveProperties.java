package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/costco-executive. */
class CostcoExecutiveProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "costco-executive";
    }
}
