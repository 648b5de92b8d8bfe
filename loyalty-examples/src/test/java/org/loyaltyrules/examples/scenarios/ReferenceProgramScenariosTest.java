package org.loyaltyrules.examples.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.loyaltyrules.rules.scenario.ScenarioTests;

/** Every reference program's scenarios/*.json, one dynamic test per scenario, grouped by program. */
class ReferenceProgramScenariosTest {

    @TestFactory
    Stream<DynamicContainer> every_reference_program_passes_its_scenarios() throws IOException {
        List<Path> programs;
        try (Stream<Path> dirs = Files.list(Path.of("programs"))) {
            programs = dirs.filter(d -> Files.isDirectory(d.resolve("scenarios"))).sorted().toList();
        }
        // every reference program folder carries scenarios (11 programs)
        org.assertj.core.api.Assertions.assertThat(programs).hasSize(11);
        return programs.stream().map(p -> DynamicContainer.dynamicContainer(p.getFileName().toString(),
                ScenarioTests.dynamicTests(p, p.resolve("scenarios"))));
    }
}
