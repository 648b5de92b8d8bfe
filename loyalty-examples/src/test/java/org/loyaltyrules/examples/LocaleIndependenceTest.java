package org.loyaltyrules.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Postings, refusals, explanations, files and messages read the same on every machine: the production code of core,
 * rules, jdbc and the CLI formats numbers and changes case with {@code Locale.ROOT}, never with the JVM's default
 * locale (ar-EG writes other digits, de-DE groups 1.234, tr-TR upper-cases "i" to "İ"). The testkit has the same rule
 * (TestkitArchitectureTest).
 */
@AnalyzeClasses(packages = "org.loyaltyrules", importOptions = ImportOption.DoNotIncludeTests.class)
class LocaleIndependenceTest {

    @ArchTest
    static final ArchRule no_text_depends_on_the_default_locale = noClasses()
            .should().callMethod(String.class, "formatted", Object[].class)
            .orShould().callMethod(String.class, "format", String.class, Object[].class)
            .orShould().callMethod(String.class, "toUpperCase")
            .orShould().callMethod(String.class, "toLowerCase")
            .orShould().callMethod(PrintStream.class, "printf", String.class, Object[].class)
            .orShould().callMethod(PrintStream.class, "format", String.class, Object[].class)
            .orShould().callMethod(PrintWriter.class, "printf", String.class, Object[].class)
            .orShould().callMethod(PrintWriter.class, "format", String.class, Object[].class)
            .because("the same history must give the same ledger texts and files on every machine: format with"
                    + " String.format(Locale.ROOT, ..) and change case with toUpperCase(Locale.ROOT)");
}
