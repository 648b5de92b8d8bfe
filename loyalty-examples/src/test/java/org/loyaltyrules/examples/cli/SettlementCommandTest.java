package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettlementCommandTest {

    @TempDir
    Path dir;

    @Test
    void settlement_writes_what_each_partner_owes_per_month() throws Exception {
        CliRun run = CliRun.of("settlement", "--program", "programs/coalition-demo", "--events",
                CliRun.resource("cli/coalition.jsonl").toString(), "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        // grocer 1000 x 0.008 = 8.00; fuel 150 x 0.006 = 0.90; airline 600 x 0.012 = 7.20 owed to it
        assertThat(Files.readString(dir.resolve("settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                airline,2025-03,0,0,600,0.00,7.20,-7.20
                fuel,2025-03,150,0,0,0.90,0.00,0.90
                grocer,2025-03,1000,0,0,8.00,0.00,8.00
                """);
    }

    @Test
    void weeks_are_iso_weeks_labelled_so_they_sort_in_time_order_and_the_period_is_case_insensitive() throws Exception {
        // given: purchases in ISO weeks 9 and 10 of 2025 and in week 1 of 2026 (Monday 29 December 2025)
        Path events = Files.writeString(dir.resolve("weeks.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"100.00","partner":"grocer"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-03-05T10:00:00Z","amount":"200.00","partner":"grocer"}
                {"id":"p3","type":"purchase","member":"m1","at":"2025-12-29T10:00:00Z","amount":"300.00","partner":"grocer"}
                """);

        // when
        CliRun run = CliRun.of("settlement", "--program", "programs/coalition-demo", "--events", events.toString(),
                "--out", dir.resolve("out").toString(), "--period", "week");

        // then: 100 x 0.008 = 0.80, 200 x 0.008 = 1.60, 300 x 0.008 = 2.40
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                grocer,2025-W09,100,0,0,0.80,0.00,0.80
                grocer,2025-W10,200,0,0,1.60,0.00,1.60
                grocer,2026-W01,300,0,0,2.40,0.00,2.40
                """);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"QUARTER", "MEMBERSHIP_YEAR", "lifetime"})
    void a_period_other_than_day_week_month_or_year_is_a_usage_error_that_lists_only_those(String period) {
        // when
        CliRun run = CliRun.of("settlement", "--program", "programs/coalition-demo", "--events",
                CliRun.resource("cli/coalition.jsonl").toString(), "--out", dir.resolve("out").toString(),
                "--period", period);

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Invalid value for option '--period': must be one of DAY, WEEK, MONTH, YEAR "
                + "(case-insensitive), was '" + period + "'\n"
                + "Try 'loyalty settlement --help' for more information.\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    static Stream<Arguments> eventsSharingAnId() {
        String header = "partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,"
                + "owed_to_partner,net\n";
        return Stream.of(
                // grocer 500 x 0.008 = 4.00; p1 is m1's id, so m2's copy at the fuel station is refused and settles
                // nothing
                Arguments.of("m1's p1 at the grocer and m2's copy of p1 at the fuel station", """
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"500.00","partner":"grocer"}
                        {"id":"p1","type":"purchase","member":"m2","at":"2025-03-02T10:00:00Z","amount":"200.00","partner":"fuel"}
                        """, header + "grocer,2025-03,500,0,0,4.00,0.00,4.00\n"),
                // the second p1 is a duplicate: it changes nothing, its partner included
                Arguments.of("m1's p1 at the grocer, then a duplicate p1 at the fuel station", """
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"500.00","partner":"grocer"}
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-02T10:00:00Z","amount":"200.00","partner":"fuel"}
                        """, header + "grocer,2025-03,500,0,0,4.00,0.00,4.00\n"),
                // grocer (500 + 300) x 0.008 = 6.40; e1 is m2's id, so m1's later redemption at the airline is refused
                // and the airline is owed nothing
                Arguments.of("m2's e1 a grocer purchase, m1's copy of e1 a redemption at the airline", """
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"500.00","partner":"grocer"}
                        {"id":"e1","type":"purchase","member":"m2","at":"2025-03-01T10:00:00Z","amount":"300.00","partner":"grocer"}
                        {"id":"e1","type":"redemption","member":"m1","at":"2025-03-03T10:00:00Z","points":100,"partner":"airline"}
                        """, header + "grocer,2025-03,800,0,0,6.40,0.00,6.40\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsSharingAnId")
    void a_posting_settles_with_the_partner_of_the_members_own_applied_event(String situation, String events,
                                                                             String expected) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("events.jsonl"), events);

        // when
        CliRun run = settle(file);

        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/settlement.csv"))).isEqualTo(expected);
    }

    @Test
    void a_partner_is_credited_with_a_whole_clawback_even_the_points_the_refund_could_not_recover() throws Exception {
        // given: $500 at the grocer earns 500; 500 are redeemed at the airline; then the $500 is refunded, and under
        // RECOVER_AVAILABLE none of the 500 clawed back can be taken from the member (0 left)
        Path events = Files.writeString(dir.resolve("refund.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"500.00","partner":"grocer"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-03-02T10:00:00Z","points":500,"partner":"airline"}
                {"id":"r1","type":"refund","member":"m1","at":"2025-03-03T10:00:00Z","original":"p1","amount":"500.00"}
                """);

        // when
        CliRun run = settle(events);

        // then: grocer (500 - 500) x 0.008 = 0.00; airline 500 x 0.012 = 6.00 owed to it; members hold
        // 500 issued - 500 clawed back - 500 redeemed + 500 unrecovered = 0
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                airline,2025-03,0,0,500,0.00,6.00,-6.00
                grocer,2025-03,500,500,0,0.00,0.00,0.00
                """);
        assertThat(run.out()).contains("\n  unrecovered 500 points: refunded points members had already spent (all "
                + "members); partners are credited for their refunded sales in full\n");
    }

    @Test
    void a_partner_named_only_in_attributes_is_billed_for_the_points_it_issued() throws Exception {
        // given: the audit's k5, $500 at the grocer named as attributes.partner, 100 points redeemed at the airline
        Path events = Files.writeString(dir.resolve("k5.jsonl"), """
                {"id":"k5p1","type":"purchase","member":"k5","at":"2025-03-01T10:00:00Z","amount":"500.00","attributes":{"partner":"grocer"}}
                {"id":"k5x1","type":"redemption","member":"k5","at":"2025-03-10T10:00:00Z","points":100,"attributes":{"partner":"airline"}}
                """);

        // when
        CliRun run = settle(events);

        // then: grocer 500 x 0.008 = 4.00, airline 100 x 0.012 = 1.20; 500 - 0 - 100 - 0 + 0 = 400 held
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                airline,2025-03,0,0,100,0.00,1.20,-1.20
                grocer,2025-03,500,0,0,4.00,0.00,4.00
                """);
    }

    @Test
    void a_purchase_naming_one_partner_as_its_field_and_another_as_an_attribute_is_a_bad_line_billed_to_no_one()
            throws Exception {
        // given: the audit's k4p2, at the fuel station by its field and at the grocer by its attribute, then refunded
        Path events = Files.writeString(dir.resolve("k4.jsonl"), """
                {"id":"k4p1","type":"purchase","member":"k4","at":"2025-03-01T10:00:00Z","amount":"300.00","partner":"grocer"}
                {"id":"k4p2","type":"purchase","member":"k4","at":"2025-03-02T10:00:00Z","amount":"100.00","partner":"fuel","attributes":{"partner":"grocer"}}
                {"id":"k4r1","type":"refund","member":"k4","at":"2025-04-02T10:00:00Z","original":"k4p2","amount":"100.00"}
                """);

        // when
        CliRun run = settle(events);

        // then: only k4p1 settles (300 x 0.008 = 2.40); the refund of the bad line finds no purchase
        assertThat(run.err()).contains("k4.jsonl:2 field partner: \"fuel\" differs from attributes.partner "
                + "\"grocer\": name the partner once, or the same in both\n");
        assertThat(Files.readString(dir.resolve("out/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                grocer,2025-03,300,0,0,2.40,0.00,2.40
                """);
    }

    @Test
    void a_purchase_at_a_partner_the_program_does_not_list_is_counted_as_refused_and_listed_in_rejections_csv()
            throws Exception {
        // given: the grocer's $1,000, then $100 at a bank that is no partner of coalition-demo
        Path events = Files.writeString(dir.resolve("bank.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"1000.00","partner":"grocer"}
                {"id":"p2","type":"purchase","member":"m1","at":"2025-03-02T10:00:00Z","amount":"100.00","partner":"bank"}
                """);

        // when
        CliRun run = settle(events);

        // then: the bank's purchase bills no one, and says so
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).startsWith("loyalty settlement: program coalition-demo ")
                .endsWith("""
                          grocer       2025-03  issued 1,000, clawed back 0, redeemed 0: partner owes 8.00, program \
                        owes 0.00, net 8.00
                          unrecovered 0 points: refunded points members had already spent (all members); \
                        partners are credited for their refunded sales in full
                          rejected   UNKNOWN_PARTNER 1: settled with no partner (rejections.csv says why)
                          output     %s (settlement.csv, rejections.csv)
                        """.formatted(dir.resolve("out")));
        assertThat(Files.readString(dir.resolve("out/rejections.csv"))).isEqualTo("""
                event,member,code,detail
                p2,m1,UNKNOWN_PARTNER,"purchase p2 names partner 'bank'; partners are [grocer, fuel, airline]"
                """);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_program_without_partners_writes_an_empty_settlement_and_warns_that_there_is_nothing_to_settle() {
        // when
        CliRun run = CliRun.of("settlement", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.resource("cli/coalition.jsonl").toString(), "--out", dir.resolve("out").toString(),
                "--no-progress");

        // then
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).isEqualTo("warning: program retail-basic has no partners (program.json \"partners\"), "
                + "so there is nothing to settle: settlement is for coalition programs (docs/program-types.md)\n");
        assertThat(dir.resolve("out/settlement.csv")).hasContent("partner,period,points_issued,points_clawed_back,"
                + "points_redeemed,owed_by_partner,owed_to_partner,net");
    }

    @Test
    void a_partner_id_may_hold_any_character_and_rows_come_by_partner_id_then_period() throws Exception {
        // given: partners "a", "a-b" and "x|y" ("a-b" and "x|y" used to be cut at the '|' of an internal key, "x|y"
        // billed as partner "x" in period "y|2025-03" at a price of 0, and "a-b" sorted before "a")
        Path program = partnersProgram("""
                {"id": "a", "earnRate": "1", "burnValue": "0.01", "settlementPrice": "0.025"},
                {"id": "a-b", "earnRate": "1", "burnValue": "0.01", "settlementPrice": "0.005"},
                {"id": "x|y", "earnRate": "1", "burnValue": "0.01", "settlementPrice": "0.01"}""");
        Path events = Files.writeString(dir.resolve("ids.jsonl"), """
                {"id":"w1","type":"purchase","member":"m1","at":"2025-04-01T10:00:00Z","amount":"1.00","partner":"a"}
                {"id":"w2","type":"purchase","member":"m1","at":"2025-03-01T10:00:00Z","amount":"1.00","partner":"a"}
                {"id":"w3","type":"purchase","member":"m1","at":"2025-03-01T11:00:00Z","amount":"3.00","partner":"x|y"}
                {"id":"w4","type":"purchase","member":"m1","at":"2025-03-01T12:00:00Z","amount":"1.00","partner":"a-b"}
                """);

        // when
        CliRun run = settle(program, events);

        // then: 1 x 0.025 = 0.025 -> 0.03 and 1 x 0.005 = 0.005 -> 0.01 (half up, per row); 3 x 0.01 = 0.03
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                a,2025-03,1,0,0,0.03,0.00,0.03
                a,2025-04,1,0,0,0.03,0.00,0.03
                a-b,2025-03,1,0,0,0.01,0.00,0.01
                x|y,2025-03,3,0,0,0.03,0.00,0.03
                """);
    }

    @Test
    void points_issued_at_a_partner_by_many_members_are_added_exactly_beyond_a_long() throws Exception {
        // given: 1,000,000,000 points per USD, two members spending $5,000,000,000 each: 10^19 points in all, past
        // Long.MAX_VALUE (a long sum used to wrap to -8446744073709551616 and bill the grocer a negative amount)
        Path program = partnersProgram("""
                {"id": "grocer", "earnRate": "1000000000", "burnValue": "0.01", "settlementPrice": "0.008"}""");
        Path events = Files.writeString(dir.resolve("big.jsonl"), """
                {"id":"z1","type":"purchase","member":"b1","at":"2025-03-01T10:00:00Z","amount":"5000000000.00","partner":"grocer"}
                {"id":"z2","type":"purchase","member":"b2","at":"2025-03-01T10:00:00Z","amount":"5000000000.00","partner":"grocer"}
                """);

        // when
        CliRun run = settle(program, events);

        // then: 10^19 x 0.008 = 8 x 10^16
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("out/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                grocer,2025-03,10000000000000000000,0,0,80000000000000000.00,0.00,80000000000000000.00
                """);
        assertThat(run.out()).contains("grocer       2025-03  issued 10,000,000,000,000,000,000, clawed back 0");
    }

    @Test
    void periods_are_calendar_periods_in_the_programs_zone() throws Exception {
        // given: coalition-demo in Asia/Shanghai (UTC+8); 2025-03-31T20:00Z is 2025-04-01 04:00 there
        Path program = Files.createDirectories(dir.resolve("shanghai"));
        String json = Files.readString(Path.of("programs/coalition-demo/program.json"));
        assertThat(json).contains("\"zone\": \"UTC\"");
        Files.writeString(program.resolve("program.json"),
                json.replace("\"zone\": \"UTC\"", "\"zone\": \"Asia/Shanghai\""));
        Path events = Files.writeString(dir.resolve("z.jsonl"), """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-31T20:00:00Z","amount":"100.00","partner":"grocer"}
                """);

        // when
        CliRun byMonth = CliRun.of("settlement", "--program", program.toString(), "--events", events.toString(),
                "--out", dir.resolve("month").toString(), "--period", "month", "--no-progress");
        CliRun byDay = CliRun.of("settlement", "--program", program.toString(), "--events", events.toString(),
                "--out", dir.resolve("day").toString(), "--period", "day", "--no-progress");

        // then: billed in April, not in March as in UTC (audit mutation7 ST2; every other settlement test is in
        // UTC); 100 x 0.008 = 0.80
        assertThat(byMonth.exitCode()).as(byMonth.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("month/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                grocer,2025-04,100,0,0,0.80,0.00,0.80
                """);
        assertThat(byDay.exitCode()).as(byDay.err()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("day/settlement.csv"))).isEqualTo("""
                partner,period,points_issued,points_clawed_back,points_redeemed,owed_by_partner,owed_to_partner,net
                grocer,2025-04-01,100,0,0,0.80,0.00,0.80
                """);
    }

    /** A coalition program with only a program.json and the given partners (JSON objects). */
    private Path partnersProgram(String partners) throws Exception {
        Path program = Files.createDirectories(dir.resolve("program"));
        Files.writeString(program.resolve("program.json"), """
                {
                  "id": "partners", "version": "1", "currency": "USD", "zone": "UTC",
                  "earning": {"baseRate": "0"},
                  "partners": [
                %s
                  ],
                  "tiers": {"metric": "points", "window": {"type": "CALENDAR_YEAR"},
                            "ladder": [{"id": "member", "threshold": "0"}]}
                }
                """.formatted(partners));
        return program;
    }

    private CliRun settle(Path events) {
        return settle(Path.of("programs/coalition-demo"), events);
    }

    private CliRun settle(Path program, Path events) {
        return CliRun.of("settlement", "--program", program.toString(), "--events", events.toString(), "--out",
                dir.resolve("out").toString(), "--no-progress");
    }
}
