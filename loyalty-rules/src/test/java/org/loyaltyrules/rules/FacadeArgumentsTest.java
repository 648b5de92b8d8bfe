package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.program.ProgramJson;

/** What the facade refuses at once, naming the argument, instead of failing later or forking a member's history. */
class FacadeArgumentsTest {

    private final LoyaltyEngine engine = engine(retail("", ""));

    @Test
    void a_replay_refuses_an_initial_state_filed_under_another_members_id() {
        // given: m1's state filed under "M1"
        MemberState m1 = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();

        // then
        assertThatThrownBy(() -> engine.replay(Map.of("M1", m1),
                List.of(purchase("p2", "m1", "2025-03-02T10:00:00Z", "10.00")), null, d -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initial state filed under member M1 must be that member's, was member m1's");
    }

    @Test
    void an_event_of_another_member_than_the_state_is_refused_naming_both() {
        MemberState m1 = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();

        assertThatThrownBy(() -> engine.apply(m1, purchase("p9", "m2", "2025-03-02T10:00:00Z", "10.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event p9 is for member 'm2', but the state given is of member 'm1'");
    }

    @Test
    void null_arguments_are_named() {
        assertThatThrownBy(() -> engine.reviewTiers(null, at("2025-03-01T00:00:00Z")))
                .isInstanceOf(NullPointerException.class).hasMessage("members");
        assertThatThrownBy(() -> engine.reviewTiers(Arrays.asList((MemberState) null), at("2025-03-01T00:00:00Z")))
                .isInstanceOf(NullPointerException.class).hasMessage("members must not hold null");
        assertThatThrownBy(() -> engine.replay(null))
                .isInstanceOf(NullPointerException.class).hasMessage("events");
        assertThatThrownBy(() -> engine.replay(Arrays.asList(purchase("p1", "m1", "2025-03-01T10:00:00Z", "1.00"),
                null))).isInstanceOf(NullPointerException.class).hasMessage("events must not hold null");
        assertThatThrownBy(() -> engine.replay(Map.of(), List.of(), null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("listener");
        assertThatThrownBy(() -> engine.newMember("m1", null))
                .isInstanceOf(NullPointerException.class).hasMessage("at");
        assertThatThrownBy(() -> engine.newMember(null, at("2025-03-01T00:00:00Z")))
                .isInstanceOf(NullPointerException.class).hasMessage("memberId");
    }

    @Test
    void the_decisions_of_a_review_cannot_be_changed_by_the_caller() {
        // given
        MemberState m1 = engine.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();

        // when
        List<Decision> decisions = engine.reviewTiers(List.of(m1), at("2025-04-01T00:00:00Z"));

        // then
        assertThat(decisions).hasSize(1);
        assertThatThrownBy(decisions::clear).isInstanceOf(UnsupportedOperationException.class);
    }
    private static final String TIERS = "[member, silver, gold, platinum]";
    private static final String HINT = ". A state of another program, or stored before a reload that removed or renamed"
            + " the tier? Migrate the stored members to a tier of this program";

    /** A state of a program whose base tier is "green" (as starbucks-rewards). */
    private static MemberState green(String member) {
        return MemberState.enrol(member, at("2025-03-01T10:00:00Z"), "green");
    }

    @Test
    void a_purchase_on_a_state_whose_tier_the_program_does_not_have_is_refused_naming_member_event_and_tiers() {
        assertThatThrownBy(() -> engine.apply(green("m1"), purchase("q1", "m1", "2025-04-01T10:00:00Z", "600.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event q1: the state of member m1 holds tier 'green', which program retail-test does not"
                        + " have; its tiers are " + TIERS + HINT);
    }

    @Test
    void a_redemption_on_a_state_whose_tier_the_program_does_not_have_is_refused_too_though_it_reads_no_tier() {
        assertThatThrownBy(() -> engine.apply(green("m1"), Redemption.of("x1", "m1", at("2025-04-01T10:00:00Z"), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event x1: the state of member m1 holds tier 'green', which program retail-test does not"
                        + " have; its tiers are " + TIERS + HINT);
    }

    @Test
    void a_state_whose_earned_status_beneath_a_paid_tier_the_program_does_not_have_is_refused() {
        // given: paid silver over an earned "green" (a tier of another ladder) stored beneath it
        MemberState state = green("m1").withTier(new org.loyaltyrules.core.tier.TierStatus("silver",
                org.loyaltyrules.core.tier.TierSource.PAID, at("2025-03-01T10:00:00Z"), at("2026-03-01T10:00:00Z"),
                null, at("2026-03-01T10:00:00Z"), new org.loyaltyrules.core.tier.TierStatus("green",
                org.loyaltyrules.core.tier.TierSource.EARNED, at("2025-03-01T10:00:00Z"),
                at("2026-01-01T00:00:00Z"), null, null)));

        // then: refused before the term's end would review a tier the ladder cannot rank
        assertThatThrownBy(() -> engine.apply(state, purchase("p1", "m1", "2025-04-01T10:00:00Z", "10.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event p1: the state of member m1 holds tier 'green' as the earned status beneath its paid"
                        + " silver, which program retail-test does not have; its tiers are " + TIERS + HINT);
    }

    @Test
    void a_state_stored_before_a_reload_that_renamed_its_tier_is_refused_until_it_is_migrated() {
        // given: m1 reaches gold, then the program renames gold to elite
        LoyaltyEngine reloaded = engine(retail("", ""));
        MemberState gold = reloaded.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "2500.00")).state();
        assertThat(gold.tier().tierId()).isEqualTo("gold");
        reloaded.reload(Program.of(ProgramJson.parse(retail("", "").replace("gold", "elite"), "test-program.json")));

        // then
        assertThatThrownBy(() -> reloaded.apply(gold, purchase("p2", "m1", "2025-03-02T10:00:00Z", "10.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event p2: the state of member m1 holds tier 'gold', which program retail-test does not"
                        + " have; its tiers are [member, silver, elite, platinum]" + HINT);
        assertThatThrownBy(() -> reloaded.reviewTiers(List.of(gold), at("2027-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the tier review at 2027-01-01T00:00:00Z: the state of member m1 holds tier 'gold', which"
                        + " program retail-test does not have; its tiers are [member, silver, elite, platinum]" + HINT);
    }

    @Test
    void a_state_stored_before_a_reload_that_changed_the_currency_is_refused_until_it_is_migrated() {
        // given: m1 buys in USD, then the program is reloaded in EUR (a refund of p1 threw a currency mismatch)
        LoyaltyEngine reloaded = engine(retail("", ""));
        MemberState dollars = reloaded.apply(null, purchase("p1", "m1", "2025-03-01T10:00:00Z", "100.00")).state();
        reloaded.reload(Program.of(ProgramJson.parse(retail("", "").replace("\"USD\"", "\"EUR\""),
                "test-program.json")));

        // then
        assertThatThrownBy(() -> reloaded.apply(dollars, org.loyaltyrules.core.event.Refund.of("r1", "m1",
                at("2025-03-02T10:00:00Z"), "p1", org.loyaltyrules.core.money.Money.of("10.00", "EUR"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event r1: the state of member m1 holds purchase p1 of 100.00 USD, but program retail-test"
                        + " counts in EUR. A state of another program, or stored before a reload that changed the"
                        + " currency? Migrate the stored members' money first");
        assertThatThrownBy(() -> reloaded.reviewTiers(List.of(dollars), at("2027-01-01T00:00:00Z")))
                .hasMessageStartingWith("the tier review at 2027-01-01T00:00:00Z: the state of member m1 holds"
                        + " purchase p1 of 100.00 USD, but program retail-test counts in EUR.");
    }

    @Test
    void a_replay_checks_every_initial_state_before_it_replays_any_member() {
        // given: m2 (no initial state) comes first; m1's initial state is of another program
        List<LoyaltyEvent> events = List.of(purchase("q2", "m2", "2025-04-01T10:00:00Z", "10.00"),
                purchase("q1", "m1", "2025-04-02T10:00:00Z", "10.00"),
                purchase("q0", "m1", "2025-04-01T10:00:00Z", "10.00"));
        List<Decision> seen = new ArrayList<>();

        // then: nothing is replayed; the message names m1's first event in time
        assertThatThrownBy(() -> engine.replay(Map.of("m1", green("m1")), events, null, seen::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event q0: the state of member m1 holds tier 'green', which program retail-test does not"
                        + " have; its tiers are " + TIERS + HINT);
        assertThat(seen).isEmpty();
    }

    @Test
    void a_state_of_another_program_whose_tier_this_program_also_has_is_not_detected() {
        // the documented limit: a tier id both ladders have does not tell the programs apart
        MemberState otherProgramsMember = MemberState.enrol("m1", at("2025-03-01T10:00:00Z"), "member");

        Decision decision = engine.apply(otherProgramsMember, purchase("q1", "m1", "2025-04-01T10:00:00Z", "10.00"));

        assertThat(decision.isApplied()).isTrue();
    }
}
