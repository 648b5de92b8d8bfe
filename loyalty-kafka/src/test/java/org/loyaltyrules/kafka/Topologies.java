package org.loyaltyrules.kafka;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.io.EventReader;

/** Test drivers of the loyalty topology and the CDNOW sample as JSON event records. */
final class Topologies {

    static final Path RETAIL_BASIC = Path.of("../loyalty-examples/programs/retail-basic");
    static final Path CDNOW_SAMPLE = Path.of("../loyalty-examples/data/cdnow/CDNOW_sample.txt");
    static final LoyaltyTopics TOPICS = LoyaltyTopics.defaults();
    /** The processing wall clock of the drivers: after every event the tests send but those dated 2099 on purpose. */
    static final Instant WALL_CLOCK = Instant.parse("2030-01-01T00:00:00Z");

    private Topologies() {
    }

    /** One JSON event record: member id (key), event JSON (value), event time (record timestamp). */
    record EventRecord(String member, String json, Instant at) {
    }

    /** CDNOW rows as purchases {@code cdnow:<line>}, member = customer id, start of day UTC, amount in USD. */
    static List<EventRecord> cdnow() {
        List<String> lines;
        try {
            lines = Files.readAllLines(CDNOW_SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<EventRecord> records = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+"); // customer, master id, yyyymmdd, cds, dollars
            Instant at = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            String json = "{\"id\":\"cdnow:%d\",\"type\":\"purchase\",\"member\":\"%s\",\"at\":\"%s\",\"amount\":\"%s\",\"currency\":\"USD\"}"
                    .formatted(i + 1, f[0], at, f[4]);
            records.add(new EventRecord(f[0], json, at));
        }
        return records;
    }

    /** The same records read by the engine's own reader, for {@link LoyaltyEngine#replay}. */
    static List<LoyaltyEvent> events(LoyaltyEngine engine, List<EventRecord> records) {
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(r.json()).append('\n'));
        var batch = EventReader.forProgram(engine.program().settings()).readJsonLines(new StringReader(lines.toString()),
                "records");
        if (batch.hasProblems()) {
            throw new IllegalStateException(batch.problems().toString());
        }
        return batch.events();
    }

    static LoyaltyEngine retailBasic() {
        return LoyaltyEngine.create(Program.load(RETAIL_BASIC));
    }

    /** A driver with the in-memory member store and no allowed lateness: the driver commits (flushes and
     * checkpoints) after every record, which makes RocksDB cost ~30 ms a record on this disk. */
    static TopologyTestDriver driver(LoyaltyEngine engine, Path stateDir, Duration reviewEvery) {
        return driver(engine, stateDir, reviewEvery, Duration.ZERO,
                Stores.inMemoryKeyValueStore(LoyaltyTopology.MEMBER_STORE));
    }

    static TopologyTestDriver driver(LoyaltyEngine engine, Path stateDir, Duration reviewEvery,
                                     Duration allowedLateness, KeyValueBytesStoreSupplier store) {
        return driver(engine, stateDir, reviewEvery, allowedLateness, store, Map.of());
    }

    /** A driver whose Streams config has {@code settings} besides {@link LoyaltyTopology#config}'s. */
    static TopologyTestDriver driver(LoyaltyEngine engine, Path stateDir, Duration reviewEvery,
                                     Duration allowedLateness, KeyValueBytesStoreSupplier store,
                                     Map<String, Object> settings) {
        return driver(engine, stateDir, reviewEvery, allowedLateness, store, settings, LeadLimit.DEFAULT_MAX_LEAD,
                WALL_CLOCK);
    }

    /**
     * A driver whose wall clock stands still at {@code wallClock}, the time the lead limit reads (a fixed clock given
     * to the topology, since the extractor cannot see the driver's mocked time) and the driver's own.
     */
    static TopologyTestDriver driver(LoyaltyEngine engine, Path stateDir, Duration reviewEvery,
                                     Duration allowedLateness, KeyValueBytesStoreSupplier store,
                                     Map<String, Object> settings, Duration maxLead, Instant wallClock) {
        Properties props = LoyaltyTopology.config("loyalty-test", "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(settings);
        return new TopologyTestDriver(LoyaltyTopology.build(engine, TOPICS, reviewEvery, allowedLateness, maxLead,
                store, Clock.fixed(wallClock, ZoneOffset.UTC)), props, wallClock);
    }

    /** The topics of one driver. */
    record Io(TestInputTopic<String, String> events, TestInputTopic<String, String> programs,
              TestOutputTopic<String, String> decisions, TestOutputTopic<String, String> postings,
              TestOutputTopic<String, String> tierChanges, TestOutputTopic<String, String> rejected) {

        static Io of(TopologyTestDriver driver) {
            StringSerializer ser = new StringSerializer();
            StringDeserializer de = new StringDeserializer();
            return new Io(driver.createInputTopic(TOPICS.events(), ser, ser),
                    driver.createInputTopic(TOPICS.programs(), ser, ser),
                    driver.createOutputTopic(TOPICS.decisions(), de, de),
                    driver.createOutputTopic(TOPICS.postings(), de, de),
                    driver.createOutputTopic(TOPICS.tierChanges(), de, de),
                    driver.createOutputTopic(TOPICS.rejected(), de, de));
        }

        void pipe(EventRecord record) {
            events.pipeInput(record.member(), record.json(), record.at());
        }

        void pipe(List<EventRecord> records) {
            records.forEach(this::pipe);
        }

        /** A record with neither key nor value: only moves stream time to {@code at}. */
        void heartbeat(Instant at) {
            events.pipeInput(null, null, at);
        }
    }
}
