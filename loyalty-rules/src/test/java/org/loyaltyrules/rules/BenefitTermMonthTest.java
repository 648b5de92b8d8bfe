package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.ProgramJson;

/** TERM_MONTH quotas count the months of the paid term of the tier the member holds. */
class BenefitTermMonthTest {

    /** svip and plus give 2 coupons a term month; no refund policy. */
    private final LoyaltyEngine engine = termMonthProgram("\"plus\", \"svip\"", 2, "");

    /**
     * Plans plus (10.00 for one month) and svip (100.00 for 12), and the coupon {@code cpn} for {@code tiers}, {@code
     * quota} a TERM_MONTH; {@code refund} is the membership's refund clause, if any.
     */
    private static LoyaltyEngine termMonthProgram(String tiers, int quota, String refund) {
        return LoyaltyEngine.create(Program.of(ProgramJson.parse("""
                {"id": "t", "version": "1", "earning": {"baseRate": "1"},
                 "tiers": {"ladder": [{"id": "member"}, {"id": "plus", "reachable": false}, {"id": "svip", "reachable": false}]},
                 "membership": {"plans": [{"tier": "plus", "price": "10.00", "termMonths": 1},
                                          {"tier": "svip", "price": "100.00", "termMonths": 12}]%s},
                 "benefits": [{"id": "cpn", "tiers": [%s], "quota": %d, "period": "TERM_MONTH"}]}
                """.formatted(refund, tiers, quota), "program.json")));
    }

    @Test
    void a_cheap_term_of_another_tier_bought_meanwhile_does_not_restart_the_held_tier_s_month() {
        // svip paid on 5 January; a one-month plus term bought on 10 January; the member stays svip
        Claims claims = claimOutcomes(engine, """
                {"id":"f1","type":"membership_fee","member":"m1","at":"2025-01-05T10:00:00Z","amount":"100.00","tier":"svip","termMonths":12}
                {"id":"c1","type":"benefit_claim","member":"m1","at":"2025-01-06T10:00:00Z","benefit":"cpn"}
                {"id":"c2","type":"benefit_claim","member":"m1","at":"2025-01-07T10:00:00Z","benefit":"cpn"}
                {"id":"f2","type":"membership_fee","member":"m1","at":"2025-01-10T10:00:00Z","amount":"10.00","tier":"plus","termMonths":1}
                {"id":"c3","type":"benefit_claim","member":"m1","at":"2025-01-11T10:00:00Z","benefit":"cpn"}
                {"id":"c4","type":"benefit_claim","member":"m1","at":"2025-02-06T10:00:00Z","benefit":"cpn"}
                """);

        // svip's months run from the 5th: 2 in the first (c3 the third), a new one from 5 February
        assertThat(claims.outcomes()).containsExactly("c1 granted", "c2 granted",
                "c3 cpn: quota of 2 per term month is used up", "c4 granted");
        assertThat(claims.state().tier().tierId()).isEqualTo("svip");
    }

    /** The same plans, refunded in full, with members outside a paid term given the coupon too. */
    private static LoyaltyEngine everyMemberRefundedInFull(int quota) {
        return termMonthProgram("\"member\", \"plus\", \"svip\"", quota, ",\n \"refund\": {\"policy\": \"FULL\"}");
    }

    /** Each claim's outcome ("granted" or the refusal's detail), and the member's state after the last event. */
    private record Claims(List<String> outcomes, MemberState state) {
    }

    private static Claims claimOutcomes(LoyaltyEngine engine, String jsonLines) {
        List<LoyaltyEvent> events = EventReader.of(ZoneOffset.UTC, Currency.getInstance("USD")).readJsonLines(
                new StringReader(jsonLines), "t.jsonl").events();
        MemberState state = null;
        List<String> outcomes = new ArrayList<>();
        for (LoyaltyEvent event : events) {
            Decision d = engine.apply(state, event);
            state = d.isApplied() ? d.state() : state;
            if (event.id().startsWith("c")) {
                outcomes.add(event.id() + " " + (d.isApplied() ? "granted" : d.refusal().detail()));
            }
        }
        return new Claims(outcomes, state);
    }

