package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.member.MemberState;

/**
 * A member's events start at its enrolment, however it was enrolled ({@code newMember}, an enrollment event or its
 * first event), and a later enrollment of an enrolled member keeps the enrolment and says so (docs/semantics.md §14).
 */
class EventsBeforeEnrolmentTest {

    private final LoyaltyEngine engine = engine(retail("", ""));

    @Test
    void a_purchase_dated_before_a_new_members_enrolment_is_refused_out_of_order_naming_the_enrolment() {
        // given
        MemberState enrolled = engine.newMember("m6", at("2025-06-01T00:00:00Z"));

        // when
        Decision early = engine.apply(enrolled, purchase("pb", "m6", "2025-05-01T10:00:00Z", "50.00"));

        // then
        assertThat(early.outcome()).isEqualTo(Decision.Outcome.REFUSED);
        assertThat(early.refusal()).isEqualTo(new Refusal("OUT_OF_ORDER", "event pb at 2025-05-01T10:00:00Z is before"
                + " member m6's enrolment at 2025-06-01T00:00:00Z (a member the engine has not seen is enrolled at its"
                + " first event); enrol the member at or before its first event and replay its history in time order"));
        assertThat(early.pointsAwarded()).isZero();
        assertThat(early.state()).isEqualTo(enrolled);
    }

    @Test
    void a_purchase_dated_before_an_enrollment_event_is_refused_as_before_a_new_members_enrolment() {
        // given: the same member enrolled on 1 June, once by an enrollment event and once by newMember
        MemberState enrolled = engine.apply(null, Enrollment.of("e6", "m6", at("2025-06-01T00:00:00Z"))).state();
        MemberState created = engine.newMember("m6", at("2025-06-01T00:00:00Z"));

        // when
        Decision early = engine.apply(enrolled, purchase("pb", "m6", "2025-05-01T10:00:00Z", "50.00"));
        Decision earlyForCreated = engine.apply(created, purchase("pb", "m6", "2025-05-01T10:00:00Z", "50.00"));

        // then: the same refusal, code and detail, on both paths
        assertThat(early.refusal()).isEqualTo(earlyForCreated.refusal());
        assertThat(early.refusal().code()).isEqualTo("OUT_OF_ORDER");
        assertThat(early.state()).isEqualTo(enrolled);
    }

    @Test
    void a_purchase_at_the_instant_of_the_enrolment_is_applied() {
        MemberState enrolled = engine.newMember("m6", at("2025-06-01T00:00:00Z"));

        Decision first = engine.apply(enrolled, purchase("pb", "m6", "2025-06-01T00:00:00Z", "50.00"));

        assertThat(first.pointsAwarded()).isEqualTo(50L);
        assertThat(first.state().enrolledAt()).isEqualTo(at("2025-06-01T00:00:00Z"));
        assertThat(first.state().lastEventAt()).isEqualTo(at("2025-06-01T00:00:00Z"));
    }

    @Test
    void an_enrollment_dated_before_the_purchase_that_enrolled_the_member_is_refused_naming_the_enrolment() {
        // given: the first till purchase enrolled the member; the CRM's enrolment arrives later, dated earlier
        MemberState member = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();

        // when
        Decision late = engine.apply(member, Enrollment.of("e1", "m1", at("2025-03-01T09:00:00Z")));

        // then
        assertThat(late.refusal()).isEqualTo(new Refusal("OUT_OF_ORDER", "event e1 at 2025-03-01T09:00:00Z is before"
                + " member m1's enrolment at 2025-03-03T10:00:00Z (a member the engine has not seen is enrolled at its"
                + " first event); enrol the member at or before its first event and replay its history in time order"));
        assertThat(late.state()).isEqualTo(member);
    }

    @Test
    void an_enrollment_of_an_enrolled_member_keeps_the_enrolment_and_says_it_changes_nothing() {
        // given
        MemberState member = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();

        // when
        Decision again = engine.apply(member, Enrollment.of("e2", "m1", at("2025-04-01T10:00:00Z")));

        // then
        assertThat(again.outcome()).isEqualTo(Decision.Outcome.APPLIED);
        assertThat(again.postings()).isEmpty();
        assertThat(again.state().enrolledAt()).isEqualTo(at("2025-03-03T10:00:00Z"));
        assertThat(again.state().membershipStart()).isEqualTo(at("2025-03-03T10:00:00Z"));
        assertThat(again.state().processedEventIds()).containsExactly("p1", "e2");
        assertThat(again.explanations()).containsExactly(new Explanation("A member is enrolled once", "", 0,
                "a later enrollment keeps the enrolment date; it only sets attributes and assigns a manual tier",
                Map.of("enrolledAt", "2025-03-03T10:00:00Z", "event", "e2"),
                "member m1 is already enrolled, since 2025-03-03T10:00:00Z; enrollment e2 changes nothing"));
    }

    @Test
    void an_enrollment_of_an_enrolled_member_with_a_tier_and_attributes_says_what_it_did() {
        // given
        MemberState member = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).state();

        // when
        Decision again = engine.apply(member, new Enrollment("e2", "m1", at("2025-04-01T10:00:00Z"), "gold",
                Map.of("store", "s9", "crm", "c1")));

        // then
        assertThat(again.state().enrolledAt()).isEqualTo(at("2025-03-03T10:00:00Z"));
        assertThat(again.state().tier().tierId()).isEqualTo("gold");
        assertThat(again.state().attributes()).isEqualTo(Map.of("store", "s9", "crm", "c1"));
        assertThat(again.explanations()).extracting(Explanation::sentence).containsExactly(
                "member m1 assigned tier gold (floor: reviews never go below it)",
                "member m1 is already enrolled, since 2025-03-03T10:00:00Z; enrollment e2 only sets attributes"
                        + " [crm, store] and assigns tier gold");
    }
}
