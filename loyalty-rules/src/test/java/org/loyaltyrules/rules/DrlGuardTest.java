package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.rules.internal.DrlLint;
import org.loyaltyrules.rules.internal.Escapes;
import org.loyaltyrules.rules.internal.Escapes.Attempt;
import org.loyaltyrules.rules.internal.RuleSource;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramJson;

/**
 * Rule packs from a program folder cannot stop the JVM, read files, open sockets, start threads or use reflection,
 * even written so that the lint ({@link DrlLintTest}) misses them: the pack guard refuses each attempt in
 * {@link Escapes} when the program is created, naming the file, line, column, rule and what it refused. The layers
 * one by one: {@code internal.DrlGuardLayersTest}.
 */
class DrlGuardTest {

    private static final String PROCESS = "which can stop the JVM, start processes or read its environment; "
            + "rule packs may not use it";
    private static final String FILES = "which can read or write files; rule packs may not use it";
    private static final String NETWORK = "which can open network connections; rule packs may not use it";
    private static final String THREADS = "which can start or control threads; rule packs may not use it";
    private static final String REFLECTION = "which gives access to reflection, class loading or the engine's "
            + "internals; rule packs may not use it";

    private static final String JVM_SETTING = "which changes a setting of the whole JVM (its default locale or time "
            + "zone) that every engine and thread in it then sees; a rule changes nothing but what it concludes; rule "
            + "packs may not use it";
    private static final String DEFAULT_LOCALE = "which formats or changes case by the JVM's default locale, so the"
            + " same event gives other text on a machine with another locale (ar-EG writes other digits, tr-TR"
            + " upper-cases i to \u0130); pass java.util.Locale.ROOT: String.format( Locale.ROOT, .. ), toUpperCase("
            + " Locale.ROOT ); rule packs may not use it";
    private static final String CLOCK = "which reads the wall clock, so the same event gives another outcome on "
            + "another day or in a replay; a rule takes its time from the event (EventFact( date ), the day of the "
            + "event's at) and from facts; rule packs may not use it";
    private static final String RANDOM = "which draws random numbers, so the same event gives another outcome each "
            + "time it is applied or replayed; a rule decides from the event and the facts alone; rule packs may not "
            + "use it";

    private static final String RULE = "rule \"Sneaky rule\" ";

    /** The first problem the engine answers for each attempt: line:column and the message. */
    private static final Map<String, List<String>> FIRST_PROBLEM = Map.ofEntries(
            Map.entry("System.exit split over two lines",
                    List.of("10:5", RULE + "refers to java.lang.System.exit, " + PROCESS)),
            Map.entry("Runtime.halt after a '\"' char literal",
                    List.of("10:23", RULE + "refers to java.lang.Runtime.getRuntime, " + PROCESS)),
            Map.entry("System.exit in unicode escapes inside a string literal",
                    List.of("10:25", RULE + "refers to java.lang.System.exit, " + PROCESS)),
            Map.entry("System.exit after a unicode line break inside a // comment",
                    List.of("10:30", RULE + "refers to java.lang.System.exit, " + PROCESS)),
            Map.entry("Runtime.halt in a function, after a '\"' char literal",
                    List.of("4:23", "refers to java.lang.Runtime.getRuntime, " + PROCESS)), // a function is no rule
            Map.entry("a file read through java . io, spaced out",
                    List.of("10:21", RULE + "refers to java.io.FileReader, " + FILES)),
            Map.entry("a file read through java.nio.file after a '\"' char literal",
                    List.of("10:37", RULE + "refers to java.nio.file.Files.readString, " + FILES)),
            Map.entry("a socket through an imported javax.net.SocketFactory",
                    List.of("3:18", "refers to javax.net.SocketFactory, " + NETWORK)), // an import is before any rule
            Map.entry("a java.net.Socket after a '\"' char literal",
                    List.of("10:36", RULE + "refers to java.net.Socket, " + NETWORK)),
            Map.entry("a thread through java.util.Timer",
                    List.of("10:19", RULE + "refers to java.util.Timer, " + THREADS)),
            Map.entry("a thread through a ScheduledThreadPoolExecutor",
                    List.of("10:30", RULE + "refers to java.util.concurrent.ScheduledThreadPoolExecutor, " + THREADS)),
            Map.entry("threads through a parallel stream",
                    List.of("10:31", RULE + "calls parallelStream(), " + THREADS)),
            Map.entry("Class.forName split over two lines",
                    List.of("11:10", RULE + "refers to java.lang.Class.forName, " + REFLECTION)),
            Map.entry("getClass().getMethod() split over two lines",
                    List.of("11:9", RULE + "calls getClass(), " + REFLECTION)),
            Map.entry("setAccessible after a '\"' char literal",
                    List.of("10:30", RULE + "uses .class, " + REFLECTION)),
            Map.entry("System.getProperty in an MVEL pattern constraint",
                    List.of("8:52", RULE + "refers to java.lang.System.getProperty, " + PROCESS)),
            Map.entry("a thread through a java.util.Timer in an MVEL pattern constraint",
                    List.of("8:66", RULE + "refers to java.util.Timer, " + THREADS)),
            Map.entry("reflection through MVEL's .class in a pattern constraint",
                    List.of("8:49", RULE + "uses .class, " + REFLECTION)),
            Map.entry("System in an annotation, which Drools evaluates with MVEL while it builds",
                    List.of("5:30", RULE + "refers to java.lang.System.setProperty, " + PROCESS)),
            Map.entry("the MVEL dialect",
                    List.of("5:32", RULE + "uses dialect \"mvel\"; rule packs must use the java dialect, whose "
                            + "compiled code the pack guard checks")),
            Map.entry("the default locale of the whole JVM changed",
                    List.of("10:15", RULE + "refers to java.util.Locale.setDefault, " + JVM_SETTING)),
            Map.entry("the wall clock read through System.currentTimeMillis",
                    List.of("10:16", RULE + "refers to java.lang.System.currentTimeMillis, " + CLOCK)),
            Map.entry("the wall clock read through new java.util.Date()",
                    List.of("10:30", RULE + "calls new java.util.Date(), " + CLOCK)),
            Map.entry("random numbers drawn through a java.util.Random",
                    List.of("10:30", RULE + "refers to java.util.Random, " + RANDOM)),
            Map.entry("the wall clock read in an MVEL pattern constraint",
                    List.of("8:62", RULE + "refers to java.time.LocalDate.now, " + CLOCK)));

