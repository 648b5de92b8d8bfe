package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event ids are global: a copy of an id sent for another member is refused DUPLICATE_EVENT_ID, naming the member the
 * id belongs to, and every command that replays refuses the same copies.
 */
class EventIdOfAnotherMemberTest {

    /**
     * p1: m2's copy is read first but m1's is earlier in event time, so p1 is m1's. t1: m3's purchase and m2's
     * redemption at the same instant, m3's read first, so t1 is m3's. m2's own o2 applies.
     */
    static final String EVENTS = """
            {"id":"p1","type":"purchase","member":"m2","at":"2025-03-08T10:00:00Z","amount":"30.00"}
            {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"100.00"}
            {"id":"t1","type":"purchase","member":"m3","at":"2025-03-05T10:00:00Z","amount":"40.00"}
            {"id":"t1","type":"redemption","member":"m2","at":"2025-03-05T10:00:00Z","points":5}
            {"id":"o2","type":"purchase","member":"m2","at":"2025-03-09T10:00:00Z","amount":"20.00"}
            """;

    static final String REJECTIONS = """
            event,member,code,detail
            t1,m2,DUPLICATE_EVENT_ID,"event t1 belongs to member m3, whose copy at 2025-03-05T10:00:00Z comes first; \
            event ids must be unique across members"
            p1,m2,DUPLICATE_EVENT_ID,"event p1 belongs to member m1, whose copy at 2025-03-01T10:00:00Z comes first; \
            event ids must be unique across members"
            """;

    @TempDir
    Path dir;

    private Path events(String content) throws IOException {
        return Files.writeString(dir.resolve("events.jsonl"), content);
    }

    private CliRun run(String content, String out, String... more) throws IOException {
        String[] args = {"run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events(content).toString(),
            "--out", dir.resolve(out).toString(), "--no-progress"};
        CliRun run = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.Arrays.stream(more)).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private JsonNode summary(String out) throws IOException {
        return new ObjectMapper().readTree(dir.resolve(out).resolve("summary.json").toFile());
    }

    @Test
    void a_copy_of_an_id_sent_for_another_member_is_refused_naming_the_member_whose_copy_comes_first_in_event_time()
            throws Exception {
        // when
        CliRun run = run(EVENTS, "out");

        // then: m1 earns 100, m3 40, m2 20 (its own o2 only), pending in the return window; m2's refusals in its
        // time order
        assertThat(Files.readString(dir.resolve("out/rejections.csv"))).isEqualTo(REJECTIONS);
        assertThat(run.out()).contains("  events     5 read, 3 applied, 2 rejected, 0 duplicates, 0 bad lines\n")
                .contains("  points     160 issued, 0 redeemed, 0 expired, 0 clawed back\n")
                .contains("  rejected   DUPLICATE_EVENT_ID 2\n");
        assertThat(Files.readString(dir.resolve("out/members.csv"))).isEqualTo("""
                member,tier,points_available,points_pending,points_earned,points_redeemed,points_expired,growth,status
                m1,member,0,100,100,0,0,100,ACTIVE
                m2,member,0,20,20,0,0,20,ACTIVE
                m3,member,0,40,40,0,0,40,ACTIVE
                """);
    }

    @Test
    void summary_json_counts_the_refused_copy_as_rejected_under_its_own_type() throws Exception {
        // when
        run(EVENTS, "out");

        // then
        JsonNode summary = summary("out");
        assertThat(summary.get("eventsByType").toString()).isEqualTo("{"
                + "\"purchase\":{\"read\":4,\"applied\":3,\"rejected\":1,\"duplicates\":0,\"amountApplied\":\"160.00\"},"
                + "\"redemption\":{\"read\":1,\"applied\":0,\"rejected\":1,\"duplicates\":0}}");
        assertThat(summary.get("counts").get("eventsRejected").asInt()).isEqualTo(2);
        assertThat(summary.get("rejectionsByCode").toString()).isEqualTo("{\"DUPLICATE_EVENT_ID\":2}");
    }

    @Test
    void the_owner_keeps_its_id_even_when_its_own_copy_is_refused() throws Exception {
        // when: m1's x1 (a redemption with no points yet) is refused; m2's later x1 is still m1's id
        run("""
                {"id":"x1","type":"redemption","member":"m1","at":"2025-03-01T10:00:00Z","points":10}
                {"id":"x1","type":"purchase","member":"m2","at":"2025-03-02T10:00:00Z","amount":"50.00"}
                """, "out");

        // then
        assertThat(Files.readString(dir.resolve("out/rejections.csv"))).isEqualTo("""
                event,member,code,detail
                x1,m1,INSUFFICIENT_POINTS,"requested 10, available 0"
                x1,m2,DUPLICATE_EVENT_ID,"event x1 belongs to member m1, whose copy at 2025-03-01T10:00:00Z comes \
                first; event ids must be unique across members"
                """);
    }

