package org.loyaltyrules.testkit;

import java.time.Instant;
import java.util.List;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * What the invariants need from an engine. The testkit's own tests put a deliberately broken evaluation behind it,
 * to prove that each check catches what no DRL can break (the engine runs no rules for redemptions, and reads only
 * risk flags from the rules it runs for refunds).
 */
interface Evaluator {

    MemberState newMember(String memberId, Instant at);

    Decision apply(MemberState state, LoyaltyEvent event);

    /** The state after time alone passed to {@code at}: activations, expiries, due tier reviews. */
    MemberState timePassed(MemberState state, Instant at);

    static Evaluator of(LoyaltyEngine engine) {
        return new Evaluator() {
            @Override
            public MemberState newMember(String memberId, Instant at) {
                return engine.newMember(memberId, at);
            }

            @Override
            public Decision apply(MemberState state, LoyaltyEvent event) {
                return engine.apply(state, event);
            }

            @Override
            public MemberState timePassed(MemberState state, Instant at) {
                return engine.reviewTiers(List.of(state), at).get(0).state();
            }
        };
    }
}
