package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/hilton-honors. */
class HiltonHonorsProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "hilton-honors";
    }
}
