package org.loyaltyrules.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.loyaltyrules.rules.LoyaltyEngine;

/**
 * The time of a record of the events topic, which Kafka Streams takes as the partition's and the task's stream time
 * (their largest record time) and so as the clock of the scheduled reviews: the time of the event the record holds,
 * its {@code at}, never the record's Kafka timestamp, which a producer sets as it likes (by default to the wall clock
 * when it sends). A heartbeat (neither key nor value) keeps its record timestamp: moving time is what it is for. A
 * record the processor rejects (not readable, not one event, keyed by another member, {@link InputRecord}) is given
 * the partition's time so far, so it moves no clock whatever it is stamped with: Kafka Streams would drop it
 * unprocessed with a negative time, and it must reach the rejected topic. The same for a time before 1970 (an event
 * of the 1960s, a heartbeat without a timestamp), and 0 while the partition has no time yet. An event dated more than
 * the {@link LeadLimit} ahead of the wall clock is such a rejected record: Kafka Streams takes stream time from what
 * this extractor returns, before the processor sees the record, so here is the only place where a mistyped year can
 * be kept from moving it. Stateless, as Kafka Streams requires: one instance serves every task and stream thread of
 * the topology.
 */
final class EventTime implements TimestampExtractor {

    private final LoyaltyEngine engine;
    private final LeadLimit lead;

    EventTime(LoyaltyEngine engine, LeadLimit lead) {
        this.engine = engine;
        this.lead = lead;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        // the source's deserializers are String's for the key, the bytes as sent for the value (LoyaltyTopology)
        InputRecord input = InputRecord.read(engine, (String) record.key(), (byte[]) record.value(), "events",
                lead);
        long time = -1;
        if (input instanceof InputRecord.Heartbeat) {
            time = record.timestamp();
        } else if (input instanceof InputRecord.OneEvent one) {
            time = one.event().at().toEpochMilli(); // the reader takes years 1900..2199 only: no overflow
        }
        return time >= 0 ? time : Math.max(partitionTime, 0);
    }
}
