package org.loyaltyrules.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hints after Drools' text for unknown fact types and fields know every fact and what it holds. */
class FactHintsTest {

    @Test
    void the_fact_types_are_those_of_the_facts_package() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/loyaltyrules/rules/facts"))) {
            assertThat(FactHints.TYPES).containsExactlyElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(name -> !name.equals("package-info.java")).map(name -> name.replace(".java", ""))
                    .sorted().toList());
        }
    }

    @Test
    void a_fact_s_fields_are_its_record_components_then_its_other_accessors_in_alphabetical_order() {
        assertThat(FactHints.fieldsOf("BenefitOffer")).containsExactly("benefitId", "name", "inTier", "quota", "used",
                "period", "extra", "cost", "occasion", "occasionOpen", "inTierBefore", "quotaLeft");
        assertThat(FactHints.fieldsOf("NoSuchFact")).isEmpty();
    }

    @Test
    void other_messages_get_no_hint() {
        assertThat(FactHints.of("[ERR 102] Line 10:0 mismatched input 'then'")).isEmpty();
    }
}
