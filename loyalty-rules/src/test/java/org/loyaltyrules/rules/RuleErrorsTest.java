package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.loyaltyrules.rules.EngineFixtures.EARNING_HEADER;
import static org.loyaltyrules.rules.EngineFixtures.earningRule;
import static org.loyaltyrules.rules.EngineFixtures.flatProgram;
import static org.loyaltyrules.rules.EngineFixtures.programFolder;
import static org.loyaltyrules.rules.EngineFixtures.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * What a rule author sees when a rule is wrong: compile errors with file:line[:col] and the rule's name, run-time
 * failures naming the rule and the event with the member state untouched, loops stopped by the fire limit, program
 * folders validated with JSON paths, and failed reloads that keep the old program running.
 */
class RuleErrorsTest {

    private static final ProgramSettings FLAT = settings(flatProgram("A", "1"));
    private static final Purchase P1 = Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00");
    private static final Purchase P2 = Programs.purchase("p2", "m1", "2025-03-04T10:00:00Z", "50.00");

    @AfterEach
    void no_drools_session_is_left_open() {
        assertThat(LoyaltyEngine.liveSessions()).isZero();
    }

    private static ProgramException compileError(Map<String, String> drl) {
        return catchThrowableOfType(ProgramException.class, () -> LoyaltyEngine.create(Program.of(FLAT, drl)));
    }

    // ---------------------------------------------------------------- compile errors

    @Test
    void a_drl_syntax_error_is_located_by_file_line_and_column_and_names_the_rule() {
        // given
        String broken = earningRule("Broken rules are reported", "EligiblePurchase( $event : eventId, )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) );");

        // when
        ProgramException error = compileError(Map.of("earning/broken.drl", broken));

        // then
        assertThat(error.problems().get(0)).isEqualTo(new Problem("program:earning/broken.drl:8:41",
                "rule \"Broken rules are reported\": [ERR 101] Line 8:40 no viable alternative at input ')' in rule"
                        + " \"Broken rules are reported\""));
        assertThat(error.getMessage()).startsWith("rule pack does not compile (");
    }

    @Test
    void an_import_no_rule_pack_can_load_is_told_once_at_its_line_and_not_in_every_rule_of_its_package() {
        // given: a class of the author's own project, which the engine's class path does not have
        String counter = """
                package org.loyaltyrules.rules.earning;

                import org.loyaltyrules.rules.facts.*;
                import com.example.PurchaseCounter;

                rule "Every tenth purchase wins a bonus"
                    @intent("A draw by a counter")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                then
                    if ( PurchaseCounter.next() % 10 == 0 ) { insert( PointsAward.fixed( $event, "tenth", 10 ) ); }
                end
                """;

        // when: the standard earning files share the file's package, so Drools failed each of their rules too
        ProgramException error = compileError(Map.of("earning/counter.drl", counter));

        // then
        assertThat(error.problems()).containsExactly(new Problem("program:earning/counter.drl:4", "import"
                + " com.example.PurchaseCounter cannot be loaded: no such class is on the class path, or it is outside"
                + " what rule packs may use (java.lang, java.math, java.util, java.time, java.text, the loyalty facts"
                + " and core values)"));
    }

    @Test
    void a_condition_nested_too_deeply_for_the_parser_is_a_problem_at_its_line_not_a_stack_overflow() {
        // given: 2,000 nested parentheses (Drools' recursive-descent parser overflows the stack at a few hundred)
        String deep = earningRule("Deep", "EligiblePurchase( " + "(".repeat(2_000) + "amount != null"
                + ")".repeat(2_000) + " )", "");

        // when
        ProgramException error = compileError(Map.of("earning/deep.drl", deep));

        // then: one problem at the rule's condition line (8), no StackOverflowError
        assertThat(error.problems()).containsExactly(new Problem("program:earning/deep.drl:8", "the rule files are"
                + " nested too deeply for the DRL parser (2001 levels of parentheses here, the deepest); write the"
                + " condition as several simpler constraints or patterns"));
    }

    @Test
    void a_consequence_nested_too_deeply_to_compile_is_a_problem_at_its_line() {
        // given: 3,000 nested parentheses in the consequence (compiled on another thread, which wraps the overflow)
        String deep = earningRule("Deep consequence", "EligiblePurchase( )",
                "int x = " + "(".repeat(3_000) + "1" + ")".repeat(3_000) + ";");

        // when
        ProgramException error = compileError(Map.of("earning/deep.drl", deep));

        // then
        assertThat(error.problems()).containsExactly(new Problem("program:earning/deep.drl:10", "the rule files are"
                + " nested too deeply for the DRL parser (3000 levels of parentheses here, the deepest); write the"
                + " condition as several simpler constraints or patterns"));
    }

    @Test
    void a_drl_syntax_error_is_reported_once() {
        String broken = earningRule("Broken rules are reported", "EligiblePurchase( $event : eventId, )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) );");

        ProgramException error = compileError(Map.of("earning/broken.drl", broken));

        assertThat(error.problems()).containsExactly(new Problem("program:earning/broken.drl:8:41",
                "rule \"Broken rules are reported\": [ERR 101] Line 8:40 no viable alternative at input ')' in rule"
                        + " \"Broken rules are reported\""));
    }

    @Test
    void a_markdown_code_fence_copied_with_a_rule_is_named_at_its_lines() {
        // a rule copied from a page with its fences: Drools' parser alone said "x.drl:0: Unexpected error: Cannot
        // invoke \"org.antlr.runtime.BitSet.toArray()\" because \"set\" is null"
        String copied = "```\n" + earningRule("Fenced rules are reported", "EligiblePurchase( $event : eventId )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) );") + "  ```\n";

        ProgramException error = compileError(Map.of("earning/copied.drl", copied));

        String fence = "a Markdown code fence is not DRL (copied with the rule from a page?): keep only the lines "
                + "between the fences (found '```')";
        assertThat(error.problems()).containsExactly(new Problem("program:earning/copied.drl:1:1", fence),
                new Problem("program:earning/copied.drl:" + copied.lines().count() + ":3", fence));
    }

