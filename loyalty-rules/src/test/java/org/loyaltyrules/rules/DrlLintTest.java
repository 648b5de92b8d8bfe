package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;

/** Rule packs from a program folder cannot escape into the JVM: the lint rejects them before they compile. */
class DrlLintTest {

    private static String rule(String then) {
        return """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;

                rule "Sneaky rule"
                    @intent("tries to escape")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                then
                    %s
                end
                """.formatted(then);
    }

    private static ProgramException compile(String drl) {
        return catchThrowableOfType(() -> LoyaltyEngine.create(Program.of(
                ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/sneaky.drl", drl))),
                ProgramException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "System.exit(1);|calls java.lang.System (exit, properties, streams); rules must not (found 'System.')",
            "Runtime.getRuntime().halt(1);|uses java.lang.Runtime (exit, exec); rules must not (found 'Runtime')",
            "new Thread(() -> {}).start();|starts or controls threads; rules must not (found 'Thread')",
            "java.util.concurrent.Executors.newSingleThreadExecutor();|starts or controls threads; rules must not (found 'Executors')",
            "java.util.concurrent.CompletableFuture.runAsync(() -> {});|starts or controls threads; rules must not (found 'CompletableFuture')",
            "java.util.concurrent.ForkJoinPool.commonPool();|starts or controls threads; rules must not (found 'ForkJoinPool')",
            "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));|reads or writes files; rules must not (found 'java.nio')",
            "new java.net.Socket(\"localhost\", 80);|opens network connections; rules must not (found 'java.net')",
            "Class.forName(\"java.lang.Runtime\");|uses reflection or class loading; rules must not (found 'Class.forName')",
            "$event.getClass().getDeclaredFields();|uses reflection or class loading; rules must not (found '.getClass(')",
            "new ProcessBuilder(\"rm\").start();|starts a process; rules must not (found 'ProcessBuilder')",
            // a field of an anonymous class: one for every event and member the session ever evaluates
            "Object seen = new Object() { static int count = 0; };|declares static mutable state; rules must not (found 'static i')",
            // Drools said only "add the module org.drools:drools-tms to your classpath", at line 0 (sandbox audit F6)
            "insertLogical( PointsAward.fixed( $event, \"x\", 1 ) );|uses insertLogical (truth maintenance, which the"
                    + " engine does not run); rules conclude with insert( .. ) (found 'insertLogical(')",
    })
    void forbidden_java_in_a_rule_is_rejected_with_file_line_and_rule(String code, String message) {
        ProgramException error = compile(rule(code));
        String found = message.substring(message.indexOf("(found '") + 8, message.length() - 2);
        int column = 4 + code.indexOf(found) + 1; // the consequence is indented by 4

        assertThat(error).isNotNull();
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:10:" + column,
                "rule \"Sneaky rule\" " + message));
    }

