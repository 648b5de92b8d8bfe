package org.loyaltyrules.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apiguardian.api.API;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * A Kafka Streams topology that runs a loyalty program on a topic of events: each record (keyed by member id) is
 * applied by the engine to the member's state, kept in a persistent key-value store (changelogged); decisions, ledger
 * postings and tier changes go to output topics ({@link LoyaltyTopics}). On stream time, every {@code reviewEvery}
 * lets time pass for the task's members (scheduled tier reviews, points activation and expiry). A record on the
 * programs topic naming a program folder reloads the program without a restart.
 *
 * <pre>{@code
 * LoyaltyEngine engine = LoyaltyEngine.load(Path.of("programs/retail-basic"));
 * Topology topology = LoyaltyTopology.build(engine, LoyaltyTopics.defaults(), Duration.ofDays(1));
 * new KafkaStreams(topology, LoyaltyTopology.config("loyalty", "broker:9092")).start();
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LoyaltyTopology {

    /** The members' state store (member id to {@link MemberStateSerde} bytes); its changelog is
     * {@code <application.id>-loyalty-members-changelog}. */
    public static final String MEMBER_STORE = "loyalty-members";
    /** The global store holding the last program folder loaded. */
    public static final String PROGRAM_STORE = "loyalty-program";

    static final String DECISIONS = "decisions";
    static final String POSTINGS = "postings";
    static final String TIER_CHANGES = "tier-changes";
    static final String REJECTED = "rejected";

    private LoyaltyTopology() {
    }

    /**
     * The topology; {@code engine} is shared by all stream threads of the instance (it is thread-safe) and reloaded
     * by the programs topic. {@code reviewEvery} of zero turns scheduled reviews off (events still apply reviews that
     * fell due before them).
     */
    public static Topology build(LoyaltyEngine engine, LoyaltyTopics topics, Duration reviewEvery) {
        return build(engine, topics, reviewEvery, Stores.persistentKeyValueStore(MEMBER_STORE));
    }

    /**
     * As {@link #build(LoyaltyEngine, LoyaltyTopics, Duration)}, with the member store from {@code store} (named
     * {@link #MEMBER_STORE}): e.g. {@code Stores.inMemoryKeyValueStore(MEMBER_STORE)} when all members fit in memory;
     * it is changelogged either way.
     */
    public static Topology build(LoyaltyEngine engine, LoyaltyTopics topics, Duration reviewEvery,
                                 KeyValueBytesStoreSupplier store) {
        requireNonNull(engine, "engine");
        requireNonNull(store, "store");
        if (!store.name().equals(MEMBER_STORE)) {
            throw new IllegalArgumentException("store must be named " + MEMBER_STORE + ", was " + store.name());
        }
        requireNonNull(topics, "topics");
        requireNonNull(reviewEvery, "reviewEvery");
        if (reviewEvery.isNegative()) {
            throw new IllegalArgumentException("reviewEvery must be >= 0, was " + reviewEvery);
        }
        Topology topology = new Topology();
        topology.addSource("events", Serdes.String().deserializer(), Serdes.String().deserializer(), topics.events());
        topology.addProcessor("engine", () -> new MemberProcessor(engine, reviewEvery), "events");
        topology.addStateStore(Stores.keyValueStoreBuilder(store,
                Serdes.String(), new MemberStateSerde()), "engine");
        topology.addSink(DECISIONS, topics.decisions(), Serdes.String().serializer(), Serdes.String().serializer(),
                "engine");
        topology.addSink(POSTINGS, topics.postings(), Serdes.String().serializer(), Serdes.String().serializer(),
                "engine");
        topology.addSink(TIER_CHANGES, topics.tierChanges(), Serdes.String().serializer(),
                Serdes.String().serializer(), "engine");
        topology.addSink(REJECTED, topics.rejected(), Serdes.String().serializer(), Serdes.String().serializer(),
                "engine");
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PROGRAM_STORE),
                        Serdes.String(), Serdes.String()).withLoggingDisabled(),
                "programs", Serdes.String().deserializer(), Serdes.String().deserializer(), topics.programs(),
                "program-loader", () -> new ProgramLoader(engine));
        return topology;
    }

    /**
     * Streams settings for this topology: exactly-once v2 (a record's store update, outputs and offset commit are one
     * Kafka transaction), one standby replica per store for fast fail-over, and a 3-fold replicated changelog.
     */
    public static Properties config(String applicationId, String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, requireNonNull(applicationId, "applicationId"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
        return props;
    }
}
