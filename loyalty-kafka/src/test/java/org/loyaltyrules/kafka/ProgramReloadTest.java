package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.kafka.Topologies.EventRecord;
import org.loyaltyrules.kafka.Topologies.Io;
import org.loyaltyrules.rules.LoyaltyEngine;

class ProgramReloadTest {

    @TempDir
    Path dir;

    @Test
    void a_program_folder_on_the_programs_topic_decides_the_later_events() throws IOException {
        // given: retail-basic, and a copy at version 2026.2 that earns 2 points per USD
        Path doubled = copy(Topologies.RETAIL_BASIC, dir.resolve("retail-doubled"));
        Path json = doubled.resolve("program.json");
        Files.writeString(json, Files.readString(json).replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\"")
                .replace("\"baseRate\": \"1\"", "\"baseRate\": \"2\""));
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        List<String> decisions;
        List<String> rejected;
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "2025-03-03T10:00:00Z", "100.00"));
            io.programs().pipeInput("retail", doubled.toString());
            io.pipe(purchase("p2", "2025-03-04T10:00:00Z", "100.00"));
            io.programs().pipeInput("retail", dir.resolve("no-such-program").toString());
            io.pipe(purchase("p3", "2025-03-05T10:00:00Z", "10.00"));
            io.events().pipeInput("m2", "{\"id\":\"p4\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-05\","
                    + "\"amount\":\"1.00\"}");
            io.events().pipeInput("m1", "{\"id\":\"p5\",\"type\":\"purchase\",\"member\":\"m1\",\"amount\":\"-1\"}");
            decisions = io.decisions().readValuesToList();
            rejected = io.rejected().readValuesToList();
        }

        // then
        assertThat(decisions).containsExactly(
                "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":100}",
                "{\"event\":\"p2\",\"member\":\"m1\",\"program\":\"2026.2\",\"outcome\":\"APPLIED\",\"points\":200}",
                "{\"event\":\"p3\",\"member\":\"m1\",\"program\":\"2026.2\",\"outcome\":\"APPLIED\",\"points\":20}");
        assertThat(engine.program().version()).isEqualTo("2026.2");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0)).contains("\"problem\":\"record key m2 is not the event's member m1\"");
        assertThat(rejected.get(1)).contains("\"problem\":\"loyalty.events/0@4:1 field at: is required\"");
    }

    private static EventRecord purchase(String id, String at, String amount) {
        return new EventRecord("m1", "{\"id\":\"%s\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"%s\",\"amount\":\"%s\"}"
                .formatted(id, at, amount), Instant.parse(at));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
