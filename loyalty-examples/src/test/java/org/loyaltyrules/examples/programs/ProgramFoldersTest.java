package org.loyaltyrules.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ValidationReport;

class ProgramFoldersTest {

    private static final List<String> REFERENCE_PROGRAMS = List.of("china-mobile", "costco-executive", "hilton-honors",
            "marriott-bonvoy", "retail-basic", "sephora-beauty-insider", "starbucks-rewards", "starbucks-rewards-2025");

    @Test
    void every_program_folder_validates_without_errors_or_warnings() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(Path.of("programs"))) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }

        assertThat(folders).extracting(p -> p.getFileName().toString()).containsAll(REFERENCE_PROGRAMS);
        for (Path folder : folders) {
            ValidationReport report = LoyaltyEngine.validate(folder);
            assertThat(report.errors()).as("errors of %s", folder).isEmpty();
            assertThat(report.warnings()).as("warnings of %s", folder).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.ruleCount()).as("rules of %s", folder).isPositive();
        }
    }

    @Test
    void every_program_folder_has_a_readme_and_its_id_is_the_folder_name() throws IOException {
        try (Stream<Path> list = Files.list(Path.of("programs"))) {
            for (Path folder : list.filter(Files::isDirectory).toList()) {
                assertThat(folder.resolve("README.md")).as("README of %s", folder).isRegularFile();
                assertThat(LoyaltyEngine.load(folder).program().id()).isEqualTo(folder.getFileName().toString());
            }
        }
    }
}
