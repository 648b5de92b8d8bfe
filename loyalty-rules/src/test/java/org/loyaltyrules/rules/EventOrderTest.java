package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.member.MemberState;

/** The disorder policy: apply() refuses a member's late events; replay() re-sequences them by event time. */
class EventOrderTest {

    private final LoyaltyEngine engine = engine(retail("", ""));

    @Test
    void an_event_older_than_the_members_last_event_is_refused_and_changes_nothing() {
        // enrolled on 1 March, so p1 (3 March) is after the enrolment and only older than p2 (EventsBeforeEnrolmentTest)
        MemberState enrolled = engine.apply(null, purchase("p0", "m1", "2025-03-01T09:00:00Z", "10.00")).state();
        MemberState state = engine.apply(enrolled, purchase("p2", "m1", "2025-03-05T10:00:00Z", "100.00")).state();

        Decision late = engine.apply(state, purchase("p1", "m1", "2025-03-03T10:00:00Z", "50.00"));

        assertThat(late.refusal()).isEqualTo(new Refusal("OUT_OF_ORDER", "event p1 at 2025-03-03T10:00:00Z is before "
                + "member m1's last event at 2025-03-05T10:00:00Z; replay the member's history in time order"));
        assertThat(late.state()).isEqualTo(state);
    }

    @Test
    void events_at_the_same_instant_are_accepted_in_arrival_order() {
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-05T10:00:00Z", "100.00")).state();

        Decision same = engine.apply(state, purchase("p2", "m1", "2025-03-05T10:00:00Z", "50.00"));

        assertThat(same.isApplied()).isTrue();
        assertThat(same.state().pointsAvailable()).isEqualTo(150L);
    }

    @Test
    void replay_re_sequences_each_members_events_by_time_so_arrival_order_does_not_matter() {
        List<LoyaltyEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(purchase("p" + i, "m" + (i % 3), "2025-03-%02dT10:00:00Z".formatted(i + 1), (i * 37 % 400) + ".00"));
        }
        List<LoyaltyEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new java.util.Random(7));

        ReplayResult inOrder = engine.replay(events);
        ReplayResult outOfOrder = engine.replay(shuffled);

        assertThat(outOfOrder.members()).isEqualTo(inOrder.members());
        assertThat(outOfOrder.rejections()).isEmpty();
    }

    @Test
    void a_replay_keeps_events_of_the_same_instant_in_input_order_so_a_refund_sent_before_its_purchase_is_refused() {
        // given: a purchase and its full refund at the same instant
        LoyaltyEvent purchase = purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00");
        LoyaltyEvent refund = org.loyaltyrules.core.event.Refund.of("r1", "m1", Programs.at("2025-03-03T10:00:00Z"),
                "p1", org.loyaltyrules.core.money.Money.of("100.00", "USD"));

        // when
        ReplayResult purchaseFirst = engine.replay(List.of(purchase, refund));
        ReplayResult refundFirst = engine.replay(List.of(refund, purchase));

        // then: the tie is not reordered, so the two arrival orders replay to different states
        assertThat(purchaseFirst.rejections()).isEmpty();
        assertThat(purchaseFirst.members().get("m1").pointsAvailable()).isEqualTo(0L);
        assertThat(refundFirst.rejections()).extracting(ReplayResult.Rejection::eventId, ReplayResult.Rejection::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", "UNKNOWN_PURCHASE"));
        assertThat(refundFirst.members().get("m1").pointsAvailable()).isEqualTo(100L);
    }

    @Test
    void a_parallel_replay_gives_exactly_the_sequential_result() {
        List<LoyaltyEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(purchase("p" + i, "m" + (i % 17), "2025-%02d-%02dT10:00:00Z".formatted(1 + i % 12, 1 + i % 28),
                    (i * 53 % 900) + ".50"));
        }

        ReplayResult sequential = engine.replay(java.util.Map.of(), events, Programs.at("2027-06-01T00:00:00Z"), d -> { });
        ReplayResult parallel = engine.replay(java.util.Map.of(), events, Programs.at("2027-06-01T00:00:00Z"), d -> { }, 2);

        assertThat(parallel).isEqualTo(sequential);
        assertThat(LoyaltyEngine.liveSessions()).isZero();
    }

    @Test
    void a_purchase_with_more_lines_than_the_engine_evaluates_is_refused() {
        List<PurchaseLine> lines = Collections.nCopies(Evaluation.MAX_LINES + 1, Programs.line("A", "c", "0.01"));
        Purchase huge = purchase("p1", "m1", "2025-03-05T10:00:00Z", "200.00").withLines(lines);

        Decision decision = engine.apply(null, huge);

        assertThat(decision.refusal()).isEqualTo(new Refusal("EVENT_TOO_LARGE",
                "purchase p1 has 10001 lines; at most 10000 are evaluated"));
    }
}