    @Test
    void a_markdown_tilde_fence_copied_with_a_rule_is_named_at_its_lines_and_only_there() {
        // CommonMark's other fence: Drools' parser said "[ERR 107] Line 1:0 mismatched input '~'" and, at the end,
        // "[ERR 102] ... mismatched input '<eof>'", and the fence was not named
        String copied = "~~~drl\n" + earningRule("Tilde-fenced rules are reported",
                "EligiblePurchase( $event : eventId )", "insert( PointsAward.fixed( $event, \"x\", 1 ) );") + "~~~\n";

        ProgramException error = compileError(Map.of("earning/copied.drl", copied));

        assertThat(error.problems()).containsExactly(new Problem("program:earning/copied.drl:1:1",
                "a Markdown code fence is not DRL (copied with the rule from a page?): keep only the lines between the"
                        + " fences (found '~~~drl')"), new Problem("program:earning/copied.drl:" + copied.lines().count()
                + ":1", "a Markdown code fence is not DRL (copied with the rule from a page?): keep only the lines"
                + " between the fences (found '~~~')"));
    }

    @Test
    void a_java_error_in_a_consequence_is_located_at_the_rule_and_names_it() {
        // given: the consequence misses its semicolon (line 10); Drools reports the consequence at the rule (4:1)
        String broken = earningRule("Consequences must compile", "EligiblePurchase( $event : eventId )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) )");

        // when
        ProgramException error = compileError(Map.of("earning/broken.drl", broken));

        // then
        assertThat(error.problems()).containsExactly(new Problem("program:earning/broken.drl:4:1",
                "rule \"Consequences must compile\": Rule Compilation error Syntax error, insert \";\" to complete"
                        + " Statement"));
    }

    @Test
    void a_misspelt_fact_type_gets_the_nearest_and_an_event_type_is_told_how_events_reach_rules() {
        // an analyst's first mistakes (rule-author audit F4): Drools' text alone names neither
        ProgramException misspelt = compileError(Map.of("earning/x.drl", earningRule("Misspelt facts are reported",
                "EligiblePurchse( $event : eventId )", "insert( PointsAward.fixed( $event, \"x\", 1 ) );")));
        ProgramException event = compileError(Map.of("earning/x.drl", earningRule("Event facts are reported",
                "Purchase( $event : id )", "insert( PointsAward.fixed( $event, \"x\", 1 ) );")));

        assertThat(misspelt.problems().get(0).message()).isEqualTo("rule \"Misspelt facts are reported\": Unable to"
                + " resolve ObjectType 'EligiblePurchse'; rules match the facts of org.loyaltyrules.rules.facts"
                + " (docs/rule-authoring.md section 2.1); did you mean \"EligiblePurchase\"?");
        assertThat(event.problems().get(0).message()).isEqualTo("rule \"Event facts are reported\": Unable to resolve"
                + " ObjectType 'Purchase'; rules match the facts of org.loyaltyrules.rules.facts, not events: a"
                + " purchase is an EventFact and an EligiblePurchase, its lines BasketLine and EligibleLine facts"
                + " (docs/rule-authoring.md section 2.1: the facts each event brings)");
        // only a purchase has an EventFact: a survey is told its own fact (adv16 F3)
        ProgramException survey = compileError(Map.of("earning/x.drl", earningRule("Survey facts are reported",
                "Survey( score < 7 )", "")));
        assertThat(survey.problems().get(0).message()).isEqualTo("rule \"Survey facts are reported\": Unable to"
                + " resolve ObjectType 'Survey'; rules match the facts of org.loyaltyrules.rules.facts, not events: a"
                + " survey is a SurveyAnswer (docs/rule-authoring.md section 2.1: the facts each event brings)");
    }

    @Test
    void an_unknown_field_of_a_fact_lists_the_fact_s_fields_and_the_nearest() {
        ProgramException error = compileError(Map.of("earning/x.drl", earningRule("Large baskets earn a fixed extra",
                "EligiblePurchase( $event : eventId, eligibleAmout > 100 )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) );")));

        assertThat(error.problems().get(0).location()).isEqualTo("program:earning/x.drl:8:5");
        assertThat(error.problems().get(0).message()).startsWith("rule \"Large baskets earn a fixed extra\": Unable to"
                + " Analyse Expression").endsWith("; EligiblePurchase has no field eligibleAmout, its fields are "
                + "[eventId, amount, eligibleAmount, currency, channel, partner]; did you mean \"eligibleAmount\"?");
    }

    @Test
    void a_rule_matching_an_unknown_fact_type_is_rejected_at_the_pattern_line_and_column() {
        // given
        String unknown = earningRule("Unknown facts are reported", "NoSuchFact( $event : eventId )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) );");

        // when
        ProgramException error = compileError(Map.of("earning/unknown.drl", unknown));

        // then
        assertThat(error.problems()).containsExactly(
                new Problem("program:earning/unknown.drl:8:5",
                        "rule \"Unknown facts are reported\": Unable to resolve ObjectType 'NoSuchFact'; rules match"
                                + " the facts of org.loyaltyrules.rules.facts (docs/rule-authoring.md section 2.1)"),
                new Problem("program:earning/unknown.drl:4:1",
                        "rule \"Unknown facts are reported\": Rule Compilation error $event cannot be resolved to a"
                                + " variable"));
    }

    @Test
    void a_rule_without_a_ruleflow_group_is_rejected_naming_the_rule() {
        // given
        String noGroup = EARNING_HEADER + """
                rule "Rules without a group are rejected"
                    @intent("a test rule")
                when
                    EligiblePurchase( $event : eventId )
                then
                    insert( PointsAward.fixed( $event, "x", 1 ) );
                end
                """;

        // when
        ProgramException error = compileError(Map.of("earning/no-group.drl", noGroup));

        // then
        assertThat(error.problems()).containsExactly(new Problem("program:earning/no-group.drl:4",
                "rule \"Rules without a group are rejected\" has no ruleflow-group; it must be one of [eligibility,"
                        + " earning, risk, tier, benefit]"));
    }

    @Test
    void a_rule_in_an_unknown_ruleflow_group_is_rejected_naming_the_rule() {
        String otherGroup = earningRule("Rules in a made-up group are rejected", "EligiblePurchase( $event : eventId )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) );").replace("\"earning\"\nwhen", "\"bonus\"\nwhen");

        ProgramException error = compileError(Map.of("earning/other-group.drl", otherGroup));

        assertThat(error.problems()).containsExactly(new Problem("program:earning/other-group.drl:4",
                "rule \"Rules in a made-up group are rejected\" has ruleflow-group \"bonus\"; it must be one of"
                        + " [eligibility, earning, risk, tier, benefit]"));
    }

