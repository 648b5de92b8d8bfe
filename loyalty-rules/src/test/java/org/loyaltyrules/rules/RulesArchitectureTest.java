package org.loyaltyrules.rules;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's layering: Drools stays in {@code internal}, facts are plain records DRL authors can read, the
 * sub-packages have no cycles, and the facade never shows a Drools or KIE type to an embedding developer.
 */
@AnalyzeClasses(packages = "org.loyaltyrules.rules", importOptions = ImportOption.DoNotIncludeTests.class)
class RulesArchitectureTest {

    private static final DescribedPredicate<JavaClass> DROOLS_OR_KIE = describe("a Drools or KIE type",
            c -> c.getPackageName().startsWith("org.kie") || c.getPackageName().startsWith("org.drools"));

    @ArchTest
    static final ArchRule only_internal_touches_drools = noClasses()
            .that().resideInAPackage("org.loyaltyrules.rules..")
            .and().resideOutsideOfPackage("org.loyaltyrules.rules.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
            .because("the engine keeps Drools behind org.loyaltyrules.rules.internal (STYLE: Packages)");

    @ArchTest
    static final ArchRule facts_depend_only_on_the_jdk_and_apiguardian = classes()
            .that().resideInAPackage("org.loyaltyrules.rules.facts..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.apiguardian..", "org.loyaltyrules.rules.facts..")
            .because("facts are the plain records DRL authors match and insert");

    @ArchTest
    static final ArchRule rule_packages_are_free_of_cycles = slices()
            .matching("org.loyaltyrules.rules.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_facade_shows_no_drools_type = codeUnits()
            .that().areDeclaredInClassesThat().resideInAPackage("org.loyaltyrules.rules")
            .and().arePublic()
            .should(notMention(DROOLS_OR_KIE))
            .because("no Drools type in a public signature (STYLE: Packages)");

    @ArchTest
    static void the_signature_check_sees_drools_types_where_they_are(JavaClasses classes) {
        // guards the guard: internal's public API does show Drools (RulePack.kieBase()), and the check must say so
        EvaluationResult internal = codeUnits()
                .that().areDeclaredInClassesThat().resideInAPackage("org.loyaltyrules.rules.internal")
                .and().arePublic()
                .should(notMention(DROOLS_OR_KIE))
                .evaluate(classes);

        assertThat(internal.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("RulePack.kieBase()").contains("org.kie.api.KieBase"));
    }

    /** Neither the return type, the parameters (with their type arguments) nor the declared exceptions. */
    private static ArchCondition<JavaCodeUnit> notMention(DescribedPredicate<JavaClass> forbidden) {
        return new ArchCondition<>("not have " + forbidden.getDescription() + " in its signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                if (!unit.getOwner().getModifiers().contains(JavaModifier.PUBLIC)) {
                    return;
                }
                List<JavaType> types = new ArrayList<>();
                types.add(unit.getReturnType());
                types.addAll(unit.getParameterTypes());
                types.addAll(unit.getThrowsClause().getTypes());
                for (JavaType type : types) {
                    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
                        if (forbidden.test(raw)) {
                            events.add(violated(unit, unit.getFullName() + " has " + raw.getName()
                                    + " in its signature"));
                        }
                    }
                }
            }
        };
    }
}
