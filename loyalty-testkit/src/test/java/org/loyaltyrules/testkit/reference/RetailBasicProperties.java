package org.loyaltyrules.testkit.reference;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.loyaltyrules.testkit.History;
import org.loyaltyrules.testkit.Invariant;

/**
 * The invariants on histories of loyalty-examples/programs/retail-basic, and the seed-pinned property of
 * docs/rule-authoring.md section 8, as written there.
 */
class RetailBasicProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "retail-basic";
    }

    /** {@code check} asserts the invariant: it throws {@code InvariantViolation}, an AssertionError, on a violation. */
    @Property(seed = "5313309000962276155")                      // the seed of the failure report
    void caps_are_never_exceeded_with_the_failing_seed(@ForAll("loyaltyHistories") History history) {
        invariants().check(history, Invariant.CAPS_NEVER_EXCEEDED);
    }
}
