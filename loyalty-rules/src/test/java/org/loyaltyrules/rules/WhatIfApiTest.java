package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.whatif.WhatIf;
import org.loyaltyrules.rules.whatif.WhatIfResult;
import org.loyaltyrules.rules.whatif.WhatIfResult.Change;
import org.loyaltyrules.rules.whatif.WhatIfResult.MemberDelta;
import org.loyaltyrules.rules.whatif.WhatIfResult.Side;
import org.loyaltyrules.rules.whatif.WhatIfResult.TierChange;

/**
 * The what-if API used as a rule author uses it in a JUnit test (from outside its package): the reference program
 * retail-basic against a candidate with other numbers in program.json. The history is WhatIfCommandTest's
 * (docs/what-if.md): m1 $2,000 then $100, m2 $600 then $100, m3 $25,000, m4 $2,000 then $13,000. retail-basic pays
 * 1 point per USD, a tier bonus of 20 / 50 / 100 % (silver / gold / platinum) on the purchases after the one that
 * reaches the tier, and caps a member's points at 20,000 a day.
 */
class WhatIfApiTest {

    private static final Path RETAIL_BASIC = Path.of("../loyalty-examples/programs/retail-basic");
    private static final String BASE_RULE = "Purchases earn base points at the program rate";
    private static final String TIER_BONUS = "Tier members earn their tier bonus on base points";
    private static final Instant END_OF_MARCH = Instant.parse("2025-03-31T23:59:59Z");

    static final String HISTORY = """
            {"id":"a1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"2000.00"}
            {"id":"a2","type":"purchase","member":"m1","at":"2025-03-10T10:00:00Z","amount":"100.00"}
            {"id":"b1","type":"purchase","member":"m2","at":"2025-03-03T10:00:00Z","amount":"600.00"}
            {"id":"b2","type":"purchase","member":"m2","at":"2025-03-10T10:00:00Z","amount":"100.00"}
            {"id":"c1","type":"purchase","member":"m3","at":"2025-03-03T10:00:00Z","amount":"25000.00"}
            {"id":"d1","type":"purchase","member":"m4","at":"2025-03-03T10:00:00Z","amount":"2000.00"}
            {"id":"d2","type":"purchase","member":"m4","at":"2025-03-10T10:00:00Z","amount":"13000.00"}
            """;

    private final Program base = Program.load(RETAIL_BASIC);

    /** The base program with its program.json changed by {@code change} (the same rule files). */
    private Program candidate(UnaryOperator<String> change) throws IOException {
        String json = Files.readString(RETAIL_BASIC.resolve("program.json"));
        return base.withSettings(ProgramJson.parse(change.apply(json), "candidate/program.json"));
    }

    /** retail-basic's program.json with gold paying 60 % instead of 50 % from 700 growth instead of 2,000. */
    static String goldSixtyFromSevenHundred(String json) {
        return json.replace("\"gold\": \"50\"", "\"gold\": \"60\"")
                .replace("{\"id\": \"gold\", \"threshold\": \"2000\"}",
                        "{\"id\": \"gold\", \"threshold\": \"700\"}")
                .replace("\"version\": \"2026.1\"", "\"version\": \"2026.2-gold60\"");
    }

    /** The base program selling {@code tier} for $99 a year (program.json membership.plans). */
    private Program selling(String tier) throws IOException {
        return candidate(json -> json.replaceFirst("\\{", "{\"membership\": {\"plans\": [{\"tier\": \"" + tier
                + "\", \"price\": \"99.00\", \"termMonths\": 12}]},"));
    }

    private Program goldSixtyFromSevenHundred() throws IOException {
        return candidate(WhatIfApiTest::goldSixtyFromSevenHundred);
    }

    private static BigInteger points(long points) {
        return BigInteger.valueOf(points);
    }

    private List<LoyaltyEvent> read(String jsonLines) {
        return EventReader.forProgram(base.settings()).strict(true)
                .readJsonLines(new StringReader(jsonLines), "history.jsonl").events();
    }