    @Test
    void a_refunded_term_no_longer_anchors_the_months() {
        // given: a member since 20 December 2024; svip paid on 5 January and refunded in full on 21 January
        LoyaltyEngine engine = everyMemberRefundedInFull(2);

        // when
        List<String> outcomes = claimOutcomes(engine, """
                {"id":"p0","type":"purchase","member":"m1","at":"2024-12-20T10:00:00Z","amount":"1.00"}
                {"id":"f1","type":"membership_fee","member":"m1","at":"2025-01-05T10:00:00Z","amount":"100.00","tier":"svip","termMonths":12}
                {"id":"c1","type":"benefit_claim","member":"m1","at":"2025-01-06T10:00:00Z","benefit":"cpn"}
                {"id":"c2","type":"benefit_claim","member":"m1","at":"2025-01-07T10:00:00Z","benefit":"cpn"}
                {"id":"r1","type":"fee_refund","member":"m1","at":"2025-01-21T10:00:00Z","original":"f1"}
                {"id":"c3","type":"benefit_claim","member":"m1","at":"2025-01-25T10:00:00Z","benefit":"cpn"}
                """).outcomes();

        // then: a fee refunded before the claim runs no more (docs/rule-authoring.md), so c3 counts in the month from
        // the membership start, 20 January to 20 February, still unused (audit mutation12 A3 kept the refunded term's
        // month from 5 January, where c1 and c2 had used the quota)
        assertThat(outcomes).containsExactly("c1 granted", "c2 granted", "c3 granted");
    }

    @Test
    void at_its_end_instant_a_term_no_longer_anchors_the_months() {
        // given: a member since 1 January; plus paid for one month on 10 January 10:00, so the term ends on 10
        // February 10:00; one coupon a month
        LoyaltyEngine engine = everyMemberRefundedInFull(1);

        // when: claims at exactly the term's end and a day later
        List<String> outcomes = claimOutcomes(engine, """
                {"id":"p0","type":"purchase","member":"m1","at":"2025-01-01T10:00:00Z","amount":"1.00"}
                {"id":"f1","type":"membership_fee","member":"m1","at":"2025-01-10T10:00:00Z","amount":"10.00","tier":"plus","termMonths":1}
                {"id":"c1","type":"benefit_claim","member":"m1","at":"2025-02-10T10:00:00Z","benefit":"cpn"}
                {"id":"c2","type":"benefit_claim","member":"m1","at":"2025-02-11T10:00:00Z","benefit":"cpn"}
                """).outcomes();

        // then: a term runs up to its end instant, exclusive, so both claims fall in the membership month 1 February
        // to 1 March and the second is refused (audit mutation12 A2 counted c1 in the term's month and granted c2 too)
        assertThat(outcomes).containsExactly("c1 granted", "c2 cpn: quota of 1 per term month is used up");
    }

    @Test
    void of_two_running_terms_of_listed_tiers_the_latest_anchors_the_months() {
        // given: gold earned in December (no plan), then plus paid on 5 January and svip on 20 January; the coupon
        // lists all three, one a term month
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse("""
                {"id": "t", "version": "1", "earning": {"baseRate": "1"}, "growth": {"rates": {"growth": "1"}},
                 "tiers": {"metric": "growth", "window": {"type": "CALENDAR_YEAR"}, "validity": "END_OF_NEXT_WINDOW",
                   "downgrade": "TO_EARNED_LEVEL",
                   "ladder": [{"id": "member", "threshold": "0"}, {"id": "plus", "threshold": "1000"},
                              {"id": "svip", "threshold": "2000"}, {"id": "gold", "threshold": "3000"}]},
                 "membership": {"plans": [{"tier": "plus", "price": "10.00", "termMonths": 12},
                                          {"tier": "svip", "price": "100.00", "termMonths": 12}],
                                "refund": {"policy": "FULL"}},
                 "benefits": [{"id": "cpn", "tiers": ["plus", "svip", "gold"], "quota": 1, "period": "TERM_MONTH"}]}
                """, "program.json")));

        // when
        Claims claims = claimOutcomes(engine, """
                {"id":"p0","type":"purchase","member":"m1","at":"2024-12-02T10:00:00Z","amount":"3000.00"}
                {"id":"f1","type":"membership_fee","member":"m1","at":"2025-01-05T10:00:00Z","amount":"10.00","tier":"plus","termMonths":12}
                {"id":"f2","type":"membership_fee","member":"m1","at":"2025-01-20T10:00:00Z","amount":"100.00","tier":"svip","termMonths":12}
                {"id":"c1","type":"benefit_claim","member":"m1","at":"2025-02-03T10:00:00Z","benefit":"cpn"}
                {"id":"c2","type":"benefit_claim","member":"m1","at":"2025-02-07T10:00:00Z","benefit":"cpn"}
                """);

        // then: gold has no term, so the latest running term of a listed tier, svip's from 20 January, anchors the
        // months (docs/rule-authoring.md, TERM_MONTH); c1 and c2 fall in its month 20 January to 20 February (audit
        // 13, A4: the earliest, plus's from 5 January, put them in two months and granted both)
        assertThat(claims.outcomes()).containsExactly("c1 granted", "c2 cpn: quota of 1 per term month is used up");
        assertThat(claims.state().tier().tierId()).isEqualTo("gold");
    }
}
