package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    /** A copy of retail-basic at version 2026.2 that earns 2 points per USD. */
    private Path doubledCopy() throws IOException {
        Path doubled = copy(Topologies.RETAIL_BASIC, dir.resolve("retail-doubled"));
        Path json = doubled.resolve("program.json");
        Files.writeString(json, Files.readString(json).replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\"")
                .replace("\"baseRate\": \"1\"", "\"baseRate\": \"2\""));
        return doubled;
    }

    @Test
    void a_program_folder_on_the_programs_topic_decides_the_later_events() throws IOException {
        // given: retail-basic, and a copy at version 2026.2 that earns 2 points per USD
        Path doubled = doubledCopy();
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
        assertThat(rejected.get(0)).contains("\"problem\":\"record key \\\"m2\\\" is not the event's member \\\"m1\\\"\"");
        assertThat(rejected.get(1)).contains("\"problem\":\"loyalty.events/0@4:1 field at: is required\"");
    }

    @Test
    void a_program_folder_path_with_surrounding_whitespace_is_loaded() throws IOException {
        // given: the doubled copy at 2026.2, its path sent with a trailing newline (as `echo $DIR |
        // kafka-console-producer` sends it) and leading spaces
        Path doubled = doubledCopy();
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        List<String> decisions;
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ZERO)) {
            Io io = Io.of(driver);
            io.programs().pipeInput("retail", "  " + doubled + "\n");
            io.pipe(purchase("p2", "2025-03-04T10:00:00Z", "100.00"));
            decisions = io.decisions().readValuesToList();
        }

        // then: the path is stripped, the folder loaded, and p2 earns 2 a USD (not a "no such folder" kept at 2026.1)
        assertThat(decisions).containsExactly(
                "{\"event\":\"p2\",\"member\":\"m1\",\"program\":\"2026.2\",\"outcome\":\"APPLIED\",\"points\":200}");
        assertThat(engine.program().version()).isEqualTo("2026.2");
    }

    @Test
    void a_program_folder_of_another_program_is_refused_with_an_error_and_the_running_program_decides_on() {
        // given: m1 silver under retail-basic; then the programs topic names hilton-honors, also at version 2026.1,
        // under which m1's next purchase would earn 10 a USD plus silver's 20 % (1,200 points)
        Path hilton = Path.of("../loyalty-examples/programs/hilton-honors");
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        List<String> decisions;
        String log;
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "2025-03-03T10:00:00Z", "600.00"));
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                io.programs().pipeInput(hilton.toString(), hilton.toString());
            } finally {
                System.setErr(stderr);
            }
            io.pipe(purchase("p2", "2025-03-04T10:00:00Z", "100.00"));
            decisions = io.decisions().readValuesToList();
            log = captured.toString(StandardCharsets.UTF_8);
        }

        // then: retail-basic decides p2 (100 + 20 % = 120) and is still the engine's program
        assertThat(decisions).containsExactly(
                "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":600,"
                        + "\"tier\":{\"from\":\"member\",\"to\":\"silver\",\"kind\":\"UPGRADE\"}}",
                "{\"event\":\"p2\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":120}");
        assertThat(engine.program().id()).isEqualTo("retail-basic");
        assertThat(log).contains("ERROR org.loyaltyrules.kafka.ProgramLoader - program folder "
                + "../loyalty-examples/programs/hilton-honors not loaded, program retail-basic version 2026.1 keeps"
                + " running: it holds program hilton-honors, not retail-basic; one topology runs one program, another"
                + " program needs its own application (docs/scale-out.md, \"Program reload\")");
    }

    @Test
    void after_a_reload_that_renames_a_tier_a_member_holding_it_is_rejected_and_the_others_go_on() throws IOException {
        // given: m1 reaches silver; the program reloaded calls silver "bronze"
        Path renamed = copy(Topologies.RETAIL_BASIC, dir.resolve("retail-bronze"));
        Path json = renamed.resolve("program.json");
        Files.writeString(json, Files.readString(json).replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\"")
                .replace("\"silver\"", "\"bronze\""));
        LoyaltyEngine engine = Topologies.retailBasic();

        // when
        List<String> decisions;
        List<String> rejected;
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ZERO)) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "2025-03-03T10:00:00Z", "600.00"));
            io.programs().pipeInput("retail", renamed.toString());
            io.pipe(purchase("p2", "2025-03-04T10:00:00Z", "100.00"));
            io.pipe(new EventRecord("m2", "{\"id\":\"q1\",\"type\":\"purchase\",\"member\":\"m2\","
                    + "\"at\":\"2025-03-05T10:00:00Z\",\"amount\":\"10.00\"}", Instant.parse("2025-03-05T10:00:00Z")));
            decisions = io.decisions().readValuesToList();
            rejected = io.rejected().readValuesToList();
        }

        // then: m1's event is refused with what to do, its state kept; m2 is decided by the new program
        assertThat(decisions).containsExactly(
                "{\"event\":\"p1\",\"member\":\"m1\",\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":600,"
                        + "\"tier\":{\"from\":\"member\",\"to\":\"silver\",\"kind\":\"UPGRADE\"}}",
                "{\"event\":\"q1\",\"member\":\"m2\",\"program\":\"2026.2\",\"outcome\":\"APPLIED\",\"points\":10}");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0)).contains("holds tier 'silver', which program retail-basic does not have")
                .contains("Migrate the stored members");
    }

    @Test
    void after_a_reload_that_renames_a_tier_the_review_of_a_member_holding_it_is_rejected_once_and_the_others_reviewed()
            throws IOException {
        // given: m1 silver, m2 with 100 pending points; the program reloaded calls silver "bronze"
        Path renamed = copy(Topologies.RETAIL_BASIC, dir.resolve("retail-bronze"));
        Path json = renamed.resolve("program.json");
        Files.writeString(json, Files.readString(json).replace("\"silver\"", "\"bronze\""));
        LoyaltyEngine engine = Topologies.retailBasic();

        // when: two daily reviews pass, at the same instant twice and a day later
        List<String> rejected;
        List<String> postings;
        try (TopologyTestDriver driver = Topologies.driver(engine, dir.resolve("state"), Duration.ofDays(1))) {
            Io io = Io.of(driver);
            io.pipe(purchase("p1", "2025-01-01T10:00:00Z", "600.00"));
            io.pipe(new EventRecord("m2", "{\"id\":\"q1\",\"type\":\"purchase\",\"member\":\"m2\","
                    + "\"at\":\"2025-01-01T11:00:00Z\",\"amount\":\"100.00\"}", Instant.parse("2025-01-01T11:00:00Z")));
            io.programs().pipeInput("retail", renamed.toString());
            io.postings().readValuesToList();
            io.heartbeat(Instant.parse("2026-03-01T00:00:00Z"));
            io.heartbeat(Instant.parse("2026-03-01T00:00:00Z"));
            io.heartbeat(Instant.parse("2026-03-02T00:00:00Z"));
            rejected = io.rejected().readValuesToList();
            postings = io.postings().readValuesToList();
        }

        // then: one rejection per review instant for m1, keyed by it; m2's points were activated
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0)).startsWith("{\"source\":\"review@2026-03-01T00:00:00Z\",\"problem\":\"the tier "
                + "review at 2026-03-01T00:00:00Z: the state of member m1 holds tier 'silver', which program "
                + "retail-basic does not have");
        assertThat(rejected.get(1)).startsWith("{\"source\":\"review@2026-03-02T00:00:00Z\"");
        assertThat(postings).hasSize(1);
        assertThat(postings.get(0)).startsWith("{\"event\":\"q1\",\"member\":\"m2\","
                + "\"at\":\"2025-01-15T11:00:00Z\",\"type\":\"ACTIVATE\",\"points\":100");
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