    @Test
    void a_declared_type_is_an_error_that_says_rule_packs_do_not_support_declared_types_and_what_to_do() {
        // given: a type of the pack's own, which the pack guard would otherwise refuse as if it were forbidden Java
        String drl = """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;
                declare Note
                    text : String
                end
                rule "Declared notes"
                    @intent("test")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                then
                    insert( new Note( $event ) );
                end
                """;

        // when
        ProgramException error = compile(drl);

        // then
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:3:1", "declares a type: "
                + "declared types are not supported in rule packs, which use only the types of the facts package; "
                + "conclude with one of its conclusions (Excluded, EarningBlocked, PointsAward, Multiplier, "
                + "CapApplied, RiskFlag, TierChange, MemberNotice, BenefitGrant, MembershipPrice, BenefitAllowance), or "
                + "write the condition the declared fact stood for into the rules that need it (found 'declare')"));
    }

    @Test
    void an_import_static_is_judged_by_what_it_imports_not_as_static_state() {
        String drl = rule("insert( new EarningBlocked( $event, \"x\" ) );")
                .replace("import org.loyaltyrules.rules.facts.*;", "import org.loyaltyrules.rules.facts.*;\n"
                        + "import static java.lang.System.exit;");

        ProgramException error = compile(drl);

        assertThat(error).isNotNull();
        assertThat(error.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("calls java.lang.System (exit, properties, streams)"))
                .noneSatisfy(m -> assertThat(m).contains("static mutable state"));
    }

    @Test
    void forbidden_words_inside_single_quoted_strings_are_not_findings() {
        // given a rule name and an MVEL string in single quotes, which name a process and a thread
        String drl = rule("insert( PointsAward.fixed( $event, \"x\", 1 ) );")
                .replace("rule \"Sneaky rule\"", "rule 'Process refunds quickly'")
                .replace("EligiblePurchase( $event : eventId )", "EligiblePurchase( $event : eventId, channel != 'Thread' )");

        // when the program is created, then it compiles without a finding
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/sneaky.drl", drl)));

        assertThat(engine.warnings()).isEmpty();
    }

    @Test
    void a_quote_char_literal_does_not_hide_forbidden_java_from_the_lint() {
        // given Java after a '"' char literal, which the lint once took for the start of a string
        ProgramException error = compile(rule("char quote = '\"'; Runtime.getRuntime().halt( 0 ); String s = \"\";"));

        // then the lint finds it, at file:line:column
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:10:23",
                "rule \"Sneaky rule\" uses java.lang.Runtime (exit, exec); rules must not (found 'Runtime')"));
    }

    private static final String DECLARE = "declares a type: declared types are not supported in rule packs, which use"
            + " only the types of the facts package; conclude with one of its conclusions (Excluded, EarningBlocked,"
            + " PointsAward, Multiplier, CapApplied, RiskFlag, TierChange, MemberNotice, BenefitGrant,"
            + " MembershipPrice, BenefitAllowance), or write the condition the declared fact stood for into the rules"
            + " that need it (found 'declare')";
    private static final String GLOBAL = "declares a global (shared mutable state); rules get settings as facts"
            + " instead (found 'global')";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "package org.loyaltyrules.rules.earning; declare PointsAward @role(event) @expires(1ms) end|41|declare",
            "package org.loyaltyrules.rules.earning; global java.util.List sink;|41|global",
            "package org.loyaltyrules.rules.earning; /* a note */ declare Counter n : int end|54|declare",
    })
    void a_declare_or_global_after_a_semicolon_on_the_package_line_is_an_error(String line, int column,
                                                                              String keyword) {
        // given the statement where a line-start check would not look
        String drl = rule("insert( PointsAward.fixed( $event, \"x\", 1 ) );")
                .replace("package org.loyaltyrules.rules.earning;", line);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then the lint refuses it, at the statement, with the message it gives at a line's start
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:1:" + column,
                keyword.equals("declare") ? DECLARE : GLOBAL));
    }

    @Test
    void the_words_declare_and_global_in_strings_and_comments_are_no_findings() {
        String drl = rule("insert( PointsAward.fixed( $event, \"x; declare Note end; global x\", 1 ) ); // ; global y");

        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/sneaky.drl", drl)));

        assertThat(engine.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "interface Box { java.util.List<String> SEEN = new java.util.ArrayList<>(); } Box.SEEN.add( $event );"
                    + "|interface Box",
            "enum Seen { ONCE; int count; } Seen.ONCE.count++;|enum Seen",
            "record Box( String id ) { static java.util.List<String> SEEN = new java.util.ArrayList<>(); }|record Box",
            "class Box { } Box box = new Box();|class Box",
    })
    void a_type_declared_in_a_consequence_is_an_error_since_its_fields_are_static_state(String code, String found) {
        // given a local type: its static fields keep what one event stores for every later event and member
        ProgramException error = compile(rule(code));

        // then the lint refuses it at the declaration, saying why
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:10:"
                + (5 + code.indexOf(found)), "rule \"Sneaky rule\" declares " + found + " in its code: the fields of"
                + " a local type are static, so what one event stores there is shared with every later event and every"
                + " member (the same purchase then earns more each time); rules must not declare types, they conclude"
                + " by insert() (found '" + found + "')"));
    }

    @Test
    void a_variable_named_record_and_a_type_in_a_string_are_no_local_types() {
        String drl = rule("String record = $event; insert( PointsAward.fixed( record, \"interface Box { }\", 1 ) );");

        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/sneaky.drl", drl)));

        assertThat(engine.warnings()).isEmpty();
    }

    @Test
    void forbidden_words_inside_comments_and_strings_are_not_findings() {
        String drl = rule("insert( new EarningBlocked( $event, \"System.exit is not called here\" ) ); // Runtime");

        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/sneaky.drl", drl)));

        assertThat(engine.warnings()).isEmpty();
    }

    private static final String CONCLUDE_BY_INSERT = "rules conclude by insert(): insert a conclusion instead of"
            + " changing the fact, or add a condition the change makes false (no-loop and lock-on-active also stop it,"
            + " but hide the loop, and validate warns about them)";

    private static final String WITHOUT_END = "so Drools matches the rule again: its conditions are plain patterns on"
            + " facts no rule changes and its consequence always runs the same way, so it fires again without end and"
            + " every event it fires on fails at the fire limit; " + CONCLUDE_BY_INSERT;

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', value = {
            "$e : EventFact( $id : eventId )|update( $e );|updates $e, which its own pattern $e : EventFact( $id :"
                    + " eventId ) (line 9) matches|update(",
            "$e : EventFact( )|update( $e );|updates $e, which its own pattern $e : EventFact( ) (line 9) matches"
                    + "|update(",
            "$e : EventFact( type == \"purchase\" )|modify( $e ) { };|modifies $e, which its own pattern $e :"
                    + " EventFact( type == \"purchase\" ) (line 9) reads|modify(",
            // a binding without $, the two-argument update, an alias, a fact the text cannot name
            "e : EventFact( type == \"purchase\" )|update( e );|updates e, which its own pattern e : EventFact( type"
                    + " == \"purchase\" ) (line 9) matches|update(",
            "$e : EventFact( )|update( drools.getFactHandle( $e ), $e );|updates $e, which its own pattern $e :"
                    + " EventFact( ) (line 9) matches|update(",
            "$e : EventFact( )|Object o = $e; update( o );|updates o ($e), which its own pattern $e : EventFact( )"
                    + " (line 9) matches|update(",
            "$e : EventFact( )|update( (Object) $e );|updates ( Object ) $e, which is no binding of its patterns and"
                    + " may be a fact its own pattern $e : EventFact( ) (line 9) matches|update(",
    })
    void a_rule_that_modifies_or_updates_a_fact_its_own_pattern_reads_with_nothing_to_stop_it_is_an_error(
            String conditions, String then, String what, String found) {
        // given a rule that changes a fact its own pattern reads, with plain conditions and a plain consequence
        String drl = rule("earning", "", conditions, then);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused: it would fail every event it fires on
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:11:"
                + (5 + then.indexOf(found)),
                "rule \"Careless rule\" " + what + ", " + WITHOUT_END + " (found '" + found + "')"));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource(delimiter = '|', value = {
            "$e : EventFact( $id : eventId ) not RiskFlag( )|update( $e );|updates $e, which its own pattern $e :"
                    + " EventFact( $id : eventId ) (line 9) matches|update(",
            "$e : EventFact( type == \"purchase\" )|if ( $e.attributes().isEmpty() ) { modify( $e ) { }; }|modifies"
                    + " $e, which its own pattern $e : EventFact( type == \"purchase\" ) (line 9) reads|modify(",
            // a from condition is no plain pattern: what it reads from another rule may change
            "$e : EventFact( $id : eventId ) String( length > 0 ) from $id|update( $e );|updates $e, which its own"
                    + " pattern $e : EventFact( $id : eventId ) (line 9) matches|update(",
    })
    void a_rule_that_modifies_a_fact_its_own_pattern_reads_but_might_be_stopped_gets_a_warning_that_it_likely_loops(
            String conditions, String then, String what, String found) {
        // given a change of a fact the pattern reads, beside a not or from pattern or inside a branch the text cannot
        // judge
        String drl = rule("earning", "", conditions, then);

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then it runs, with a warning that says what most likely happens
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:11:"
                + (5 + then.indexOf(found)), "rule \"Careless rule\" " + what + ", so Drools matches the rule again and"
                + " most likely fires again until the fire limit fails the event, unless a not, exists, accumulate or"
                + " eval condition, or a branch of its consequence, stops it; " + CONCLUDE_BY_INSERT + " (found '"
                + found + "')"));
    }

    @ParameterizedTest(name = "{0}: {1} then {2}")
    @CsvSource(delimiter = '|', value = {
            "no-loop true|$e : EventFact( $id : eventId )|update( $e );",
            "lock-on-active true|$e : EventFact( $id : eventId )|update( $e );",
            "|$e : EventFact( )|modify( $e ) { };",
            "no-loop true|e : EventFact( type == \"purchase\" )|update( e );",
            "lock-on-active true|$e : EventFact( )|Object o = $e; update( drools.getFactHandle( o ), o );",
    })
    void a_rule_that_modifies_a_fact_and_cannot_fire_again_gets_no_warning_of_it(String attribute, String conditions,
                                                                                String then) {
        // given a change that no-loop or lock-on-active stops, and an empty modify of a pattern that tests nothing
        // (Drools 10 matches it again only for the properties the pattern tests)
        String drl = rule("earning", attribute == null ? "" : attribute, conditions, then);

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then the only warning is the style one about no-loop/lock-on-active, where it is used
        assertThat(engine.warnings()).extracting(Problem::message).allSatisfy(m -> assertThat(m).startsWith(
                "rule \"Careless rule\" uses no-loop/lock-on-active: write what stops the rule as a condition instead"
                        + " (not Fact( .. ) for what it concludes), and conclude with insert()"));
        assertThat(engine.warnings()).hasSize(attribute == null ? 0 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PointsAward( $event : eventId )|PointsAward( $event : eventId )",
            "EligiblePurchase( $event : eventId ) PointsAward( eventId == $event )|PointsAward( eventId == $event )",
    })
    void a_rule_that_inserts_a_fact_its_own_pattern_matches_gets_a_warning_that_it_loops(String conditions,
                                                                                        String pattern) {
        // given a rule whose conclusion is a fact its own pattern matches, with nothing to stop it
        String drl = rule("earning", "", conditions, "insert( PointsAward.fixed( $event, \"again\", 1 ) );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then the warning names the insert, the pattern and what to do
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:11:5",
                "rule \"Careless rule\" inserts a PointsAward that its own pattern " + pattern + " (line 9) matches"
                        + " as far as the text tells, so each insert most likely fires the rule again until the fire"
                        + " limit fails the event; add a condition the inserted PointsAward fails, such as not"
                        + " PointsAward( .. ) for it (found 'insert( PointsAward.')"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "|PointsAward( $event : eventId, label == \"base\" )|insert",
            "|PointsAward( $event : eventId ) not PointsAward( eventId == $event, label == \"again\" )|insert",
            "no-loop true|PointsAward( $event : eventId )|insert",
            "lock-on-active true|PointsAward( $event : eventId )|insert",
    })
    void a_rule_that_inserts_a_fact_of_a_type_it_matches_but_cannot_fire_again_gets_no_warning_of_it(
            String attribute, String conditions, String insert) {
        // given a guard: a constraint the new award fails, a not pattern for it, no-loop or lock-on-active
        String drl = rule("earning", attribute == null ? "" : attribute, conditions,
                insert + "( PointsAward.fixed( $event, \"again\", 1 ) );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then there is no warning of a loop (no-loop and lock-on-active have their own style warning)
        assertThat(engine.warnings()).hasSize(attribute == null ? 0 : 1);
        assertThat(engine.warnings()).noneMatch(p -> p.message().contains("fires the rule again"));
    }

    @Test
    void a_rule_inserting_the_same_conclusion_twice_gets_a_warning_that_it_counts_twice() {
        // given: the same award on two lines of one consequence, and a different one that is fine
        String drl = rule("earning", "", PURCHASE, BONUS + "\n    " + BONUS
                + "\n    insert( PointsAward.fixed( $event, \"other\", 10 ) );");

        // when
        LoyaltyEngine engine = engine(drl);

        // then
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:12:5", "rule \"Careless"
                + " rule\" inserts the same PointsAward as on line 11: every conclusion counts, so it counts twice (a"
                + " points award is paid twice) (found 'insert( PointsAward.')"));
    }

    @Test
    void the_standard_pack_is_lint_clean() {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json")));

        assertThat(engine.warnings()).isEmpty();
    }

    /** A rule of {@code group} with extra attributes, conditions and consequence; line 4 is the rule, 7 the extra. */
    private static String rule(String group, String attribute, String conditions, String then) {
        return """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;

                rule "Careless rule"
                    @intent("compiles, but cannot do what it says")
                    ruleflow-group "%s"
                    %s
                when
                    %s
                then
                    %s
                end
                """.formatted(group, attribute, conditions, then);
    }

    private static final String PURCHASE = "EligiblePurchase( $event : eventId )";
    private static final String BONUS = "insert( PointsAward.fixed( $event, \"bonus\", 10 ) );";

    private static LoyaltyEngine engine(String drl) {
        return LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json"),
                Map.of("earning/careless.drl", drl)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "date-effective \"01-Mar-2025\"|date-effective",
            "date-expires \"01-Mar-2025\"|date-expires",
            "duration 1000|duration",
            "timer (int: 0 1s)|timer",
            "calendars \"weekdays\"|calendars",
    })
    void attributes_that_read_the_wall_clock_are_errors(String attribute, String name) {
        // given a rule that uses a Drools attribute driven by the wall clock
        String drl = rule("earning", attribute, PURCHASE, BONUS);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused: replayed events carry their own time, which such attributes ignore
        assertThat(error).isNotNull();
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:7:5",
                "rule \"Careless rule\" uses " + name + ", which Drools evaluates against the wall clock, not the "
                        + "event's time: the rule fires by the day it is evaluated (late, never, or on every event), "
                        + "whatever the event's date; a campaign window is an EventFact( date >= \"2025-03-01\" ) "
                        + "condition, or program.json campaigns (found '" + name + "')"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sku str[startsWith] \"VIP\"|str[startsWith]|21|sku.startsWith(\"X\")",
            "sku str[endsWith] \"9\"|str[endsWith]|21|sku.endsWith(\"X\")",
            "sku not str[length] 4|str[length]|25|sku.length() == 4",
    })
    void drools_string_operators_are_errors_because_drools_fails_on_them_after_twenty_evaluations(
            String constraint, String operator, int column, String advice) {
        // given a rule whose condition uses one of Drools' str[..] operators, which Drools 10.2 runs about 20 times
        // and then fails on with a NoSuchMethodError (its compiled constraint calls a method that no longer exists)
        String drl = rule("eligibility", "", "BasketLine( " + constraint + ", $event : eventId, $index : index )",
                "insert( Excluded.line( $event, $index, \"vip\" ) );");

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused with the String method to call instead, rather than refusing every event after the 20th
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:9:" + column,
                "rule \"Careless rule\" uses the operator " + operator + ", which Drools 10.2 fails on from about the "
                        + "20th evaluation, once it compiles the constraint (NoSuchMethodError, "
                        + "apache/incubator-kie-drools#6711): every later event is refused RULE_FAILED; call the String "
                        + "method instead: " + advice + " (found '" + operator + "')"));
    }

    @Test
    void a_str_operator_split_over_two_lines_or_on_the_when_line_is_an_error_too() {
        // given the operator split after str, and one written on the when line
        String split = rule("eligibility", "", "BasketLine( sku str\n        [endsWith] \"Q\", $event : eventId, "
                + "$index : index )", "insert( Excluded.line( $event, $index, \"q\" ) );");
        String onWhen = """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;

                rule "Careless rule"
                    @intent("compiles, but cannot do what it says")
                    ruleflow-group "eligibility"
                when BasketLine( sku str[length] 4, $event : eventId, $index : index )
                then
                    insert( Excluded.line( $event, $index, "q" ) );
                end
                """;

        // when the packs compile / then each is refused where the operator starts
        assertThat(compile(split).problems()).extracting(Problem::location)
                .containsExactly("program:earning/sneaky.drl:9:21");
        assertThat(compile(onWhen).problems()).extracting(Problem::location, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("program:earning/sneaky.drl:7:22",
                        "rule \"Careless rule\" uses the operator str[length], which Drools 10.2 fails on from about "
                                + "the 20th evaluation, once it compiles the constraint (NoSuchMethodError, "
                                + "apache/incubator-kie-drools#6711): every later event is refused RULE_FAILED; call "
                                + "the String method instead: sku.length() == 4 (found 'str[length]')"));
    }

    @Test
    void the_string_method_the_str_operator_error_advises_keeps_working_after_the_constraint_is_compiled() {
        // given the advised form of str[startsWith]: a rule that excludes lines whose SKU starts with VIP
        LoyaltyEngine engine = engine(rule("eligibility", "",
                "BasketLine( sku.startsWith(\"VIP\"), $event : eventId, $index : index )",
                "insert( Excluded.line( $event, $index, \"VIP lines earn nothing\" ) );"));

        // when 60 purchases of a 10.00 VIP line and a 10.00 other line are applied, well past Drools' compile
        // threshold of 20 evaluations
        for (int i = 1; i <= 60; i++) {
            Decision decision = engine.apply(null, new Purchase("p" + i, "m" + i,
                    Instant.parse("2025-03-03T10:00:00Z"), Programs.usd("20.00"), "", "", Map.of(), Map.of(),
                    List.of(PurchaseLine.of("VIP" + i, "", 1, Programs.usd("10.00")),
                            PurchaseLine.of("A" + i, "", 1, Programs.usd("10.00"))), null, null));

            // then every one is applied and earns on the other line only: 10 points
            assertThat(decision.outcome()).as("purchase %d", i).isEqualTo(Decision.Outcome.APPLIED);
            assertThat(decision.pointsAwarded()).as("purchase %d", i).isEqualTo(10);
        }
    }

    @Test
    void a_rule_switched_off_with_enabled_false_is_an_error() {
        // given a rule that is switched off
        String drl = rule("earning", "enabled false", PURCHASE, BONUS);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused rather than silently never firing
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:7:5",
                "rule \"Careless rule\" is switched off with enabled false, so it never fires; remove the rule "
                        + "instead (found 'enabled false')"));
    }

    @Test
    void a_salience_that_is_no_number_is_an_error() {
        // given a salience written as a word
        String drl = rule("earning", "salience \"high\"", PURCHASE, BONUS);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:7:5",
                "rule \"Careless rule\" has salience \"high\", which is not an integer or an expression of "
                        + "$bindings; write salience 10 (salience only orders two rules of one group) "
                        + "(found 'salience \"high\"')"));
    }

    @Test
    void a_salience_of_an_integer_or_of_bindings_is_accepted() {
        // given saliences that are a number and an expression of a binding
        String number = rule("earning", "salience -10 // after the others", PURCHASE, BONUS);
        String binding = rule("earning", "salience $amount", "EligiblePurchase( $event : eventId, $amount : eligibleAmount )",
                BONUS).replace("Careless rule", "Careful rule");

        // when the pack compiles, then there is no finding
        assertThat(engine(number).warnings()).isEmpty();
        assertThat(engine(binding).warnings()).isEmpty();
    }

    @Test
    void deleting_a_fact_the_engine_inserted_is_an_error() {
        // given a risk rule that deletes the cap headroom the caps rule reads
        String drl = rule("risk", "salience 100", "$h : CapHeadroom( capId == \"daily-points\" )", "delete( $h );");

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused: the cap would silently not apply
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:11:5",
                "rule \"Careless rule\" deletes CapHeadroom, a fact the engine inserts: the rules that fire after "
                        + "it no longer see it, so what it stands for (a cap, a rate, the purchase) silently stops "
                        + "counting; write the exception as a condition (not, !=) or in program.json "
                        + "(found 'delete( $h')"));
    }

    @Test
    void retracting_a_conclusion_is_an_error_because_the_engine_has_counted_it() {
        // given an earning rule that retracts an award another rule concluded
        String drl = rule("earning", "", "$award : PointsAward( points > 100 )", "retract( $award );");

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused: the engine reads conclusions as they are inserted
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:11:5",
                "rule \"Careless rule\" deletes a PointsAward: the engine keeps every conclusion from the moment it "
                        + "is inserted, so deleting one only hides it from the other rules (found 'retract( $award')"));
    }

    @Test
    void deleting_a_fact_of_the_rules_own_making_gets_a_warning() {
        // given a rule that deletes a fact whose binding does not name a fact of the engine
        String drl = rule("earning", "", "$event : String( length > 100 )", "delete( $event );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then it runs, with a warning like modify's
        assertThat(engine.warnings()).contains(new Problem("program:earning/careless.drl:11:5",
                "rule \"Careless rule\" deletes a fact: rules conclude by insert(), and what the other rules see "
                        + "then depends on the order rules fire in (found 'delete( $event')"));
    }

    @Test
    void inserting_a_program_setting_is_an_error() {
        // given a rule that fakes a tier bonus setting instead of concluding an award
        String drl = rule("earning", "", "CurrentTier( tierId == \"gold\" )",
                "insert( new TierBonusRate( \"gold\", new java.math.BigDecimal(\"200\") ) );");

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused, naming the conclusions rules may insert
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:11:5",
                "rule \"Careless rule\" inserts TierBonusRate: rules may insert only conclusions (Excluded, "
                        + "EarningBlocked, PointsAward, Multiplier, CapApplied, RiskFlag, TierChange, MemberNotice, "
                        + "BenefitGrant, MembershipPrice, BenefitAllowance); TierBonusRate is a program setting the "
                        + "engine inserts (found 'insert( new TierBonusRate(')"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "insert( new EarningBlocked( $event, \"too big\" ) );|risk|EarningBlocked|earning|a purchase"
                    + "|a refund or a survey",
            "insert( PointsAward.fixed( $event, \"bonus\", 10 ) );|tier|PointsAward|earning|a purchase"
                    + "|a tier review or a membership fee",
            "insert( RiskFlag.warning( \"BIG\", \"big\" ) );|tier|RiskFlag|risk|a purchase, a refund or a survey"
                    + "|a tier review or a membership fee",
            "insert( MembershipPrice.of( \"gold\", java.math.BigDecimal.ONE, \"x\" ) );|earning|MembershipPrice|tier"
                    + "|a membership fee|a purchase",
    })
    void a_conclusion_from_a_group_the_engine_does_not_read_it_after_is_an_error(String then, String group,
                                                                                 String type, String readAfter,
                                                                                 String reading, String never) {
        // given a rule that concludes in a group that fires after the engine read that conclusion (or never with it)
        String drl = rule(group, "", PURCHASE, then);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused, naming the group after which the engine reads it, for which events, and the events
        // of the rule's group that never conclude it (a refund never earns points)
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:11:5",
                "rule \"Careless rule\" inserts " + type + " in ruleflow-group \"" + group + "\", so the engine never "
                        + "reads it: it reads " + type + " only after ruleflow-group \"" + readAfter + "\" of "
                        + reading + ", and " + never + " never concludes " + type + "; to conclude it on " + reading
                        + ", move the rule to ruleflow-group \"" + readAfter + "\" (found '"
                        + then.substring(0, then.indexOf(type) + type.length() + 1) + "')"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "tier|FeePayment( tierId == \"gold\" )|insert( MemberNotice.of( \"WHY\", \"why\" ) );|MemberNotice"
                    + "|a membership fee's main session|FeePayment(|a purchase",
            "tier|ReviewDue( )|insert( MemberNotice.of( \"SOON\", \"soon\" ) );|MemberNotice|a tier review|ReviewDue("
                    + "|a purchase",
            "tier|Member( ) FeePayment( )|insert( TierChange.upgrade( \"gold\", \"paid\" ) );|TierChange"
                    + "|a membership fee's main session|FeePayment(|a purchase or a tier review",
            "benefit|BenefitRequest( )|insert( BenefitAllowance.extra( \"lounge\", 1, \"x\" ) );|BenefitAllowance"
                    + "|a benefit claim's main session|BenefitRequest(|a benefit claim's allowances session",
    })
    void a_conclusion_no_session_the_rule_can_fire_in_reads_is_an_error(String group, String conditions, String then,
                                                                      String type, String events, String pattern,
                                                                      String reading) {
        // given a rule whose conditions hold only for an event whose session reads another conclusion (a fee's
        // session reads only the price): its group reads the conclusion, but after other events, or (a claim's
        // extra uses) in the event's other session
        String drl = rule(group, "", conditions, then);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused at the insert, naming the events the rule can fire for and those that read it
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:11:5",
                "rule \"Careless rule\" inserts " + type + ", but it can match only in " + events + " (by its pattern "
                        + pattern + " on line 9), which does not read " + type + ": the engine reads " + type
                        + " after ruleflow-group \"" + group + "\" only in " + reading + ", so the conclusion has no effect "
                        + "(found 'insert( " + type + "')"));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', value = {
            "risk|PurchaseVelocity( ) SurveyAnswer( )|insert( RiskFlag.warning( \"X\", \"x\" ) );|25|SurveyAnswer"
                    + "|PurchaseVelocity|a survey|a purchase or a refund",
            "tier|MemberInsight( ) ReviewDue( )|insert( TierChange.upgrade( \"gold\", \"x\" ) );|22|ReviewDue"
                    + "|MemberInsight|a tier review|a purchase or a membership fee",
    })
    void patterns_on_facts_the_group_never_holds_together_are_an_error(String group, String conditions, String then,
                                                                     int column, String type, String other,
                                                                     String typeWhere, String otherWhere) {
        // given a rule whose facts are each held in its group, but for different events
        String drl = rule(group, "", conditions, then);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused at the pattern that no session holds with the others
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:9:" + column,
                "rule \"Careless rule\" matches " + type + " and " + other + " (line 9), which ruleflow-group \""
                        + group + "\" never sees together, so the rule can never fire: there, " + type + " is held "
                        + "only for " + typeWhere + ", " + other + " only for " + otherWhere + " (found '" + type
                        + "(')"));
    }

    @Test
    void a_named_consequence_called_before_patterns_it_cannot_have_with_the_others_still_fires() {
        // given a risk rule whose named consequence runs once a survey matches; PurchaseVelocity after it is there
        // only for a purchase or a refund, so only the rule's default consequence can never run
        String drl = rule("risk", "", "SurveyAnswer( ) do[early] PurchaseVelocity( )",
                "insert( RiskFlag.warning( \"BOTH\", \"both\" ) );\nthen[early]\n"
                        + "    insert( RiskFlag.warning( \"EARLY\", \"a survey\" ) );");

        // when the pack compiles and a member answers a survey
        LoyaltyEngine engine = engine(drl);
        var member = engine.apply(null, Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "10.00")).state();
        Decision survey = engine.apply(member, new org.loyaltyrules.core.event.Survey("s1", "m1",
                Programs.at("2025-03-04T10:00:00Z"), 9, Map.of()));

        // then the named consequence concluded its flag: not refused as a rule that can never fire
        assertThat(survey.riskFlags()).extracting("code").containsExactly("EARLY");
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', value = {
            "tier|SurveyAnswer( score < 7 )|insert( MemberNotice.of( \"SORRY\", \"sorry\" ) );|SurveyAnswer"
                    + "|ruleflow-group \"risk\", \"benefit\" of a survey",
            "eligibility|EventAward( points > 100, $event : eventId )|insert( Excluded.charge( $event, \"tax\","
                    + " \"big\" ) );|EventAward|ruleflow-group \"risk\", \"tier\", \"benefit\" of a purchase",
            "earning|$r : RefundRatio( ratio > 0.5 ) EligiblePurchase( $event : eventId )|" + BONUS + "|RefundRatio"
                    + "|ruleflow-group \"risk\", \"tier\", \"benefit\" of a purchase and ruleflow-group \"risk\" of"
                    + " a refund",
            "tier|BenefitAllowance( )|insert( MemberNotice.of( \"MORE\", \"more\" ) );|BenefitAllowance"
                    + "|ruleflow-group \"benefit\" of a purchase, a survey, a membership fee, an enrollment or a"
                    + " benefit claim",
    })
    void a_pattern_on_a_fact_the_session_never_holds_in_the_rules_group_is_an_error(String group, String conditions,
                                                                                String then, String type,
                                                                                String where) {
        // given a rule whose group never sees a fact its conditions need
        String drl = rule(group, "", conditions, then);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused at the pattern, naming where the fact is
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:9:"
                + (5 + conditions.indexOf(type) - (conditions.startsWith("$") ? 5 : 0)), "rule \"Careless rule\""
                + " matches " + type + ", which the session never holds when ruleflow-group \"" + group + "\" fires,"
                + " so the rule can never fire: " + type + " is there only for " + where + " (found '"
                + conditions.substring(0, conditions.indexOf(type) + type.length() + 1) + "')"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EventFact( type == \"refund\", $event : eventId )|type == \"refund\"|refund",
            "EventFact( $event : eventId, \"redemption\" == type )|\"redemption\" == type|redemption",
    })
    void an_event_fact_of_a_type_the_engine_never_inserts_is_an_error(String conditions, String found, String type) {
        // given a rule that waits for an EventFact of another event than a purchase
        String drl = rule("earning", "", conditions, BONUS);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused at the comparison: only a purchase has an EventFact
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:9:"
                + (5 + conditions.indexOf(found)), "rule \"Careless rule\" matches EventFact( type == \"" + type
                + "\" ), which can never match: the engine inserts an EventFact for a purchase only, its type always"
                + " [\"purchase\"]; other events are seen through their own facts (docs/rule-authoring.md 2.1)"
                + " (found '" + found + "')"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "EventFact( type == \"purchase\", $event : eventId )|earning|" + BONUS,
            // quoted: the || would otherwise split the row
            "'EventFact( type == \"purchase\" || type == \"refund\", $event : eventId )'|earning|" + BONUS,
            "not SurveyAnswer( )|risk|insert( RiskFlag.warning( \"QUIET\", \"no survey\" ) );",
            "exists SurveyAnswer( score > 8 )|risk|insert( RiskFlag.warning( \"FAN\", \"promoter\" ) );",
            "CurrentTier( tierId == \"gold\" ) EventFact( $event : eventId )|tier|insert( MemberNotice.of("
                    + " \"GOLD\", $event ) );",
            "PointsAward( $event : eventId ) EligiblePurchase( eventId == $event )|risk|insert( RiskFlag.warning("
                    + " \"X\", $event ) );",
            "BenefitRequest( $b : benefitId ) ( FeePayment( ) or BenefitOffer( benefitId == $b ) )|benefit|insert("
                    + " BenefitGrant.refused( $b, \"no\" ) );",
    })
    void a_pattern_on_a_fact_the_session_holds_in_the_rules_group_is_no_finding(String conditions, String group,
                                                                             String then) {
        // given conditions every group of theirs can meet: a purchase's EventFact (in every group of a purchase, also
        // when another type is or-ed to it), a not or exists pattern on a fact the group holds after a survey, a
        // conclusion an earlier group inserts, a branch of an or
        String drl = rule(group, "", conditions, then);

        // when the pack compiles, then there is no finding
        assertThat(engine(drl).warnings()).isEmpty();
    }

    @Test
    void a_not_pattern_on_a_fact_the_session_never_holds_in_the_rules_group_gets_a_warning_that_it_is_always_true() {
        // given a tier rule that means "members who gave no low survey score", but surveys never reach the tier group
        String drl = rule("tier", "", "CurrentTier( tierId == \"gold\" ) not SurveyAnswer( score < 7 )",
                "insert( MemberNotice.of( \"HAPPY\", \"no low score\" ) );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then it runs, with a warning at the pattern: the not holds for every member
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:9:41",
                "rule \"Careless rule\" has not SurveyAnswer( score < 7 ), which is always true: the session never"
                        + " holds SurveyAnswer when ruleflow-group \"tier\" fires (SurveyAnswer is there only for"
                        + " ruleflow-group \"risk\", \"benefit\" of a survey), so the condition tests nothing;"
                        + " remove it, or move the rule to a group that holds SurveyAnswer (found 'SurveyAnswer(')"));
    }

    @Test
    void an_exists_pattern_on_a_fact_the_session_never_holds_in_the_rules_group_is_an_error() {
        // given a tier rule waiting for a survey answer, which the tier group never holds
        String drl = rule("tier", "", "exists SurveyAnswer( score > 8 )",
                "insert( MemberNotice.of( \"FAN\", \"promoter\" ) );");

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused at the pattern
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:9:12", "rule \"Careless"
                + " rule\" matches SurveyAnswer, which the session never holds when ruleflow-group \"tier\" fires, so"
                + " the rule can never fire: SurveyAnswer is there only for ruleflow-group \"risk\", \"benefit\" of a"
                + " survey (found 'SurveyAnswer(')"));
    }

    @Test
    void a_downgrade_from_a_tier_rule_that_matches_only_after_a_purchase_gets_a_warning_that_it_never_applies() {
        // given a tier rule that demotes on the growth a purchase brings
        String drl = rule("tier", "", "CurrentTier( tierId == \"gold\" ) QualifyingGrowth( total < 2500 )",
                "insert( TierChange.downgrade( \"silver\", \"growth below 2500\" ) );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then it runs, with a warning at the downgrade saying why it never takes effect
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:11:13",
                "rule \"Careless rule\" concludes TierChange.downgrade, but its pattern QualifyingGrowth( total <"
                        + " 2500 ) (line 9) matches in ruleflow-group \"tier\" only after a purchase, where the engine"
                        + " applies only a move up or a renewal of an earned tier: the downgrade never takes effect; a"
                        + " downgrade takes effect at a tier review (ReviewDue) (found 'TierChange.downgrade(')"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ReviewDue( $to : earnedTierId )",
            "CurrentTier( tierId == \"gold\", $to : tierId )",
    })
    void a_downgrade_from_a_tier_rule_that_can_match_at_a_review_is_no_finding(String conditions) {
        // given a tier rule that demotes on what a review holds
        String drl = rule("tier", "", conditions, "insert( TierChange.downgrade( $to, \"review\" ) );");

        // when the pack compiles, then there is no finding
        assertThat(engine(drl).warnings()).isEmpty();
    }

    @Test
    void a_replacing_multiplier_below_1_gets_a_warning() {
        // given "half rate" as a multiplier replacing the base: the event fails when it is the largest one
        String drl = rule("earning", "", PURCHASE,
                "insert( Multiplier.replacingBase( $event, \"half\", new java.math.BigDecimal(\"0.5\") ) );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then it runs, with a warning
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:11:69",
                "rule \"Careless rule\" concludes a multiplier replacing the base of 0.5: when it is the largest"
                        + " replacing multiplier of an event, the event fails RULE_FAILED, as a factor below 1 would"
                        + " take points away; to earn less, lower the base rate (a special rate in earning.rates)"
                        + " (found 'BigDecimal(\"0.5\")')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"new java.math.BigDecimal(\"2\")", "java.math.BigDecimal.valueOf(1.5)", "$factor"})
    void a_replacing_multiplier_of_1_or_more_or_not_written_as_a_literal_is_no_finding(String factor) {
        String drl = rule("earning", "", PURCHASE + "\n    EarnRate( $factor : perUnit )",
                "insert( Multiplier.replacingBase( $event, \"more\", " + factor + " ) );");

        assertThat(engine(drl).warnings()).isEmpty();
    }

    @Test
    void a_percent_of_base_between_0_and_1_gets_a_warning() {
        // given a bonus of "0.5" percent, meant as half the base
        String drl = rule("earning", "", PURCHASE,
                "insert( PointsAward.percentOfBase( $event, \"half\", new java.math.BigDecimal(\"0.5\") ) );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then it runs, with a warning
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:11:82",
                "rule \"Careless rule\" passes 0.5 to PointsAward.percentOfBase, whose percent is a whole "
                        + "percentage: 50 means 50 %; 0.5 gives 0.5 %, not 50 % (found '0.5')"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EventFact( $event : eventId, date == \"03/03/2025\" )|date == \"03/03/2025\"|date|03/03/2025",
            "EventFact( $event : eventId, \"2025-03-03T10:00:00Z\" <= date )|\"2025-03-03T10:00:00Z\" <= date|date|2025-03-03T10:00:00Z",
    })
    void a_date_compared_with_a_string_that_is_no_iso_date_is_an_error(String condition, String found, String field,
                                                                          String literal) {
        // given a date compared with a literal in another format
        String drl = rule("earning", "", condition, BONUS);

        // when the pack compiles
        ProgramException error = compile(drl);

        // then it is refused: dates are yyyy-MM-dd strings compared as text
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:9:" + (5 + condition.indexOf(found)),
                "rule \"Careless rule\" compares " + field + " with \"" + literal + "\", which is not a yyyy-MM-dd "
                        + "date: dates are ISO strings compared as text (\"2025-03-03\"), so this comparison does not "
                        + "test the date (found '" + found + "')"));
    }

    @Test
    void a_date_compared_with_an_iso_date_is_accepted() {
        // given a campaign window written as the guide says
        String drl = rule("earning", "", "EventFact( $event : eventId, date >= \"2025-03-01\", date <= \"2025-03-31\" )",
                BONUS);

        // when the pack compiles, then there is no finding
        assertThat(engine(drl).warnings()).isEmpty();
    }

    @Test
    void a_rule_that_updates_a_fact_it_matched_from_another_binding_gets_a_warning_and_does_loop() {
        // given $e matched from $a: the same fact, in working memory, so update( $e ) makes Drools match $a again
        // (the lint said nothing of a binding whose pattern has a from: audit mutation7 F8)
        String drl = rule("earning", "", "$a : EventFact( ) $e : EventFact( type == \"purchase\" ) from $a",
                "update( $e );");

        // when the pack compiles
        LoyaltyEngine engine = engine(drl);

        // then it runs with the warning (never an error: a from over facts no rule changes may stop it) ...
        assertThat(engine.warnings()).containsExactly(new Problem("program:earning/careless.drl:11:5",
                "rule \"Careless rule\" updates $e, which its own pattern $e : EventFact( type == \"purchase\" )"
                        + " from $a (line 9) matches, so Drools matches the rule again and most likely fires again"
                        + " until the fire limit fails the event, unless a not, exists, accumulate or eval condition,"
                        + " or a branch of its consequence, stops it; " + CONCLUDE_BY_INSERT + " (found 'update(')"));
        // ... and the warning is right: every purchase fails at the fire limit
        assertThat(catchThrowableOfType(() -> engine.apply(null, Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z",
                "10.00")), RuleEvaluationException.class)).hasMessageContaining("stopped at the fire limit");
    }

    @Test
    void the_conclusions_the_lint_allows_are_the_types_the_engine_reads() throws java.io.IOException {
        // given the types Evaluation reads back with conclusionsOf(..)
        String evaluation = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/org/loyaltyrules/rules/Evaluation.java"));
        java.util.Set<String> read = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("conclusionsOf\\((\\w+)\\.class\\)")
                .matcher(evaluation);
        while (m.find()) {
            read.add(m.group(1));
        }

        // when compared with the lint's list, then they are the same types
        assertThat(org.loyaltyrules.rules.internal.EngineReads.CONCLUSIONS).containsExactlyInAnyOrderElementsOf(read);
    }
}
