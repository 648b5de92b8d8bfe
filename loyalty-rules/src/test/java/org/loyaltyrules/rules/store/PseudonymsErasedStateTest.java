package org.loyaltyrules.rules.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.points.EarnLine;
import org.loyaltyrules.core.points.LedgerOutcome;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;

/**
 * What erasure forgets and what it keeps (Pseudonyms.erased, docs/embedding.md): the person (id, tags, attributes,
 * survey answer, the reasons typed on adjustments) goes; the points and their history stay for finance. Until now only
 * loyalty-jdbc's store tests looked at the erased state (audit mutation10 P2: the tags kept; mutation12 X2/X4).
 */
class PseudonymsErasedStateTest {

    private static final Instant JAN = Instant.parse("2025-01-10T10:00:00Z");
    private static final Instant FEB = Instant.parse("2025-02-10T10:00:00Z");
    private static final String PSEUDONYM = "erased-ec2856ac4ff91608a28c644bace9cd92";

    @Test
    void erasure_forgets_tags_attributes_survey_answer_and_adjustment_reasons_and_keeps_the_points() {
        // given: m1 tagged vip, with an e-mail address, a survey score of 9, 120 points earned and 30 given by hand
        // with a reason that names the person
        MemberState m1 = MemberState.enrol("m1", JAN, "member")
                .withTags(Set.of("vip"))
                .withAttributes(Map.of("email", "ann@example.com"))
                .withSurveyScore(9);
        m1 = m1.withLedger(m1.ledger().earn("p1", JAN, JAN, null, false,
                List.of(new EarnLine("Purchases earn base points", 120, "1 point per USD"))));
        m1 = m1.withLedger(((LedgerOutcome.Applied) m1.ledger()
                .adjust("adj1", FEB, 30, null, "service", "Ann called about her parcel")).ledger());

        // when
        MemberState erased = Pseudonyms.erased(m1, PSEUDONYM);

        // then
        assertThat(erased.memberId()).isEqualTo(PSEUDONYM);
        assertThat(erased.tags()).isEmpty();
        assertThat(erased.attributes()).isEmpty();
        assertThat(erased.surveyScore()).isNull();
        assertThat(erased.status()).isEqualTo(MemberStatus.CLOSED);
        assertThat(erased.pointsAvailable()).isEqualTo(150);
        assertThat(erased.ledger().totals()).isEqualTo(m1.ledger().totals());
        assertThat(erased.ledger().postings()).extracting(Posting::eventId, Posting::memberId, Posting::type,
                        Posting::points, Posting::explanation)
                .containsExactly(
                        tuple("p1", PSEUDONYM, PostingType.EARN, 120L, "1 point per USD"),
                        tuple("adj1", PSEUDONYM, PostingType.ADJUST, 30L,
                                Pseudonyms.ERASED_REASON));
    }
}
