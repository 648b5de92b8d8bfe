package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loyalty run} on a small JSON Lines history of the retail-basic demo program: m1 buys 300 then 250 (crossing
 * silver at 550 growth), gets 50 refunded, redeems 100; m2 buys 20, claims a gold benefit and over-redeems; line 5
 * has a bad amount and line 9 repeats p1. Expected values follow docs/semantics: 1 point per $, FLOOR, 14 pending
 * days, upgrade on the crossing event, proportional clawback.
 */
class RunCommandTest {

    @TempDir
    static Path dir;
    static CliRun run;

    @BeforeAll
    static void runOnce() {
        run = CliRun.of("run", "--program", CliRun.DEMO_PROGRAM.toString(), "--events", CliRun.EVENTS.toString(),
                "--out", dir.resolve("out").toString(), "--no-progress");
    }

    private static String file(String name) throws Exception {
        return Files.readString(dir.resolve("out").resolve(name));
    }

    @Test
    void a_run_with_a_bad_line_succeeds_and_reports_the_line_on_stderr() {
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).isEqualTo("events.jsonl:5 field amount: must be a decimal number, was \"abc\"\n"
                + "events: 1 bad line skipped (listed above)\n"
                + "warning: event p1 of member m1 is repeated once with different content; only the first copy that applies counts (a refused copy does not), later ones are duplicates and change nothing\n");
    }

    @Test
    void members_csv_has_one_row_per_member_with_points_growth_and_status() throws Exception {
        assertThat(file("members.csv")).isEqualTo("""
                member,tier,points_available,points_pending,points_earned,points_redeemed,points_expired,growth,status
                m1,silver,400,0,550,100,0,500,ACTIVE
                m2,member,0,20,20,0,0,20,ACTIVE
                """);
    }

    @Test
    void ledger_csv_lists_every_posting_per_member_in_processing_order() throws Exception {
        assertThat(file("ledger.csv")).isEqualTo("""
                event,member,at,type,points,rule,explanation
                p1,m1,2025-01-10T10:00:00Z,EARN,300,Purchases earn base points at the program rate,base 1 per unit on eligible 300.00 = 300
                p1,m1,2025-01-24T10:00:00Z,ACTIVATE,300,,300 points became available after the return window
                p2,m1,2025-02-01T10:00:00Z,EARN,250,Purchases earn base points at the program rate,base 1 per unit on eligible 250.00 = 250
                r1,m1,2025-02-05T10:00:00Z,CLAWBACK,-50,Refunds claw back points and growth in proportion,refund of 50.00 USD of purchase p2 (250.00 USD) claws back 50 of 250 points and growth 50 of 250
                p2,m1,2025-02-15T10:00:00Z,ACTIVATE,200,,200 points became available after the return window
                x1,m1,2025-03-01T10:00:00Z,REDEEM,-100,"Redemptions spend available points, soonest-expiring first",redeemed 100 points for mug
                p3,m2,2025-03-01T12:00:00Z,EARN,20,Purchases earn base points at the program rate,base 1 per unit on eligible 20.00 = 20
                """);
    }

    @Test
    void tier_changes_csv_names_the_upgrade_and_why() throws Exception {
        assertThat(file("tier_changes.csv")).isEqualTo("""
                member,at,from,to,reason
                m1,2025-02-01T10:00:00Z,member,silver,UPGRADE: growth 550 in window reaches silver threshold 500
                """);
    }

    @Test
    void rejections_csv_lists_each_refused_event_with_its_code_and_why() throws Exception {
        assertThat(file("rejections.csv")).isEqualTo("""
                event,member,code,detail
                b1,m2,BENEFIT_REFUSED,free-delivery: not a benefit of tier member
                x2,m2,INSUFFICIENT_POINTS,"requested 1000, available 0 (20 pending, the first available on 2025-03-15)"
                """);
    }

    @Test
    void summary_json_counts_totals_liability_tier_mix_cost_and_rejections() throws Exception {
        assertThat(file("summary.json")).isEqualTo("""
                {
                  "program" : {
                    "id" : "retail-basic",
                    "version" : "2026.1-demo",
                    "currency" : "USD",
                    "reward" : "POINTS"
                  },
                  "input" : {
                    "file" : "events.jsonl",
                    "format" : "jsonl",
                    "records" : 9
                  },
                  "asOf" : "2025-03-03T12:00:00Z",
                  "counts" : {
                    "badLines" : 1,
                    "eventsRead" : 8,
                    "eventsAfterAsOf" : 0,
                    "eventsApplied" : 5,
                    "eventsRejected" : 2,
                    "duplicates" : 1,
                    "members" : 2
                  },
                  "eventsByType" : {
                    "benefit_claim" : {
                      "read" : 1,
                      "applied" : 0,
                      "rejected" : 1,
                      "duplicates" : 0
                    },
                    "purchase" : {
                      "read" : 4,
                      "applied" : 3,
                      "rejected" : 0,
                      "duplicates" : 1,
                      "amountApplied" : "570.00"
                    },
                    "redemption" : {
                      "read" : 2,
                      "applied" : 1,
                      "rejected" : 1,
                      "duplicates" : 0
                    },
                    "refund" : {
                      "read" : 1,
                      "applied" : 1,
                      "rejected" : 0,
                      "duplicates" : 0,
                      "amountApplied" : "50.00"
                    }
                  },
                  "totals" : {
                    "pointsIssued" : 570,
                    "pointsRedeemed" : 100,
                    "pointsExpired" : 0,
                    "pointsClawedBack" : 50,
                    "pointsUnrecovered" : 0,
                    "pointsAdjusted" : 0,
                    "pointsAvailable" : 400,
                    "pointsPending" : 20
                  },
                  "liability" : {
                    "points" : 420
                  },
                  "tierMix" : {
                    "member" : 1,
                    "silver" : 1,
                    "gold" : 0,
                    "platinum" : 0
                  },
                  "costByRule" : {
                    "Purchases earn base points at the program rate" : 570
                  },
                  "caps" : {
                    "daily-points" : {
                      "measure" : "POINTS",
                      "eventsTrimmed" : 0,
                      "membersAffected" : 0,
                      "withheld" : 0
                    }
                  },
                  "rejectionsByCode" : {
                    "BENEFIT_REFUSED" : 1,
                    "INSUFFICIENT_POINTS" : 1
                  },
                  "benefits" : {
                    "free-delivery" : {
                      "granted" : 0
                    },
                    "totalCost" : "0.00"
                  }
                }
                """);
    }

    @Test
    void summary_json_costs_granted_benefits_and_flags_budget_periods_overspent(@TempDir Path dir) throws Exception {
        // given: retail-basic's free delivery costs 6.00 a use; a budget of 10.00 a month for this test
        String json = Files.readString(Path.of("programs/retail-basic/program.json"))
                .replace("\"budget\": {\"amount\": \"20000.00\"", "\"budget\": {\"amount\": \"10.00\"");
        Path program = Files.createDirectories(dir.resolve("program"));
        Files.writeString(program.resolve("program.json"), json);
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"p1","type":"purchase","member":"g1","at":"2025-03-03T10:00:00Z","amount":"2000.00"}
                {"id":"c1","type":"benefit_claim","member":"g1","at":"2025-03-10T10:00:00Z","benefit":"free-delivery"}
                {"id":"c2","type":"benefit_claim","member":"g1","at":"2025-03-20T10:00:00Z","benefit":"free-delivery"}
                {"id":"c3","type":"benefit_claim","member":"g1","at":"2025-03-25T10:00:00Z","benefit":"free-delivery"}
                {"id":"c4","type":"benefit_claim","member":"g1","at":"2025-04-02T10:00:00Z","benefit":"free-delivery"}
                """);

        // when
        CliRun run = CliRun.of("run", "--program", program.toString(), "--events", events.toString(), "--out",
                dir.resolve("out").toString(), "--no-progress");

        // then: 3 uses granted (the third March claim is over the quota of 2), 18.00 in all; March spent 12.00 of 10.00
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode benefits = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile()).get("benefits");
        assertThat(benefits.toString()).isEqualTo("{\"free-delivery\":{\"granted\":3,\"costPerUse\":\"6.00\","
                + "\"cost\":\"18.00\",\"budget\":{\"amount\":\"10.00\",\"period\":\"MONTH\"},\"periods\":["
                + "{\"period\":\"2025-03\",\"granted\":2,\"cost\":\"12.00\",\"overBudget\":true},"
                + "{\"period\":\"2025-04\",\"granted\":1,\"cost\":\"6.00\",\"overBudget\":false}],"
                + "\"periodsOverBudget\":1},\"totalCost\":\"18.00\"}");
    }

    @Test
    void points_expired_at_the_end_of_the_next_calendar_year_are_in_summary_and_ledger(@TempDir Path dir)
            throws Exception {
        // given: 300 earned on 2025-01-02 (retail-basic: END_OF_NEXT_CALENDAR_YEAR, so they expire at 2027-01-01),
        // then 10 earned on 2027-02-01, which brings the replay past that day
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-02T10:00:00Z","amount":"300.00"}
                {"id":"p2","type":"purchase","member":"m1","at":"2027-02-01T10:00:00Z","amount":"10.00"}
                """);

        // when
        CliRun run = CliRun.replaying("run", events, dir.resolve("out"));

        // then: 310 - 300 expired = 10, still pending; the expiry is a positive total and an EXPIRE row of the run's
        // own postings. Audit mutation5 C2 (pointsExpired -300) and C4 (ledger.csv without EXPIRE rows) survived.
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  points     310 issued, 0 redeemed, 300 expired, 0 clawed back\n"
                + "  liability  10 points (0 available, 10 pending)\n");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.get("totals").toString()).isEqualTo("{\"pointsIssued\":310,\"pointsRedeemed\":0,"
                + "\"pointsExpired\":300,\"pointsClawedBack\":0,\"pointsUnrecovered\":0,\"pointsAdjusted\":0,"
                + "\"pointsAvailable\":0,\"pointsPending\":10}");
        RunConsoleAddsUpTest.assertTotalsAddUpToTheLiability(summary);
        assertThat(Files.readString(dir.resolve("out/ledger.csv"))).isEqualTo("""
                event,member,at,type,points,rule,explanation
                p1,m1,2025-01-02T10:00:00Z,EARN,300,Purchases earn base points at the program rate,base 1 per unit on eligible 300.00 = 300
                p1,m1,2025-01-16T10:00:00Z,ACTIVATE,300,,300 points became available after the return window
                p1,m1,2027-01-01T00:00:00Z,EXPIRE,-300,,300 points earned 2025-01-02 expired
                p2,m1,2027-02-01T10:00:00Z,EARN,10,Purchases earn base points at the program rate,base 1 per unit on eligible 10.00 = 10
                """);
    }

    @Test
    void stdout_ends_with_a_short_summary() {
        assertThat(run.out()).startsWith("loyalty run: program retail-basic 2026.1-demo, events events.jsonl (jsonl), "
                + "as of 2025-03-03T12:00:00Z\n"
                + "  events     8 read, 5 applied, 2 rejected, 1 duplicates, 1 bad lines\n"
                + "  members    2: member 1, silver 1, gold 0, platinum 0\n"
                + "  points     570 issued, 100 redeemed, 0 expired, 50 clawed back\n"
                + "  liability  420 points (400 available, 20 pending)\n"
                + "  rejected   BENEFIT_REFUSED 1, INSUFFICIENT_POINTS 1\n"
                + "  output     " + dir.resolve("out") + " (members.csv, ledger.csv, tier_changes.csv, rejections.csv, "
                + "summary.json)\n"
                + "  elapsed    ");
    }
}
