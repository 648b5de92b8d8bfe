package org.loyaltyrules.testkit.reference;

/** The invariants on histories of loyalty-examples/programs/jd-plus. */
class JdPlusProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "jd-plus";
    }
}
