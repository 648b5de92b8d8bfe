package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/sephora-beauty-insider. */
class SephoraBeautyInsiderProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "sephora-beauty-insider";
    }
}