    @AfterEach
    void forgetTheBreach() {
        System.clearProperty("loyalty.guard.breached");
    }

    static Stream<Arguments> attempts() {
        return Escapes.ALL.stream().filter(Attempt::lintMisses).map(a -> Arguments.of(a, FIRST_PROBLEM.get(a.name())));
    }

    /** What the lint answers for the attempts hidden behind a '"' literal, which it reads as a char or string. */
    private static final Map<String, List<String>> LINT_FIRST_PROBLEM = Map.of(
            "Runtime.halt after a '\"' char literal",
            List.of("10:23", RULE + "uses java.lang.Runtime (exit, exec); rules must not (found 'Runtime')"),
            "Runtime.halt in a function, after a '\"' char literal",
            List.of("4:23", "uses java.lang.Runtime (exit, exec); rules must not (found 'Runtime')"),
            "a file read through java.nio.file after a '\"' char literal",
            List.of("10:23", RULE + "reads or writes files; rules must not (found 'java.nio')"),
            "a java.net.Socket after a '\"' char literal",
            List.of("10:27", RULE + "opens network connections; rules must not (found 'java.net')"),
            "setAccessible after a '\"' char literal",
            List.of("10:58", RULE + "uses reflection or class loading; rules must not (found 'setAccessible(')"),
            "System in an annotation, which Drools evaluates with MVEL while it builds",
            List.of("5:30", RULE + "calls java.lang.System (exit, properties, streams); rules must not (found "
                    + "'System.')"));

