package org.loyaltyrules.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** loyalty-core is the pure domain: no framework, no logging, no JSON, and no cycles between its concepts. */
@AnalyzeClasses(packages = "org.loyaltyrules.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_does_not_depend_on_frameworks = noClasses()
            .that().resideInAPackage("org.loyaltyrules.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.drools..", "org.kie..", "com.fasterxml..", "org.slf4j..", "org.springframework..",
                    "jakarta..", "javax..")
            .because("loyalty-core is the pure domain model (BRIEF §2, STYLE: no framework imports)");

    @ArchTest
    static final ArchRule core_depends_only_on_the_jdk_and_api_annotations = classes()
            .that().resideInAPackage("org.loyaltyrules.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "org.loyaltyrules.core..", "java..", "org.apiguardian..",
                    // Commons Math 3 (pure-Java numerics, no framework, no dependencies) fits the lifetime-value
                    // models of core.insight by maximum likelihood; see docs/decisions.md. Only insight uses it.
                    "org.apache.commons.math3..")
            .because("only java.*, the annotation-only apiguardian API and the Commons Math numerics are allowed"
                    + " in loyalty-core");

    @ArchTest
    static final ArchRule only_insight_uses_the_maths_library = noClasses()
            .that().resideInAPackage("org.loyaltyrules.core..")
            .and().resideOutsideOfPackage("org.loyaltyrules.core.insight..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.commons.math3..")
            .because("the numerics serve the member-insight models only");

    @ArchTest
    static final ArchRule core_packages_are_free_of_cycles = slices()
            .matching("org.loyaltyrules.core.(*)..")
            .should().beFreeOfCycles();
}
