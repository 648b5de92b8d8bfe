package org.loyaltyrules.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
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
 * postings and tier changes go to output topics ({@link LoyaltyTopics}). On stream time (the events' own time, their
 * {@code at}, never the records' Kafka timestamps; a rejected record, among them an event dated more than
 * {@code maxLead} ahead of the wall clock, moves no time), every {@code reviewEvery}
 * lets time pass for the task's members up to stream time minus {@code allowedLateness} (scheduled tier reviews,
 * points activation and expiry); a member's event dated before a review that changed that member is refused
 * {@code OUT_OF_ORDER}, so each member's decisions are those of {@link LoyaltyEngine#replay}. A review whose rules
 * throw leaves the member as it was and writes one record to the rejected topic per member and review instant, also
 * across restarts. A record on the programs topic naming a program folder reloads the program without a restart.
 *
 * <pre>{@code
 * LoyaltyEngine engine = LoyaltyEngine.load(Path.of("programs/retail-basic"));
 * Topology topology = LoyaltyTopology.build(engine, LoyaltyTopics.defaults(), Duration.ofDays(1), Duration.ofHours(6));
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
    /** Member id to the instant (epoch ms) of the last scheduled review that changed the member after its last
     * event. */
    static final String REVIEW_STORE = "loyalty-reviews";
    /** Member id to the instant (epoch ms) of the last scheduled review, for the members whose review then failed (a
     * rule threw) and was rejected. */
    static final String REVIEW_FAILURE_STORE = "loyalty-review-failures";

    static final String DECISIONS = "decisions";
    static final String POSTINGS = "postings";
    static final String TIER_CHANGES = "tier-changes";
    static final String REJECTED = "rejected";

    private LoyaltyTopology() {
    }

    /**
     * The topology; {@code engine} is shared by all stream threads of the instance (it is thread-safe) and reloaded
     * by the programs topic. Every {@code reviewEvery} of stream time the task's members are reviewed at stream time
     * minus {@code allowedLateness}: the most a member's event may lag the latest event of its partition and still
     * be decided as {@link LoyaltyEngine#replay} decides it. {@code reviewEvery} of zero turns scheduled reviews off
     * (events still apply reviews that fell due before them). An event dated more than a day ahead of the wall clock
     * is rejected and moves no stream time (see the overload with {@code maxLead}).
     *
     * @throws IllegalArgumentException a duration that is negative, not a whole number of milliseconds or more than
     *         {@link Long#MAX_VALUE} milliseconds, or a {@code reviewEvery} between zero and 1 ms
     */
    public static Topology build(LoyaltyEngine engine, LoyaltyTopics topics, Duration reviewEvery,
                                 Duration allowedLateness) {
        return build(engine, topics, reviewEvery, allowedLateness, Stores.persistentKeyValueStore(MEMBER_STORE));
    }

    /**
     * As {@link #build(LoyaltyEngine, LoyaltyTopics, Duration, Duration)}, with the member store from {@code store}
     * (named {@link #MEMBER_STORE}): e.g. {@code Stores.inMemoryKeyValueStore(MEMBER_STORE)} when all members fit in
     * memory; it is changelogged either way.
     */
    public static Topology build(LoyaltyEngine engine, LoyaltyTopics topics, Duration reviewEvery,
                                 Duration allowedLateness, KeyValueBytesStoreSupplier store) {
        return build(engine, topics, reviewEvery, allowedLateness, LeadLimit.DEFAULT_MAX_LEAD, store);
    }

    /**
     * As {@link #build(LoyaltyEngine, LoyaltyTopics, Duration, Duration, KeyValueBytesStoreSupplier)}, with the most
     * an event may be dated ahead of the wall clock (1 day in the other overloads): an event dated further ahead, a
     * mistyped year, is rejected before it moves its partition's stream time, which would otherwise let time pass to
     * its date for every member of the partition at the next review. {@code maxLead} of zero turns the check off (for
     * data dated in the future on purpose).
     *
     * @throws IllegalArgumentException a {@code maxLead} that is negative, not a whole number of milliseconds or more
     *         than {@link Long#MAX_VALUE} milliseconds, and as the other overloads
     */
    public static Topology build(LoyaltyEngine engine, LoyaltyTopics topics, Duration reviewEvery,
                                 Duration allowedLateness, Duration maxLead, KeyValueBytesStoreSupplier store) {
        return build(engine, topics, reviewEvery, allowedLateness, maxLead, store, Clock.systemUTC());
    }

    /** The topology whose lead limit reads {@code wallClock} (a fixed clock in tests). */
    static Topology build(LoyaltyEngine engine, LoyaltyTopics topics, Duration reviewEvery, Duration allowedLateness,
                          Duration maxLead, KeyValueBytesStoreSupplier store, Clock wallClock) {
        requireNonNull(engine, "engine");
        requireNonNull(store, "store");
        if (!store.name().equals(MEMBER_STORE)) {
            throw new IllegalArgumentException("store must be named " + MEMBER_STORE + ", was " + store.name());
        }
        requireNonNull(topics, "topics");
        requireNonNull(reviewEvery, "reviewEvery");
        if (!reviewEvery.isNegative() && !reviewEvery.isZero() && reviewEvery.compareTo(Duration.ofMillis(1)) < 0) {
            // Kafka Streams schedules punctuations at least 1 ms apart
            throw new IllegalArgumentException("reviewEvery must be 0 (no scheduled reviews) or at least 1 ms, was "
                    + reviewEvery);
        }
        wholeMillis("reviewEvery", reviewEvery);
        wholeMillis("allowedLateness", allowedLateness);
        wholeMillis("maxLead", maxLead);
        LeadLimit lead = new LeadLimit(maxLead, requireNonNull(wallClock, "wallClock"));
        Topology topology = new Topology();
        // stream time, the reviews' clock, is the time of the events, never a record's Kafka timestamp (EventTime)
        topology.addSource((Topology.AutoOffsetReset) null, "events", new EventTime(engine, lead),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.events());
        MeasuredStateSerde states = new MeasuredStateSerde();
        topology.addProcessor("engine", () -> new MemberProcessor(engine, reviewEvery, allowedLateness, states, lead),
                "events");
        topology.addStateStore(Stores.keyValueStoreBuilder(store, Serdes.String(), states), "engine");
        // the review marks live as long as a quiet member does: keep them where the members are (disk or memory)
        boolean persistent = store.get().persistent();
        for (String name : List.of(REVIEW_STORE, REVIEW_FAILURE_STORE)) {
            KeyValueBytesStoreSupplier marks = persistent ? Stores.persistentKeyValueStore(name)
                    : Stores.inMemoryKeyValueStore(name);
            topology.addStateStore(Stores.keyValueStoreBuilder(marks, Serdes.String(), Serdes.Long()), "engine");
        }
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
     * Stream time, review instants and review marks are epoch milliseconds: a duration must be a whole number of them
     * (a finer one would be cut silently) and fit a long (a longer one would overflow in the running task).
     */
    private static void wholeMillis(String name, Duration duration) {
        requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + duration);
        }
        if (duration.compareTo(Duration.ofMillis(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + Long.MAX_VALUE + " ms ("
                    + Duration.ofMillis(Long.MAX_VALUE) + "), was " + duration);
        }
        if (duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(name + " must be a whole number of milliseconds, was " + duration);
        }
    }

    /**
     * The largest record {@link #config} lets this topology write, 16 MiB: a member's state grows by about 740 bytes a
     * purchase (1,120 with 5 basket lines), and at Kafka's default of 1 MiB the changelog record of a member with some
     * 1,330 purchases was refused, which stops the stream thread on that record after every restart. A state that
     * would not fit the producer's {@code max.request.size} is not stored: the event (or review) that made it is
     * rejected (docs/scale-out.md, "State and sizing").
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * Streams settings for this topology: exactly-once v2 (a record's store update, outputs and offset commit are one
     * Kafka transaction), one standby replica per store for fast fail-over, a 3-fold replicated changelog, and records
     * up to {@link #MAX_RECORD_BYTES} (the producer's {@code max.request.size} and the internal topics'
     * {@code max.message.bytes}; the output topics, which the operator creates, need the same).
     */
    public static Properties config(String applicationId, String bootstrapServers) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, requireNonNull(applicationId, "applicationId"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_RECORD_BYTES);
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), MAX_RECORD_BYTES);
        return props;
    }

    /**
     * The largest record the Streams application's producer sends, by {@code configs} (a Streams config): its
     * {@code max.request.size}, {@code producer.}-prefixed or not, else Kafka's default of 1 MiB; with
     * {@link #config} {@link #MAX_RECORD_BYTES}. A changelog record over it would stop the stream thread.
     */
    static int recordLimit(Map<?, ?> configs) {
        Object size = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (size == null) {
            size = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        if (size == null) {
            return KAFKA_DEFAULT_RECORD_BYTES;
        }
        return size instanceof Number number ? number.intValue() : Integer.parseInt(size.toString().strip());
    }

    /** Kafka's default {@code max.request.size} of a producer. */
    static final int KAFKA_DEFAULT_RECORD_BYTES = 1024 * 1024;
}