    @Test
    void a_duplicate_rule_name_is_rejected_naming_both_places() {
        // given: a new file reusing the name of a standard rule (a file with the standard path would replace it)
        String duplicate = earningRule("Purchases earn base points at the program rate",
                "EligiblePurchase( $event : eventId )", "insert( PointsAward.fixed( $event, \"x\", 1 ) );");

        // when
        ProgramException error = compileError(Map.of("earning/my-base.drl", duplicate));

        // then
        assertThat(error.problems()).containsExactly(
                new Problem("program:earning/my-base.drl:4", "rule \"Purchases earn base points at the program rate\""
                        + " is also declared at standard:earning/base-earn.drl:9; rule names must be unique"));
    }

    @Test
    void a_copy_of_a_standard_file_under_another_name_is_rejected_once_for_its_duplicate_rule_name()
            throws java.io.IOException {
        // given: the standard tier-bonus.drl saved again as tier-bonuses.drl, so added beside it, not replacing it
        String copy;
        try (java.io.InputStream in = LoyaltyEngine.class.getResourceAsStream("earning/tier-bonus.drl")) {
            copy = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        // when
        ProgramException error = compileError(Map.of("earning/tier-bonuses.drl", copy));

        // then: the duplicate name, once, naming both places (not Drools' "The type Rule_... is already defined"
        // about the Java class it names after the rule)
        assertThat(error.problems()).containsExactly(
                new Problem("program:earning/tier-bonuses.drl:7", "rule \"Tier members earn their tier bonus on"
                        + " base points\" is also declared at standard:earning/tier-bonus.drl:7; rule names must be"
                        + " unique"));
    }

    @Test
    void a_rule_without_intent_compiles_with_a_warning_naming_it() {
        String noIntent = EARNING_HEADER + """
                rule "Rules without intent still run"
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                then
                    insert( PointsAward.fixed( $event, "welcome", 5 ) );
                end
                """;

        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/no-intent.drl", noIntent)));

        assertThat(engine.warnings()).contains(new Problem("program:earning/no-intent.drl:4",
                "rule \"Rules without intent still run\" has no @intent(\"...\"); explanations will show only its name"));
        assertThat(engine.apply(null, P1).pointsAwarded()).isEqualTo(105L);
    }

    @Test
    void a_rule_whose_intent_is_blank_gets_the_warning_of_a_rule_without_one() {
        String blank = EARNING_HEADER + """
                rule "Rules with a blank intent still run"
                    @intent("   ")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                then
                    insert( PointsAward.fixed( $event, "welcome", 5 ) );
                end
                """;

        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/blank-intent.drl", blank)));

        assertThat(engine.warnings()).contains(new Problem("program:earning/blank-intent.drl:4", "rule \"Rules with a"
                + " blank intent still run\" has no @intent(\"...\"); explanations will show only its name"));
    }

    // ---------------------------------------------------------------- run-time failures

    /**
     * The lint refuses {@code insert( new TierBonusRate( .. ) )} by its text; written through a variable or a cast,
     * or as a swap behind a fact handle, or a delete through a variable, the engine refuses it as the rule does it
     * (sandbox audit F3: a TierBonusRate of 1000 % multiplied the points, a platinum CurrentTier lost an upgrade).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a program setting through a variable|Object o = new TierBonusRate( \"member\", new java.math.BigDecimal( "
                    + "\"1000\" ) ); insert( o );|inserted TierBonusRate: rules may insert only conclusions (Excluded,"
                    + " EarningBlocked, PointsAward, Multiplier, CapApplied, RiskFlag, TierChange, MemberNotice,"
                    + " BenefitGrant, MembershipPrice, BenefitAllowance); TierBonusRate is a program setting the engine"
                    + " inserts",
            "a program setting, the refusal caught|try { insert( (Object) new TierBonusRate( \"member\", new "
                    + "java.math.BigDecimal( \"1000\" ) ) ); } catch ( RuntimeException e ) { }|inserted TierBonusRate:"
                    + " rules may insert only conclusions (Excluded, EarningBlocked, PointsAward, Multiplier,"
                    + " CapApplied, RiskFlag, TierChange, MemberNotice, BenefitGrant, MembershipPrice,"
                    + " BenefitAllowance); TierBonusRate is a program setting the engine inserts",
            "a fact through a cast|insert( (Object) new CurrentTier( \"member\", 0, \"EARNED\" ) );|inserted"
                    + " CurrentTier: rules may insert only conclusions (Excluded, EarningBlocked, PointsAward,"
                    + " Multiplier, CapApplied, RiskFlag, TierChange, MemberNotice, BenefitGrant, MembershipPrice,"
                    + " BenefitAllowance); CurrentTier is a fact the engine inserts",
            "a swap behind a fact handle|update( drools.getFactHandle( $p ), new EligiblePurchase( $event, "
                    + "java.math.BigDecimal.TEN, java.math.BigDecimal.TEN, \"USD\", \"\", \"\" ) );|replaced the EligiblePurchase behind a fact handle with another"
                    + " object: rules conclude with new facts (insert) and leave the facts they match as they are",
            "a delete through a variable|Object o = $p; delete( o );|deleted EligiblePurchase, a fact the engine"
                    + " inserts: the rules that fire after it no longer see it, so what it stands for (a cap, a rate,"
                    + " the purchase) silently stops counting; write the exception as a condition (not, !=) or in"
                    + " program.json",
    })
    void a_rule_that_inserts_swaps_or_deletes_an_engine_fact_where_the_lint_cannot_see_it_fails_the_event(
            String what, String then, String refusal) {
        // given
        String rule = EARNING_HEADER + """
                rule "Rules must not touch the engine's facts"
                    @intent("probe")
                    ruleflow-group "earning"
                    no-loop true
                when
                    $p : EligiblePurchase( $event : eventId )
                then
                    %s
                end
                """.formatted(then);
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/touching.drl", rule)));

        // when
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class, () -> engine.apply(null, P1));

        // then
        assertThat(error.rule()).isEqualTo("Rules must not touch the engine's facts");
        assertThat(error).hasMessage("event p1 of member m1: rule \"Rules must not touch the engine's facts\" "
                + refusal + " (member state unchanged)");
    }

    @Test
    void a_rule_that_throws_fails_the_event_naming_rule_and_event_and_leaves_the_state_unchanged() {
        // given: a member with one purchase, and a program whose bonus rule throws on every purchase
        LoyaltyEngine good = LoyaltyEngine.create(Program.of(FLAT));
        MemberState before = good.apply(null, P1).state();
        MemberState copyOfBefore = good.apply(null, P1).state();
        String throwing = earningRule("Bonus rules that parse the event id fail the event",
                "EligiblePurchase( $event : eventId )",
                "insert( PointsAward.fixed( $event, \"x\", Long.parseLong( $event ) ) );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/throwing.drl", throwing)));

        // when
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class, () -> engine.apply(before, P2));

        // then
        assertThat(error.rule()).isEqualTo("Bonus rules that parse the event id fail the event");
        assertThat(error.eventId()).isEqualTo("p2");
        assertThat(error).hasMessage("event p2 of member m1: rule \"Bonus rules that parse the event id fail the event\""
                + " failed: java.lang.NumberFormatException: For input string: \"p2\" (member state unchanged)");
        assertThat(before).isEqualTo(copyOfBefore);
        assertThat(before.pointsAvailable()).isEqualTo(100L);

        // and a retry with the rule fixed gives the normal result
        engine.reload(Program.of(FLAT));
        Decision retried = engine.apply(before, P2);
        assertThat(retried).isEqualTo(good.apply(copyOfBefore, P2));
        assertThat(retried.pointsAwarded()).isEqualTo(50L);
        assertThat(retried.state().pointsAvailable()).isEqualTo(150L);
    }

    @Test
    void a_rule_that_throws_on_the_program_settings_alone_fails_each_event_naming_it_not_the_engine_creation() {
        // given: a rule matching only a setting fact (the base earn rate), which throws whenever it fires
        String throwing = earningRule("Rate rules that parse the rate scope fail the event",
                "EarnRate( $scope : scope )",
                "insert( PointsAward.fixed( \"p1\", \"x\", Long.parseLong( $scope ) ) );");

        // when: the engine is created (the settings facts are tried alone then), and a purchase is applied
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/throwing.drl", throwing)));
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class, () -> engine.apply(null, P1));

        // then: the purchase fails naming the rule, as any rule that throws; the engine itself was created
        assertThat(error.rule()).isEqualTo("Rate rules that parse the rate scope fail the event");
        assertThat(error).hasMessage("event p1 of member m1: rule \"Rate rules that parse the rate scope fail the event\""
                + " failed: java.lang.NumberFormatException: For input string: \"default\" (member state unchanged)");
        ReplayResult replay = engine.replay(List.of(P1, P2));
        assertThat(replay.rejections()).extracting(ReplayResult.Rejection::code)
                .containsExactly("RULE_FAILED", "RULE_FAILED");
    }

    @Test
    void a_rule_that_divides_by_zero_fails_the_event_naming_the_rule() {
        String dividing = earningRule("Bonus rules that divide by zero fail the event",
                "EligiblePurchase( $event : eventId )", "insert( PointsAward.fixed( $event, \"x\", 1/0 ) );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/dividing.drl", dividing)));

        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class, () -> engine.apply(null, P1));

        assertThat(error).hasMessage("event p1 of member m1: rule \"Bonus rules that divide by zero fail the event\""
                + " failed: java.lang.ArithmeticException: / by zero (member state unchanged)");
        assertThat(error.rule()).isEqualTo("Bonus rules that divide by zero fail the event");
        assertThat(error.getCause()).hasRootCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void a_rule_that_answers_its_own_conclusion_without_end_fails_at_the_default_fire_limit() {
        // given: each award makes another (its label does not grow); each conclusion's canonical order carried its
        // whole chain, so 10,000 of them held more than a gigabyte and the heap ran out before the fire limit
        String looping = earningRule("Awards answer themselves without end",
                "PointsAward( $event : eventId, $label : label )",
                "insert( PointsAward.fixed( $event, \"ping \" + $label.length(), 0 ) );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/looping.drl", looping)));

        // when
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class, () -> engine.apply(null, P1));

        // then: the documented failure at the default limit (Order keeps a long order as a digest of its values)
        assertThat(error).hasMessageStartingWith("event p1 of member m1: ruleflow group \"earning\" stopped at the fire"
                + " limit of 10000; the rules look like a loop: \"Awards answer themselves without end\" (");
    }

    @Test
    void a_looping_rule_is_stopped_by_the_fire_limit_naming_the_rule_and_the_limit() {
        // given: every award makes another one, without end (rules may insert only conclusions)
        String looping = earningRule("Awards multiply themselves without end",
                "PointsAward( $event : eventId, $label : label )",
                "insert( PointsAward.fixed( $event, $label + \"+\", 0 ) );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/looping.drl", looping)), 100);

        // when
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class, () -> engine.apply(null, P1));

        // then
        assertThat(error.rule()).isEqualTo("Awards multiply themselves without end");
        assertThat(error).hasMessage("event p1 of member m1: ruleflow group \"earning\" stopped at the fire limit of"
                + " 100; the rules look like a loop: \"Awards multiply themselves without end\" (100 firings),"
                + " \"Purchases earn base points at the program rate\" (1 firings) (member state unchanged)");
    }

    @Test
    void a_fire_limit_must_be_positive() {
        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class, () -> LoyaltyEngine.create(Program.of(FLAT), 0));

        assertThat(error).hasMessage("fireLimit must be > 0, was 0");
    }

    @Test
    void replay_collects_a_failing_rule_as_a_rejection_and_keeps_the_members_earlier_state() {
        String throwing = earningRule("Big purchases fail the event", "EligiblePurchase( $event : eventId,"
                        + " eligibleAmount > 75 )", "insert( PointsAward.fixed( $event, \"x\", Long.parseLong( $event ) ) );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/throwing.drl", throwing)));

        ReplayResult result = engine.replay(List.of(P2, P1));

        assertThat(result.rejections()).containsExactly(new ReplayResult.Rejection("p1", "m1", "RULE_FAILED",
                "rule \"Big purchases fail the event\" failed: java.lang.NumberFormatException: For input string:"
                        + " \"p1\""));
        assertThat(result.members().get("m1").pointsAvailable()).isEqualTo(50L);
        assertThat(result.eventsApplied()).isEqualTo(1L);
    }

    // ---------------------------------------------------------------- errors a rule causes

    /** An earning rule on purchases of exactly 13.00 whose consequence calls a DRL function that never returns. */
    private static final String RECURSING = EARNING_HEADER + """
            function int deeper(int n) { return deeper(n + 1) + 1; }

            rule "Thirteen is unlucky"
                @intent("a test rule")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId, eligibleAmount == 13.00B )
            then
                insert( PointsAward.fixed( $event, "x", deeper( 1 ) ) );
            end
            """;
    private static final Purchase P13 = Programs.purchase("p13", "m1", "2025-03-04T10:00:00Z", "13.00");

    @Test
    void a_rule_whose_recursive_function_overflows_the_stack_fails_the_event_naming_the_rule_and_the_state_is_kept() {
        // given: m1 has 100 points of P1
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/recursing.drl", RECURSING)));
        MemberState before = engine.apply(null, P1).state();

        // when
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class,
                () -> engine.apply(before, P13));

        // then
        assertThat(error).hasMessage("event p13 of member m1: rule \"Thirteen is unlucky\" failed:"
                + " java.lang.StackOverflowError (member state unchanged)");
        assertThat(error.rule()).isEqualTo("Thirteen is unlucky");
        assertThat(error.eventId()).isEqualTo("p13");
        assertThat(error.getCause()).hasRootCauseInstanceOf(StackOverflowError.class);
        assertThat(before.pointsAvailable()).isEqualTo(100L);
        assertThat(before.hasProcessed("p13")).isFalse();

        // and the member's next event is decided as usual
        assertThat(engine.apply(before, P2).state().pointsAvailable()).isEqualTo(150L);
    }

