package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.rules.EngineFixtures.programFolder;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * Cross-checks of validate/create: tier literals against the ladder (in conditions, through bindings and the tier
 * attribute, in conclusions), rules with the same conditions or conditions that imply another's, caps no rule reads,
 * bonus percents written as fractions; and none of them on the reference programs.
 */
class PackCrossChecksTest {

    private static final String HEADER = """
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            """;

    // "golden" is not a tier of Programs.retail (member, silver, gold, platinum); line 9 holds the comparison
    private static final String GOLDEN_BONUS = HEADER + """
            rule "Golden members earn a welcome bonus"
                @intent("A typo'd tier id never matches")
                ruleflow-group "earning"
            when
                CurrentTier( tierId == "golden" ) // the ladder says "gold"
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome", 5 ) );
            end
            """;

    private static final String TWO_WAYS = HEADER + """
            rule "Gold and silver members earn a welcome bonus"
                @intent("Tier literals in 'in' lists and on the left are checked too")
                ruleflow-group "earning"
            when
                CurrentTier( tierId in ("gold", "sliver") )
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome", 5 ) );
            end

            rule "Platinum members earn a welcome bonus"
                @intent("Reversed comparison")
                ruleflow-group "earning"
            when
                CurrentTier( "platnum" == tierId )
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome", 9 ) );
            end
            """;

    private static final String CALLS_AND_PATTERNS = HEADER + """
            rule "Gold members earn a welcome bonus"
                @intent("equals(..) calls are checked like ==")
                ruleflow-group "earning"
            when
                CurrentTier( tierId.equals("gld") )
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome", 5 ) );
            end

            rule "Members other than silver earn a welcome bonus"
                @intent("a negated equals(..) on the left is always true")
                ruleflow-group "earning"
            when
                CurrentTier( !tierId.equals("silvr") )
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome", 6 ) );
            end

            rule "Platinum members earn a welcome bonus"
                @intent("a pattern no tier matches, and one that matches")
                ruleflow-group "earning"
            when
                CurrentTier( tierId matches "platnum|golden", tierId matches "(gold|platinum)" )
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome", 9 ) );
            end
            """;

    private static final String COPY_OF_WELCOME = HEADER + """
            rule "New members earn a welcome bonus"
                @intent("Welcome")
                ruleflow-group "earning"
            when
                CurrentTier( tierId == "gold" )
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome", 5 ) );
            end

            rule "Gold members earn a loyalty bonus"
                @intent("Same conditions, spaced and commented differently")
                ruleflow-group "earning"
            when
                CurrentTier(  tierId == "gold" )   // gold only
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "loyalty", 7 ) );
            end
            """;