    @Test
    void gold_at_sixty_percent_from_700_growth_costs_510_points_and_moves_m2_from_silver_to_gold() throws IOException {
        // given
        Program candidate = goldSixtyFromSevenHundred();

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, read(HISTORY), END_OF_MARCH);

        // then: m1's $100 earns 100 + 50 vs 100 + 60; m4's $13,000 earns 13,000 + 6,500 = 19,500 vs 13,000 + 7,800 =
        // 20,800, trimmed to the 20,000 daily cap; m2 reaches gold with its second purchase (700 growth), whose bonus
        // is still silver's (the tier moves after the earning), so it earns 600 + 120 under both
        assertThat(result.pointsIssued()).isEqualTo(Change.of(44_370, 44_880));
        assertThat(result.pointsIssued().delta()).isEqualTo(BigInteger.valueOf(510));
        assertThat(result.liabilityPoints()).isEqualTo(Change.of(44_370, 44_880));
        assertThat(result.costByRule()).containsExactly(
                Map.entry(BASE_RULE, Change.of(37_800, 37_800)),
                Map.entry(TIER_BONUS, Change.of(6_570, 7_080)));
        assertThat(result.tierMix()).containsExactly(
                Map.entry("member", Change.of(0, 0)),
                Map.entry("silver", Change.of(1, 0)),
                Map.entry("gold", Change.of(1, 2)),
                Map.entry("platinum", Change.of(2, 2)));
        assertThat(result.tierChanges()).containsExactly(new TierChange("m2", "silver", "gold"));
        assertThat(result.changedMembers()).containsExactly(
                new MemberDelta("m4", "platinum", "platinum", Change.of(21_500, 22_000), Change.of(21_500, 22_000)),
                new MemberDelta("m1", "gold", "gold", Change.of(2_150, 2_160), Change.of(2_150, 2_160)),
                new MemberDelta("m2", "silver", "gold", Change.of(720, 720), Change.of(720, 720)));
        assertThat(result.topMembersByPointsDelta(10)).isEqualTo(result.changedMembers().subList(0, 2));
        assertThat(result.warnings()).containsExactly("cap daily-points now hit by 2 members (was 1)");
        assertThat(result.members()).isEqualTo(4L);
        assertThat(result.asOf()).isEqualTo(END_OF_MARCH);
        assertThat(result.base()).isEqualTo(new Side("retail-basic", "2026.1", 4, 7, 0, Map.of(), points(44_370),
                points(44_370), Map.of(BASE_RULE, points(37_800), TIER_BONUS, points(6_570)),
                Map.of("member", 0L, "silver", 1L, "gold", 1L, "platinum", 2L),
                Map.of("daily-points", 1L), Map.of("free-delivery", 0L)));
        assertThat(result.candidate()).isEqualTo(new Side("retail-basic", "2026.2-gold60", 4, 7, 0, Map.of(),
                points(44_880), points(44_880), Map.of(BASE_RULE, points(37_800), TIER_BONUS, points(7_080)),
                Map.of("member", 0L, "silver", 0L, "gold", 2L, "platinum", 2L),
                Map.of("daily-points", 2L), Map.of("free-delivery", 0L)));
    }

    @Test
    void the_comparison_is_the_same_on_two_threads_and_leaves_out_events_after_as_of() throws IOException {
        // given: a purchase in April, after the review instant
        Program candidate = goldSixtyFromSevenHundred();
        List<LoyaltyEvent> withApril = read(HISTORY
                + "{\"id\":\"e1\",\"type\":\"purchase\",\"member\":\"m5\",\"at\":\"2025-04-02T10:00:00Z\","
                + "\"amount\":\"50.00\"}\n");

        // when
        WhatIfResult oneThread = WhatIf.compare(base, candidate, read(HISTORY), END_OF_MARCH);
        WhatIfResult twoThreads = WhatIf.compare(base, candidate, withApril, END_OF_MARCH, 2);

        // then
        assertThat(twoThreads).isEqualTo(oneThread);
        assertThat(twoThreads.members()).isEqualTo(4L);
    }

    @ParameterizedTest(name = "budget {0} a month")
    @CsvSource({"10.00, 2", "12.00, 0"})
    void a_delivery_budget_is_overspent_only_in_months_that_spend_more_than_it(String budget, long overspent)
            throws IOException {
        // given: free delivery costs $6.00 a use; the candidate's budget is $10.00 or $12.00 a month instead of
        // $20,000. Gold m1 claims twice in March, m1 and platinum m4 once each in April: $12 in each month. Over
        // budget is overspent, strictly more than the budget (what-if.md, warnings): $12 of $12 is not (audit
        // mutation10's W1 counted a month spent to the cent as over budget and no test noticed)
        Program candidate = candidate(json -> json.replace("\"amount\": \"20000.00\"",
                "\"amount\": \"" + budget + "\""));
        List<LoyaltyEvent> history = read(HISTORY + """
                {"id":"k1","type":"benefit_claim","member":"m1","at":"2025-03-11T10:00:00Z","benefit":"free-delivery"}
                {"id":"k2","type":"benefit_claim","member":"m1","at":"2025-03-12T10:00:00Z","benefit":"free-delivery"}
                {"id":"k3","type":"benefit_claim","member":"m1","at":"2025-04-01T10:00:00Z","benefit":"free-delivery"}
                {"id":"k4","type":"benefit_claim","member":"m4","at":"2025-04-30T23:00:00Z","benefit":"free-delivery"}
                """);

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, history, Instant.parse("2025-04-30T23:59:59Z"));

        // then
        assertThat(result.candidate().benefitPeriodsOverBudget()).containsExactly(Map.entry("free-delivery",
                overspent));
        assertThat(result.base().benefitPeriodsOverBudget()).containsExactly(Map.entry("free-delivery", 0L));
        assertThat(result.warnings()).isEqualTo(overspent == 0 ? List.of()
                : List.of("benefit free-delivery now over budget in 2 periods (was 0)"));
        assertThat(result.changedMembers()).isEmpty();
    }

    @Test
    void a_cap_the_award_went_over_but_that_withheld_nothing_does_not_count_as_hit() throws IOException {
        // given: the candidate adds a monthly cap of 20,500 points to the daily cap of 20,000. m3's $25,000 goes over
        // both: the daily cap is the tighter (headroom 20,000 against 20,500) and withholds 5,000, the monthly one
        // nothing. m4's $13,000 on 10 March (19,500 with gold's bonus) is within the day's 20,000 but over what is
        // left of the month (20,500 - 2,000 of 3 March = 18,500): the monthly cap withholds 1,000 from m4 only
        Program candidate = candidate(json -> json.replace(
                "{\"id\": \"daily-points\", \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 20000}",
                "{\"id\": \"daily-points\", \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 20000}, "
                        + "{\"id\": \"monthly-points\", \"period\": \"MONTH\", \"measure\": \"POINTS\", "
                        + "\"limit\": 20500}"));

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, read(HISTORY), END_OF_MARCH);

        // then
        assertThat(result.base().capsHitByMembers()).containsExactly(Map.entry("daily-points", 1L));
        assertThat(result.candidate().capsHitByMembers())
                .containsExactly(Map.entry("daily-points", 1L), Map.entry("monthly-points", 1L));
        assertThat(result.warnings()).containsExactly("cap monthly-points now hit by 1 member (was 0)");
        assertThat(result.changedMembers()).containsExactly(
                new MemberDelta("m4", "platinum", "platinum", Change.of(21_500, 20_500), Change.of(21_500, 20_500)));
    }

    @Test
    void a_cap_now_hit_by_fewer_members_is_warned_of_too() throws IOException {
        // given: the daily cap raised from 20,000 to 30,000 points; m3's $25,000 (25,000 points) was trimmed by it
        Program candidate = candidate(json -> json.replace(
                "{\"id\": \"daily-points\", \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 20000}",
                "{\"id\": \"daily-points\", \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 30000}"));

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, read(HISTORY), END_OF_MARCH);

        // then: every cap whose number of trimmed members changed is named (what-if.md, warnings)
        assertThat(result.base().capsHitByMembers()).containsExactly(Map.entry("daily-points", 1L));
        assertThat(result.candidate().capsHitByMembers()).isEmpty();
        assertThat(result.warnings()).containsExactly("cap daily-points now hit by 0 members (was 1)");
    }

    @Test
    void a_tier_only_the_candidate_has_comes_last_in_the_tier_mix() throws IOException {
        // given: the candidate adds bronze at 600 growth, above silver; m2's 700 reaches it
        Program candidate = candidate(json -> json.replace(
                "{\"id\": \"silver\", \"threshold\": \"500\"}",
                "{\"id\": \"silver\", \"threshold\": \"500\"}, {\"id\": \"bronze\", \"threshold\": \"600\"}"));

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, read(HISTORY), END_OF_MARCH);

        // then: the base's ladder order, then the tier only the candidate has (WhatIfResult.tierMix)
        assertThat(result.tierMix()).containsExactly(
                Map.entry("member", Change.of(0, 0)),
                Map.entry("silver", Change.of(1, 0)),
                Map.entry("gold", Change.of(1, 1)),
                Map.entry("platinum", Change.of(2, 2)),
                Map.entry("bronze", Change.of(0, 1)));
    }

    @Test
    void liability_counts_the_points_still_pending_at_the_comparison_instant() throws IOException {
        // given: retail-basic keeps points pending for 14 days; compared on 2025-03-20, the points of 3 March are
        // available (from 17 March) and those of 10 March still pending (until 24 March)
        Program candidate = goldSixtyFromSevenHundred();
        Instant march20 = Instant.parse("2025-03-20T00:00:00Z");

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, read(HISTORY), march20);

        // then: available 2,000 + 600 + 20,000 + 2,000 = 24,600 under both; pending 150 + 120 + 19,500 = 19,770 under
        // the base and 160 + 120 + 20,000 = 20,280 under the candidate, so the liability is every point issued
        // (audit mutation10 W2 counted only the available points, 24,600 on both sides, and only the CLI's tests
        // noticed)
        assertThat(result.pointsIssued()).isEqualTo(Change.of(44_370, 44_880));
        assertThat(result.liabilityPoints()).isEqualTo(Change.of(44_370, 44_880));
        assertThat(result.changedMembers()).extracting(MemberDelta::member, MemberDelta::liability)
                .containsExactly(
                        tuple("m4", Change.of(21_500, 22_000)),
                        tuple("m1", Change.of(2_150, 2_160)),
                        tuple("m2", Change.of(720, 720)));
    }

    @Test
    void members_whose_liability_alone_differs_are_listed_largest_change_first() throws IOException {
        // given: the candidate's points expire 20 days after they were earned (retail-basic: at the end of the next
        // calendar year), so by 31 March every point of March 3 and 10 has expired; points earned and tiers are the
        // same under both programs
        Program candidate = candidate(json -> json.replace("{\"policy\": \"END_OF_NEXT_CALENDAR_YEAR\"}",
                "{\"policy\": \"FIXED_DAYS\", \"days\": 20}"));

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, read(HISTORY), END_OF_MARCH);

        // then
        assertThat(result.pointsIssued()).isEqualTo(Change.of(44_370, 44_370));
        assertThat(result.liabilityPoints()).isEqualTo(Change.of(44_370, 0));
        assertThat(result.changedMembers()).containsExactly(
                new MemberDelta("m4", "platinum", "platinum", Change.of(21_500, 21_500), Change.of(21_500, 0)),
                new MemberDelta("m3", "platinum", "platinum", Change.of(20_000, 20_000), Change.of(20_000, 0)),
                new MemberDelta("m1", "gold", "gold", Change.of(2_150, 2_150), Change.of(2_150, 0)),
                new MemberDelta("m2", "silver", "silver", Change.of(720, 720), Change.of(720, 0)));
        assertThat(result.topMembersByPointsDelta(10)).isEmpty();
        assertThat(result.tierChanges()).isEmpty();
    }

    @Test
    void a_member_losing_more_points_comes_before_one_gaining_fewer() throws IOException {
        // given: gold's bonus 60 % instead of 50 % and silver's 0 instead of 20 %; m3 reaches gold with $2,500 and then
        // buys $100, m4 reaches silver with $600 and buys $600 again
        Program candidate = candidate(json -> json.replace("\"gold\": \"50\"", "\"gold\": \"60\"")
                .replace("\"silver\": \"20\"", "\"silver\": \"0\""));
        List<LoyaltyEvent> history = read("""
                {"id":"b1","type":"purchase","member":"m3","at":"2025-01-10T10:00:00Z","amount":"2500.00"}
                {"id":"b2","type":"purchase","member":"m3","at":"2025-01-11T10:00:00Z","amount":"100.00"}
                {"id":"c1","type":"purchase","member":"m4","at":"2025-01-10T10:00:00Z","amount":"600.00"}
                {"id":"c2","type":"purchase","member":"m4","at":"2025-01-11T10:00:00Z","amount":"600.00"}
                """);

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, history, Instant.parse("2025-01-31T00:00:00Z"));

        // then: m3 earns 2,500 + 100 + 50 vs 2,500 + 100 + 60 (+10), m4 600 + 600 + 120 vs 600 + 600 (-120); the
        // largest change of points earned comes first whatever its sign (docs/what-if.md; audit mutation12 W1 sorted
        // by the signed change, putting m3's +10 first)
        assertThat(result.changedMembers()).containsExactly(
                new MemberDelta("m4", "silver", "silver", Change.of(1_320, 1_200), Change.of(1_320, 1_200)),
                new MemberDelta("m3", "gold", "gold", Change.of(2_650, 2_660), Change.of(2_650, 2_660)));
        assertThat(result.topMembersByPointsDelta(1)).extracting(MemberDelta::member).containsExactly("m4");
    }

    @Test
    void the_totals_of_members_near_long_max_are_exact() {
        // given: 1 point per dollar, points available at once; m1 and m2 spend 9e18 dollars each (under the candidate,
        // half a point per dollar)
        String json = """
                {"id": "huge", "version": "1", "currency": "USD", "zone": "UTC", "earning": {"baseRate": "%s"},
                 "tiers": {"metric": "spend", "ladder": [{"id": "member", "threshold": "0"}]}, "pendingDays": 0}
                """;
        Program huge = Program.of(ProgramJson.parse(json.formatted("1"), "huge/program.json"));
        Program half = Program.of(ProgramJson.parse(json.formatted("0.5"), "half/program.json"));
        List<LoyaltyEvent> history = EventReader.forProgram(huge.settings()).strict(true).readJsonLines(
                new StringReader("""
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"9e18"}
                        {"id":"p2","type":"purchase","member":"m2","at":"2025-03-04T10:00:00Z","amount":"9e18"}
                        """), "huge.jsonl").events();

        // when
        WhatIfResult result = WhatIf.compare(huge, half, history, END_OF_MARCH);

        // then: 2 x 9e18 = 18e18, more than Long.MAX_VALUE (about 9.22e18)
        assertThat(result.pointsIssued()).isEqualTo(new Change(new BigInteger("18000000000000000000"),
                new BigInteger("9000000000000000000")));
        assertThat(result.liabilityPoints().delta()).isEqualTo(new BigInteger("-9000000000000000000"));
        assertThat(result.changedMembers()).extracting(MemberDelta::pointsEarned).containsExactly(
                Change.of(9_000_000_000_000_000_000L, 4_500_000_000_000_000_000L),
                Change.of(9_000_000_000_000_000_000L, 4_500_000_000_000_000_000L));
    }

    @Test
    void each_program_refusing_an_event_the_other_applies_is_warned_of_though_the_counts_are_equal()
            throws IOException {
        // given: m1's $100 earns 100 points under the base and 200 under the candidate (2 per USD), so its redemption
        // of 150 is refused by the base only; m2's $40 earns 40 under the base and nothing under the candidate (a
        // minimum order of $50), so its redemption of 30 is refused by the candidate only
        Program candidate = candidate(json -> json.replace("\"baseRate\": \"1\"",
                "\"baseRate\": \"2\", \"minimumOrder\": \"50.00\""));
        List<LoyaltyEvent> history = read("""
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"100.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-03-20T10:00:00Z","points":150}
                {"id":"p2","type":"purchase","member":"m2","at":"2025-03-03T10:00:00Z","amount":"40.00"}
                {"id":"x2","type":"redemption","member":"m2","at":"2025-03-20T10:00:00Z","points":30}
                """);

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, history, END_OF_MARCH);

        // then: one refusal on each side, of the same code, but not of the same event
        assertThat(result.base().rejectionsByCode()).isEqualTo(Map.of("INSUFFICIENT_POINTS", 1L));
        assertThat(result.candidate().rejectionsByCode()).isEqualTo(Map.of("INSUFFICIENT_POINTS", 1L));
        assertThat(result.warnings()).containsExactly("events rejected: 1 (was 1): INSUFFICIENT_POINTS 1 (was "
                + "INSUFFICIENT_POINTS 1); 1 refused only under the candidate, 1 only under the base");
    }

    @Test
    void the_same_event_refused_for_another_reason_is_warned_of() throws IOException {
        // given: a $50 fee for platinum; the base sells no membership, the candidate sells platinum for $99
        Program candidate = selling("platinum");
        List<LoyaltyEvent> history = read("""
                {"id":"f1","type":"membership_fee","member":"m1","at":"2025-03-03T10:00:00Z","amount":"50.00",\
                "tier":"platinum","termMonths":12}
                """);

        // when
        WhatIfResult result = WhatIf.compare(base, candidate, history, END_OF_MARCH);

        // then: one refusal on each side, of the same event, for another reason
        assertThat(result.base().rejectionsByCode()).isEqualTo(Map.of("UNKNOWN_PLAN", 1L));
        assertThat(result.candidate().rejectionsByCode()).isEqualTo(Map.of("FEE_MISMATCH", 1L));
        assertThat(result.warnings()).containsExactly("events rejected: 1 (was 1): FEE_MISMATCH 1 (was UNKNOWN_PLAN 1); "
                + "1 refused under both for another reason");
    }

    @Test
    void two_events_swapping_their_reasons_are_warned_of_though_the_counts_by_code_are_equal() throws IOException {
        // given: the base sells platinum for $99, the candidate gold; m1 pays $50 for platinum, m2 $50 for gold
        Program platinumOnSale = selling("platinum");
        Program goldOnSale = selling("gold");
        List<LoyaltyEvent> history = read("""
                {"id":"f1","type":"membership_fee","member":"m1","at":"2025-03-03T10:00:00Z","amount":"50.00",\
                "tier":"platinum","termMonths":12}
                {"id":"f2","type":"membership_fee","member":"m2","at":"2025-03-03T10:00:00Z","amount":"50.00",\
                "tier":"gold","termMonths":12}
                """);

        // when
        WhatIfResult result = WhatIf.compare(platinumOnSale, goldOnSale, history, END_OF_MARCH);

        // then: f1 FEE_MISMATCH -> UNKNOWN_PLAN and f2 UNKNOWN_PLAN -> FEE_MISMATCH, the same counts by code
        assertThat(result.base().rejectionsByCode()).isEqualTo(result.candidate().rejectionsByCode());
        assertThat(result.warnings()).containsExactly("events rejected: 2 (was 2): FEE_MISMATCH 1, UNKNOWN_PLAN 1 "
                + "(was FEE_MISMATCH 1, UNKNOWN_PLAN 1); 2 refused under both for another reason");
    }

    @Test
    void a_cashback_rule_that_no_longer_earns_is_warned_of_in_money() {
        // given: a cashback program paying 1 cent per USD, and a candidate paying nothing
        Program cashback = Program.of(ProgramJson.parse("""
                {"id": "cash", "version": "1", "currency": "USD", "reward": {"unit": "MONEY"},
                 "earning": {"baseRate": "1"}, "tiers": {"ladder": [{"id": "member"}]}}
                """, "cash/program.json"));
        Program none = cashback.withSettings(ProgramJson.parse("""
                {"id": "cash", "version": "2", "currency": "USD", "reward": {"unit": "MONEY"},
                 "earning": {"baseRate": "0"}, "tiers": {"ladder": [{"id": "member"}]}}
                """, "none/program.json"));
        List<LoyaltyEvent> history = EventReader.forProgram(cashback.settings()).strict(true).readJsonLines(
                new StringReader("""
                        {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"1190.00"}
                        """), "history.jsonl").events();

        // when
        WhatIfResult result = WhatIf.compare(cashback, none, history, END_OF_MARCH);

        // then: $1,190 x 1 cent = 1,190 cents, told as 11.90 USD
        assertThat(result.pointsIssued()).isEqualTo(Change.of(1_190, 0));
        assertThat(result.warnings()).containsExactly(
                "rule \"Purchases earn base points at the program rate\" no longer earns (was 11.90 USD)");
    }

    @Test
    void a_candidate_rewarding_money_against_a_base_rewarding_points_is_refused() throws IOException {
        // given: the same numbers, but 1 per USD is a cent of cashback under the candidate and a point under the base
        Program points = Program.of(ProgramJson.parse("""
                {"id": "p", "version": "1", "earning": {"baseRate": "1"}, "tiers": {"ladder": [{"id": "member"}]}}
                """, "points/program.json"));
        Program money = points.withSettings(ProgramJson.parse("""
                {"id": "p", "version": "2", "reward": {"unit": "MONEY"}, "earning": {"baseRate": "1"},
                 "tiers": {"ladder": [{"id": "member"}]}}
                """, "money/program.json"));

        // when / then
        assertThatThrownBy(() -> WhatIf.compare(points, money, read(HISTORY), END_OF_MARCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the candidate's reward unit MONEY differs from the base's POINTS (program.json "
                        + "reward.unit): a what-if compares figures of one unit, points or minor units of the currency");
    }

    @Test
    void a_candidate_in_another_currency_is_refused_before_any_replay() throws IOException {
        // given
        Program inEuros = candidate(json -> json.replace("\"currency\": \"USD\"", "\"currency\": \"EUR\""));

        // when / then
        assertThatThrownBy(() -> WhatIf.compare(base, inEuros, read(HISTORY), END_OF_MARCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the candidate's currency EUR differs from the base's USD: a what-if compares two programs "
                        + "on the same events, in one currency");
    }

    @Test
    void a_candidate_in_another_zone_is_compared_with_a_warning_first() throws IOException {
        // given: the same numbers, the calendar in Tokyo (the events and the review instant stay read in UTC)
        Program inTokyo = candidate(json -> json.replace("\"zone\": \"UTC\"", "\"zone\": \"Asia/Tokyo\""));

        // when
        WhatIfResult result = WhatIf.compare(base, inTokyo, read(HISTORY), END_OF_MARCH);

        // then: no figure here depends on the hour, so the warning is the only difference
        assertThat(result.warnings()).containsExactly("the candidate's zone Asia/Tokyo differs from the base's UTC: the"
                + " events and the review instant are read in the base's zone, so the candidate's figures are not those"
                + " of a run of the candidate alone");
        assertThat(result.candidate().pointsIssued()).isEqualTo(result.base().pointsIssued());
    }
}
