package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
                  why: not a benefit of tier member [rule "Claims for a benefit outside the member's tier are refused" at standard:benefit/claims.drl:42]
                  why: free-delivery: not a benefit of tier member [rule "Refused: BENEFIT_REFUSED", engine]
                2025-03-03T12:00:00Z redemption x2: REFUSED INSUFFICIENT_POINTS (requested 1000, available 0)
                  why: requested 1000, available 0 [rule "Refused: INSUFFICIENT_POINTS", engine]
                final: tier member, 0 available, 20 pending, 20 earned, 0 redeemed, 0 expired, status ACTIVE
                """);
        assertThat(run.err()).isEqualTo("events.jsonl:5 field amount: must be a decimal number, was \"abc\"\n");
    }

    @Test
    void explaining_a_member_without_events_is_a_usage_error() {
        // when
        CliRun run = CliRun.of("explain", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.EVENTS.toString(), "--member", "nobody");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("events.jsonl:5 field amount: must be a decimal number, was \"abc\"\n"
                + "no events of member nobody in events.jsonl up to 2025-03-03T12:00:00Z\n"
                + "Try 'loyalty explain --help' for more information.\n");
    }
}