    @Test
    void validate_reports_a_tier_literal_the_ladder_does_not_have_with_file_line_and_rule(@TempDir Path dir) {
        Path folder = programFolder(dir, Programs.retail("", ""), Map.of("earning/golden.drl", GOLDEN_BONUS));
        String file = folder.resolve("rules") + "/earning/golden.drl";

        ValidationReport report = LoyaltyEngine.validate(folder);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).containsExactly(new Problem(file + ":9", "rule \"Golden members earn a welcome"
                + " bonus\" compares a tier with \"golden\", which is not a tier of the ladder [member, silver, gold,"
                + " platinum]; the condition can never match"));
    }

    @Test
    void tier_literals_in_in_lists_and_on_the_left_are_checked_and_create_refuses_the_pack() {
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/welcome.drl", TWO_WAYS));

        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        assertThat(e.problems()).extracting(Problem::location, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("program:earning/welcome.drl:9", "rule \"Gold and silver members"
                        + " earn a welcome bonus\" compares a tier with \"sliver\", which is not a tier of the ladder"
                        + " [member, silver, gold, platinum]; the branch with \"sliver\" can never match; did you"
                        + " mean \"silver\"?"),
                org.assertj.core.groups.Tuple.tuple("program:earning/welcome.drl:19", "rule \"Platinum members earn"
                        + " a welcome bonus\" compares a tier with \"platnum\", which is not a tier of the ladder"
                        + " [member, silver, gold, platinum]; the condition can never match; did you mean"
                        + " \"platinum\"?"));
    }

    @Test
    void tier_literals_in_equals_calls_and_matches_patterns_are_checked() {
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/welcome.drl", CALLS_AND_PATTERNS));

        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        assertThat(e.problems()).extracting(Problem::location, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("program:earning/welcome.drl:9", "rule \"Gold members earn a"
                        + " welcome bonus\" compares a tier with \"gld\", which is not a tier of the ladder"
                        + " [member, silver, gold, platinum]; the condition can never match; did you mean \"gold\"?"),
                org.assertj.core.groups.Tuple.tuple("program:earning/welcome.drl:19", "rule \"Members other than"
                        + " silver earn a welcome bonus\" compares a tier with \"silvr\", which is not a tier of the"
                        + " ladder [member, silver, gold, platinum]; it is never equal, so the condition always matches;"
                        + " did you mean \"silver\"?"),
                org.assertj.core.groups.Tuple.tuple("program:earning/welcome.drl:29", "rule \"Platinum members earn"
                        + " a welcome bonus\" matches a tier against \"platnum|golden\", which matches no tier of the"
                        + " ladder [member, silver, gold, platinum]; the condition can never match"));
    }

    @Test
    void a_member_status_in_lower_case_a_cap_and_a_benefit_program_json_lacks_are_refused_with_what_exists() {
        // given: the retail test program (no caps, no benefits) and rules written with values it cannot hold
        String drl = """
                package org.loyaltyrules.rules.risk;
                import org.loyaltyrules.rules.facts.*;

                rule "Active members earn a loyalty bonus"
                    @intent("a test rule")
                    ruleflow-group "earning"
                when
                    Member( status == "active" )
                    EligiblePurchase( $event : eventId )
                then
                    insert( PointsAward.fixed( $event, "loyal", 5 ) );
                end

                rule "VIPs skip the daily cap"
                    @intent("a test rule")
                    ruleflow-group "risk"
                when
                    CapHeadroom( capId != "daily-point" )
                    EligiblePurchase( $event : eventId )
                then
                    insert( RiskFlag.warning( "CAP", "checked" ) );
                end

                rule "Claims of the lounge are noted"
                    @intent("a test rule")
                    ruleflow-group "benefit"
                when
                    BenefitOffer( benefitId in ("lounge") )
                then
                    insert( BenefitAllowance.extra( "free-delivery", 1, "lounge users" ) );
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("risk/values.drl", drl));

        // when
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then
        assertThat(e.getMessage()).startsWith("rule pack compares values the program does not have (4 problem(s))");
        assertThat(e.problems()).extracting(Problem::message).containsExactly(
                "rule \"Active members earn a loyalty bonus\" compares the member status with \"active\", which is not"
                        + " a member status [ACTIVE, UNDER_REVIEW, FROZEN, CLOSED]; the condition can never match;"
                        + " did you mean \"ACTIVE\"?",
                "rule \"VIPs skip the daily cap\" compares a cap with \"daily-point\", which is not a cap of"
                        + " program.json risk.caps []; it is never equal, so the condition always matches",
                "rule \"Claims of the lounge are noted\" compares a benefit with \"lounge\", which is not a benefit"
                        + " of program.json benefits []; the condition can never match",
                "rule \"Claims of the lounge are noted\" concludes BenefitAllowance.extra(..) with \"free-delivery\","
                        + " which is not a benefit of program.json benefits []; extra uses count only for a claimed"
                        + " benefit of program.json, so the conclusion never applies");
    }

    @Test
    void a_tier_source_no_member_can_have_is_an_error() {
        // given a rule on the source of the tier with a typo: CurrentTier.source is BASE, EARNED, MANUAL or PAID
        String drl = HEADER + """
                rule "Members who earned their tier get a thank-you"
                    @intent("a test rule")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                    CurrentTier( source == "EARNDE" )
                then
                    insert( RiskFlag.warning( "THANKS", "earned" ) );
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/x.drl", drl));

        // when
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then
        assertThat(e.problems()).extracting(Problem::message).containsExactly("rule \"Members who earned their tier get"
                + " a thank-you\" compares the tier's source with \"EARNDE\", which is not a tier source [BASE, EARNED,"
                + " MANUAL, PAID]; the condition can never match; did you mean \"EARNED\"?");
    }

    @Test
    void a_tier_source_compared_through_the_facts_binding_is_checked_too() {
        // $t : CurrentTier( ) and then $t.source: the check scoped to CurrentTier patterns missed it (review F2)
        String drl = HEADER + """
                rule "Paid members earn a bonus"
                    @intent("a test rule")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                    $t : CurrentTier( )
                    Member( $t.source == "PAYED" )
                then
                    insert( PointsAward.fixed( $event, "paid", 10 ) );
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/x.drl", drl));

        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        assertThat(e.problems()).extracting(Problem::message).containsExactly("rule \"Paid members earn a bonus\""
                + " compares the tier's source with \"PAYED\", which is not a tier source [BASE, EARNED, MANUAL, PAID];"
                + " the condition can never match");
    }

    @Test
    void a_source_that_is_not_the_tiers_is_not_checked_against_the_tier_sources() {
        // given an attribute named source, bound as $source, and a local variable named source in a consequence:
        // the check of CurrentTier.source refused both (adversarial review F1)
        String drl = HEADER + """
                rule "Web orders earn a bonus"
                    @intent("a test rule")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                    PurchaseAttribute( eventId == $event, name == "source", $source : value, $source == "web" )
                then
                    String source = $source;
                    if ("web".equals(source)) { insert( PointsAward.fixed( $event, "web bonus", 10 ) ); }
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/web.drl", drl));

        // when / then it loads, and the bonus is paid
        LoyaltyEngine engine = LoyaltyEngine.create(program);
        Decision d = engine.apply(engine.newMember("m1", Programs.at("2025-03-03T10:00:00Z")), Purchase.of("p1", "m1",
                Programs.at("2025-03-03T10:00:00Z"), Money.of("20.00", "USD")).withAttributes(Map.of("source", "web")));
        assertThat(d.pointsAwarded()).isEqualTo(30);
    }

    @Test
    void a_rule_with_the_same_conditions_as_another_is_reported_as_shadowing_it(@TempDir Path dir) {
        Path folder = programFolder(dir, Programs.retail("", ""), Map.of("earning/welcome.drl", COPY_OF_WELCOME));
        String file = folder.resolve("rules") + "/earning/welcome.drl";

        ValidationReport report = LoyaltyEngine.validate(folder);

        assertThat(report.ok()).isTrue();
        assertThat(report.warnings()).containsExactly(new Problem(file + ":15", "rule \"Gold members earn a loyalty"
                + " bonus\" shadows rule \"New members earn a welcome bonus\" (" + file + ":5): their conditions are"
                + " the same, so both fire on the same facts"));
    }

    @Test
    void a_rule_with_the_same_conditions_in_another_group_is_no_finding() {
        // an earning bonus and a risk flag on the same big baskets are both meant: "shadows" was a false alarm
        // (rule-author audit F5); the risk rule's flag and the earning rule's points are separate conclusions
        String drl = HEADER + """
                rule "Big baskets earn a big-basket extra"
                    @intent("the earning rule")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId, eligibleAmount > 100 )
                then
                    insert( PointsAward.fixed( $event, "big", 20 ) );
                end

                rule "Big baskets are flagged for the store manager"
                    @intent("the risk rule")
                    ruleflow-group "risk"
                when
                    EligiblePurchase( $e : eventId, eligibleAmount > 100 )
                then
                    insert( RiskFlag.warning( "BIG_BASKET", "a big basket" ) );
                end
                """;

        assertThat(warnings(drl)).isEmpty();
    }

    @Test
    void a_rule_whose_conditions_imply_anothers_in_another_group_is_no_finding() {
        // given a tighter basket-line rule in eligibility than one in earning (both groups hold BasketLine)
        String drl = twoRules("BasketLine( $event : eventId, amount > 100 )\n    CurrentTier( tierId == \"gold\" )",
                "ruleflow-group \"eligibility\"", "BasketLine( $e : eventId, amount > 1000 ) CurrentTier( tierId =="
                        + " \"gold\" )");

        // when the pack compiles, then there is no warning: the groups fire apart
        assertThat(warnings(drl)).isEmpty();
    }

    /** Two rules: "Big purchases earn a bonus" (line 5, {@code first} on two lines), then {@code second} (line 15). */
    private static String twoRules(String first, String secondAttributes, String second) {
        return HEADER + """
                rule "Big purchases earn a bonus"
                    @intent("the first rule")
                    ruleflow-group "earning"
                when
                    %s
                then
                    insert( PointsAward.fixed( $event, "big", 50 ) );
                end

                rule "Other purchases earn a bonus"
                    @intent("the second rule")
                    %s
                when
                    %s
                then
                    insert( PointsAward.fixed( $e, "other", 20 ) );
                end
                """.formatted(first, secondAttributes, second);
    }

    private static final String BIG = "EligiblePurchase( $event : eventId, eligibleAmount > 100 )\n"
            + "    CurrentTier( tierId == \"gold\" )";

    private static List<Problem> warnings(String drl) {
        return LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/big.drl", drl))).warnings();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "constraints in another order|EligiblePurchase( eligibleAmount > 100, $e : eventId ) "
                    + "CurrentTier( tierId == \"gold\" )",
            "patterns in another order|CurrentTier( tierId == \"gold\" ) EligiblePurchase( $e : eventId, "
                    + "eligibleAmount > 100 )",
            "the comparison turned round, the number written otherwise|EligiblePurchase( $e : eventId, "
                    + "100.00 < eligibleAmount ) CurrentTier( \"gold\" == tierId )",
            "constraints joined with &&|EligiblePurchase( $e : eventId && eligibleAmount > 100 ) "
                    + "CurrentTier( tierId == \"gold\" )",
    })
    void a_rule_whose_conditions_are_another_rules_written_otherwise_shadows_it(String how, String second) {
        // given a second rule with the first one's conditions, its binding renamed ($e for $event), written otherwise
        String drl = twoRules(BIG, "ruleflow-group \"earning\"", second);

        // when the pack compiles, then it runs, with a warning at the second rule
        assertThat(warnings(drl)).containsExactly(new Problem("program:earning/big.drl:15", "rule \"Other purchases"
                + " earn a bonus\" shadows rule \"Big purchases earn a bonus\" (program:earning/big.drl:5): their"
                + " conditions are the same, so both fire on the same facts"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "eligibleAmount > 1000|eligibleAmount > 1000 implies eligibleAmount > 100",
            "eligibleAmount >= 100.01|eligibleAmount >= 100.01 implies eligibleAmount > 100",
            "eligibleAmount == 500|eligibleAmount == 500 implies eligibleAmount > 100",
            "eligibleAmount > 100, channel == \"app\"|it also requires channel == \"app\"",
    })
    void a_rule_whose_conditions_imply_anothers_in_its_group_is_reported_as_firing_only_where_the_other_does(
            String tighter, String why) {
        // given a second rule in the same group, with the same salience, whose purchase pattern is tighter
        String drl = twoRules(BIG, "ruleflow-group \"earning\"", "EligiblePurchase( $e : eventId, " + tighter + " )"
                + " CurrentTier( tierId == \"gold\" )");

        // when the pack compiles, then it runs, with a warning at the tighter rule naming why
        assertThat(warnings(drl)).containsExactly(new Problem("program:earning/big.drl:15", "rule \"Other purchases"
                + " earn a bonus\" fires only where rule \"Big purchases earn a bonus\" (program:earning/big.drl:5)"
                + " fires too: its conditions imply the other's (" + why + "), so on those facts both fire; if it"
                + " should replace the other there, exclude its case from the other's conditions"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another salience|ruleflow-group \"earning\" salience -10|EligiblePurchase( $e : eventId, "
                    + "eligibleAmount > 1000 ) CurrentTier( tierId == \"gold\" )",
            "a bound on the other side|ruleflow-group \"earning\"|EligiblePurchase( $e : eventId, "
                    + "eligibleAmount < 1000 ) CurrentTier( tierId == \"gold\" )",
            "another tier|ruleflow-group \"earning\"|EligiblePurchase( $e : eventId, eligibleAmount > 1000 ) "
                    + "CurrentTier( tierId == \"silver\" )",
            "one pattern more|ruleflow-group \"earning\"|EligiblePurchase( $e : eventId, eligibleAmount > 1000 ) "
                    + "CurrentTier( tierId == \"gold\" ) PurchaseAttribute( eventId == $e, name == \"brand\" )",
            "a binding used otherwise|ruleflow-group \"earning\"|EligiblePurchase( $e : eventId, $c : channel, "
                    + "eligibleAmount > 100 ) CurrentTier( tierId == $c )",
    })
    void rules_that_overlap_only_in_part_or_are_ordered_apart_are_no_finding(String how, String attributes,
                                                                           String second) {
        // given a second rule that a salience orders, in another group, or that matches facts the first does not
        String drl = twoRules(BIG, attributes, second);

        // when the pack compiles, then there is no warning
        assertThat(warnings(drl)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"china-mobile", "coalition-demo", "costco-executive", "hilton-honors", "jd-plus",
            "marriott-bonvoy", "retail-basic", "sephora-beauty-insider", "starbucks-rewards", "starbucks-rewards-2025",
            "taobao-88vip"})
    void a_reference_program_and_the_standard_pack_have_no_finding(String program) throws java.io.IOException {
        // given a reference program of loyalty-examples (the standard pack plus its own rule files), every one listed
        Path programs = Path.of("../loyalty-examples/programs");
        try (java.util.stream.Stream<Path> folders = java.nio.file.Files.list(programs)) {
            assertThat(folders.filter(java.nio.file.Files::isDirectory).count()).isEqualTo(11);
        }

        // when it is validated
        ValidationReport report = LoyaltyEngine.validate(programs.resolve(program));

        // then no check finds anything: no error, no warning
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void the_taobao_style_fee_rule_naming_an_existing_tier_passes() {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/welcome.drl", HEADER.replace("earning", "tier") + """
                        rule "Gold members' fees are checked"
                            @intent("An existing tier id is fine")
                            ruleflow-group "tier"
                        when
                            FeePayment( tierId == "gold", $tier : tierId )
                        then
                            insert( MembershipPrice.of( $tier, "99.00", "a gold member's fee" ) );
                        end
                        """)));

        assertThat(engine.warnings()).isEmpty();
    }

    @Test
    void a_tier_literal_the_ladder_does_not_have_compared_with_not_equal_always_matches(@TempDir Path dir) {
        // given a rule meant for members who are not "golden", a tier the ladder does not have
        Path folder = programFolder(dir, Programs.retail("", ""), Map.of("earning/golden.drl",
                GOLDEN_BONUS.replace("tierId == \"golden\"", "tierId != \"golden\"")));
        String file = folder.resolve("rules") + "/earning/golden.drl";

        // when the program is validated
        ValidationReport report = LoyaltyEngine.validate(folder);

        // then the error says what != does with it: it always matches
        assertThat(report.errors()).containsExactly(new Problem(file + ":9", "rule \"Golden members earn a welcome"
                + " bonus\" compares a tier with \"golden\", which is not a tier of the ladder [member, silver, gold,"
                + " platinum]; it is never equal, so the condition always matches"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tierId == 'golden'|\"golden\"|; the condition can never match",
            "tierId == ( \"golden\" )|\"golden\"|; the condition can never match",
            "tierId != 'golden'|\"golden\"|; it is never equal, so the condition always matches",
            "tierId.equalsIgnoreCase( \"Golden\" )|\"Golden\" ignoring case|; the condition can never match",
            "java.util.Objects.equals( tierId, \"golden\" )|\"golden\"|; the condition can never match",
            "java.util.Objects.equals( 'golden', tierId )|\"golden\"|; the condition can never match",
    })
    void a_tier_the_ladder_does_not_have_is_found_in_single_quotes_parentheses_and_equals_calls(String comparison,
                                                                                             String compared,
                                                                                             String effect) {
        // given a tier the ladder does not have, compared in a form MVEL accepts besides field == "x"
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of(
                "earning/golden.drl", GOLDEN_BONUS.replace("tierId == \"golden\"", comparison)));

        // when the program is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then it is refused at the comparison, saying what the literal does
        assertThat(e.problems()).containsExactly(new Problem("program:earning/golden.drl:9", "rule \"Golden members"
                + " earn a welcome bonus\" compares a tier with " + compared + ", which is not a tier of the ladder"
                + " [member, silver, gold, platinum]" + effect));
    }

    @Test
    void a_tier_compared_ignoring_case_with_a_tier_of_the_ladder_is_no_finding() {
        // given "Gold" compared ignoring case, and a literal that only starts a concatenation (a known limit)
        String drl = GOLDEN_BONUS.replace("tierId == \"golden\"", "tierId.equalsIgnoreCase( 'Gold' ) || tierId == "
                + "\"plati\" + \"num\"");

        // when the program is created, then it compiles
        LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/golden.drl", drl)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tierId == \"golden\"|; the pattern can never match, so the not around it always holds",
            "tierId != \"golden\"|; it is never equal, so the pattern matches every such fact and the not around it"
                    + " holds only where there is none",
    })
    void a_tier_the_ladder_does_not_have_in_a_not_pattern_says_what_it_does_to_the_not(String comparison,
                                                                                    String effect) {
        // given the unknown tier in a pattern under not
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of(
                "earning/golden.drl", GOLDEN_BONUS.replace("CurrentTier( tierId == \"golden\" )",
                        "not CurrentTier( " + comparison + " )")));

        // when the program is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then the message is about the not, which is what the rule's condition is
        assertThat(e.problems()).containsExactly(new Problem("program:earning/golden.drl:9", "rule \"Golden members"
                + " earn a welcome bonus\" compares a tier with \"golden\", which is not a tier of the ladder"
                + " [member, silver, gold, platinum]" + effect));
    }

    @Test
    void a_not_in_list_with_a_tier_the_ladder_does_not_have_excludes_nothing_with_it() {
        // given "not in" with a misspelt tier next to a real one
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/welcome.drl",
                TWO_WAYS.replace("tierId in (", "tierId not in (").replace("\"platnum\"", "\"platinum\"")));

        // when the pack is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then the error says what the misspelt part does: the condition still excludes gold, and nothing more
        assertThat(e.problems()).containsExactly(new Problem("program:earning/welcome.drl:9", "rule \"Gold and silver"
                + " members earn a welcome bonus\" compares a tier with \"sliver\", which is not a tier of the ladder"
                + " [member, silver, gold, platinum]; it is never equal, so excluding it excludes nothing; did you mean"
                + " \"silver\"?"));
    }

    @Test
    void a_tier_the_ladder_does_not_have_in_one_branch_of_an_or_is_reported_as_that_branch() {
        // given gold or a misspelt "golden", with || and with an or of patterns
        String drl = HEADER + """
                rule "Golden members earn a welcome bonus"
                    @intent("gold, or a tier the ladder does not have")
                    ruleflow-group "earning"
                when
                    CurrentTier( tierId == "gold" || tierId == "golden" )
                    EligiblePurchase( $event : eventId )
                then
                    insert( PointsAward.fixed( $event, "welcome", 5 ) );
                end

                rule "Golden members also earn a welcome bonus"
                    @intent("the same with an or of patterns")
                    ruleflow-group "earning"
                when
                    ( CurrentTier( tierId == "gold" ) or CurrentTier( tierId == "golden" ) )
                    EligiblePurchase( $event : eventId )
                then
                    insert( PointsAward.fixed( $event, "welcome", 6 ) );
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/welcome.drl", drl));

        // when the pack is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then each error names the literal, and says only its branch can never match: the gold branch can
        assertThat(e.problems()).containsExactly(
                new Problem("program:earning/welcome.drl:9", "rule \"Golden members earn a welcome bonus\" compares a"
                        + " tier with \"golden\", which is not a tier of the ladder [member, silver, gold, platinum];"
                        + " the branch with \"golden\" can never match"),
                new Problem("program:earning/welcome.drl:19", "rule \"Golden members also earn a welcome bonus\""
                        + " compares a tier with \"golden\", which is not a tier of the ladder [member, silver, gold,"
                        + " platinum]; the branch with \"golden\" can never match"));
    }

    @Test
    void a_tier_reached_through_the_tier_attribute_or_a_binding_is_checked_against_the_ladder() {
        // given "golden" compared through the tier pseudo-attribute and through a binding of the tier id, next to
        // comparisons that are fine: another attribute's value, a binding compared with a real tier
        String drl = HEADER + """
                rule "Golden members earn a welcome bonus"
                    @intent("the tier attribute holds the member's tier")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                    PurchaseAttribute( eventId == $event, name == "tier", value == "golden" )
                    PurchaseAttribute( eventId == $event, name == "brand", value == "golden" )
                then
                    insert( PointsAward.fixed( $event, "welcome", 5 ) );
                end

                rule "Golden members earn a loyalty bonus"
                    @intent("a binding of the tier id is a tier id")
                    ruleflow-group "earning"
                when
                    CurrentTier( $t : tierId, $t == "golden" || $t == "gold" )
                    EligiblePurchase( $event : eventId, $t != "silver" )
                then
                    insert( PointsAward.fixed( $event, "loyalty", 7 ) );
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/golden.drl", drl));

        // when the pack is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then both ways to "golden" are errors at their lines, and nothing else is
        assertThat(e.problems()).containsExactly(
                new Problem("program:earning/golden.drl:10", "rule \"Golden members earn a welcome bonus\" compares a"
                        + " tier with \"golden\", which is not a tier of the ladder [member, silver, gold, platinum];"
                        + " the condition can never match"),
                new Problem("program:earning/golden.drl:20", "rule \"Golden members earn a loyalty bonus\" compares a"
                        + " tier with \"golden\", which is not a tier of the ladder [member, silver, gold, platinum];"
                        + " the branch with \"golden\" can never match"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "TierChange.upgrade( \"diamond\", \"big spender\" )|TierChange.upgrade(..)|the engine refuses",
            "TierChange.renewal( \"diamond\", \"kept\" )|TierChange.renewal(..)|the engine refuses",
            "TierChange.downgrade( \"diamond\", \"lapsed\" )|TierChange.downgrade(..)|the engine refuses",
            "new TierChange( \"diamond\", \"UPGRADE\", \"big spender\" )|new TierChange(..)|the engine refuses",
            "MembershipPrice.of( \"diamond\", \"10.00\", \"list price\" )|MembershipPrice.of(..)|never applies",
    })
    void a_tier_a_conclusion_takes_that_the_ladder_does_not_have_is_an_error(String conclusion, String call,
                                                                           String effect) {
        // given a tier rule that concludes with a tier the ladder does not have, and one that names a real tier
        String drl = HEADER.replace("earning", "tier") + """
                rule "Big spenders become diamond"
                    @intent("a tier id in a consequence is checked too")
                    ruleflow-group "tier"
                when
                    Member( )
                then
                    insert( %s );
                    insert( TierChange.upgrade( "platinum", "big spender" ) );
                end
                """.formatted(conclusion);
        Program program = Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("tier/diamond.drl", drl));

        // when the pack is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then it is refused at the consequence's line, naming the rule, the call and the tier
        assertThat(e.getMessage()).startsWith("rule pack compares values the program does not have (1 problem(s))");
        assertThat(e.problems()).containsExactly(new Problem("program:tier/diamond.drl:11", "rule \"Big spenders"
                + " become diamond\" concludes " + call + " with \"diamond\", which is not a tier of the ladder"
                + " [member, silver, gold, platinum]; " + (effect.equals("the engine refuses")
                ? "when the rule fires, the engine refuses the conclusion and the event fails"
                : "no member can have it, so the conclusion never applies")));
    }

    private static final String DAILY_CAP = """
            "risk": {"caps": [{"id": "daily-points", "period": "DAY", "measure": "POINTS", "limit": 20000}]}""";

    @Test
    void a_cap_id_a_conclusion_takes_that_program_json_does_not_declare_is_an_error() {
        // given a daily cap, and a risk rule that trims under a "weekly-points" cap written as a literal
        String drl = HEADER.replace("earning", "risk") + """
                rule "Awards above a weekly cap are trimmed"
                    @intent("a cap id in a consequence is checked too")
                    ruleflow-group "risk"
                when
                    CapHeadroom( capId == "daily-points", $left : headroom )
                then
                    insert( CapApplied.trimTo( "weekly-points", $left ) );
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", DAILY_CAP), "p.json"),
                Map.of("risk/weekly.drl", drl));

        // when the pack is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then it is refused at the consequence's line, naming the rule, the cap and where a cap id comes from
        assertThat(e.problems()).containsExactly(new Problem("program:risk/weekly.drl:11", "rule \"Awards above a"
                + " weekly cap are trimmed\" concludes CapApplied.trimTo(..) with \"weekly-points\", which is not a cap"
                + " of program.json risk.caps [daily-points]; the award would be trimmed under a cap program.json does"
                + " not declare: take the id from CapHeadroom (CapApplied.trimTo($cap, ..))"));
    }

    private static final String FREE_DELIVERY = """
            "benefits": [{"id": "free-delivery", "name": "Free delivery", "tiers": ["gold"], "quota": 2,
                          "period": "MONTH"}]""";

    @Test
    void a_benefit_allowance_for_a_benefit_program_json_lacks_is_an_error_but_a_one_off_unlock_is_not() {
        // given a free-delivery benefit, an allowance for "free-shipping" (a typo) and a one-off apology voucher
        String drl = HEADER.replace("earning", "benefit") + """
                rule "Gold members get one extra free shipping"
                    @intent("a benefit id in an allowance is checked")
                    ruleflow-group "benefit"
                when
                    CurrentTier( tierId == "gold" )
                then
                    insert( BenefitAllowance.extra( "free-shipping", 1, "gold" ) );
                    insert( BenefitGrant.unlocked( "apology-voucher", "a voucher the shop issues" ) );
                end
                """;
        Program program = Program.of(ProgramJson.parse(Programs.retail("", FREE_DELIVERY), "p.json"),
                Map.of("benefit/extra.drl", drl));

        // when the pack is created
        ProgramException e = catchThrowableOfType(() -> LoyaltyEngine.create(program), ProgramException.class);

        // then only the allowance is refused: an unlock may name a benefit outside program.json
        assertThat(e.problems()).containsExactly(new Problem("program:benefit/extra.drl:11", "rule \"Gold members"
                + " get one extra free shipping\" concludes BenefitAllowance.extra(..) with \"free-shipping\", which"
                + " is not a benefit of program.json benefits [free-delivery]; extra uses count only for a claimed"
                + " benefit of program.json, so the conclusion never applies"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tiers empty|\"tiers\": [], ",
            "tiers left out|",
    })
    void a_benefit_no_tier_gets_is_reported_unless_a_rule_names_it(String name, String tiers) {
        // given a birthday gift the program gives to no tier, claimed by a gold member
        String json = Programs.retail("", """
                "benefits": [{"id": "birthday-gift", "name": "Birthday gift", %s"quota": 1, "period": "YEAR"}]"""
                .formatted(tiers == null ? "" : tiers)); // an empty CSV column is null
        String drl = HEADER.replace("earning", "benefit") + """
                rule "Everyone gets the birthday gift"
                    @intent("a rule that grants the benefit its own way")
                    ruleflow-group "benefit"
                when
                    BenefitRequest( benefitId == "birthday-gift" )
                then
                    insert( BenefitGrant.granted( "birthday-gift", "for everyone" ) );
                end
                """;

        // when the engine is created with the standard rules only, and with a rule that names the benefit
        LoyaltyEngine standard = LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "p.json")));
        LoyaltyEngine granting = LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "p.json"),
                Map.of("benefit/birthday.drl", drl)));

        // then only the first is warned: its claims are all refused
        assertThat(standard.warnings()).containsExactly(new Problem("program.json $.benefits[0].tiers", "lists no"
                + " tier for benefit birthday-gift, and no rule names it: the benefit rules refuse every claim of it"
                + " (\"not a benefit of tier ..\"); list the tiers that give it"));
        MemberState gold = standard.apply(null, new Enrollment("e1", "m1",
                Instant.parse("2025-01-01T00:00:00Z"), "gold", Map.of())).state();
        assertThat(standard.apply(gold, new BenefitClaim("c1", "m1",
                Instant.parse("2025-03-03T10:00:00Z"), "birthday-gift", Map.of())).refusal())
                .isEqualTo(new Refusal("BENEFIT_REFUSED", "birthday-gift: not a benefit of tier gold"));
        assertThat(granting.warnings()).isEmpty();
    }

    @Test
    void a_cap_no_rule_reads_is_reported(@TempDir Path dir) {
        // given a daily cap in program.json, and the standard caps rule replaced by an empty file
        Path folder = programFolder(dir, Programs.retail("", DAILY_CAP), Map.of("risk/caps.drl", ""));

        // when the program is validated
        ValidationReport report = LoyaltyEngine.validate(folder);

        // then it is valid, with a warning that the cap is not applied
        assertThat(report.ok()).isTrue();
        assertThat(report.warnings()).containsExactly(new Problem("program.json $.risk.caps[0]",
                "program.json risk.caps declares daily-points but no rule reads CapHeadroom: the cap is not applied"));
    }

    @Test
    void earning_settings_no_rule_reads_are_reported_each_with_what_is_lost(@TempDir Path dir) {
        // given a tier bonus (the retail test program's), exclusions and a minimum order, with the standard rules
        // that read them switched off by empty files
        Path folder = programFolder(dir, Programs.retail("\"exclusions\": {\"skus\": [\"GIFTCARD\"], \"tax\": true},"
                + " \"minimumOrder\": \"10.00\"", ""), Map.of("earning/tier-bonus.drl", "", "earning/exclusions.drl", "",
                "earning/minimum-order.drl", ""));

        // when the program is validated
        ValidationReport report = LoyaltyEngine.validate(folder);

        // then it is valid, and each setting left without effect is a warning at its path
        assertThat(report.ok()).isTrue();
        assertThat(report.warnings()).containsExactly(
                new Problem("program.json $.earning.tierBonus", "program.json earning.tierBonus declares gold,"
                        + " platinum, silver but no rule reads TierBonusRate: the bonus is not paid"),
                new Problem("program.json $.earning.exclusions", "program.json earning.exclusions declares sku"
                        + " GIFTCARD, tax but no rule reads Exclusion: nothing is excluded from earning"),
                new Problem("program.json $.earning.minimumOrder", "program.json earning.minimumOrder declares 10.00"
                        + " USD but no rule reads MinimumOrder: smaller orders earn too"));
    }

    @Test
    void a_setting_matched_only_under_not_is_reported_as_read_by_no_rule(@TempDir Path dir) {
        // given tier-bonus.drl replaced by a rule that fires only where no tier bonus rate exists
        String drl = HEADER + """
                rule "Members without a tier bonus get a point"
                    @intent("a test rule")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                    not TierBonusRate( )
                then
                    insert( PointsAward.fixed( $event, "consolation", 1 ) );
                end
                """;
        Path folder = programFolder(dir, Programs.retail("", ""), Map.of("earning/tier-bonus.drl", drl));

        // when / then: the bonus of program.json is still paid by no rule
        assertThat(LoyaltyEngine.validate(folder).warnings()).containsExactly(new Problem(
                "program.json $.earning.tierBonus", "program.json earning.tierBonus declares gold, platinum, silver"
                        + " but no rule reads TierBonusRate: the bonus is not paid"));
    }

    @Test
    void a_rule_file_whose_extension_is_not_lower_case_is_reported_as_not_read(@TempDir Path dir) {
        // given a rule saved as .DRL beside the pack's *.drl: the pack leaves it out, and its rule never runs
        Path folder = programFolder(dir, Programs.retail("", ""), Map.of("earning/double.DRL", COPY_OF_WELCOME));

        // when the program is validated
        ValidationReport report = LoyaltyEngine.validate(folder);

        // then it is valid, with a warning naming the file
        assertThat(report.ok()).isTrue();
        assertThat(report.warnings()).containsExactly(new Problem(folder.resolve("rules/earning/double.DRL").toString(),
                "is not read: rule files end in .drl, in lower case"));
    }

    /** The warnings of the retail test program with {@code pendingDays} and {@code expiry} (program.json's JSON). */
    private static List<Problem> expiryWarnings(Path dir, int pendingDays, String expiry) {
        return LoyaltyEngine.validate(programFolder(dir, Programs.retail("", "\"pendingDays\": " + pendingDays
                + ", \"expiry\": " + expiry), Map.of())).warnings();
    }

    @Test
    void an_expiry_shorter_than_the_return_window_is_reported_as_expiring_every_point_pending(@TempDir Path dir) {
        // given points pending for 14 days that expire 7 days after they are earned: none is ever available
        // when / then
        assertThat(expiryWarnings(dir, 14, "{\"policy\": \"FIXED_DAYS\", \"days\": 7}")).containsExactly(new Problem("program.json $.pendingDays",
                "is 14, but expiry FIXED_DAYS of 7 days ends every lot within 14 days of its earning: every point"
                        + " expires pending, before it can be redeemed; make the expiry longer than the return window"));
    }

    @Test
    void an_expiry_that_can_end_before_the_return_window_is_reported_with_its_shortest_life(@TempDir Path dir) {
        // given points pending for 14 days that expire at the end of the month they were earned in: earned on the
        // last day of a month, they are gone before they are available
        // when / then
        assertThat(expiryWarnings(dir, 14, "{\"policy\": \"END_OF_NTH_MONTH\", \"months\": 0}")).containsExactly(new Problem("program.json $.pendingDays",
                "is 14, but expiry END_OF_NTH_MONTH of 0 months can end a lot 0 days after its earning (earned at the"
                        + " end of a month): such points expire pending, before they can be redeemed"));
    }

    @Test
    void an_inactivity_shorter_than_the_return_window_is_reported_for_members_who_do_nothing_more(@TempDir Path dir) {
        // each activity moves the deadline, so not every point expires pending: only those of a member who stops
        // (review F3)
        assertThat(expiryWarnings(dir, 31, "{\"policy\": \"INACTIVITY\", \"months\": 1}")).containsExactly(new Problem("program.json $.pendingDays",
                "is 31, but expiry INACTIVITY of 1 months can end a member's points 28 days after its last activity:"
                        + " points earned then by a member who does nothing more expire pending, before they can be"
                        + " redeemed"));
    }

    @Test
    void an_expiry_longer_than_the_return_window_is_no_finding(@TempDir Path dir) {
        // 15 days outlive 14 pending days; a month's end plus one month is at least 28 days
        for (String expiry : List.of("{\"policy\": \"FIXED_DAYS\", \"days\": 15}",
                "{\"policy\": \"END_OF_NTH_MONTH\", \"months\": 1}", "{\"policy\": \"INACTIVITY\", \"months\": 1}",
                "{\"policy\": \"END_OF_NEXT_CALENDAR_YEAR\"}")) {
            assertThat(expiryWarnings(dir.resolve(Integer.toString(expiry.hashCode())), 14, expiry)).as(expiry)
                    .isEmpty();
        }
    }

    @Test
    void a_cap_the_standard_caps_rule_reads_is_no_finding() {
        // given a daily cap and the standard pack
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", DAILY_CAP),
                "p.json")));

        // when created, then there is no warning
        assertThat(engine.warnings()).isEmpty();
    }

    @Test
    void a_bonus_percent_between_0_and_1_is_reported() {
        // given a gold tier bonus of "0.5", meant as half the base points
        String json = Programs.retail("\"channelBonus\": {\"app\": \"0.25\"}", "")
                .replace("\"gold\": \"50\"", "\"gold\": \"0.5\"");

        // when the engine is created
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "p.json")));

        // then it runs, with a warning per fraction
        assertThat(engine.warnings()).containsExactly(
                new Problem("program.json $.earning.tierBonus.gold", "is 0.5: 50 means 50 %; 0.5 gives 0.5 %, not 50 %"),
                new Problem("program.json $.earning.channelBonus.app",
                        "is 0.25: 50 means 50 %; 0.25 gives 0.25 %, not 25 %"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tiers.metric left out|\"tiers\": {\"ladder\"",
            "tiers.metric growth|\"tiers\": {\"metric\": \"growth\", \"ladder\"",
    })
    void a_ladder_on_growth_that_growth_rates_do_not_credit_is_reported(String name, String tiers) {
        // given a ladder on the default metric and no growth.rates: purchases credit no growth
        String json = "{\"id\": \"x\", \"version\": \"1\", \"earning\": {\"baseRate\": \"1\"}, " + tiers
                + ": [{\"id\": \"member\"}, {\"id\": \"gold\", \"threshold\": \"100\"}]}}";

        // when the engine is created
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "p.json")));

        // then it runs, with a warning at tiers.metric saying how to credit growth
        assertThat(engine.warnings()).containsExactly(new Problem("program.json $.tiers.metric", "is \"growth\" (the"
                + " default when left out), but growth.rates has no \"growth\" rate, so no purchase credits growth and"
                + " only events with a growth metric move members up the ladder; add \"growth\": {\"rates\":"
                + " {\"growth\": \"1\"}} (1 per currency unit of eligible spend), or set tiers.metric to \"spend\","
                + " \"points\" or an event metric"));
        // and a purchase far above the threshold indeed leaves the member in the base tier
        Decision d = engine.apply(null, Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"),
                Money.of("100000.00", "USD")));
        assertThat(d.state().tier().tierId()).isEqualTo("member");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a ladder on spend|\"metric\": \"spend\", |, {\"id\": \"gold\", \"threshold\": \"100\"}",
            "a ladder on an event metric|\"metric\": \"nights\", |, {\"id\": \"gold\", \"threshold\": \"10\"}",
            "the base tier alone on growth|''|''",
    })
    void a_ladder_credited_otherwise_is_no_finding(String name, String metric, String above) {
        // given a ladder no growth rate is needed for
        String json = "{\"id\": \"x\", \"version\": \"1\", \"earning\": {\"baseRate\": \"1\"}, \"tiers\": {"
                + metric + "\"ladder\": [{\"id\": \"member\"}" + above + "]}}";

        // when the engine is created, then there is no warning
        assertThat(LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "p.json"))).warnings()).isEmpty();
    }
}
