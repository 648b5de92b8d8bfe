package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.rules.EngineFixtures.problemsOf;
import static org.loyaltyrules.rules.Programs.usd;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.FeeRefundPolicy;
import org.loyaltyrules.core.points.ExpiryPolicy;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.risk.Cap;
import org.loyaltyrules.core.risk.CapMeasure;
import org.loyaltyrules.rules.program.Declarations;
import org.loyaltyrules.rules.program.MembershipPlan;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * program.json validation: each problem names its JSON path, the bad value and what is allowed, and every problem of
 * a file is reported at once.
 */
class ProgramJsonTest {

    /** A valid program with a member/silver ladder; {@code extra} adds top-level fields, {@code earning} replaces
     * the earning object's fields. */
    private static String program(String earning, String extra) {
        return """
                {"id": "t", "version": "1",
                 "earning": {%s},
                 "tiers": {"ladder": [{"id": "member"}, {"id": "silver", "threshold": "500"}]}%s}
                """.formatted(earning, extra.isEmpty() ? "" : ",\n " + extra);
    }

    private static String withTopLevel(String extra) {
        return program("\"baseRate\": \"1\"", extra);
    }

    private static String withEarning(String fields) {
        return program("\"baseRate\": \"1\", " + fields, "");
    }

    private static String withLadder(String ladder) {
        return """
                {"id": "t", "version": "1", "earning": {"baseRate": "1"}, "tiers": {"ladder": [%s]}}
                """.formatted(ladder);
    }

    private static Problem at(String path, String message) {
        return new Problem("program.json " + path, message);
    }

    // ---------------------------------------------------------------- the whole file

