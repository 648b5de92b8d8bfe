package org.loyaltyrules.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apiguardian.api.API;

/** The testkit is a user of the engine like any other: facade, facts and core only, and a public API it declares. */
@AnalyzeClasses(packages = "org.loyaltyrules.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class TestkitArchitectureTest {

    @ArchTest
    static final ArchRule the_testkit_never_touches_the_engine_internals_or_drools = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.loyaltyrules.rules.internal..", "org.kie..",
                    "org.drools..")
            .because("rule authors' tests see what embedding systems see (STYLE: Packages)");

    @ArchTest
    static final ArchRule violation_reports_do_not_depend_on_the_default_locale = noClasses()
            .should().callMethod(String.class, "formatted", Object[].class)
            .orShould().callMethod(String.class, "format", String.class, Object[].class)
            .because("a violation report reads the same on every machine (ar-EG writes other digits): format with"
                    + " String.format(Locale.ROOT, ..), as loyalty-examples' LocaleIndependenceTest asks of the"
                    + " other modules");

    @ArchTest
    static final ArchRule public_types_declare_their_api_status = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().beAnnotatedWith(API.class)
            .because("every public element carries @API(status, since) (STYLE: Comments and API)");
}
