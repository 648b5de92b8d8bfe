package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/coalition-demo. */
class CoalitionDemoProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "coalition-demo";
    }
}