    @Test
    void replay_collects_a_stack_overflow_of_a_rule_as_a_rejection_and_goes_on() {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/recursing.drl", RECURSING)));

        ReplayResult result = engine.replay(List.of(P1, P13, P2));

        assertThat(result.rejections()).containsExactly(new ReplayResult.Rejection("p13", "m1", "RULE_FAILED",
                "rule \"Thirteen is unlucky\" failed: java.lang.StackOverflowError"));
        assertThat(result.members().get("m1").pointsAvailable()).isEqualTo(150L);
        assertThat(result.eventsApplied()).isEqualTo(2L);
    }

    @Test
    void a_rule_that_throws_an_assertion_error_fails_the_event_naming_the_rule_and_the_state_is_kept() {
        // given
        String asserting = earningRule("Purchases of 50 must not happen", "EligiblePurchase( $event : eventId,"
                + " eligibleAmount == 50.00B )", "throw new AssertionError( \"no purchase is worth 50\" );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/asserting.drl", asserting)));
        MemberState before = engine.apply(null, P1).state();

        // when
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class,
                () -> engine.apply(before, P2));
        ReplayResult replay = engine.replay(List.of(P1, P2));

        // then
        assertThat(error).hasMessage("event p2 of member m1: rule \"Purchases of 50 must not happen\" failed:"
                + " java.lang.AssertionError: no purchase is worth 50 (member state unchanged)");
        assertThat(error.rule()).isEqualTo("Purchases of 50 must not happen");
        assertThat(before.pointsAvailable()).isEqualTo(100L);
        assertThat(replay.rejections()).containsExactly(new ReplayResult.Rejection("p2", "m1", "RULE_FAILED",
                "rule \"Purchases of 50 must not happen\" failed: java.lang.AssertionError: no purchase is worth 50"));
        assertThat(replay.members().get("m1").pointsAvailable()).isEqualTo(100L);
    }

    @Test
    void a_tier_rule_whose_recursive_function_overflows_the_stack_in_a_review_fails_the_review_and_the_run_goes_on() {
        // given: m1 reaches silver in 2025 (valid to the end of 2026); its review at the lapse recurses without end
        String recursing = """
                package org.loyaltyrules.rules.tier;
                import org.loyaltyrules.rules.facts.*;

                function int deeper(int n) { return deeper(n + 1) + 1; }

                rule "Reviews count without end"
                    @intent("a test rule")
                    ruleflow-group "tier"
                when
                    ReviewDue()
                then
                    insert( TierChange.downgrade( "member", "depth " + deeper( 1 ) ) );
                end
                """;
        LoyaltyEngine engine = Programs.engine(Programs.retail("", ""), Map.of("tier/recursing.drl", recursing));
        MemberState m1 = engine.apply(null, Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00")).state();

        // when
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class,
                () -> engine.reviewTiers(List.of(m1), Programs.at("2027-12-31T00:00:00Z")));
        ReplayResult result = engine.replay(Map.of(), List.of(
                Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"),
                Programs.purchase("p3", "m2", "2027-02-01T10:00:00Z", "100.00")),
                Programs.at("2027-12-31T00:00:00Z"), decision -> { });

        // then: m1's review fails and m1 keeps its state; m2 is reviewed and keeps its purchase
        String failed = "rule \"Reviews count without end\" failed: java.lang.StackOverflowError";
        assertThat(error).hasMessage("tier review of member m1 at 2027-12-31T00:00:00Z: " + failed
                + " (member state unchanged)");
        assertThat(error.eventId()).isEqualTo("review:m1:2027-12-31T00:00:00Z");
        assertThat(result.rejections()).containsExactly(
                new ReplayResult.Rejection("review:m1:2027-12-31T00:00:00Z", "m1", "RULE_FAILED", failed));
        assertThat(result.members().get("m1")).isEqualTo(m1);
        assertThat(result.members().get("m2").pointsAvailable()).isEqualTo(100L);
    }

    @Test
    void an_out_of_memory_error_in_a_rule_is_the_jvms_failure_and_is_thrown_as_it_is() {
        // given: a rule that asks for more memory than the JVM gives an array (the JVM throws OutOfMemoryError at
        // once; a rule may not construct one itself: the pack guard refuses forging the JVM's own errors)
        String exhausting = earningRule("Purchases exhaust memory", "EligiblePurchase( $event : eventId )",
                "long[] all = new long[ Integer.MAX_VALUE ]; insert( PointsAward.fixed( $event, \"x\", all.length ) );");
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/exhausting.drl", exhausting)));

        // when
        Throwable error = catchThrowable(() -> engine.apply(null, P1));

        // then: no rule failure: the evaluation failed, not the event (and its session is not reused)
        assertThat(error).isExactlyInstanceOf(OutOfMemoryError.class)
                .hasMessage("Requested array size exceeds VM limit");
    }

    // ---------------------------------------------------------------- failures outside a consequence

    /** Replays P1 (100.00, which the rule under test fails) then P2 (50.00) of member m1 on the flat program. */
    private static ReplayResult replayWithFailingP1(String drl) {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT, Map.of("earning/failing.drl", drl)));
        return engine.replay(List.of(P1, P2));
    }

    private static void assertOnlyP1FailedAndP2Applied(ReplayResult result, String message) {
        assertThat(result.rejections()).containsExactly(new ReplayResult.Rejection("p1", "m1", "RULE_FAILED", message));
        assertThat(result.eventsApplied()).isEqualTo(1L);
        assertThat(result.members().get("m1").pointsAvailable()).isEqualTo(50L);
    }

    @Test
    void a_negative_fixed_award_fails_the_event_naming_the_rule_that_concluded_it() {
        // given
        String negative = earningRule("Big purchases cost points", "EligiblePurchase( $event : eventId,"
                + " eligibleAmount > 75 )", "insert( PointsAward.fixed( $event, \"penalty\", -50 ) );");

        // when
        ReplayResult result = replayWithFailingP1(negative);

        // then
        assertOnlyP1FailedAndP2Applied(result, "rule \"Big purchases cost points\" concluded an invalid value: fixed"
                + " award must be >= 0, was -50");
    }

    @Test
    void a_negative_percent_bonus_fails_the_event_naming_the_rule_that_concluded_it() {
        String negative = earningRule("Big purchases lose a fifth", "EligiblePurchase( $event : eventId,"
                + " eligibleAmount > 75 )", "insert( PointsAward.percentOfBase( $event, \"neg\", -20 ) );");

        ReplayResult result = replayWithFailingP1(negative);

        assertOnlyP1FailedAndP2Applied(result, "rule \"Big purchases lose a fifth\" concluded an invalid value: bonus percent"
                + " and base must be >= 0, were -20 and 100.00");
    }

    @Test
    void a_replacing_multiplier_below_one_fails_the_event_naming_the_rule_that_concluded_it() {
        // given "half rate for big baskets" written as a multiplier replacing the base: the engine keeps the base and
        // adds (0.5 - 1) x base, a negative line the ledger refuses; apply threw IllegalArgumentException outside any
        // rule and stopped a replay
        String half = earningRule("Big baskets earn half the base rate", "EligiblePurchase( $event : eventId,"
                + " eligibleAmount > 75 )", "insert( Multiplier.replacingBase( $event, \"half rate\","
                + " new java.math.BigDecimal( \"0.5\" ) ) );");

        // when
        ReplayResult result = replayWithFailingP1(half);

        // then
        assertOnlyP1FailedAndP2Applied(result, "rule \"Big baskets earn half the base rate\" concluded an invalid"
                + " value: a multiplier replacing the base must be >= 1, was 0.5: it replaces base points by factor x"
                + " base and takes no points away; lower the base rate (a special rate in earning.rates) to earn less");
    }

    @Test
    void a_replacing_multiplier_below_one_that_a_larger_one_outbids_is_harmless() {
        // given half rate for big baskets and double points on everything, both replacing the base: the largest wins,
        // so the 0.5 never makes a line, and the purchase earned as before (adversarial review F2)
        String both = earningRule("Big baskets earn half the base rate", "EligiblePurchase( $event : eventId,"
                + " eligibleAmount > 75 )", "insert( Multiplier.replacingBase( $event, \"half rate\","
                + " new java.math.BigDecimal( \"0.5\" ) ) );") + earningRule("Double points week",
                "EligiblePurchase( $event : eventId )", "insert( Multiplier.replacingBase( $event, \"double\","
                + " new java.math.BigDecimal( \"2\" ) ) );").substring(EngineFixtures.EARNING_HEADER.length());

        // when
        ReplayResult result = replayWithFailingP1(both);

        // then: 100.00 earns 100 base and 100 more for the doubling; 50.00 earns 50 and 50
        assertThat(result.rejections()).isEmpty();
        assertThat(result.members().get("m1").pointsAvailable()).isEqualTo(300L);
    }

    @Test
    void an_exclusion_of_a_charge_kind_no_basket_charge_has_fails_the_event_naming_the_rule_and_the_kinds() {
        // given an eligibility rule excluding "shipping", a kind of no BasketCharge (delivery, tax, unitemised): it
        // used to take the unitemised money out instead, and twice beside an exclusion of that kind
        String shipping = earningRule("Shipping earns nothing", "BasketCharge( kind == \"unitemised\", amount > 75, "
                + "$event : eventId )", "insert( Excluded.charge( $event, \"shipping\", \"shipping\" ) );")
                .replace("ruleflow-group \"earning\"", "ruleflow-group \"eligibility\"");

        // when
        ReplayResult result = replayWithFailingP1(shipping);

        // then
        assertOnlyP1FailedAndP2Applied(result, "rule \"Shipping earns nothing\" concluded an invalid value: "
                + "Excluded.charge kind must be delivery, tax or unitemised (a BasketCharge's kind), was 'shipping'");
    }

    @Test
    void an_award_without_a_label_fails_the_event_naming_the_rule_that_concluded_it() {
        String unlabelled = earningRule("Big purchases earn an unnamed bonus", "EligiblePurchase( $event : eventId,"
                + " eligibleAmount > 75 )", "insert( PointsAward.fixed( $event, null, 10 ) );");

        ReplayResult result = replayWithFailingP1(unlabelled);

        assertOnlyP1FailedAndP2Applied(result, "rule \"Big purchases earn an unnamed bonus\" concluded an invalid value:"
                + " label must not be null");
    }

    @Test
    void a_condition_that_cannot_be_evaluated_fails_the_event_naming_the_rule() {
        // given: MVEL cannot read "1,000" as a number when the purchase reaches the constraint (over 75 only)
        String unreadable = earningRule("Purchases over a thousand earn a bonus", "EligiblePurchase( $event : eventId,"
                + " eligibleAmount > 75, eligibleAmount >= \"1,000\" )",
                "insert( PointsAward.fixed( $event, \"big\", 10 ) );");

        // when
        ReplayResult result = replayWithFailingP1(unreadable);

        // then
        assertOnlyP1FailedAndP2Applied(result, "rule \"Purchases over a thousand earn a bonus\" failed evaluating its"
                + " conditions or attributes: org.mvel2.CompileException: [Error: Character , is neither a decimal digit"
                + " number, decimal point, nor \"e\" notation exponential mark.]");
    }

    @Test
    void a_condition_comparing_a_text_with_a_date_fails_the_event_naming_the_rule() {
        String mismatched = earningRule("Purchases from March 3rd earn a promo bonus", "EventFact( $event : eventId,"
                + " eventId == \"p1\", date >= java.time.LocalDate.of( 2025, 3, 3 ) )",
                "insert( PointsAward.fixed( $event, \"promo\", 10 ) );");

        ReplayResult result = replayWithFailingP1(mismatched);

        assertOnlyP1FailedAndP2Applied(result, "rule \"Purchases from March 3rd earn a promo bonus\" failed evaluating its"
                + " conditions or attributes: org.mvel2.CompileException: [Error: [Error: incompatible types in"
                + " statement: class java.time.LocalDate (compared from: class java.lang.String)]");
    }

    @Test
    void a_salience_that_is_not_a_number_is_refused_when_the_pack_compiles_before_any_event_can_fail() {
        String salience = EARNING_HEADER + """
                rule "Big purchases earn a bonus first"
                    @intent("a test rule")
                    ruleflow-group "earning"
                    salience "high"
                when
                    EligiblePurchase( $event : eventId, eligibleAmount > 75 )
                then
                    insert( PointsAward.fixed( $event, "big", 10 ) );
                end
                """;

        // Drools would fail each event at run time ("Error parsing time string: [ high ]"); the lint refuses it first
        assertThatThrownBy(() -> replayWithFailingP1(salience))
                .isInstanceOf(org.loyaltyrules.rules.program.ProgramException.class)
                .hasMessageContaining("rule \"Big purchases earn a bonus first\" has salience \"high\", which is not an"
                        + " integer or an expression of $bindings");
    }

    @Test
    void a_calendar_is_refused_when_the_pack_compiles_before_any_event_can_fail() {
        String calendar = EARNING_HEADER + """
                rule "Big purchases earn a bonus on weekdays"
                    @intent("a test rule")
                    ruleflow-group "earning"
                    calendars "weekdays"
                when
                    EligiblePurchase( $event : eventId, eligibleAmount > 75 )
                then
                    insert( PointsAward.fixed( $event, "big", 10 ) );
                end
                """;

        // Drools would fail each event at run time (no calendar 'weekdays' in the session); the lint refuses it first
        assertThatThrownBy(() -> replayWithFailingP1(calendar))
                .isInstanceOf(org.loyaltyrules.rules.program.ProgramException.class)
                .hasMessageContaining("rule \"Big purchases earn a bonus on weekdays\" uses calendars, which Drools"
                        + " evaluates against the wall clock");
    }

    @Test
    void a_tier_change_to_a_tier_not_in_the_ladder_fails_the_event_naming_the_rule() {
        // given: a tier rule that builds "platnum" for purchases of over 500 (a literal "platnum" the pack check
        // refuses before anything runs: PackCrossChecksTest)
        String misspelt = """
                package org.loyaltyrules.rules.tier;
                import org.loyaltyrules.rules.facts.*;

                rule "Big spenders go straight to platinum"
                    @intent("a test rule")
                    ruleflow-group "tier"
                when
                    QualifyingGrowth( total >= 500 )
                then
                    insert( TierChange.upgrade( "plat" + "num", "big spender" ) );
                end
                """;
        LoyaltyEngine engine = Programs.engine(Programs.retail("", ""), Map.of("tier/misspelt.drl", misspelt));

        // when
        ReplayResult result = engine.replay(List.of(
                Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"),
                Programs.purchase("p2", "m1", "2025-03-04T10:00:00Z", "40.00")));

        // then
        assertThat(result.rejections()).containsExactly(new ReplayResult.Rejection("p1", "m1", "RULE_FAILED",
                "rule \"Big spenders go straight to platinum\" concluded an invalid value: tier must be one of [member,"
                        + " silver, gold, platinum], was 'platnum'"));
        assertThat(result.members().get("m1").pointsAvailable()).isEqualTo(40L);
        assertThat(result.members().get("m1").tier().tierId()).isEqualTo("member");
    }

    @Test
    void a_tier_rule_that_throws_in_a_scheduled_review_fails_the_event_and_the_run_goes_on() {
        // given: m1 reaches silver in 2025 (valid to the end of 2026); the review rule divides by zero
        String throwing = """
                package org.loyaltyrules.rules.tier;
                import org.loyaltyrules.rules.facts.*;

                rule "Reviews log the step"
                    @intent("a test rule")
                    ruleflow-group "tier"
                when
                    ReviewDue( $to : stepTierId )
                then
                    int n = 0;
                    insert( TierChange.downgrade( $to, "step " + ( 1 / n ) ) );
                end
                """;
        LoyaltyEngine engine = Programs.engine(Programs.retail("", ""), Map.of("tier/review-x.drl", throwing));

        // when: p2 comes after the review date, then m2 buys, then time passes to the end of 2027
        ReplayResult result = engine.replay(Map.of(), List.of(
                Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "600.00"),
                Programs.purchase("p2", "m1", "2027-02-01T10:00:00Z", "10.00"),
                Programs.purchase("p3", "m2", "2027-02-01T10:00:00Z", "100.00")),
                Programs.at("2027-12-31T00:00:00Z"), decision -> { });

        // then: the review fails p2 and m1's final review; m2's purchase still applies
        String failed = "rule \"Reviews log the step\" failed: java.lang.ArithmeticException: / by zero";
        assertThat(result.rejections()).containsExactly(
                new ReplayResult.Rejection("p2", "m1", "RULE_FAILED", failed),
                new ReplayResult.Rejection("review:m1:2027-12-31T00:00:00Z", "m1", "RULE_FAILED", failed));
        assertThat(result.members().get("m1").pointsAvailable()).isEqualTo(600L);
        assertThat(result.members().get("m1").tier().tierId()).isEqualTo("silver");
        assertThat(result.members().get("m2").pointsAvailable()).isEqualTo(100L);
        assertThat(result.eventsApplied()).isEqualTo(2L);
    }

    // ---------------------------------------------------------------- validation of a folder

    @Test
    void validating_a_folder_reports_every_program_json_problem_with_its_json_path(@TempDir Path dir) {
        // given
        Path folder = programFolder(dir.resolve("bad"), """
                {
                  "id": "bad",
                  "version": "1",
                  "colour": "red",
                  "stacking": "SUM",
                  "earning": {"baseRate": "1"},
                  "tiers": {"ladder": [
                    {"id": "member", "threshold": "0"},
                    {"id": "silver", "threshold": "500"},
                    {"id": "gold", "threshold": "300"}
                  ]}
                }
                """, Map.of());
        String json = folder.resolve("program.json").toString();

        // when
        ValidationReport report = LoyaltyEngine.validate(folder);

        // then
        assertThat(report.ok()).isFalse();
        assertThat(report.ruleCount()).isZero();
        assertThat(report.program()).isEqualTo(folder.toString());
        assertThat(report.errors()).containsExactly(
                new Problem(json + " $.colour", "is not a known field; allowed here: [benefits, currency,"
                        + " declares, description, earning, expiry, growth, id, insight, membership, name, partners, pendingDays, refunds, reward, risk,"
                        + " rounding, stacking, tiers, version, zone]"),
                new Problem(json + " $.stacking", "must be one of [ADDITIVE, HIGHEST, MULTIPLICATIVE], was \"SUM\""),
                new Problem(json + " $.tiers.ladder[2].threshold", "must be > 500 (silver), was 300"));
    }

    @Test
    void validating_a_folder_reports_a_broken_rule_file_by_its_path_line_and_column(@TempDir Path dir) {
        Path folder = programFolder(dir.resolve("bad-rules"), flatProgram("A", "1"), Map.of("earning/broken.drl",
                earningRule("Broken rules are reported", "EligiblePurchase( $event : eventId, )",
                        "insert( PointsAward.fixed( $event, \"x\", 1 ) );")));
        String drl = folder.resolve("rules").toString() + "/earning/broken.drl";

        ValidationReport report = LoyaltyEngine.validate(folder);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors().get(0)).isEqualTo(new Problem(drl + ":8:41", "rule \"Broken rules are reported\":"
                + " [ERR 101] Line 8:40 no viable alternative at input ')' in rule \"Broken rules are reported\""));
    }

    @Test
    void validating_a_good_folder_counts_its_rules_and_lists_warnings(@TempDir Path dir) {
        int standardRules = LoyaltyEngine.validate(programFolder(dir.resolve("plain"), flatProgram("A", "1"), Map.of()))
                .ruleCount();
        Path folder = programFolder(dir.resolve("good"), flatProgram("A", "1"), Map.of("earning/welcome.drl",
                EARNING_HEADER + """
                        rule "New members earn a welcome bonus"
                            ruleflow-group "earning"
                        when
                            EligiblePurchase( $event : eventId )
                        then
                            insert( PointsAward.fixed( $event, "welcome", 5 ) );
                        end
                        """));
        String drl = folder.resolve("rules").toString() + "/earning/welcome.drl";

        ValidationReport report = LoyaltyEngine.validate(folder);

        assertThat(report.ok()).isTrue();
        assertThat(report.ruleCount()).isEqualTo(standardRules + 1);
        assertThat(report.warnings()).containsExactly(new Problem(drl + ":4", "rule \"New members earn a welcome"
                + " bonus\" has no @intent(\"...\"); explanations will show only its name"));
    }

    @Test
    void validating_a_folder_without_program_json_says_what_is_missing(@TempDir Path dir) {
        ValidationReport report = LoyaltyEngine.validate(dir);

        assertThat(report.errors()).containsExactly(new Problem(dir.resolve("program.json").toString(),
                "file not found: a program folder holds program.json"));
    }

    @Test
    void a_rules_path_that_is_a_file_is_an_error_naming_it(@TempDir Path dir) throws java.io.IOException {
        // given a program folder whose rules is a file: its rules would silently be the standard pack alone
        Path folder = EngineFixtures.programFolder(dir, Programs.retail("", ""), Map.of());
        java.nio.file.Files.writeString(folder.resolve("rules"), "rule \"Mine\" when then end");

        // when it is validated
        ValidationReport report = LoyaltyEngine.validate(folder);

        // then it is invalid, naming the path
        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).containsExactly(new Problem(folder.resolve("rules").toString(), "is a file, not a"
                + " folder: a program folder's rules/ is a folder of .drl files (rules/earning/my-bonus.drl); remove"
                + " the file or make it that folder"));
    }

    @Test
    void a_program_folder_without_rules_runs_the_standard_pack(@TempDir Path dir) {
        Path folder = EngineFixtures.programFolder(dir, Programs.retail("", ""), Map.of());

        assertThat(LoyaltyEngine.validate(folder).ok()).isTrue();
    }

    // ---------------------------------------------------------------- reload

    @Test
    void a_reload_whose_rules_fail_on_the_warm_up_purchases_still_swaps_and_the_rule_fails_real_events() {
        // given: a program whose bonus rule throws on every purchase (the reload's synthetic warm-up ones included)
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT));
        String throwing = earningRule("Bonus rules that parse the event id fail the event",
                "EligiblePurchase( $event : eventId )",
                "insert( PointsAward.fixed( $event, \"x\", Long.parseLong( $event ) ) );");

        // when
        engine.reload(Program.of(settings(flatProgram("B", "1")), Map.of("earning/throwing.drl", throwing)));

        // then: the new program serves, and a real event fails naming the rule
        assertThat(engine.program().version()).isEqualTo("B");
        RuleEvaluationException error = catchThrowableOfType(RuleEvaluationException.class, () -> engine.apply(null, P1));
        assertThat(error.rule()).isEqualTo("Bonus rules that parse the event id fail the event");
        assertThat(error.eventId()).isEqualTo("p1");
    }

    @Test
    void a_failed_reload_keeps_the_old_program_running() {
        // given
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT));
        Program broken = Program.of(settings(flatProgram("B", "2")), Map.of("earning/broken.drl", earningRule(
                "Broken rules are reported", "EligiblePurchase( $event : eventId, )",
                "insert( PointsAward.fixed( $event, \"x\", 1 ) );")));

        // when
        ProgramException error = catchThrowableOfType(ProgramException.class, () -> engine.reload(broken));

        // then
        assertThat(error.problems().get(0).location()).isEqualTo("program:earning/broken.drl:8:41");
        assertThat(engine.program().version()).isEqualTo("A");
        Decision decision = engine.apply(null, P1);
        assertThat(decision.programVersion()).isEqualTo("A");
        assertThat(decision.pointsAwarded()).isEqualTo(100L);
    }

    @Test
    void a_failed_reload_from_a_bad_folder_keeps_the_old_program_running(@TempDir Path dir) {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(FLAT));
        Path folder = programFolder(dir.resolve("b"), flatProgram("B", "-"), Map.of());

        ProgramException error = catchThrowableOfType(ProgramException.class, () -> engine.reload(Program.load(folder)));

        assertThat(error.problems()).containsExactly(new Problem(folder.resolve("program.json") + " $.earning.baseRate",
                "must be a decimal number such as \"1.5\", was \"-\""));
        assertThat(engine.apply(null, P1).programVersion()).isEqualTo("A");
    }
}
