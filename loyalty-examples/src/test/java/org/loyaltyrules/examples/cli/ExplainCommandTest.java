package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {

    @Test
    void explain_tells_one_members_events_postings_rules_with_file_and_line_and_refusals() {
        // when
        CliRun run = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--member", "m2");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("""
                member m2: 3 events in events.jsonl, program retail-basic 2026.1-demo
                2025-03-01T12:00:00Z purchase p3: APPLIED
                  EARN            +20 base 1 per unit on eligible 20.00 = 20
                  why: base 1 per unit on eligible 20.00 = 20 [rule "Purchases earn base points at the program rate" at standard:earning/base-earn.drl:9]
                2025-03-02T12:00:00Z benefit_claim b1: REFUSED BENEFIT_REFUSED (free-delivery: not a benefit of tier member)
                  why: not a benefit of tier member [rule "Claims for a benefit outside the member's tier are refused" at standard:benefit/claims.drl:46]
                  why: free-delivery: not a benefit of tier member [rule "Refused: BENEFIT_REFUSED", engine]
                2025-03-03T12:00:00Z redemption x2: REFUSED INSUFFICIENT_POINTS (requested 1000, available 0 (20 pending, the first available on 2025-03-15))
                  why: requested 1000, available 0 (20 pending, the first available on 2025-03-15) [rule "Refused: INSUFFICIENT_POINTS", engine]
                final: tier member, 0 available, 20 pending, 20 earned, 0 redeemed, 0 expired, status ACTIVE
                """);
        // m1's p1, repeated with different content, is m1's to be warned about (RunCommandTest), not m2's
        assertThat(run.err()).isEqualTo("events.jsonl:5 field amount: must be a decimal number, was \"abc\"\n"
                + "events: 1 bad line skipped (listed above)\n");
    }

    @Test
    void an_as_of_date_shows_the_review_as_that_day_not_as_a_nanosecond_instant() {
        // when: as of 2025-02-20, p2's points (250 - 50 refunded) have left their 14-day return window
        CliRun run = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--member", "m1", "--as-of", "2025-02-20");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).endsWith("""
                2025-02-20 (end of day, UTC) time passes to the review date: points activate and expire, tiers are reviewed
                  ACTIVATE        +200 200 points became available after the return window
                  why: review on 2025-02-20: silver kept, valid until 2026-01-10; no review was due (the next on 2026-02-09) [rule "Tier reviews run when status lapses", engine]
                final: tier silver, 500 available, 0 pending, 550 earned, 0 redeemed, 0 expired, status ACTIVE
                """);
    }

    @Test
    void a_tier_move_and_a_redemption_are_shown_and_counted_in_the_final_line(@TempDir Path dir) throws Exception {
        // given: $600 (past silver's 500), then 100 points redeemed once the 14-day return window has passed
        Path events = Files.writeString(dir.resolve("e.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"600.00","currency":"USD"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-02-01T10:00:00Z","points":100}
                """);

        // when
        CliRun run = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--member", "m1");

        // then: the move reads from member to silver, and 600 earned - 100 redeemed = 500 available (audit
        // mutation7 E1 swapped from and to, E2 printed the expired total as redeemed: no explain test had either)
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out().lines()).contains("  tier member -> silver at 2025-01-02T10:00:00Z (UPGRADE): growth 600 "
                + "in window reaches silver threshold 500");
        assertThat(run.out()).endsWith("final: tier silver, 500 available, 0 pending, 600 earned, 100 redeemed, "
                + "0 expired, status ACTIVE\n");
    }

    @Test
    void explaining_a_member_without_events_is_a_usage_error() {
        // when
        CliRun run = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--member", "nobody");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("events.jsonl:5 field amount: must be a decimal number, was \"abc\"\n"
                + "events: 1 bad line skipped (listed above)\n"
                + "no events of member nobody in events.jsonl up to 2025-03-03T12:00:00Z\n"
                + "Try 'loyalty explain --help' for more information.\n");
    }

    @Test
    void a_repeated_event_id_is_shown_at_its_own_time_as_changing_nothing_and_a_changed_repeat_says_so(
            @TempDir Path dir) throws Exception {
        // given: p1 sent twice unchanged, then once more with another amount on another day
        String p1 = "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2024-01-05T10:00:00Z\","
                + "\"amount\":\"120.00\",\"currency\":\"USD\"}\n";
        Path events = Files.writeString(dir.resolve("dup.jsonl"), p1 + p1
                + p1.replace("2024-01-05", "2024-01-06").replace("120.00", "999.00"));

        // when
        CliRun run = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(),
                "--member", "m1");

        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("""
                member m1: 3 events in dup.jsonl, program retail-basic 2026.1-demo
                2024-01-05T10:00:00Z purchase p1: APPLIED
                  EARN            +120 base 1 per unit on eligible 120.00 = 120
                  why: base 1 per unit on eligible 120.00 = 120 [rule "Purchases earn base points at the program rate" at standard:earning/base-earn.drl:9]
                2024-01-05T10:00:00Z purchase p1: DUPLICATE (id already processed): changes nothing
                2024-01-06T10:00:00Z purchase p1: DUPLICATE (id already processed; this event differs from the first with this id): changes nothing
                final: tier member, 0 available, 120 pending, 120 earned, 0 redeemed, 0 expired, status ACTIVE
                """);
    }

    @Test
    void an_event_whose_rule_fails_is_shown_in_its_place_and_the_member_goes_on_from_the_state_before_it(
            @TempDir Path dir) throws Exception {
        // given: the demo program plus a rule that divides by zero on purchases over 100
        Path program = CliRun.demoProgramWithABrokenRule(dir);
        String p = "{\"id\":\"ID\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"AT\",\"amount\":\"AMOUNT\"}\n";
        Path events = Files.writeString(dir.resolve("e.jsonl"),
                p.replace("ID", "p1").replace("AT", "2024-01-05T10:00:00Z").replace("AMOUNT", "50.00")
                        + p.replace("ID", "p2").replace("AT", "2024-01-06T10:00:00Z").replace("AMOUNT", "200.00")
                        + p.replace("ID", "p3").replace("AT", "2024-01-07T10:00:00Z").replace("AMOUNT", "30.00"));

        // when
        CliRun run = CliRun.of("explain", "--program", program.toString(), "--events", events.toString(),
                "--member", "m1");

        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        String[] lines = run.out().split("\n");
        assertThat(lines[4]).startsWith("2024-01-06T10:00:00Z purchase p2: RULE_FAILED ")
                .contains("Large purchases break");
        assertThat(lines[5]).isEqualTo("2024-01-07T10:00:00Z purchase p3: APPLIED");
        assertThat(lines[lines.length - 1])
                .isEqualTo("final: tier member, 0 available, 80 pending, 80 earned, 0 redeemed, 0 expired, status ACTIVE");
    }
}
