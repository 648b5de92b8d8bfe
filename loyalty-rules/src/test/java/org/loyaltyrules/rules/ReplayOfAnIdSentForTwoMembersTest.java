package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.whatif.WhatIf;
import org.loyaltyrules.rules.whatif.WhatIfResult;

/**
 * Event ids are global (docs/decisions.md): {@link LoyaltyEngine#replay} refuses every other member's copy of an id
 * {@code DUPLICATE_EVENT_ID}, naming the member whose copy comes first in event time (input order on ties), as the
 * CLI does (EventIdOfAnotherMemberTest, the same history), and so does {@link WhatIf#compare}, which replays with it.
 */
class ReplayOfAnIdSentForTwoMembersTest {

    private static final Path RETAIL_BASIC = Path.of("../loyalty-examples/programs/retail-basic");
    private static final Instant END_OF_MARCH = Instant.parse("2025-03-31T23:59:59Z");

    /**
     * p1: m2's copy is read first but m1's is earlier in event time, so p1 is m1's. t1: m3's purchase and m2's
     * redemption at the same instant, m3's read first, so t1 is m3's. m2's own o2 applies.
     */
    private static final String EVENTS = """
            {"id":"p1","type":"purchase","member":"m2","at":"2025-03-08T10:00:00Z","amount":"30.00"}
            {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"100.00"}
            {"id":"t1","type":"purchase","member":"m3","at":"2025-03-05T10:00:00Z","amount":"40.00"}
            {"id":"t1","type":"redemption","member":"m2","at":"2025-03-05T10:00:00Z","points":5}
            {"id":"o2","type":"purchase","member":"m2","at":"2025-03-09T10:00:00Z","amount":"20.00"}
            """;

    private static final List<ReplayResult.Rejection> REFUSALS = List.of(
            new ReplayResult.Rejection("t1", "m2", "DUPLICATE_EVENT_ID", "event t1 belongs to member m3, whose copy "
                    + "at 2025-03-05T10:00:00Z comes first; event ids must be unique across members"),
            new ReplayResult.Rejection("p1", "m2", "DUPLICATE_EVENT_ID", "event p1 belongs to member m1, whose copy "
                    + "at 2025-03-01T10:00:00Z comes first; event ids must be unique across members"));

    private final Program program = Program.load(RETAIL_BASIC);

    private List<LoyaltyEvent> events() {
        return EventReader.forProgram(program.settings()).strict(true)
                .readJsonLines(new StringReader(EVENTS), "events.jsonl").events();
    }

    @Test
    void the_copy_of_another_members_id_is_refused_naming_the_owner_and_the_owners_copy_is_applied() {
        // given
        LoyaltyEngine engine = LoyaltyEngine.create(program);
        List<String> decided = new ArrayList<>();

        // when
        ReplayResult result = engine.replay(Map.of(), events(), null, d -> decided.add(d.eventId() + "/"
                + d.memberId()));

        // then: m2's copies are not evaluated (no decision), m1 earns p1's 100, m3 t1's 40, m2 its own o2's 20
        assertThat(result.rejections()).containsExactlyElementsOf(REFUSALS);
        assertThat(result.eventsApplied()).isEqualTo(3);
        assertThat(result.duplicates()).isZero();
        assertThat(decided).containsExactly("o2/m2", "p1/m1", "t1/m3");
        assertThat(result.postings()).extracting(Posting::eventId, Posting::memberId, Posting::points)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("o2", "m2", 20L),
                        org.assertj.core.groups.Tuple.tuple("p1", "m1", 100L),
                        org.assertj.core.groups.Tuple.tuple("t1", "m3", 40L));
        assertThat(result.members().get("m2").processedEventIds()).containsExactly("o2");
        assertThat(result.pointsIssued()).isEqualTo(java.math.BigInteger.valueOf(160));
    }

    @Test
    void the_same_copies_are_refused_on_one_thread_and_on_four() {
        // given
        LoyaltyEngine engine = LoyaltyEngine.create(program);
        List<LoyaltyEvent> events = events();

        // when
        ReplayResult one = engine.replay(Map.of(), events, END_OF_MARCH, d -> { }, 1);
        ReplayResult four = engine.replay(Map.of(), events, END_OF_MARCH, d -> { }, 4);

        // then
        assertThat(four).isEqualTo(one);
        assertThat(four.rejections()).containsExactlyElementsOf(REFUSALS);
        assertThat(engine.replay(events).rejections()).containsExactlyElementsOf(REFUSALS);
    }

    @Test
    void what_if_refuses_the_same_copies_under_both_programs_as_the_cli() {
        // when
        WhatIfResult result = WhatIf.compare(program, program, events(), END_OF_MARCH);

        // then: EventIdOfAnotherMemberTest.what_if_refuses_the_same_copies_under_both_programs gives these figures
        for (WhatIfResult.Side side : List.of(result.base(), result.candidate())) {
            assertThat(side.eventsApplied()).isEqualTo(3);
            assertThat(side.eventsRejected()).isEqualTo(2);
            assertThat(side.rejectionsByCode()).containsExactly(Map.entry("DUPLICATE_EVENT_ID", 2L));
            assertThat(side.pointsIssued()).isEqualTo(java.math.BigInteger.valueOf(160));
            assertThat(side.members()).isEqualTo(3);
        }
    }

    @Test
    void a_members_id_refusals_come_before_its_other_rejections() {
        // given: m1's p1 on 03-01; m2 redeems 500 points it does not have on 03-02, then sends its copy of p1 on 03-08
        List<LoyaltyEvent> events = EventReader.forProgram(program.settings()).strict(true).readJsonLines(
                new StringReader("""
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"100.00"}
                        {"id":"r2","type":"redemption","member":"m2","at":"2025-03-02T10:00:00Z","points":500}
                        {"id":"p1","type":"purchase","member":"m2","at":"2025-03-08T10:00:00Z","amount":"30.00"}
                        """), "events.jsonl").events();

        // when
        ReplayResult result = LoyaltyEngine.create(program).replay(events);

        // then: LoyaltyEngine.replay's javadoc: the DUPLICATE_EVENT_ID refusals come first among the member's
        // rejections, so m2's p1 of 03-08 is listed before its r2 of 03-02 (audit mutation10 L1 listed them in event
        // time and no test noticed)
        assertThat(result.rejections()).extracting(ReplayResult.Rejection::eventId, ReplayResult.Rejection::memberId,
                ReplayResult.Rejection::code).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("p1", "m2", "DUPLICATE_EVENT_ID"),
                        org.assertj.core.groups.Tuple.tuple("r2", "m2", "INSUFFICIENT_POINTS"));
    }
}
