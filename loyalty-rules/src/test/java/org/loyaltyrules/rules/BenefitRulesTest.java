package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.facts.BenefitGrant;

/** Scenarios for the benefit group of the standard pack (benefit/claims.drl, benefit/unlock.drl). */
class BenefitRulesTest {

    private final LoyaltyEngine engine = engine(retail("", """
            "benefits": [{"id": "free-delivery", "name": "Free delivery", "tiers": ["gold", "platinum"],
                          "quota": 2, "period": "MONTH"}]"""));

    private MemberState member(String tier) {
        return engine.apply(null, new Enrollment("e1", "m1", at("2025-01-01T00:00:00Z"), tier, Map.of())).state();
    }

    private static BenefitClaim claim(String id, String when, String benefit) {
        return new BenefitClaim(id, "m1", at(when), benefit, Map.of());
    }

    @Test
    void members_claim_a_benefit_of_their_tier_within_its_quota() {
        MemberState gold = member("gold");

        Decision first = engine.apply(gold, claim("c1", "2025-03-03T10:00:00Z", "free-delivery"));
        Decision second = engine.apply(first.state(), claim("c2", "2025-03-10T10:00:00Z", "free-delivery"));

        assertThat(first.benefits()).containsExactly(BenefitGrant.granted("free-delivery", "use 1 of 2 this month"));
        assertThat(second.benefits()).containsExactly(BenefitGrant.granted("free-delivery", "use 2 of 2 this month"));
    }

    @Test
    void a_claim_beyond_the_quota_is_refused_with_the_reason_and_changes_nothing() {
        MemberState state = member("gold");
        state = engine.apply(state, claim("c1", "2025-03-03T10:00:00Z", "free-delivery")).state();
        state = engine.apply(state, claim("c2", "2025-03-10T10:00:00Z", "free-delivery")).state();

        Decision third = engine.apply(state, claim("c3", "2025-03-20T10:00:00Z", "free-delivery"));

        assertThat(third.refusal()).isEqualTo(new Refusal("BENEFIT_REFUSED",
                "free-delivery: quota of 2 per month is used up"));
        assertThat(third.state()).isEqualTo(state);
    }

    @Test
    void the_quota_starts_again_next_month() {
        MemberState state = member("gold");
        state = engine.apply(state, claim("c1", "2025-03-03T10:00:00Z", "free-delivery")).state();
        state = engine.apply(state, claim("c2", "2025-03-10T10:00:00Z", "free-delivery")).state();

        Decision april = engine.apply(state, claim("c3", "2025-04-01T10:00:00Z", "free-delivery"));

        assertThat(april.isApplied()).isTrue();
        assertThat(april.benefits()).containsExactly(BenefitGrant.granted("free-delivery", "use 1 of 2 this month"));
    }

    @Test
    void a_benefit_outside_the_member_tier_is_refused() {
        Decision decision = engine.apply(member("silver"), claim("c1", "2025-03-03T10:00:00Z", "free-delivery"));

        assertThat(decision.refusal()).isEqualTo(new Refusal("BENEFIT_REFUSED",
                "free-delivery: not a benefit of tier silver"));
    }

    @Test
    void an_unknown_benefit_is_refused() {
        Decision decision = engine.apply(member("gold"), claim("c1", "2025-03-03T10:00:00Z", "lounge"));

        assertThat(decision.refusal()).isEqualTo(new Refusal("BENEFIT_REFUSED",
                "lounge: the program has no benefit lounge"));
    }

    @Test
    void reaching_a_tier_unlocks_its_benefits_on_the_upgrading_event() {
        Decision upgrade = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "2000.00"));

        assertThat(upgrade.state().tier().tierId()).isEqualTo("gold");
        assertThat(upgrade.benefits()).containsExactly(
                BenefitGrant.unlocked("free-delivery", "Free delivery unlocked by tier gold"));
    }
}