    @Test
    void members_replayed_on_several_threads_refuse_the_same_copies_as_on_one() throws Exception {
        // given: 60 members of 2 purchases each; m59 (in the last chunk of a parallel replay) sends m00's id a00
        // later, and m00 (in the first) sends m59's id a59 later
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            String m = "m%02d".formatted(i);
            events.append("{\"id\":\"a%02d\",\"type\":\"purchase\",\"member\":\"%s\",\"at\":\"2025-03-01T10:00:00Z\","
                    .formatted(i, m)).append("\"amount\":\"10.00\"}\n");
            events.append("{\"id\":\"b%02d\",\"type\":\"purchase\",\"member\":\"%s\",\"at\":\"2025-03-02T10:00:00Z\","
                    .formatted(i, m)).append("\"amount\":\"10.00\"}\n");
        }
        events.append("""
                {"id":"a00","type":"purchase","member":"m59","at":"2025-03-03T10:00:00Z","amount":"70.00"}
                {"id":"a59","type":"purchase","member":"m00","at":"2025-03-03T10:00:00Z","amount":"90.00"}
                """);

        // when
        run(events.toString(), "one", "--threads", "1");
        run(events.toString(), "four", "--threads", "4");

        // then
        assertThat(Files.readString(dir.resolve("one/rejections.csv"))).isEqualTo("""
                event,member,code,detail
                a59,m00,DUPLICATE_EVENT_ID,"event a59 belongs to member m59, whose copy at 2025-03-01T10:00:00Z comes \
                first; event ids must be unique across members"
                a00,m59,DUPLICATE_EVENT_ID,"event a00 belongs to member m00, whose copy at 2025-03-01T10:00:00Z comes \
                first; event ids must be unique across members"
                """);
        assertThat(summary("one").at("/totals/pointsIssued").asLong()).isEqualTo(1_200L);
        for (String file : new String[] {"rejections.csv", "members.csv", "ledger.csv", "summary.json"}) {
            assertThat(Files.readString(dir.resolve("four").resolve(file))).as(file)
                    .isEqualTo(Files.readString(dir.resolve("one").resolve(file)));
        }
    }

    @Test
    void report_shows_the_summary_of_run_with_the_refused_copies() throws Exception {
        // given
        run(EVENTS, "run");

        // when
        CliRun report = CliRun.of("report", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                events(EVENTS).toString(), "--out", dir.resolve("report").toString(), "--no-progress");

        // then
        assertThat(report.out()).contains("  events     5 read, 3 applied, 2 rejected, 0 duplicates, 0 bad lines\n"
                + "  members    3\n");
        JsonNode data = ReportCommandTest.embeddedData(Files.readString(dir.resolve("report/report.html")));
        assertThat(data.get("summary")).isEqualTo(summary("run"));
    }

    @Test
    void what_if_refuses_the_same_copies_under_both_programs() throws Exception {
        // when
        CliRun whatIf = CliRun.of("what-if", "--base", CliRun.DEMO_PROGRAM.toString(), "--candidate",
                CliRun.DEMO_PROGRAM.toString(), "--events", events(EVENTS).toString(), "--out",
                dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(whatIf.exitCode()).as(whatIf.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/what-if.json").toFile());
        for (String side : new String[] {"base", "candidate"}) {
            assertThat(json.get(side).get("eventsApplied").asInt()).as(side).isEqualTo(3);
            assertThat(json.get(side).get("eventsRejected").asInt()).as(side).isEqualTo(2);
            assertThat(json.get(side).get("pointsIssued").asLong()).as(side).isEqualTo(160L);
        }
    }

    @Test
    void insight_counts_only_the_members_an_applied_event_made() throws Exception {
        // when: m4's only event is a copy of m1's p1
        CliRun insight = CliRun.of("insight", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events(EVENTS
                + "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m4\",\"at\":\"2025-03-09T10:00:00Z\","
                + "\"amount\":\"10.00\"}\n").toString(), "--out", dir.resolve("out").toString(), "--no-progress");

        // then
        assertThat(insight.exitCode()).as(insight.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/insight.csv")).lines().skip(1).map(l -> l.split(",")[0]))
                .containsExactly("m1", "m2", "m3");
    }

    @Test
    void explain_shows_the_refused_copy_in_its_place_in_the_members_history() throws Exception {
        // when
        CliRun explain = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                events(EVENTS).toString(), "--member", "m2");

        // then
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("""
                2025-03-05T10:00:00Z redemption t1: REFUSED DUPLICATE_EVENT_ID (event t1 belongs to member m3, whose \
                copy at 2025-03-05T10:00:00Z comes first; event ids must be unique across members)
                  why: event t1 belongs to member m3, whose copy at 2025-03-05T10:00:00Z comes first; event ids must be \
                unique across members [rule "Refused: DUPLICATE_EVENT_ID", engine]
                2025-03-08T10:00:00Z purchase p1: REFUSED DUPLICATE_EVENT_ID (event p1 belongs to member m1, whose \
                copy at 2025-03-01T10:00:00Z comes first; event ids must be unique across members)
                  why: event p1 belongs to member m1, whose copy at 2025-03-01T10:00:00Z comes first; event ids must be \
                unique across members [rule "Refused: DUPLICATE_EVENT_ID", engine]
                2025-03-09T10:00:00Z purchase o2: APPLIED
                """).endsWith("final: tier member, 0 available, 20 pending, 20 earned, 0 redeemed, 0 expired, "
                + "status ACTIVE\n");
    }

    /** m1 sends p1 twice with different content, but m2's copy is earlier: p1 is m2's, neither of m1's copies counts. */
    static final String REPEATED_BY_A_MEMBER_IT_DOES_NOT_BELONG_TO = """
            {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"600.00"}
            {"id":"p1","type":"purchase","member":"m1","at":"2025-03-04T10:00:00Z","amount":"50.00"}
            {"id":"p1","type":"purchase","member":"m2","at":"2025-03-02T10:00:00Z","amount":"5.00"}
            """;

    static final String NEITHER_COPY_OF_M1_COUNTS = "warning: event p1 of member m1 is repeated once with different "
            + "content; no copy counts, each is refused DUPLICATE_EVENT_ID (event p1 belongs to member m2, whose copy "
            + "at 2025-03-02T10:00:00Z comes first; event ids must be unique across members)\n";

    @Test
    void explain_of_a_member_repeating_an_id_of_another_member_warns_that_no_copy_counts_and_says_why_each_is_refused()
            throws Exception {
        // when
        CliRun explain = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                events(REPEATED_BY_A_MEMBER_IT_DOES_NOT_BELONG_TO).toString(), "--member", "m1");

        // then: a why line for each refused copy, as for the engine's refusals, and a warning that is true
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.err()).isEqualTo(NEITHER_COPY_OF_M1_COUNTS);
        assertThat(explain.out()).isEqualTo("""
                member m1: 2 events in events.jsonl, program retail-basic 2026.1-demo
                2025-03-03T10:00:00Z purchase p1: REFUSED DUPLICATE_EVENT_ID (event p1 belongs to member m2, whose \
                copy at 2025-03-02T10:00:00Z comes first; event ids must be unique across members)
                  why: event p1 belongs to member m2, whose copy at 2025-03-02T10:00:00Z comes first; event ids must be \
                unique across members [rule "Refused: DUPLICATE_EVENT_ID", engine]
                2025-03-04T10:00:00Z purchase p1: REFUSED DUPLICATE_EVENT_ID (event p1 belongs to member m2, whose \
                copy at 2025-03-02T10:00:00Z comes first; event ids must be unique across members)
                  why: event p1 belongs to member m2, whose copy at 2025-03-02T10:00:00Z comes first; event ids must be \
                unique across members [rule "Refused: DUPLICATE_EVENT_ID", engine]
                final: no state (no event of member m1 was applied)
                """);
    }

    @Test
    void explain_of_the_member_an_id_belongs_to_warns_of_no_other_members_repeats() throws Exception {
        // when
        CliRun explain = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                events(REPEATED_BY_A_MEMBER_IT_DOES_NOT_BELONG_TO).toString(), "--member", "m2");

        // then
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.err()).isEmpty();
        assertThat(explain.out()).startsWith("""
                member m2: 1 event in events.jsonl, program retail-basic 2026.1-demo
                2025-03-02T10:00:00Z purchase p1: APPLIED
                """);
    }

    @Test
    void run_warns_the_same_and_rejections_csv_details_each_refused_copy_in_explains_words() throws Exception {
        // when
        CliRun run = run(REPEATED_BY_A_MEMBER_IT_DOES_NOT_BELONG_TO, "out");

        // then
        assertThat(run.err()).isEqualTo(NEITHER_COPY_OF_M1_COUNTS);
        assertThat(Files.readString(dir.resolve("out/rejections.csv"))).isEqualTo("""
                event,member,code,detail
                p1,m1,DUPLICATE_EVENT_ID,"event p1 belongs to member m2, whose copy at 2025-03-02T10:00:00Z comes \
                first; event ids must be unique across members"
                p1,m1,DUPLICATE_EVENT_ID,"event p1 belongs to member m2, whose copy at 2025-03-02T10:00:00Z comes \
                first; event ids must be unique across members"
                """);
    }
}