    static Stream<Arguments> attemptsBehindAQuote() {
        return Escapes.ALL.stream().filter(a -> !a.lintMisses())
                .map(a -> Arguments.of(a, LINT_FIRST_PROBLEM.get(a.name())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attemptsBehindAQuote")
    void an_attempt_behind_a_quote_char_literal_is_refused_by_the_lint_which_reads_single_quotes(Attempt attempt,
                                                                                                 List<String> first) {
        ProgramException error = create(attempt.drl());

        assertThat(error.getMessage()).startsWith("rule pack uses forbidden Java");
        assertThat(error.problems()).first()
                .isEqualTo(new Problem("program:earning/sneaky.drl:" + first.get(0), first.get(1)));
        assertThat(System.getProperty("loyalty.guard.breached")).isNull();
    }

    private static ProgramException create(String drl) {
        return catchThrowableOfType(() -> LoyaltyEngine.create(Program.of(
                ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/sneaky.drl", drl))),
                ProgramException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void an_attempt_the_lint_misses_is_refused_naming_file_line_rule_and_what(Attempt attempt, List<String> first) {
        String drl = attempt.drl();
        assertThat(DrlLint.errors(new RuleSource("earning/sneaky.drl", "program:earning/sneaky.drl", drl)))
                .as("the lint misses it").isEmpty();

        ProgramException error = create(drl);

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).startsWith("rule pack reaches what rules may not use");
        assertThat(error.problems()).first()
                .isEqualTo(new Problem("program:earning/sneaky.drl:" + first.get(0), first.get(1)));
        assertThat(System.getProperty("loyalty.guard.breached")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "java.util.Locale.setDefault( java.util.Locale.FRANCE );|Locale|java.util.Locale.setDefault|JVM",
            "java.util.TimeZone.setDefault( java.util.TimeZone.getTimeZone( \"Asia/Tokyo\" ) );|TimeZone|"
                    + "java.util.TimeZone.setDefault|JVM",
            "double d = Math.random();|Math|java.lang.Math.random|RANDOM",
            "int r = new java.util.Random().nextInt( 3 );|Random|java.util.Random|RANDOM",
            "int r = java.util.concurrent.ThreadLocalRandom.current().nextInt( 3 );|ThreadLocalRandom|"
                    + "java.util.concurrent.ThreadLocalRandom.current|RANDOM",
            "String id = java.util.UUID.randomUUID().toString();|UUID|java.util.UUID.randomUUID|RANDOM",
            "java.time.Instant t = java.time.Instant.now();|Instant.now|java.time.Instant.now|CLOCK",
            "java.time.LocalDate d = java.time.LocalDate.now();|LocalDate.now|java.time.LocalDate.now|CLOCK",
            "java.time.LocalDateTime d = java.time.LocalDateTime.now();|LocalDateTime.now|"
                    + "java.time.LocalDateTime.now|CLOCK",
            "java.time.ZonedDateTime d = java.time.ZonedDateTime.now();|ZonedDateTime.now|"
                    + "java.time.ZonedDateTime.now|CLOCK",
            "long t = System.currentTimeMillis();|System|java.lang.System.currentTimeMillis|CLOCK",
            "long t = System.nanoTime();|System|java.lang.System.nanoTime|CLOCK",
            "java.time.Clock c = java.time.Clock.systemUTC();|Clock.system|java.time.Clock.systemUTC|CLOCK",
    })
    void the_wall_clock_random_numbers_and_jvm_settings_are_refused_saying_why_and_what_instead(
            String code, String at, String what, String why) {
        // given a consequence that would make the outcome depend on when it runs, or change the whole JVM
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", code);

        // when the program is created
        ProgramException error = create(drl);

        // then it is refused at the class that does it, saying why and what a rule uses instead
        String because = why.equals("JVM") ? JVM_SETTING : why.equals("CLOCK") ? CLOCK : RANDOM;
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:10:"
                + (5 + code.indexOf(at)), RULE + "refers to " + what + ", " + because));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "String s = String.format( \"%d\", 5 );|format|compiles to a use of java.lang.String.format",
            "String s = \"%d points\".formatted( 5 );|formatted|compiles to a use of java.lang.String.formatted",
            "String s = \"gold\".toUpperCase();|toUpperCase|compiles to a use of java.lang.String.toUpperCase",
            "java.util.Locale l = java.util.Locale.getDefault();|Locale.getDefault|refers to"
                    + " java.util.Locale.getDefault",
    })
    void text_by_the_default_locale_is_refused_saying_why_and_what_instead(String code, String at, String what) {
        // given a consequence whose text would depend on the machine's default locale
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", code);

        // when the program is created
        ProgramException error = create(drl);

        // then it is refused at the call, saying to pass Locale.ROOT
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:10:"
                + (5 + code.indexOf(at)), RULE + what + ", " + DEFAULT_LOCALE));
    }

    private static final String IDENTITY = "which gives an identity hash code, which the JVM draws per object and per"
            + " run (an enum's hashCode() is Object's, final in java.lang.Enum), so the same event can give another"
            + " outcome in another run or on another node; hash a value: an enum's name() or ordinal(), a String, a"
            + " number, a record; rule packs may not use it";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "int h = java.math.RoundingMode.FLOOR.hashCode();|hashCode|compiles to a use of"
                    + " java.math.RoundingMode.hashCode",
            "int h = org.loyaltyrules.core.member.MemberStatus.ACTIVE.hashCode();|hashCode|compiles to a use of"
                    + " org.loyaltyrules.core.member.MemberStatus.hashCode",
            "int h = new Object().hashCode();|hashCode|compiles to a use of java.lang.Object.hashCode",
            "int h = System.identityHashCode( \"gold\" );|System|refers to java.lang.System.identityHashCode",
    })
    void an_identity_hash_code_is_refused_as_it_differs_from_one_jvm_to_the_next(String code, String at,
                                                                                String what) {
        // given a consequence whose number is stable within one JVM but not across runs or nodes
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", code);

        // when the program is created
        ProgramException error = create(drl);

        // then it is refused at the call, saying to hash a value instead
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:10:"
                + (5 + code.indexOf(at)), RULE + what + ", " + IDENTITY));
    }

    @Test
    void the_hash_code_and_text_of_a_value_are_allowed() {
        // given hash codes and text that are the same in every JVM: a String's, a number's, a date's, an enum's name
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", "int h = \"gold\".hashCode()"
                + " + java.math.BigDecimal.ONE.hashCode() + java.math.RoundingMode.FLOOR.name().hashCode()"
                + " + java.math.RoundingMode.FLOOR.toString().length() + Long.valueOf( 7L ).hashCode()"
                + " + java.time.LocalDate.of( 2025, 3, 3 ).hashCode()"
                // toString() of a List or Map declared by its interface compiles to Object.toString
                + " + java.util.List.of( \"a\", \"b\" ).toString().length()"
                + " + new java.util.TreeMap( java.util.Collections.singletonMap( \"k\", \"v\" ) ).toString().length();");

        // when the program is created, then nothing is refused
        assertThat(create(drl)).isNull();
    }

    private static final String PATTERN = "    EligiblePurchase( $event : eventId, ";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "java.util.Locale.ROOT.setDefault( java.util.Locale.forLanguageTag( 'tr-TR' ) ) == null|setDefault|"
                    + "java.util.Locale.setDefault or java.util.TimeZone.setDefault|JVM",
            "java.util.TimeZone.getTimeZone( 'UTC' ).setDefault( java.util.TimeZone.getTimeZone( 'Pacific/Kiritimati'"
                    + " ) ) == null|setDefault|java.util.Locale.setDefault or java.util.TimeZone.setDefault|JVM",
            "$today : java.time.LocalDate.MIN.now().toString()|now|now of java.time (LocalDate.now, Instant.now ..)"
                    + "|CLOCK",
            "$v : Integer.valueOf( 0 ).getInteger( 'java.specification.version' )|getInteger|"
                    + "java.lang.Integer.getInteger|PROCESS",
            "$b : Boolean.TRUE.getBoolean( 'java.awt.headless' )|getBoolean|java.lang.Boolean.getBoolean|PROCESS",
            "$u : java.util.UUID.fromString( '00000000-0000-0000-0000-000000000000' ).randomUUID().toString()|"
                    + "randomUUID|java.util.UUID.randomUUID|RANDOM",
    })
    void a_static_method_called_through_an_instance_in_mvel_is_refused_by_its_name(String constraint, String name,
                                                                                  String what, String why) {
        // given MVEL that calls a refused static method through an instance (MVEL calls it by reflection, so no
        // compiled code shows it)
        String drl = Escapes.ALL.get(0).drl().replace("EligiblePurchase( $event : eventId )",
                "EligiblePurchase( $event : eventId, " + constraint + " )");

        // when the program is created
        ProgramException error = create(drl);

        // then it is refused at the call, naming the static method and what it does
        String because = switch (why) {
            case "JVM" -> JVM_SETTING;
            case "CLOCK" -> CLOCK;
            case "PROCESS" -> PROCESS;
            default -> RANDOM;
        };
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:8:"
                + (PATTERN.length() + constraint.indexOf("." + name + "(") + 2), RULE + "calls " + name
                + "() through an instance, which runs the static " + what + ", " + because));
    }

    @Test
    void a_static_method_called_on_its_class_and_instance_methods_of_the_same_kind_are_allowed() {
        // given static calls on the class the chain names, and format, which is also an instance method
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", "insert( PointsAward.fixed( $event,"
                + " $code + $one + $day, 1 ) );").replace("EligiblePurchase( $event : eventId )", "EligiblePurchase("
                + " $event : eventId, $code : java.util.Currency.getInstance( 'USD' ).getCurrencyCode(), $one :"
                + " Integer.valueOf( 1 ), $day : DateTimeFormatter.ISO_LOCAL_DATE.format( LocalDate.of( 2025, 1, 1 ) )"
                + " )").replace("import org.loyaltyrules.rules.facts.*;", "import org.loyaltyrules.rules.facts.*;\n"
                + "import java.time.LocalDate;\nimport java.time.format.DateTimeFormatter;");

        // when the program is created, then it compiles
        assertThat(create(drl)).isNull();
    }

    @Test
    void text_with_locale_root_is_allowed() {
        // given the same formatting and case change with Locale.ROOT
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", "String s = String.format("
                + " java.util.Locale.ROOT, \"%d\", 5 ) + \"gold\".toUpperCase( java.util.Locale.ROOT );");

        // when the program is created, then it compiles
        assertThat(create(drl)).isNull();
    }

    /** The first escape, its consequence replaced by {@code then} and its attributes by {@code attributes}. */
    private static String rule(String attributes, String then) {
        return Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", then)
                .replace("@intent(\"tries to escape\")", attributes);
    }

    private static final String INSERT = "insert( PointsAward.fixed( $event, \"x\", 1 ) );";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "@store( new java.util.ArrayList() )|new java.util.ArrayList()",
            "@store( { 1, 2 } )|{ 1, 2 }",
            "@store( Integer.valueOf( 1 ) )|Integer.valueOf(1)",
            "@store( shared )|shared",
            "@intent( \"a\" + \"b\" )|\"a\" + \"b\"",
    })
    void an_annotation_value_that_is_no_literal_is_refused_since_drools_keeps_what_it_makes_on_the_rule(
            String annotation, String shown) {
        // given a rule whose annotation value MVEL would make into an object kept on the rule (pack f10: a list
        // every event and member added to, through drools.getRule().getMetaData())
        String attributes = "@intent(\"x\") " + annotation;
        String drl = rule(attributes, INSERT);

        // when the program is created
        ProgramException error = create(drl);

        // then it is refused at the value, saying an annotation value is one literal
        String name = annotation.substring(1, annotation.indexOf('('));
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:5:"
                + (5 + attributes.indexOf("( ", 2) + 2), RULE + "uses @" + name + "( " + shown + " ), an annotation"
                + " value that is not a literal: Drools evaluates annotation values with MVEL while it builds and"
                + " keeps what they make on the rule, one object every event and member shares; an annotation value"
                + " is one string, number or boolean literal (@intent(\"..\"))"));
    }

    @Test
    void annotation_values_that_are_one_literal_are_allowed() {
        String drl = rule("@intent(\"x\") @priority( 3 ) @ratio( -1.5 ) @flag( true ) @label( 'gold' ) @marker",
                INSERT);

        assertThat(create(drl)).isNull();
    }

    @Test
    void a_consequence_may_read_its_rule_name_but_not_its_metadata() {
        // given a consequence that reads what Drools kept of the rule's annotations
        String then = "Object box = drools.getRule().getMetaData().get( \"intent\" ); " + INSERT;

        // when the program is created
        ProgramException error = create(rule("@intent(\"x\")", then));

        // then it is refused: the metadata is an object every event and member shares
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:10:"
                + (5 + then.indexOf("getMetaData")), RULE + "compiles to a use of org.kie.api.definition.rule.Rule"
                + ".getMetaData, " + REFLECTION));
        assertThat(create(rule("@intent(\"x\")", "String name = drools.getRule().getName(); "
                + "insert( PointsAward.fixed( $event, name, 1 ) );"))).isNull();
    }

    private static final String DEFAULT_ZONE = "which reads the JVM's default time zone, so the same event gives"
            + " another outcome on a machine set to another zone (-Duser.timezone); name the zone:"
            + " java.time.ZoneOffset.UTC, ZoneId.of( \"Europe/Paris\" ), TimeZone.getTimeZone( \"UTC\" ); rule packs may"
            + " not use it";
    private static final String DATE_FORMAT = "which holds a Calendar set to the wall clock in the JVM's default time"
            + " zone (getCalendar(), get2DigitYearStart()), so the same event gives another outcome on another day or"
            + " machine; format and parse with java.time.format.DateTimeFormatter.ofPattern( .., Locale.ROOT ); rule"
            + " packs may not use it";
    private static final String UNORDERED = "which iterates in an order the JVM draws at random when it starts (the"
            + " JDK salts the order of Set.of and Map.of), so the same event can give another outcome in another run;"
            + " use List.of, a TreeSet or TreeMap (sorted), or a LinkedHashSet or LinkedHashMap (the order added); rule"
            + " packs may not use it";
    private static final String ZONE_RULES = "which is the JVM's own registry of time-zone rules, which a rule could"
            + " add to or refresh for every engine and thread in the JVM; a rule reads a zone's rules through"
            + " ZoneId.of( \"..\" ).getRules(); rule packs may not use it";
    private static final String JVM_ERROR = "which forges one of the JVM's own errors (VirtualMachineError:"
            + " InternalError, OutOfMemoryError, StackOverflowError, UnknownError; or ThreadDeath), which stop a whole"
            + " run instead of failing the event; a rule that cannot go on throws an exception (throw new"
            + " IllegalStateException( .. )), which fails the event as RULE_FAILED; rule packs may not use it";

    private static String because(String why) {
        return switch (why) {
            case "CLOCK" -> CLOCK;
            case "DEFAULT_ZONE" -> DEFAULT_ZONE;
            case "DEFAULT_LOCALE" -> DEFAULT_LOCALE;
            case "DATE_FORMAT" -> DATE_FORMAT;
            case "UNORDERED" -> UNORDERED;
            case "ZONE_RULES" -> ZONE_RULES;
            case "REFLECTION" -> REFLECTION;
            case "FILES" -> FILES;
            case "THREADS" -> THREADS;
            case "CATCHES_ERRORS" -> "which catches the JVM's errors (Throwable, Error, VirtualMachineError,"
                    + " StackOverflowError): how deep a recursion goes before the stack overflows depends on the"
                    + " thread and on how deep the engine was called, so the same event can give another outcome;"
                    + " catch an Exception, and let an error fail the event as RULE_FAILED; rule packs may not use it";
            default -> JVM_ERROR;
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the wall clock through GregorianCalendar's constructors without the time fields (audit pack f01)
            "Object c = new java.util.GregorianCalendar( java.util.Locale.ROOT );|GregorianCalendar( |"
                    + "calls new java.util.GregorianCalendar(..)|CLOCK",
            "Object c = new java.util.GregorianCalendar( java.util.TimeZone.getTimeZone( \"UTC\" ),"
                    + " java.util.Locale.ROOT );|GregorianCalendar( |calls new java.util.GregorianCalendar(..)|CLOCK",
            "Object c = new java.util.GregorianCalendar( 2025, 0, 1 );|GregorianCalendar( |"
                    + "calls new java.util.GregorianCalendar(..)|DEFAULT_ZONE",
            // a Calendar set to now inside every DateFormat (f03)
            "Object f = new java.text.SimpleDateFormat( \"yyyy\", java.util.Locale.ROOT );|SimpleDateFormat|"
                    + "refers to java.text.SimpleDateFormat|DATE_FORMAT",
            "Object f = java.text.DateFormat.getDateInstance();|DateFormat|refers to java.text.DateFormat"
                    + ".getDateInstance|DATE_FORMAT",
            // an order salted per JVM (f04)
            "String s = java.util.Set.of( \"a\", \"b\" ).iterator().next();|Set.of|refers to java.util.Set.of|UNORDERED",
            "Object m = java.util.Map.of( \"a\", 1 );|Map.of|refers to java.util.Map.of|UNORDERED",
            "Object m = java.util.Map.copyOf( new java.util.HashMap() );|Map.copyOf|refers to java.util.Map.copyOf"
                    + "|UNORDERED",
            // the JVM's registry of zone rules (f05)
            "java.time.zone.ZoneRulesProvider.refresh();|ZoneRulesProvider|refers to java.time.zone"
                    + ".ZoneRulesProvider.refresh|ZONE_RULES",
            // the default zone and locale (g2, g3)
            "Object z = java.time.ZoneId.systemDefault();|ZoneId|refers to java.time.ZoneId.systemDefault|DEFAULT_ZONE",
            "Object z = java.util.TimeZone.getDefault();|TimeZone|refers to java.util.TimeZone.getDefault|DEFAULT_ZONE",
            "Object b = new java.util.Calendar.Builder();|Builder|calls new java.util.Calendar$Builder()|DEFAULT_ZONE",
            // the deprecated fields of a Date made from an instant, which read the default zone (compiled code)
            "int h = new java.util.Date( 0L ).getHours();|getHours|compiles to a use of java.util.Date.getHours"
                    + "|DEFAULT_ZONE",
            "String s = new java.util.Date( 0L ).toString();|toString|compiles to a use of java.util.Date.toString"
                    + "|DEFAULT_ZONE",
            "Object f = new java.text.MessageFormat( \"{0,number}\" );|MessageFormat|"
                    + "calls new java.text.MessageFormat(..)|DEFAULT_LOCALE",
            "Object f = java.time.format.DateTimeFormatter.ofLocalizedDate( java.time.format.FormatStyle.FULL );|"
                    + "DateTimeFormatter.of|refers to java.time.format.DateTimeFormatter.ofLocalizedDate|DEFAULT_LOCALE",
            // the JVM's own errors (r6, r7)
            "throw new InternalError( \"forged by a rule\" );|InternalError|calls new java.lang.InternalError(..)"
                    + "|JVM_ERROR",
            "throw new ThreadDeath();|ThreadDeath|calls new java.lang.ThreadDeath()|JVM_ERROR",
            "throw new OutOfMemoryError();|OutOfMemoryError|calls new java.lang.OutOfMemoryError()|JVM_ERROR",
            // the call stack, which one call deeper in the embedding application gave another award, and names its
            // classes; printing it to the standard error; a monitor's wait and notify (sandbox audit F2, F7)
            "int d = new RuntimeException().getStackTrace().length;|getStackTrace|calls getStackTrace()|REFLECTION",
            "Object e = new StackTraceElement( \"a\", \"b\", \"c\", 1 );|StackTraceElement|"
                    + "refers to java.lang.StackTraceElement|REFLECTION",
            "new IllegalStateException( \"x\" ).printStackTrace();|printStackTrace|calls printStackTrace()|FILES",
            "Object lock = \"x\"; lock.notifyAll();|notifyAll|calls notifyAll()|THREADS",
            "Object lock = \"x\"; lock.wait( 200L );|wait|calls wait()|THREADS",
            // a caught StackOverflowError measures the stack: a recursion to the overflow gave 313, 194 and 332
            // points on three runs of the same events (adversarial review F3)
            "String s = \"x\"; try { s = s.trim(); } catch ( StackOverflowError overflow ) { }|StackOverflowError|compiles to a use of"
                    + " java.lang.StackOverflowError|CATCHES_ERRORS",
            "String s = \"x\"; try { s = s.trim(); } catch ( Throwable t ) { }|Throwable|compiles to a use of java.lang.Throwable|CATCHES_ERRORS",
            "String s = \"x\"; try { s = s.trim(); } catch ( Error t ) { }|Error |compiles to a use of java.lang.Error|CATCHES_ERRORS",
    })
    void what_differs_by_machine_run_or_day_or_stops_a_run_is_refused_saying_why(String code, String at,
                                                                                 String what, String why) {
        // given a consequence whose outcome would depend on the JVM it runs in, or that forges the JVM's errors
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", code);

        // when the program is created
        ProgramException error = create(drl);

        // then it is refused at the class or constructor, saying why and what a rule uses instead
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:10:"
                + (5 + code.indexOf(at)), RULE + what + ", " + because(why)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "$t : new java.util.GregorianCalendar( java.util.TimeZone.getTimeZone( 'UTC' ) ).toString()|"
                    + "GregorianCalendar( |calls new java.util.GregorianCalendar(..)|CLOCK",
            "$t : new java.util.GregorianCalendar( 2025, 0, 1 ).toString()|GregorianCalendar( |"
                    + "calls new java.util.GregorianCalendar(..)|DEFAULT_ZONE",
            "$t : java.util.Set.of( 'a', 'b' ).iterator().next()|Set.of|refers to java.util.Set.of|UNORDERED",
            "$t : java.time.ZoneId.systemDefault().toString()|ZoneId|refers to java.time.ZoneId.systemDefault"
                    + "|DEFAULT_ZONE",
            "$t : new java.text.MessageFormat( '{0}' ).toPattern()|MessageFormat|calls new java.text.MessageFormat(..)"
                    + "|DEFAULT_LOCALE",
            "$t : new InternalError( 'forged' ).toString()|InternalError|calls new java.lang.InternalError(..)"
                    + "|JVM_ERROR",
    })
    void the_same_in_mvel_is_refused_by_the_constructors_number_of_arguments(String constraint, String at,
                                                                           String what, String why) {
        // given MVEL, where the constructor's parameter types are not known: only its number of arguments
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", INSERT)
                .replace("EligiblePurchase( $event : eventId )", "EligiblePurchase( $event : eventId, " + constraint
                        + " )");

        // when the program is created
        ProgramException error = create(drl);

        // then
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:8:"
                + (PATTERN.length() + constraint.indexOf(at) + 1), RULE + what + ", " + because(why)));
    }

    @Test
    void the_call_stack_read_as_a_property_in_mvel_is_refused() {
        // given a pattern that reads the stack's depth the way MVEL reads a getter (adversarial review F2: the award
        // differed with the number of threads)
        String constraint = "$d : ( new RuntimeException().stackTrace.length )";
        String drl = Escapes.ALL.get(0).drl().replace("EligiblePurchase( $event : eventId )",
                "EligiblePurchase( $event : eventId, " + constraint + " )");

        // when the program is created
        ProgramException error = create(drl);

        // then
        assertThat(error.problems()).first().isEqualTo(new Problem("program:earning/sneaky.drl:8:"
                + (PATTERN.length() + constraint.indexOf(".stackTrace") + 2), RULE + "uses .stackTrace, " + REFLECTION));
    }

    @Test
    void dates_orders_zones_and_errors_that_do_not_depend_on_the_jvm_are_allowed() {
        // given the neighbours of what is refused: a named zone, the time fields with a zone, a long, a sorted set,
        // a List, Map.entry, a locale given, a caught exception
        String then = "java.util.Calendar c = java.util.GregorianCalendar.from( java.time.ZonedDateTime.of( 2025, 1,"
                + " 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC ) ); long t = new java.util.Date( 0L ).getTime();"
                + " String first = new java.util.TreeSet<String>( java.util.List.of( \"b\", \"a\" ) ).first();"
                + " Object e = java.util.Map.entry( \"a\", 1 ); Object z = java.time.ZoneId.of( \"UTC\" ).getRules();"
                + " Object tz = java.util.TimeZone.getTimeZone( \"UTC\" );"
                + " String m = new java.text.MessageFormat( \"{0}\", java.util.Locale.ROOT ).format( new Object[] { 1 } );"
                + " String d = java.time.format.DateTimeFormatter.ofPattern( \"d MMMM uuuu\", java.util.Locale.ROOT )"
                + ".format( java.time.LocalDate.of( 2025, 3, 3 ) );"
                + " Object o = new Object() { public String toString() { return \"x\"; } };"
                + " try { first.length(); } catch ( RuntimeException failure ) { first = \"\"; } " + INSERT;
        String when = "EligiblePurchase( $event : eventId, $d : new java.util.Date( 0L ).getTime(), $l :"
                + " java.util.List.of( 'a' ), $z : java.time.ZoneId.of( 'UTC' ) )";

        // when the program is created, then it compiles
        assertThat(create(Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", then)
                .replace("EligiblePurchase( $event : eventId )", when))).isNull();
    }

    @Test
    void a_class_that_overrides_finalize_is_refused_since_the_finalizer_thread_would_run_it() {
        // given an anonymous class whose finalize() the JVM's Finalizer thread would run, outside any event
        String then = "Object o = new Object() { protected void finalize() { } }; " + INSERT;

        // when the program is created
        ProgramException error = create(Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", then));

        // then the compiled-code check refuses it at finalize
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:10:"
                + (5 + then.indexOf("finalize")), RULE + "compiles to a class that overrides finalize(), which the"
                + " JVM's Finalizer thread runs when it collects an object, outside any event and at a time of its own;"
                + " rule packs may not override it"));
    }

    @Test
    void a_zone_rules_provider_registered_from_a_function_is_refused() {
        // given audit pack f05: a function registers a provider whose instance counts calls, for the whole JVM
        String drl = Escapes.ALL.get(0).drl().replace("System\n        .exit( 1 );", INSERT).replace(
                "import org.loyaltyrules.rules.facts.*;\n", """
                import org.loyaltyrules.rules.facts.*;
                function void register() {
                    java.time.zone.ZoneRulesProvider.registerProvider( null );
                }
                """);

        // when the program is created
        ProgramException error = create(drl);

        // then
        assertThat(error.problems()).containsExactly(new Problem("program:earning/sneaky.drl:4:20",
                "refers to java.time.zone.ZoneRulesProvider.registerProvider, " + ZONE_RULES));
    }

    @Test
    void every_attempt_has_its_expected_answer() {
        assertThat(FIRST_PROBLEM.keySet()).containsExactlyInAnyOrderElementsOf(
                Escapes.ALL.stream().map(Attempt::name).toList());
        assertThat(LINT_FIRST_PROBLEM.keySet()).containsExactlyInAnyOrderElementsOf(
                Escapes.ALL.stream().filter(a -> !a.lintMisses()).map(Attempt::name).toList());
    }

    @Test
    void a_reload_with_an_escape_is_refused_and_the_old_program_keeps_running() {
        Attempt exit = Escapes.ALL.get(0);
        LoyaltyEngine engine = Programs.engine(Programs.retail("", ""));

        ProgramException error = catchThrowableOfType(() -> engine.reload(Program.of(
                ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/sneaky.drl", exit.drl()))),
                ProgramException.class);

        assertThat(error.problems()).first().extracting(Problem::location).isEqualTo("program:earning/sneaky.drl:10:5");
        assertThat(engine.program().ruleSources()).noneMatch(s -> s.path().equals("earning/sneaky.drl"));
    }

    @Test
    void a_misspelt_facts_package_is_told_where_the_facts_are() {
        // given: "fact" for "facts"
        String drl = """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.fact.*;
                """;

        // when
        ProgramException error = catchThrowableOfType(() -> LoyaltyEngine.create(Program.of(
                ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/typo.drl", drl))),
                ProgramException.class);

        // then
        assertThat(error.problems()).extracting(Problem::message).containsExactly("imports org.loyaltyrules.rules"
                + ".fact.*, which is no package rules can use; the facts rules read and conclude are in"
                + " org.loyaltyrules.rules.facts (import org.loyaltyrules.rules.facts.*;)");
    }

    @Test
    void a_simple_name_is_resolved_against_the_imports_of_every_file_of_the_package() {
        // Drools merges the imports of a package's files: Timer in b.drl means java.util.Timer through a.drl's import
        String a = """
                package org.loyaltyrules.rules.earning;
                import java.util.*;
                """;
        String b = """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;
                rule "Timers from another file's import"
                    @intent("test")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId, eventId != new Timer().toString() )
                then
                    insert( PointsAward.fixed( $event, "x", 1 ) );
                end
                """;

        ProgramException error = catchThrowableOfType(() -> LoyaltyEngine.create(Program.of(
                ProgramJson.parse(Programs.retail("", ""), "p.json"), Map.of("earning/a.drl", a, "earning/b.drl", b))),
                ProgramException.class);

        assertThat(error.problems()).containsExactly(new Problem("program:earning/b.drl:7:56",
                "rule \"Timers from another file's import\" refers to java.util.Timer, " + THREADS));
    }

    @Test
    void the_standard_pack_passes_the_guard() {
        LoyaltyEngine engine = LoyaltyEngine.create(Program.of(ProgramJson.parse(Programs.retail("", ""), "p.json")));

        assertThat(engine.program().ruleSources()).hasSizeGreaterThan(15);
        assertThat(engine.warnings()).isEmpty();
    }
}