    @Test
    void a_valid_program_has_no_problems_and_keeps_its_numbers() {
        ProgramSettings settings = ProgramJson.parse(withEarning("\"tierBonus\": {\"silver\": \"20\"}"), "program.json");

        assertThat(settings.id()).isEqualTo("t");
        assertThat(settings.name()).isEqualTo("t");
        assertThat(settings.version()).isEqualTo("1");
        assertThat(settings.currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(settings.zone().getId()).isEqualTo("UTC");
        assertThat(settings.earning().tierBonus()).containsExactlyEntriesOf(java.util.Map.of("silver",
                new BigDecimal("20")));
        assertThat(settings.ladder().tiers()).extracting(t -> t.id()).containsExactly("member", "silver");
    }

    @Test
    void text_that_is_not_json_is_reported_with_line_and_column() {
        ProgramException error = catchThrowableOfType(ProgramException.class,
                () -> ProgramJson.parse("{\n  \"id\": \"x\",\n  \"version\" \"1\"\n}", "program.json"));

        assertThat(error.problems()).containsExactly(new Problem("program.json:3:13",
                "Unexpected character ('\"' (code 34)): was expecting a colon to separate field name and value"));
        assertThat(error).hasMessageStartingWith("program.json is not valid JSON:");
    }

    @Test
    void a_second_object_after_the_program_is_refused_where_it_starts() {
        // given: a valid program, then "{}" on the next line
        String json = withTopLevel("") + "{}\n";

        // when
        ProgramException error = catchThrowableOfType(ProgramException.class,
                () -> ProgramJson.parse(json, "program.json"));

        // then
        assertThat(error.problems()).containsExactly(new Problem("program.json:4:1",
                "more JSON after the end of the first value; the file must hold one JSON object"));
    }

    @Test
    void closing_braces_after_the_program_are_refused_where_they_start() {
        assertThat(problemsOf(withTopLevel("") + "}}} garbage\n")).containsExactly(new Problem("program.json:4:1",
                "Unexpected close marker '}' where no object or array is open"));
    }

    @Test
    void a_word_after_the_program_is_refused_where_it_starts() {
        assertThat(problemsOf(withTopLevel("") + "garbage\n")).containsExactly(new Problem("program.json:4:8",
                "Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', "
                        + "'true' or 'false')"));
    }

    @Test
    void an_object_left_open_names_where_it_was_opened_without_jackson_settings() {
        assertThat(problemsOf("{\"id\": \"x\",\n \"tiers\": {\"ladder\": []}"))
                .containsExactly(new Problem("program.json:2:25",
                        "Unexpected end-of-input: expected close marker for Object (opened at line 1, column 1)"));
    }

    @Test
    void a_field_given_twice_is_not_valid_json() {
        assertThat(problemsOf("{\"id\": \"x\", \"id\": \"y\"}"))
                .containsExactly(new Problem("program.json:1:17", "Duplicate field 'id'"));
    }

    @Test
    void a_program_must_be_a_json_object() {
        assertThat(problemsOf("[]")).containsExactly(at("$", "must be a JSON object, was ARRAY"));
    }

    @Test
    void an_empty_file_is_named_as_empty_not_as_a_value_of_a_json_type() {
        assertThat(problemsOf("")).containsExactly(new Problem("program.json",
                "the file is empty; it must hold the program, one JSON object"));
        assertThat(problemsOf(" \n\n")).containsExactly(new Problem("program.json",
                "the file is blank; it must hold the program, one JSON object"));
    }

    @Test
    void an_empty_object_misses_every_required_part() {
        assertThat(problemsOf("{}")).containsExactly(
                at("$.id", "is required"),
                at("$.version", "is required"),
                at("$.tiers", "is required: the tier ladder (at least the base tier)"),
                at("$.earning", "is required: at least {\"baseRate\": \"1\"}"));
    }

    @Test
    void id_and_version_must_be_non_blank_strings() {
        assertThat(problemsOf("{\"id\": \"\", \"version\": 2, \"earning\": {}, \"tiers\": {\"ladder\": [{\"id\":"
                + " \"member\"}]}}")).containsExactly(
                at("$.id", "must be a non-blank string, was \"\""),
                at("$.version", "must be a non-blank string, was 2"));
    }

    @Test
    void every_problem_of_a_file_is_reported_at_once() {
        String json = """
                {"id": "t", "version": "1", "colour": "red", "currency": "XYZ", "zone": "Mars/Olympus",
                 "earning": {"baseRate": "1", "bonusRate": "2", "tierBonus": {"bronze": "10"}},
                 "tiers": {"ladder": [{"id": "member"}, {"id": "silver", "threshold": "500"},
                                      {"id": "gold", "threshold": "300", "colour": "gold"}]},
                 "expiry": {"policy": "SOMETIMES"}}
                """;

        ProgramException error = catchThrowableOfType(ProgramException.class,
                () -> ProgramJson.parse(json, "program.json"));

        assertThat(error.problems()).containsExactly(
                at("$.colour", "is not a known field; allowed here: [benefits, currency, declares, description,"
                        + " earning, expiry, growth, id, insight, membership, name, partners, pendingDays, refunds, reward, risk, rounding, stacking, tiers,"
                        + " version, zone]"),
                at("$.currency", "must be an ISO 4217 code such as USD, was \"XYZ\""),
                at("$.zone", "must be a zone id such as UTC or Europe/Paris, was \"Mars/Olympus\""),
                at("$.tiers.ladder[2].colour", "is not a known field; allowed here: [id, keep, name, reachable,"
                        + " threshold]"),
                at("$.tiers.ladder[2].threshold", "must be > 500 (silver), was 300"),
                at("$.earning.bonusRate", "is not a known field; allowed here: [baseRate, campaigns, channelBonus,"
                        + " exclusions, lineBonuses, metricRates, milestones, minimumOrder, rates, tierBonus]"),
                at("$.expiry.policy", "must be one of [NEVER, FIXED_DAYS, END_OF_NTH_MONTH,"
                        + " END_OF_NEXT_CALENDAR_YEAR, INACTIVITY], was \"SOMETIMES\""));
        assertThat(error).hasMessageStartingWith("program program.json has 7 problem(s):\n"
                + "  program.json $.colour: is not a known field");
    }

    // ---------------------------------------------------------------- top level

    @Test
    void unknown_fields_are_reported_at_every_level() {
        assertThat(problemsOf(withTopLevel("\"colour\": \"red\", \"risk\": {\"caps\": [], \"limits\": 1},"
                + " \"growth\": {\"rates\": {}, \"x\": 1}"))).containsExactly(
                at("$.colour", "is not a known field; allowed here: [benefits, currency, declares, description,"
                        + " earning, expiry, growth, id, insight, membership, name, partners, pendingDays, refunds, reward, risk, rounding, stacking, tiers,"
                        + " version, zone]"),
                at("$.growth.x", "is not a known field; allowed here: [rates]"),
                at("$.risk.limits", "is not a known field; allowed here: [abnormal, caps]"));
    }

    @Test
    void an_unknown_field_one_or_two_edits_from_an_allowed_one_is_named_as_what_was_probably_meant() {
        assertThat(problemsOf(withEarning("\"tierBonuss\": {\"silver\": \"20\"}")))
                .containsExactly(at("$.earning.tierBonuss", "is not a known field; allowed here: [baseRate, campaigns,"
                        + " channelBonus, exclusions, lineBonuses, metricRates, milestones, minimumOrder, rates,"
                        + " tierBonus]; did you mean \"tierBonus\"?"));
    }

    @Test
    void a_currency_must_be_an_iso_code_with_minor_units() {
        assertThat(problemsOf(withTopLevel("\"currency\": \"XYZ\"")))
                .containsExactly(at("$.currency", "must be an ISO 4217 code such as USD, was \"XYZ\""));
        assertThat(problemsOf(withTopLevel("\"currency\": \"XXX\"")))
                .containsExactly(at("$.currency", "must be an ISO 4217 code such as USD, was \"XXX\""));
    }

    @Test
    void a_bad_currency_is_its_only_problem_when_the_program_has_money_settings() {
        // each money setting is an amount in the currency: with no valid currency it is not checked (nor crashed on)
        for (String code : List.of("usd", "ABC", "XAU", "XXX")) {
            String currency = "\"currency\": \"" + code + "\"";
            Problem expected = at("$.currency", "must be an ISO 4217 code such as USD, was \"" + code + "\"");
            assertThat(problemsOf(program("\"baseRate\": \"1\", \"minimumOrder\": \"10.00\"", currency)))
                    .containsExactly(expected);
            assertThat(problemsOf(withTopLevel(currency + ", \"benefits\": [{\"id\": \"lounge\", \"cost\": \"12.50\","
                    + " \"budget\": {\"amount\": \"500.00\"}}]"))).containsExactly(expected);
            assertThat(problemsOf(withTopLevel(currency + ", \"membership\": {\"plans\": [{\"tier\": \"silver\","
                    + " \"price\": \"99.00\"}]}"))).containsExactly(expected);
            assertThat(problemsOf(withTopLevel(currency + ", \"reward\": {\"unit\": \"MONEY\"}, \"risk\": {\"caps\": [{\"id\": \"c\", \"period\": \"DAY\","
                    + " \"measure\": \"MONEY\", \"limit\": \"100.00\"}]}"))).containsExactly(expected);
        }
    }

    @Test
    void a_benefit_cost_or_budget_with_more_decimals_than_the_currency_is_reported_at_its_path() {
        assertThat(problemsOf(withTopLevel("\"currency\": \"JPY\", \"benefits\": [{\"id\": \"lounge\","
                + " \"cost\": \"12.5\", \"budget\": {\"amount\": \"500.25\"}}]"))).containsExactly(
                at("$.benefits[0].cost", "amount must have at most 0 decimals for JPY, was 12.5"),
                at("$.benefits[0].budget.amount", "amount must have at most 0 decimals for JPY, was 500.25"));
    }

    @Test
    void a_zone_must_be_a_zone_id() {
        assertThat(problemsOf(withTopLevel("\"zone\": \"Mars/Olympus\"")))
                .containsExactly(at("$.zone", "must be a zone id such as UTC or Europe/Paris, was \"Mars/Olympus\""));
    }

    @Test
    void enums_list_their_allowed_values() {
        assertThat(problemsOf(withTopLevel("\"stacking\": \"SUM\", \"rounding\": {\"mode\": \"UP\", \"scope\":"
                + " \"ALL\"}, \"reward\": {\"unit\": \"MILES\"}, \"refunds\": {\"policy\": \"IGNORE\"}")))
                .containsExactly(
                        at("$.reward.unit", "must be one of [POINTS, MONEY], was \"MILES\""),
                        at("$.rounding.mode", "must be one of [FLOOR, HALF_UP, CEILING], was \"UP\""),
                        at("$.rounding.scope", "must be one of [PER_AWARD, PER_EVENT], was \"ALL\""),
                        at("$.stacking", "must be one of [ADDITIVE, HIGHEST, MULTIPLICATIVE], was \"SUM\""),
                        at("$.refunds.policy", "must be one of [NEGATIVE_BALANCE, RECOVER_AVAILABLE], was"
                                + " \"IGNORE\""));
    }

    @Test
    void pending_days_must_be_a_whole_number_in_range() {
        assertThat(problemsOf(withTopLevel("\"pendingDays\": -1")))
                .containsExactly(at("$.pendingDays", "must be in 0..3650, was -1"));
        assertThat(problemsOf(withTopLevel("\"pendingDays\": \"14\"")))
                .containsExactly(at("$.pendingDays", "must be a whole number in 0..3650, was \"14\""));
    }

    @Test
    void an_unknown_expiry_policy_lists_the_policies() {
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"SOMETIMES\"}")))
                .containsExactly(at("$.expiry.policy", "must be one of [NEVER, FIXED_DAYS, END_OF_NTH_MONTH,"
                        + " END_OF_NEXT_CALENDAR_YEAR, INACTIVITY], was \"SOMETIMES\""));
    }

    @Test
    void expiry_policies_without_their_number_take_the_documented_defaults() {
        assertThat(ProgramJson.parse(withTopLevel("\"expiry\": {\"policy\": \"FIXED_DAYS\"}"), "program.json").expiry())
                .isEqualTo(new ExpiryPolicy.FixedDays(365));
        assertThat(ProgramJson.parse(withTopLevel("\"expiry\": {\"policy\": \"END_OF_NTH_MONTH\"}"), "program.json")
                .expiry()).isEqualTo(new ExpiryPolicy.EndOfNthMonthAfterEarn(12));
        assertThat(ProgramJson.parse(withTopLevel("\"expiry\": {\"policy\": \"INACTIVITY\"}"), "program.json").expiry())
                .isEqualTo(new ExpiryPolicy.Inactivity(18));
        assertThat(ProgramJson.parse(withTopLevel(""), "program.json").expiry()).isEqualTo(ExpiryPolicy.never());
    }

    @Test
    void end_of_month_zero_expires_points_at_the_end_of_the_month_they_were_earned_in() {
        // given
        ExpiryPolicy expiry = ProgramJson.parse(withTopLevel("\"expiry\": {\"policy\": \"END_OF_NTH_MONTH\","
                + " \"months\": 0}"), "program.json").expiry();

        // when / then: earned on 31 January, gone at the first midnight of February
        assertThat(expiry).isEqualTo(new ExpiryPolicy.EndOfNthMonthAfterEarn(0));
        assertThat(expiry.lotExpiry(Instant.parse("2025-01-31T10:00:00Z"), ProgramCalendar.of(ZoneOffset.UTC)))
                .contains(Instant.parse("2025-02-01T00:00:00Z"));
    }

    @Test
    void expiry_months_must_be_in_range_for_each_policy() {
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"END_OF_NTH_MONTH\", \"months\": -1}")))
                .containsExactly(at("$.expiry.months", "must be in 0..1200, was -1"));
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"INACTIVITY\", \"months\": 0}")))
                .containsExactly(at("$.expiry.months", "must be in 1..1200, was 0"));
    }

    @Test
    void a_number_the_expiry_policy_does_not_read_is_refused_rather_than_the_default_used() {
        // "365 days of no activity" written as days under INACTIVITY silently gave the default of 18 months
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"INACTIVITY\", \"days\": 365}")))
                .containsExactly(at("$.expiry.days", "is not read by policy INACTIVITY, which counts months: write"
                        + " \"months\" (12 for a year)"));
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"FIXED_DAYS\", \"months\": 6}")))
                .containsExactly(at("$.expiry.months", "is not read by policy FIXED_DAYS, which counts days: write"
                        + " \"days\" (365 for a year)"));
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"NEVER\", \"days\": 30, \"months\": 1}")))
                .containsExactly(at("$.expiry.days", "is not read by policy NEVER: only FIXED_DAYS reads days"),
                        at("$.expiry.months", "is not read by policy NEVER: only END_OF_NTH_MONTH and INACTIVITY read"
                                + " months"));
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"END_OF_NEXT_CALENDAR_YEAR\", \"months\": 12}")))
                .containsExactly(at("$.expiry.months", "is not read by policy END_OF_NEXT_CALENDAR_YEAR: only"
                        + " END_OF_NTH_MONTH and INACTIVITY read months"));
    }

    @Test
    void months_of_a_calendar_year_or_anniversary_window_are_refused_rather_than_ignored() {
        for (String type : List.of("CALENDAR_YEAR", "ANNIVERSARY")) {
            assertThat(problemsOf("""
                    {"id": "t", "version": "1", "earning": {},
                     "tiers": {"window": {"type": "%s", "months": 6}, "ladder": [{"id": "member"}]}}
                    """.formatted(type))).containsExactly(at("$.tiers.window.months", "is not read by window " + type
                    + ": only ROLLING_MONTHS reads months"));
        }
    }

    @Test
    void a_policy_or_window_type_that_is_no_string_gets_its_own_error_and_no_other() {
        // the number was judged by the default (NEVER, CALENDAR_YEAR) the author did not write (review F8)
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": 5, \"months\": 3}")))
                .containsExactly(at("$.expiry.policy", "must be a non-blank string, was 5"));
        assertThat(problemsOf("{\"id\": \"t\", \"version\": \"1\", \"earning\": {}, \"tiers\": {\"window\":"
                + " {\"type\": 5, \"months\": 3}, \"ladder\": [{\"id\": \"member\"}]}}"))
                .containsExactly(at("$.tiers.window.type", "must be a non-blank string, was 5"));
        assertThat(problemsOf(program("\"baseRate\": \"1\", \"rates\": [{\"attribute\": \"partner\", \"values\":"
                + " [\"grocer\"], \"rate\": \"2\"}]", "\"partners\": \"grocer\"")))
                .containsExactly(at("$.partners", "must be an array, was STRING"));
        // a listed partner with an error of its own is still a partner a rate may name
        assertThat(problemsOf(program("\"baseRate\": \"1\", \"rates\": [{\"attribute\": \"partner\", \"values\":"
                + " [\"grocer\"], \"rate\": \"2\"}]", "\"partners\": [{\"id\": \"grocer\", \"earnRate\": \"-1\"}]")))
                .containsExactly(at("$.partners[0].earnRate", "must be >= 0, was -1"));
    }

    @Test
    void partial_refunds_keep_only_metrics_the_program_counts_each_once() {
        String nights = """
                {"id": "t", "version": "1", "earning": {"baseRate": "10"},
                 "tiers": {"metric": "nights", "ladder": [{"id": "member"}, {"id": "silver", "threshold": "10"}]},
                 "refunds": {"partialRefundsKeep": %s}}
                """;
        assertThat(ProgramJson.parse(nights.formatted("[\"nights\"]"), "program.json").partialRefundsKeep())
                .containsExactly("nights");
        assertThat(ProgramJson.parse(withTopLevel("\"refunds\": {\"policy\": \"NEGATIVE_BALANCE\"}"),
                "program.json").partialRefundsKeep()).isEmpty();
        // a name the engine never counts would keep nothing, silently
        assertThat(problemsOf(nights.formatted("[\"night\", \"nights\", \"nights\", 3]"))).containsExactly(
                at("$.refunds.partialRefundsKeep[0]", "'night' is not a metric this program counts; it counts"
                        + " [nights] (tiers.metric and the milestones' metrics); did you mean \"nights\"?"),
                at("$.refunds.partialRefundsKeep[2]", "names 'nights' twice"),
                at("$.refunds.partialRefundsKeep[3]", "must be a non-blank string, was 3"));
        assertThat(problemsOf(nights.formatted("\"nights\""))).containsExactly(
                at("$.refunds.partialRefundsKeep", "must be an array, was STRING"));
    }

    @Test
    void expiry_days_must_be_positive() {
        assertThat(problemsOf(withTopLevel("\"expiry\": {\"policy\": \"FIXED_DAYS\", \"days\": 0}")))
                .containsExactly(at("$.expiry.days", "must be in 1..36500, was 0"));
    }

    @Test
    void growth_rates_must_not_be_negative() {
        assertThat(problemsOf(withTopLevel("\"growth\": {\"rates\": {\"growth\": \"-1\"}}")))
                .containsExactly(at("$.growth.rates.growth", "must be >= 0, was -1"));
    }

    // ---------------------------------------------------------------- tiers

    @Test
    void tier_thresholds_must_increase_up_the_ladder() {
        assertThat(problemsOf(withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"500\"},"
                + " {\"id\": \"gold\", \"threshold\": \"300\"}")))
                .containsExactly(at("$.tiers.ladder[2].threshold", "must be > 500 (silver), was 300"));
        // two tiers at one threshold: the higher could never be reached on its own
        assertThat(problemsOf(withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"500\"},"
                + " {\"id\": \"gold\", \"threshold\": \"500\"}")))
                .containsExactly(at("$.tiers.ladder[2].threshold", "must be > 500 (silver), was 500"));
    }

    @Test
    void an_unreachable_tier_needs_no_threshold_and_does_not_break_the_order() {
        assertThat(problemsOf(withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"500\"},"
                + " {\"id\": \"vip\", \"reachable\": false}, {\"id\": \"gold\", \"threshold\": \"2000\"}"))).isEmpty();
    }

    @Test
    void the_ladder_settings_are_checked_one_by_one() {
        assertThat(problemsOf("""
                {"id": "t", "version": "1", "earning": {},
                 "tiers": {"metric": 5, "window": {"type": "WEEKLY"}, "validity": "FOREVER", "downgrade": "NEVER",
                           "graceDays": 9999,
                           "ladder": [{"id": "member", "threshold": "10", "colour": 1}, {"name": "x", "threshold": "5"}]}}
                """)).containsExactly(
                at("$.tiers.metric", "must be a non-blank string, was 5"),
                at("$.tiers.window.type", "must be one of [CALENDAR_YEAR, ANNIVERSARY, ROLLING_MONTHS], was \"WEEKLY\""),
                at("$.tiers.validity", "must be one of [END_OF_WINDOW, END_OF_NEXT_WINDOW], was \"FOREVER\""),
                at("$.tiers.downgrade", "must be one of [TO_EARNED_LEVEL, ONE_STEP], was \"NEVER\""),
                at("$.tiers.graceDays", "must be in 0..3650, was 9999"),
                at("$.tiers.ladder[0].colour", "is not a known field; allowed here: [id, keep, name, reachable,"
                        + " threshold]"),
                at("$.tiers.ladder[0].threshold", "must be 0 for the base tier (member), was 10"),
                at("$.tiers.ladder[1].id", "is required"));
    }

    @Test
    void a_rolling_window_needs_months_in_range_and_reachable_must_be_a_boolean() {
        assertThat(problemsOf("""
                {"id": "t", "version": "1", "earning": {},
                 "tiers": {"window": {"type": "ROLLING_MONTHS", "months": 0},
                           "ladder": [{"id": "member"}, {"id": "vip", "reachable": "no"}]}}
                """)).containsExactly(
                at("$.tiers.window.months", "must be in 1..120, was 0"),
                at("$.tiers.ladder[1].reachable", "must be true or false, was \"no\""),
                at("$.tiers.ladder[1].threshold", "is required"));
    }

    @Test
    void the_ladder_must_not_be_empty() {
        assertThat(problemsOf(withLadder(""))).containsExactly(at("$.tiers.ladder",
                "must be a non-empty array of tiers, lowest first"));
    }

    @Test
    void tier_ids_must_be_unique() {
        assertThat(problemsOf(withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"500\"},"
                + " {\"id\": \"silver\", \"threshold\": \"900\"}")))
                .containsExactly(at("$.tiers.ladder[2].id",
                        "must be unique, was 'silver' again (also at $.tiers.ladder[1].id)"));
    }

    @Test
    void keep_must_not_exceed_the_threshold() {
        assertThat(problemsOf(withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"500\", \"keep\":"
                + " \"600\"}"))).containsExactly(at("$.tiers.ladder[1].keep", "must be <= threshold 500, was 600"));
    }

    @Test
    void keep_may_equal_the_threshold() {
        // keep defaults to the threshold, so writing that default out is valid: 500 <= 500
        String json = withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"500\", \"keep\":"
                + " \"500\"}");

        assertThat(problemsOf(json)).isEmpty();
        assertThat(ProgramJson.parse(json, "program.json").ladder().tiers().get(1).keepThreshold())
                .isEqualByComparingTo("500");
    }

    @Test
    void keep_must_not_be_negative() {
        assertThat(problemsOf(withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"500\", \"keep\":"
                + " \"-1\"}"))).containsExactly(at("$.tiers.ladder[1].keep", "must be >= 0, was -1"));
    }

    @Test
    void a_negative_threshold_is_a_threshold_that_does_not_increase() {
        assertThat(problemsOf(withLadder("{\"id\": \"member\"}, {\"id\": \"silver\", \"threshold\": \"-5\"}")))
                .containsExactly(at("$.tiers.ladder[1].threshold", "must be > 0 (member), was -5"));
    }

    // ---------------------------------------------------------------- earning

    @Test
    void a_special_rate_on_the_tier_pseudo_attribute_naming_an_unknown_tier_names_the_known_tiers() {
        // "Silver" is no tier (ids match exactly): the rate would never apply, and the member earn the base rate
        assertThat(problemsOf(withEarning("\"rates\": [{\"attribute\": \"tier\", \"values\": [\"silver\", "
                + "\"Silver\"], \"rate\": \"2\"}, {\"attribute\": \"brand\", \"values\": [\"Gold\"], \"rate\": \"3\"}]")))
                .containsExactly(at("$.earning.rates[0].values", "names unknown tier 'Silver'; tiers are [member, "
                        + "silver]; did you mean \"silver\"?"));
    }

    @Test
    void a_special_rate_on_the_partner_pseudo_attribute_naming_an_unlisted_partner_names_the_listed_partners() {
        // an event naming "Grocer" is refused UNKNOWN_PARTNER (ids match exactly): the rate could never apply
        assertThat(problemsOf(program("\"baseRate\": \"1\", \"rates\": [{\"attribute\": \"partner\", \"values\":"
                + " [\"grocer\", \"Grocer\", \"fuel\"], \"rate\": \"2\"}]", "\"partners\": [{\"id\": \"grocer\"},"
                + " {\"id\": \"airline\"}]")))
                .containsExactly(
                        at("$.earning.rates[0].values", "names unknown partner 'Grocer'; partners are [grocer, airline]"),
                        at("$.earning.rates[0].values", "names unknown partner 'fuel'; partners are [grocer, airline]"));
    }

    @Test
    void a_special_rate_on_the_partner_pseudo_attribute_of_a_program_without_partners_is_refused() {
        assertThat(problemsOf(withEarning("\"rates\": [{\"attribute\": \"partner\", \"values\": [\"grocer\"],"
                + " \"rate\": \"2\"}]")))
                .containsExactly(at("$.earning.rates[0].values", "names unknown partner 'grocer'; partners are []"));
    }

    @Test
    void a_tier_bonus_for_an_unknown_tier_names_the_known_tiers() {
        assertThat(problemsOf(withEarning("\"tierBonus\": {\"bronze\": \"10\"}")))
                .containsExactly(at("$.earning.tierBonus", "names unknown tier 'bronze'; tiers are [member, silver]"));
    }

    @Test
    void negative_bonus_and_metric_rates_are_reported_per_entry() {
        assertThat(problemsOf(withEarning("\"tierBonus\": {\"silver\": \"-5\"}, \"metricRates\": {\"nights\": \"-1\"},"
                + " \"channelBonus\": {\"app\": \"-10\"}"))).containsExactly(
                at("$.earning.tierBonus.silver", "must be >= 0, was -5"),
                at("$.earning.metricRates.nights", "must be >= 0, was -1"),
                at("$.earning.channelBonus.app", "must be >= 0, was -10"));
    }

    @Test
    void a_negative_base_rate_is_reported() {
        assertThat(problemsOf(program("\"baseRate\": \"-1\"", "")))
                .containsExactly(at("$.earning.baseRate", "must be >= 0, was -1"));
    }

    @Test
    void a_negative_special_rate_is_reported() {
        assertThat(problemsOf(withEarning("\"rates\": [{\"attribute\": \"channel\", \"values\": [\"app\"], \"rate\":"
                + " \"-2\"}]"))).containsExactly(at("$.earning.rates[0].rate", "must be >= 0, was -2"));
    }

    @Test
    void earning_values_are_checked_for_type_and_precision() {
        assertThat(problemsOf(program("\"baseRate\": \"abc\", \"channelBonus\": [], \"minimumOrder\": \"10.001\"", "")))
                .containsExactly(
                        at("$.earning.baseRate", "must be a decimal number such as \"1.5\", was \"abc\""),
                        at("$.earning.minimumOrder", "amount must have at most 2 decimals for USD, was 10.001"),
                        at("$.earning.channelBonus", "must be an object of name to decimal, was ARRAY"));
    }

    @Test
    void special_rates_need_an_attribute_text_values_and_a_rate() {
        assertThat(problemsOf(withEarning("\"rates\": [{\"attribute\": \"brand\", \"values\": [\"a\", 3], \"colour\":"
                + " 1}]"))).containsExactly(
                at("$.earning.rates[0].colour", "is not a known field; allowed here: [attribute, rate, values]"),
                at("$.earning.rates[0].values[1]", "must be a non-blank string, was 3"),
                at("$.earning.rates[0].rate", "is required"));
    }

    @Test
    void a_line_bonus_names_exactly_one_of_sku_or_category_and_multiplies_by_at_least_one() {
        assertThat(problemsOf(withEarning("\"lineBonuses\": [{\"sku\": \"A1\", \"category\": \"shoes\", \"multiplier\":"
                + " \"2\"}, {\"multiplier\": \"2\"}, {\"sku\": \"B\", \"multiplier\": \"0.5\"}, {\"sku\": \"C\"}]")))
                .containsExactly(
                        at("$.earning.lineBonuses[0]", "must name exactly one of sku or category"),
                        at("$.earning.lineBonuses[1]", "must name exactly one of sku or category"),
                        at("$.earning.lineBonuses[2].multiplier", "must be >= 1, was 0.5"),
                        at("$.earning.lineBonuses[3].multiplier", "is required"));
    }

    @Test
    void a_sku_or_category_given_a_second_line_bonus_is_refused_as_it_would_stack_with_the_first() {
        assertThat(problemsOf(withEarning("\"lineBonuses\": [{\"sku\": \"A1\", \"multiplier\": \"2\"}, {\"category\":"
                + " \"shoes\", \"multiplier\": \"3\"}, {\"sku\": \"A1\", \"multiplier\": \"2\"}, {\"category\": \"shoes\","
                + " \"multiplier\": \"2\"}, {\"category\": \"A1\", \"multiplier\": \"2\"}]")))
                .containsExactly(
                        at("$.earning.lineBonuses[2].sku", "has a multiplier already at $.earning.lineBonuses[0].sku,"
                                + " was 'A1' again: give each SKU one multiplier"),
                        at("$.earning.lineBonuses[3].category", "has a multiplier already at"
                                + " $.earning.lineBonuses[1].category, was 'shoes' again: give each category one"
                                + " multiplier"));
    }

    @Test
    void an_adding_campaign_factor_must_not_be_negative_and_is_its_only_problem() {
        assertThat(problemsOf(withEarning("\"campaigns\": [{\"id\": \"c\", \"from\": \"2025-11-01\", \"to\":"
                + " \"2025-11-11\", \"factor\": \"-2\", \"mode\": \"ADD\"}]")))
                .containsExactly(at("$.earning.campaigns[0].factor", "must be >= 0, was -2"));
    }

    @Test
    void a_campaign_must_not_end_before_it_starts() {
        assertThat(problemsOf(withEarning("\"campaigns\": [{\"id\": \"c\", \"from\": \"2025-11-11\", \"to\":"
                + " \"2025-11-01\", \"factor\": \"2\"}]")))
                .containsExactly(at("$.earning.campaigns[0].to", "must not be before from 2025-11-11, was 2025-11-01"));
    }

    @Test
    void a_campaign_may_start_and_end_on_the_same_day() {
        assertThat(problemsOf(withEarning("\"campaigns\": [{\"id\": \"d11\", \"from\": \"2025-11-11\", \"to\":"
                + " \"2025-11-11\", \"factor\": \"2\"}]"))).isEmpty();
    }

    @Test
    void a_replacing_campaign_factor_must_be_at_least_one() {
        assertThat(problemsOf(withEarning("\"campaigns\": [{\"id\": \"c\", \"from\": \"2025-11-01\", \"to\":"
                + " \"2025-11-11\", \"factor\": \"0.5\", \"mode\": \"REPLACE\"}]")))
                .containsExactly(at("$.earning.campaigns[0]", "a REPLACE factor must be >= 1, was 0.5"));
    }

    @Test
    void an_adding_campaign_may_have_a_factor_below_one() {
        assertThat(problemsOf(withEarning("\"campaigns\": [{\"id\": \"c\", \"from\": \"2025-11-01\", \"to\":"
                + " \"2025-11-11\", \"factor\": \"0.5\", \"mode\": \"ADD\"}]"))).isEmpty();
    }

    @Test
    void a_campaign_needs_dates_a_mode_it_knows_a_factor_and_known_tiers_each_problem_said_once_at_its_path() {
        assertThat(problemsOf(withEarning("\"campaigns\": [{\"id\": \"d\", \"from\": \"2025-13-01\", \"mode\":"
                + " \"TIMES\"}, {\"id\": \"e\", \"from\": \"2025-01-01\", \"to\": \"2025-01-02\", \"tierFactors\":"
                + " {\"gold\": \"2\"}}]"))).containsExactly(
                at("$.earning.campaigns[0].from", "must be a date like 2025-11-01, was \"2025-13-01\""),
                at("$.earning.campaigns[0].to", "is required: a date like 2025-11-11"),
                at("$.earning.campaigns[0].mode", "must be one of [REPLACE, ADD], was \"TIMES\""),
                at("$.earning.campaigns[0]", "needs a factor or tierFactors"),
                at("$.earning.campaigns[1].tierFactors", "names unknown tier 'gold'; tiers are [member, silver]"));
    }

    @Test
    void exclusions_take_arrays_and_booleans() {
        assertThat(problemsOf(withEarning("\"exclusions\": {\"skus\": \"GIFT\", \"delivery\": \"yes\"}")))
                .containsExactly(
                        at("$.earning.exclusions.skus", "must be an array, was STRING"),
                        at("$.earning.exclusions.delivery", "must be true or false, was \"yes\""));
    }

    @Test
    void milestones_need_an_id_a_metric_a_start_positive_steps_and_points() {
        assertThat(problemsOf(withEarning("\"milestones\": [{\"id\": \"m\", \"metric\": \"nights\", \"at\": 10,"
                + " \"every\": 0, \"points\": 0}, {\"metric\": \" \"}]"))).containsExactly(
                at("$.earning.milestones[0].points", "must be in 1..9223372036854775807, was 0"),
                at("$.earning.milestones[0].every", "must be > 0, was 0"),
                at("$.earning.milestones[1].id", "is required"),
                at("$.earning.milestones[1].metric", "must be a non-blank string, was \" \""),
                at("$.earning.milestones[1].at", "is required"),
                at("$.earning.milestones[1].points", "is required"));
    }

    @Test
    void a_milestone_without_points_is_reported() {
        assertThat(problemsOf(withEarning("\"milestones\": [{\"id\": \"m\", \"metric\": \"nights\", \"at\": 10}]")))
                .containsExactly(at("$.earning.milestones[0].points", "is required"));
    }

    // ---------------------------------------------------------------- risk

    @Test
    void a_points_cap_limit_must_be_a_whole_number() {
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"daily\", \"period\": \"DAY\", \"measure\":"
                + " \"POINTS\", \"limit\": \"100.5\"}]}"))).containsExactly(at("$.risk.caps[0].limit",
                "must be a whole number (or money with at most 2 decimals for MONEY), was 100.5"));
    }

    @Test
    void term_months_count_benefit_quotas_of_a_program_that_sells_terms_and_nothing_else() {
        String benefit = "\"benefits\": [{\"id\": \"ship\", \"tiers\": [\"silver\"], \"quota\": 5, \"period\":"
                + " \"TERM_MONTH\", \"cost\": \"6.00\"%s}]";
        String plans = ", \"membership\": {\"plans\": [{\"tier\": \"silver\", \"price\": \"198.00\", \"termMonths\": 12}]}";
        assertThat(problemsOf(withTopLevel(benefit.formatted("") + plans))).isEmpty();
        assertThat(problemsOf(withTopLevel(benefit.formatted("")))).containsExactly(at("$.benefits[0].period",
                "TERM_MONTH counts months of a paid term, and the program sells none (membership.plans): use MONTH"));
        assertThat(problemsOf(withTopLevel(benefit.formatted("") + ", \"membership\": {\"plans\": []}")))
                .containsExactly(at("$.benefits[0].period", "TERM_MONTH counts months of a paid term, and the program"
                        + " sells none (membership.plans): use MONTH"));
        assertThat(problemsOf(withTopLevel(benefit.formatted(", \"budget\": {\"amount\": \"100.00\", \"period\":"
                + " \"TERM_MONTH\"}") + plans))).containsExactly(at("$.benefits[0].budget.period",
                "spans all members: use DAY, WEEK, MONTH, YEAR or LIFETIME, was TERM_MONTH"));
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"d\", \"period\": \"TERM_MONTH\","
                + " \"limit\": \"100\"}]}"))).containsExactly(at("$.risk.caps[0].period", "TERM_MONTH counts benefit"
                + " quotas only (a month of a paid term); a cap counts in DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR or"
                + " LIFETIME"));
    }

    @Test
    void a_cap_limit_beyond_a_long_says_so_rather_than_that_it_is_not_whole() {
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"daily\", \"period\": \"DAY\", \"measure\":"
                + " \"POINTS\", \"limit\": \"92233720368547758070\"}]}"))).containsExactly(at("$.risk.caps[0].limit",
                "must be at most 9223372036854775807, was 92233720368547758070"));
        assertThat(problemsOf(withTopLevel("\"reward\": {\"unit\": \"MONEY\"}, \"risk\": {\"caps\": [{\"id\": \"m\","
                + " \"period\": \"DAY\", \"measure\": \"MONEY\", \"limit\": \"92233720368547758.08\"}]}")))
                .containsExactly(at("$.risk.caps[0].limit", "must be at most 9223372036854775807 minor units, was"
                        + " 92233720368547758.08"));
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"daily\", \"period\": \"DAY\", \"measure\":"
                + " \"POINTS\", \"limit\": \"-9223372036854775809\"}]}"))).containsExactly(at("$.risk.caps[0].limit",
                "must be >= 0, was -9223372036854775809"));
    }

    @Test
    void a_money_cap_limit_has_at_most_the_currency_decimals() {
        assertThat(problemsOf(withTopLevel("\"reward\": {\"unit\": \"MONEY\"}, \"risk\": {\"caps\": [{\"id\": \"m\","
                + " \"period\": \"DAY\", \"measure\": \"MONEY\", \"limit\": \"10.555\"}]}"))).containsExactly(
                at("$.risk.caps[0].limit", "must be a whole number (or money with at most 2 decimals for MONEY), was 10.555"));
        assertThat(problemsOf(withTopLevel("\"reward\": {\"unit\": \"MONEY\"}, \"risk\": {\"caps\": [{\"id\": \"m\","
                + " \"period\": \"DAY\", \"measure\": \"MONEY\", \"limit\": \"10.55\"}]}"))).isEmpty();
    }

    @Test
    void a_money_cap_in_a_points_program_is_refused_naming_the_measures_that_fit() {
        // a MONEY cap of 0.50 would have capped points at 50, as if they were cents
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"m\", \"period\": \"DAY\", \"measure\":"
                + " \"MONEY\", \"limit\": \"0.50\"}]}"))).containsExactly(at("$.risk.caps[0].measure",
                "must be POINTS or COUNT in a program that rewards POINTS, was MONEY"));
    }

    @Test
    void a_points_cap_in_a_cashback_program_is_refused_naming_the_measures_that_fit() {
        assertThat(problemsOf(withTopLevel("\"reward\": {\"unit\": \"MONEY\"}, \"risk\": {\"caps\": ["
                + "{\"id\": \"c\", \"period\": \"DAY\", \"measure\": \"COUNT\", \"limit\": 3},"
                + "{\"id\": \"p\", \"period\": \"DAY\", \"measure\": \"POINTS\", \"limit\": 50},"
                + "{\"id\": \"d\", \"period\": \"DAY\", \"limit\": 50}]}"))).containsExactly(
                at("$.risk.caps[1].measure", "must be MONEY or COUNT in a program that rewards MONEY, was POINTS"),
                at("$.risk.caps[2].measure", "is required in a program that rewards MONEY: MONEY or COUNT (the default,"
                        + " POINTS, would count minor units as points)"));
    }

    @Test
    void points_and_count_caps_fit_a_points_program_and_points_is_the_default() {
        ProgramSettings settings = ProgramJson.parse(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"d\", \"period\":"
                + " \"DAY\", \"limit\": 50}, {\"id\": \"c\", \"period\": \"DAY\", \"measure\": \"COUNT\", \"limit\": 3}]}"),
                "program.json");

        assertThat(settings.caps()).containsExactly(
                new Cap("d", null, CountingPeriod.DAY, CapMeasure.POINTS, 50),
                new Cap("c", null, CountingPeriod.DAY, CapMeasure.COUNT, 3));
    }

    @Test
    void settings_built_in_code_refuse_a_cap_that_does_not_count_the_reward_unit() {
        // given: valid settings of a points program
        ProgramSettings s = ProgramJson.parse(withTopLevel(""), "program.json");
        List<Cap> caps = List.of(new Cap("m", null, CountingPeriod.DAY, CapMeasure.MONEY, 50));

        // when
        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class, () -> new ProgramSettings(
                s.id(), s.name(), s.version(), s.currency(), s.zone(), s.rewardUnit(), s.rounding(), s.roundingScope(),
                s.stacking(), s.earning(), s.growthRates(), s.ladder(), s.pending(), s.expiry(), s.refundPolicy(), caps,
                s.abnormal(), s.benefits(), s.insight(), s.plans(), s.partners(), s.feeRefund()));

        // then
        assertThat(error).hasMessage("caps[0] (m) measure must be POINTS or COUNT in a program that rewards POINTS,"
                + " was MONEY");
    }

    @Test
    void a_cap_limit_one_unit_below_zero_is_reported_at_its_path_whatever_the_cap_counts() {
        // the smallest negative limit of each measure: one point, one event, one cent
        for (String measure : List.of("POINTS", "COUNT")) {
            assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"m\", \"period\": \"DAY\","
                    + " \"measure\": \"" + measure + "\", \"limit\": -1}]}"))).as(measure)
                    .containsExactly(at("$.risk.caps[0].limit", "must be >= 0, was -1"));
        }
        assertThat(problemsOf(withTopLevel("\"reward\": {\"unit\": \"MONEY\"}, \"risk\": {\"caps\": [{\"id\": \"m\","
                + " \"period\": \"DAY\", \"measure\": \"MONEY\", \"limit\": \"-0.01\"}]}")))
                .containsExactly(at("$.risk.caps[0].limit", "must be >= 0, was -0.01"));
    }

    @Test
    void cap_limits_must_not_be_negative() {
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"m\", \"period\": \"DAY\", \"limit\": -5}]}")))
                .containsExactly(at("$.risk.caps[0].limit", "must be >= 0, was -5"));
    }

    @Test
    void a_cap_needs_a_period_it_knows_and_a_known_tier() {
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"a\", \"limit\": 5}, {\"id\": \"b\","
                + " \"period\": \"FORTNIGHT\", \"limit\": 5}, {\"id\": \"c\", \"tier\": \"gold\", \"period\": \"DAY\","
                + " \"limit\": 5}]}"))).containsExactly(
                at("$.risk.caps[0].period", "is required: one of [DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR, LIFETIME]"),
                at("$.risk.caps[1].period", "must be one of [DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR, LIFETIME], was"
                        + " \"FORTNIGHT\""),
                at("$.risk.caps[2].tier", "must be one of [member, silver], was \"gold\""));
    }

    @Test
    void a_number_with_an_extreme_exponent_is_refused_at_its_path() {
        // 1E-999999999 as a rate passed validate, then refused every purchase NUMBER_OVERFLOW after minutes
        assertThat(problemsOf(withEarning("\"channelBonus\": {\"app\": \"1E-999999999\"}"))).containsExactly(
                at("$.earning.channelBonus.app", "must have at most 40 decimals, was 1E-999999999"));
        assertThat(problemsOf(withEarning("\"channelBonus\": {\"app\": \"1E+999999999\"}"))).containsExactly(
                at("$.earning.channelBonus.app", "must have at most 1000 digits before the decimal point, was"
                        + " 1E+999999999"));
        assertThat(problemsOf(withEarning("\"channelBonus\": {\"app\": \"0.000001\"}"))).isEmpty();
        // stripping 100E+2147483647 would overflow the scale ('error: Overflow'); a number without quotes is read
        // exactly too (as a double, 1E-999999999 was 0)
        assertThat(problemsOf(withEarning("\"channelBonus\": {\"app\": \"100E+2147483647\"}"))).containsExactly(
                at("$.earning.channelBonus.app", "must have at most 1000 digits before the decimal point, was"
                        + " 1.00E+2147483649"));
        assertThat(problemsOf(withEarning("\"channelBonus\": {\"app\": 1E-999999999}"))).containsExactly(
                at("$.earning.channelBonus.app", "must have at most 40 decimals, was 1E-999999999"));
    }

    @Test
    void caps_must_be_an_array() {
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": {}}")))
                .containsExactly(at("$.risk.caps", "must be an array, was OBJECT"));
    }

    @Test
    void campaigns_and_milestones_need_unique_ids() {
        // an award names its campaign or milestone by id: two of one id would read as one in its explanation
        assertThat(problemsOf(withEarning("\"campaigns\": [{\"id\": \"double\", \"from\": \"2025-11-01\", \"to\":"
                + " \"2025-11-11\", \"factor\": \"2\"}, {\"id\": \"double\", \"from\": \"2025-12-01\", \"to\":"
                + " \"2025-12-24\", \"factor\": \"3\"}], \"milestones\": [{\"id\": \"m\", \"metric\": \"spend\","
                + " \"at\": \"100\", \"points\": 10}, {\"id\": \"m\", \"metric\": \"spend\", \"at\": \"200\","
                + " \"points\": 20}]")))
                .containsExactly(at("$.earning.campaigns[1].id", "must be unique, was 'double' again"),
                        at("$.earning.milestones[1].id", "must be unique, was 'm' again"));
    }

    @Test
    void caps_need_unique_ids() {
        // a cap's usage is counted under its id: a monthly cap sharing the id of a daily one read the daily count and
        // never bit (5,000 points earned in a month against 4,000; rule-author audit F1)
        assertThat(problemsOf(withTopLevel("\"risk\": {\"caps\": [{\"id\": \"beans\", \"period\": \"DAY\","
                + " \"limit\": \"1500\"}, {\"id\": \"beans\", \"tier\": \"silver\", \"period\": \"MONTH\","
                + " \"limit\": \"4000\"}]}"))).containsExactly(at("$.risk.caps[1].id", "must be unique, was 'beans'"
                + " again"));
    }

    @Test
    void abnormal_behaviour_thresholds_are_checked() {
        assertThat(problemsOf(withTopLevel("\"risk\": {\"abnormal\": {\"maxRefundRatio\": \"1.5\", \"maxPurchases\":"
                + " 2.5}}"))).containsExactly(
                at("$.risk.abnormal.maxPurchases", "must be a whole number in 0..1000000, was 2.5"),
                at("$.risk.abnormal.maxRefundRatio", "must be in 0..1, was 1.5"));
    }

    // ---------------------------------------------------------------- membership

    @Test
    void a_plan_for_a_tier_the_ladder_lacks_names_the_tiers_and_quotes_the_value_as_json_does() {
        assertThat(problemsOf(withTopLevel("\"membership\": {\"plans\": [{\"tier\": \"gold\", \"price\": \"99.00\","
                + " \"termMonths\": 12}]}"))).containsExactly(
                at("$.membership.plans[0].tier", "must be one of [member, silver], was \"gold\""));
    }

    @Test
    void a_late_renewal_period_must_be_shorter_than_the_term_so_a_backdated_term_still_runs() {
        ProgramSettings costco = ProgramJson.parse(withTopLevel("\"membership\": {\"plans\": [{\"tier\": \"silver\","
                + " \"price\": \"130.00\", \"termMonths\": 12, \"lateRenewalMonths\": 2}]}"), "program.json");

        assertThat(costco.plans()).containsExactly(new MembershipPlan("silver", usd("130.00"), 12, 2));
        assertThat(problemsOf(withTopLevel("\"membership\": {\"plans\": [{\"tier\": \"silver\", \"price\":"
                + " \"130.00\", \"termMonths\": 12, \"lateRenewalMonths\": 12}]}"))).containsExactly(
                at("$.membership.plans[0].lateRenewalMonths", "must be less than termMonths (12), so that a term"
                        + " renewed late still runs after the payment, was 12"));
    }

    @Test
    void a_fee_refund_keeps_the_rewards_of_the_term_unless_the_program_says_they_are_forfeited() {
        ProgramSettings keeps = ProgramJson.parse(withTopLevel("\"membership\": {\"refund\": {\"policy\": \"FULL\"}}"),
                "program.json");
        ProgramSettings forfeits = ProgramJson.parse(withTopLevel("\"membership\": {\"refund\": {\"policy\":"
                + " \"FULL\", \"forfeitRewards\": true}}"), "program.json");

        assertThat(keeps.feeRefund()).isEqualTo(new FeeRefundPolicy(FeeRefundPolicy.Kind.FULL, 0, false));
        assertThat(forfeits.feeRefund()).isEqualTo(new FeeRefundPolicy(FeeRefundPolicy.Kind.FULL, 0, true));
    }

    @Test
    void the_fee_refund_settings_are_checked_with_their_paths() {
        assertThat(problemsOf(withTopLevel("\"membership\": {\"refund\": {\"policy\": \"HALF\", \"fullRefundDays\":"
                + " -1, \"forfeitRewards\": \"yes\", \"forfeit\": true}}"))).containsExactly(
                at("$.membership.refund.forfeit", "is not a known field; allowed here: [forfeitRewards, fullRefundDays,"
                        + " policy]"),
                at("$.membership.refund.policy", "must be one of [NONE, FULL, PRO_RATA_DAYS, PRO_RATA_MONTHS], was"
                        + " \"HALF\""),
                at("$.membership.refund.fullRefundDays", "must be in 0..3650, was -1"),
                at("$.membership.refund.forfeitRewards", "must be true or false, was \"yes\""));
    }

    // ---------------------------------------------------------------- benefits

    @Test
    void benefits_need_unique_ids_known_tiers_and_a_quota_in_range() {
        assertThat(problemsOf(withTopLevel("\"benefits\": [{\"id\": \"fd\", \"tiers\": [\"gold\"], \"quota\": -1},"
                + " {\"id\": \"fd\", \"period\": \"DECADE\"}]"))).containsExactly(
                at("$.benefits[0].tiers", "names unknown tier 'gold'; tiers are [member, silver]"),
                at("$.benefits[0].quota", "must be in 0..1000000, was -1"),
                at("$.benefits[1].period", "must be one of [DAY, WEEK, MONTH, YEAR, MEMBERSHIP_YEAR, LIFETIME, TERM_MONTH], was"
                        + " \"DECADE\""),
                at("$.benefits[1].id", "must be unique, was 'fd' again"));
    }

    // ---------------------------------------------------------------- declares

    @Test
    void a_program_without_declares_declares_nothing() {
        ProgramSettings settings = ProgramJson.parse(withTopLevel(""), "program.json");

        assertThat(settings.declares()).isEqualTo(new Declarations(false));
        assertThat(settings.declares()).isSameAs(Declarations.NONE);
    }

    @Test
    void a_program_declares_it_is_monotone_in_spend() {
        ProgramSettings monotone = ProgramJson.parse(withTopLevel("\"declares\": {\"monotoneInSpend\": true}"),
                "program.json");
        ProgramSettings notClaimed = ProgramJson.parse(withTopLevel("\"declares\": {}"), "program.json");

        assertThat(monotone.declares()).isEqualTo(new Declarations(true));
        assertThat(notClaimed.declares()).isEqualTo(new Declarations(false));
    }

    @Test
    void declares_takes_an_object_of_known_booleans() {
        assertThat(problemsOf(withTopLevel("\"declares\": {\"monotoneInSpend\": \"yes\", \"monotone\": true}")))
                .containsExactly(
                        at("$.declares.monotone", "is not a known field; allowed here: [monotoneInSpend]"),
                        at("$.declares.monotoneInSpend", "must be true or false, was \"yes\""));
        assertThat(problemsOf(withTopLevel("\"declares\": [\"monotoneInSpend\"]"))).containsExactly(
                at("$.declares", "must be a JSON object, was ARRAY"));
    }
}
