package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.whatif.WhatIf;
import org.loyaltyrules.rules.whatif.WhatIfResult;

/**
 * The Java example of docs/what-if.md runs and holds: the lines between the markers below are the doc's, with
 * {@code Path.of(} written {@code repo.resolve(} so that its paths (relative to a rule author's repository) point into
 * a folder laid out like one: retail-basic, a candidate copy paying gold 60 % from 700 growth, and WhatIfApiTest's
 * March history.
 */
class WhatIfDocExampleTest {

    private static final Path RETAIL_BASIC = Path.of("../loyalty-examples/programs/retail-basic");
    private static final Path THIS_FILE = Path.of("src/test/java/org/loyaltyrules/rules/WhatIfDocExampleTest.java");

    @TempDir
    Path repo;

    @Test
    void the_doc_example_finds_gold_sixty_costs_510_points_and_moves_m2_to_gold() throws IOException {
        // given
        copy(RETAIL_BASIC, repo.resolve("programs/retail-basic"));
        copy(RETAIL_BASIC, repo.resolve("programs/retail-basic-gold60"));
        Path candidateJson = repo.resolve("programs/retail-basic-gold60/program.json");
        Files.writeString(candidateJson, WhatIfApiTest.goldSixtyFromSevenHundred(Files.readString(candidateJson)));
        Files.createDirectories(repo.resolve("history"));
        Files.writeString(repo.resolve("history/march.jsonl"), WhatIfApiTest.HISTORY);

        // when / then: the example's own assertions
        // what-if.md:start
        Program base = Program.load(repo.resolve("programs/retail-basic"));
        Program candidate = Program.load(repo.resolve("programs/retail-basic-gold60"));
        List<LoyaltyEvent> history = EventReader.forProgram(base.settings()).strict(true)
                .read(repo.resolve("history/march.jsonl")).events();

        WhatIfResult result = WhatIf.compare(base, candidate, history, Instant.parse("2025-03-31T23:59:59Z"));

        assertThat(result.pointsIssued()).isEqualTo(WhatIfResult.Change.of(44_370, 44_880));
        assertThat(result.costByRule().get("Tier members earn their tier bonus on base points"))
                .isEqualTo(WhatIfResult.Change.of(6_570, 7_080));
        assertThat(result.tierChanges()).containsExactly(new WhatIfResult.TierChange("m2", "silver", "gold"));
        assertThat(result.warnings()).containsExactly("cap daily-points now hit by 2 members (was 1)");
        // what-if.md:end
    }

    @Test
    void docs_what_if_md_shows_exactly_these_lines() throws IOException {
        List<String> source = Files.readAllLines(THIS_FILE);
        int start = source.indexOf("        // what-if.md:start");
        int end = source.indexOf("        // what-if.md:end");
        String example = source.subList(start + 1, end).stream()
                .map(line -> line.isEmpty() ? line : line.substring(8))
                .map(line -> line.replace("repo.resolve(", "Path.of("))
                .collect(Collectors.joining("\n", "```java\n", "\n```\n"));

        assertThat(start).isPositive();
        assertThat(Files.readString(Path.of("../docs/what-if.md"))).contains(example);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
