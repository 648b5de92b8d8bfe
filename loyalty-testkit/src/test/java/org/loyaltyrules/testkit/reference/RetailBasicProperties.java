package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/retail-basic. */
class RetailBasicProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "retail-basic";
    }
}
