package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.runtime.KieSession;
import org.loyaltyrules.rules.internal.Escapes.Attempt;
import org.loyaltyrules.rules.internal.RulePack.Check;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;

/**
 * Each layer of the pack guard holds on its own: with the lint switched off (through RulePack's package-private
 * seam), the source check refuses every attempt; with the lint and the source check off, the compiled-code check
 * refuses every attempt written in Java; with every check off, compiled Java still cannot link to what the guard
 * refuses. The last test shows what only the source check stops: MVEL that Drools itself evaluates.
 */
class DrlGuardLayersTest {

    private static final String BREACHED = "loyalty.guard.breached";
    private static final String FILE = "program:earning/sneaky.drl:";

    @AfterEach
    void forgetTheBreach() {
        System.clearProperty(BREACHED);
    }

    static List<RuleSource> pack(String drl) {
        return List.of(new RuleSource("earning/sneaky.drl", "program:earning/sneaky.drl", drl));
    }

    static Stream<Attempt> attempts() {
        return Escapes.ALL.stream();
    }

    static Stream<Attempt> javaAttempts() {
        return Escapes.ALL.stream().filter(Attempt::javaConsequence);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void the_lint_misses_the_attempt_unless_it_hides_behind_a_quote_char_literal(Attempt attempt) {
        assertThat(DrlLint.errors(pack(attempt.drl()).get(0))).hasSize(attempt.lintMisses() ? 0 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void the_source_check_alone_refuses_the_attempt(Attempt attempt) {
        ProgramException error = catchThrowableOfType(
                () -> RulePack.compile(pack(attempt.drl()), EnumSet.of(Check.SOURCE)), ProgramException.class);

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).startsWith("rule pack reaches what rules may not use");
        assertThat(error.problems()).allSatisfy(p -> assertThat(p.location()).startsWith(FILE));
        assertThat(error.problems()).allSatisfy(p -> assertThat(p.message())
                .matches("(rule \"Sneaky rule\" )?(refers to|uses|calls|imports) .*"));
        assertThat(System.getProperty(BREACHED)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaAttempts")
    void the_compiled_code_check_alone_refuses_the_java_attempt(Attempt attempt) {
        ProgramException error = catchThrowableOfType(
                () -> RulePack.compile(pack(attempt.drl()), EnumSet.of(Check.COMPILED)), ProgramException.class);

        assertThat(error).isNotNull();
        assertThat(error.problems()).allSatisfy(p -> assertThat(p.location()).startsWith(FILE));
        // an import of a class the guard's class loader will not load already fails in Drools
        assertThat(error.problems()).anySatisfy(p -> assertThat(p.message()).contains(attempt.refused())
                .matches("(rule \"Sneaky rule\"|function stop) compiles to a use of .*|import [\\w.$]+ cannot be loaded: .*"));
    }

    /** The standard pack's files, as Program reads them (standard-pack.txt lists them). */
    static List<RuleSource> standardPack() throws IOException {
        List<RuleSource> sources = new ArrayList<>();
        for (String path : resource("standard-pack.txt").split("\r?\n")) {
            if (!path.isBlank()) {
                sources.add(new RuleSource(path.trim(), "standard:" + path.trim(), resource(path.trim())));
            }
        }
        return sources;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RulePack.class.getClassLoader().getResourceAsStream("org/loyaltyrules/rules/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_standard_pack_passes_each_check_on_its_own() throws IOException {
        for (Check check : Check.values()) {
            assertThat(RulePack.compile(standardPack(), EnumSet.of(check)).ruleNames()).hasSizeGreaterThan(30);
        }
    }

    @Test
    void the_compiled_code_check_finds_the_one_rule_among_the_standard_pack() throws IOException {
        List<RuleSource> sources = new ArrayList<>(standardPack());
        sources.addAll(pack(Escapes.ALL.get(0).drl())); // System and .exit( 1 ) on two lines

        ProgramException error = catchThrowableOfType(() -> RulePack.compile(sources, EnumSet.of(Check.COMPILED)),
                ProgramException.class);

        assertThat(error.problems()).containsExactly(new Problem(FILE + "11:10", "rule \"Sneaky rule\" compiles to a "
                + "use of java.lang.System.exit, which can stop the JVM, start processes or read its environment; "
                + "rule packs may not use it"));
    }

    @Test
    void the_compiled_code_check_alone_refuses_a_static_field_of_a_local_type() {
        // given a local interface whose field keeps what every event adds (the lint refuses the interface itself)
        String then = "interface Box { java.util.List<String> SEEN = new java.util.ArrayList<>(); }"
                + " Box.SEEN.add( $event ); insert( PointsAward.fixed( $event, \"x\", Box.SEEN.size() ) );";
        String drl = new Attempt("", "", "@intent(\"x\")", "EligiblePurchase( $event : eventId )", then, true, null)
                .drl();

        ProgramException error = catchThrowableOfType(() -> RulePack.compile(pack(drl), EnumSet.of(Check.COMPILED)),
                ProgramException.class);

        assertThat(error.problems()).containsExactly(new Problem(FILE + "10:" + (5 + then.indexOf("SEEN.add")),
                "rule \"Sneaky rule\" compiles to Box.SEEN, a static field: what one event stores there every later"
                        + " event and member sees, so the same event gives another outcome; rule packs may hold only"
                        + " compile-time constants (static final primitives and strings) in static fields"));
    }

    @Test
    void the_compiled_code_check_allows_static_constants_of_a_local_type() {
        String then = "interface Limits { int MOST = 3; String NAME = \"x\"; }"
                + " insert( PointsAward.fixed( $event, Limits.NAME, Limits.MOST ) );";
        String drl = new Attempt("", "", "@intent(\"x\")", "EligiblePurchase( $event : eventId )", then, true, null)
                .drl();

        assertThat(RulePack.compile(pack(drl), EnumSet.of(Check.COMPILED)).ruleNames()).contains("Sneaky rule");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Object c = new java.util.GregorianCalendar( java.util.Locale.ROOT );|new java.util.GregorianCalendar|"
                    + "which reads the wall clock",
            "Object c = new java.util.GregorianCalendar( 2025, 0, 1 );|new java.util.GregorianCalendar|"
                    + "which reads the JVM's default time zone",
            "Object f = new java.text.SimpleDateFormat( \"yyyy\", java.util.Locale.ROOT );|new java.text.SimpleDateFormat|"
                    + "which holds a Calendar set to the wall clock",
            "String s = java.util.Set.of( \"a\" ).iterator().next();|java.util.Set.of|which iterates in an order the"
                    + " JVM draws at random",
            "Object s = java.util.stream.Stream.of( \"a\" ).collect( java.util.stream.Collectors.toUnmodifiableSet() );"
                    + "|java.util.stream.Collectors.toUnmodifiableSet|which iterates in an order the JVM draws at random",
            "Object z = java.time.ZoneId.systemDefault();|java.time.ZoneId.systemDefault|which reads the JVM's default"
                    + " time zone",
            "Object f = new java.text.MessageFormat( \"{0,number}\" );|new java.text.MessageFormat|which formats or"
                    + " changes case by the JVM's default locale",
            "Object f = java.time.format.DateTimeFormatter.ofLocalizedDate( java.time.format.FormatStyle.FULL );|"
                    + "java.time.format.DateTimeFormatter.ofLocalizedDate|which formats or changes case by the JVM's"
                    + " default locale",
            "throw new ThreadDeath();|new java.lang.ThreadDeath|which forges one of the JVM's own errors",
            "throw new InternalError( \"forged\" );|new java.lang.InternalError|which forges one of the JVM's own errors",
            "Object p = new java.time.zone.ZoneRulesProvider() { protected java.util.Set provideZoneIds() { return"
                    + " null; } protected java.time.zone.ZoneRules provideRules( String id, boolean c ) { return null; }"
                    + " protected java.util.NavigableMap provideVersions( String id ) { return null; } };|"
                    + "new java.time.zone.ZoneRulesProvider|which is the JVM's own registry of time-zone rules",
    })
    void the_compiled_code_check_alone_refuses_what_differs_by_jvm_and_forged_jvm_errors(String then, String what,
                                                                                       String why) {
        String drl = new Attempt("", "", "@intent(\"x\")", "EligiblePurchase( $event : eventId )", then, true, null)
                .drl();

        ProgramException error = catchThrowableOfType(() -> RulePack.compile(pack(drl), EnumSet.of(Check.COMPILED)),
                ProgramException.class);

        assertThat(error).isNotNull();
        assertThat(error.problems()).anySatisfy(p -> assertThat(p.message())
                .startsWith("rule \"Sneaky rule\" compiles to a use of " + what + ", " + why));
    }

    @Test
    void java_that_escaped_every_check_cannot_link_to_system_or_files() {
        for (String then : List.of("System.setProperty( \"" + BREACHED + "\", \"consequence\" );",
                "new java.io.FileReader( \"/etc/passwd\" ).read();")) {
            String drl = new Attempt("", "", "", "String()", then, true, null).drl();
            RulePack pack = RulePack.compile(pack(drl), EnumSet.noneOf(Check.class));

            KieSession session = pack.kieBase().newKieSession();
            session.insert("fact");
            session.getAgenda().getAgendaGroup("earning").setFocus();
            Throwable error = catchThrowable(session::fireAllRules);
            session.dispose();

            assertThat(error).hasRootCauseInstanceOf(ClassNotFoundException.class);
            assertThat(System.getProperty(BREACHED)).isNull();
        }
    }

    @Test
    void without_the_source_check_drools_itself_runs_mvel_from_an_annotation_while_it_builds() {
        Attempt annotation = Escapes.ALL.stream().filter(a -> a.name().contains("annotation")).findFirst()
                .orElseThrow();

        RulePack.compile(pack(annotation.drl()), EnumSet.of(Check.COMPILED)); // compiles: nothing Java to see

        assertThat(System.getProperty(BREACHED)).isEqualTo("annotation"); // why the source check is not optional
    }
}
