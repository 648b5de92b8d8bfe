package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/marriott-bonvoy. */
class MarriottBonvoyProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "marriott-bonvoy";
    }
}
