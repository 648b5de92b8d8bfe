package org.loyaltyrules.testkit.reference;

import net.jqwik.api.Arbitraries;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.LoyaltyArbitraries;

/** Taobao 88VIP: the taoqi member attribute, read by the program's DRL, prices the paid tier. */
class Taobao88VipProperties extends ReferenceProgramProperties {

    @Override
    String folder() {
        return "taobao-88vip";
    }

    @Override
    protected LoyaltyArbitraries arbitraries(Program program) {
        return LoyaltyArbitraries.forProgram(program)
                .withMemberAttribute("taoqi", Arbitraries.integers().between(0, 2_000).map(String::valueOf));
    }
}
