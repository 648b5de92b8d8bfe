package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.LoyaltyEngine;

/** The time Kafka Streams gives a record of the events topic: its event's, a heartbeat's own, or no new time. */
class EventTimeTest {

    private static final EventTime TIME = new EventTime(Topologies.retailBasic(), LeadLimit.off());
    private static final long Y2099 = Instant.parse("2099-01-01T00:00:00Z").toEpochMilli();
    private static final long PARTITION_TIME = Instant.parse("2025-03-02T10:00:00Z").toEpochMilli();
    private static final String P1 = "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\","
            + "\"at\":\"2025-03-01T10:00:00.123456Z\",\"amount\":\"10.00\"}";

    @Test
    void an_event_is_timed_by_its_at_in_whole_milliseconds_whatever_its_record_timestamp() {
        assertThat(TIME.extract(record("m1", P1, Y2099), PARTITION_TIME))
                .isEqualTo(Instant.parse("2025-03-01T10:00:00.123Z").toEpochMilli());
    }

    @Test
    void an_event_dated_without_a_time_is_timed_at_the_start_of_its_day_in_the_program_zone() {
        // costco-executive's zone is America/Los_Angeles: 2025-03-05 starts at 08:00 UTC
        EventTime costco = new EventTime(LoyaltyEngine.load(Path.of("../loyalty-examples/programs/costco-executive")),
                LeadLimit.off());
        String dated = "{\"id\":\"p4\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-05\","
                + "\"amount\":\"1.00\"}";

        assertThat(costco.extract(record("m1", dated, Y2099), PARTITION_TIME))
                .isEqualTo(Instant.parse("2025-03-05T08:00:00Z").toEpochMilli());
    }

    @Test
    void an_event_dated_more_than_the_max_lead_ahead_of_the_wall_clock_keeps_the_partition_time() {
        // given: a lead of one day from the wall clock 2025-03-02T12:00Z
        EventTime time = new EventTime(Topologies.retailBasic(), new LeadLimit(Duration.ofDays(1),
                Clock.fixed(Instant.parse("2025-03-02T12:00:00Z"), ZoneOffset.UTC)));
        String dayAhead = P1.replace("2025-03-01T10:00:00.123456Z", "2025-03-03T12:00:00Z");
        String beyond = P1.replace("2025-03-01T10:00:00.123456Z", "2025-03-03T12:00:00.001Z");
        String century = P1.replace("2025-03-01T10:00:00.123456Z", "2125-03-02T11:00:00Z");

        // then: one day ahead is in time; a millisecond more, or a mistyped year, moves nothing
        assertThat(time.extract(record("m1", dayAhead, Y2099), PARTITION_TIME))
                .isEqualTo(Instant.parse("2025-03-03T12:00:00Z").toEpochMilli());
        assertThat(time.extract(record("m1", beyond, Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(time.extract(record("m1", century, Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(time.extract(record("m1", century, Y2099), -1)).isZero();
        // a lead of zero is no limit
        assertThat(TIME.extract(record("m1", century, Y2099), PARTITION_TIME))
                .isEqualTo(Instant.parse("2125-03-02T11:00:00Z").toEpochMilli());
    }

    @Test
    void a_heartbeat_is_timed_by_its_record_timestamp() {
        assertThat(TIME.extract(record(null, null, Y2099), PARTITION_TIME)).isEqualTo(Y2099);
    }

    @Test
    void a_record_the_topology_rejects_keeps_the_partition_time_whatever_it_says() {
        String datedLate = P1.replace("2025-03-01T10:00:00.123456Z", "2099-01-01T00:00:00Z");

        assertThat(TIME.extract(record("m3", "{garbage", Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(TIME.extract(record("m2", datedLate, Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(TIME.extract(record(null, datedLate, Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(TIME.extract(record("m1", null, Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(TIME.extract(record("m1", P1 + "\n" + P1, Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        // a value that is not UTF-8 (here ISO-8859-1's "é" in the member id)
        assertThat(TIME.extract(sent("m1", P1.replace("m1", "m\u00e9").getBytes(StandardCharsets.ISO_8859_1), Y2099),
                PARTITION_TIME)).isEqualTo(PARTITION_TIME);
    }

    @Test
    void a_record_without_a_time_of_its_own_is_timed_zero_while_the_partition_has_no_time_yet() {
        // Kafka Streams passes -1 for a partition without time, and drops a record timed below 0 unprocessed
        String before1970 = P1.replace("2025-03-01T10:00:00.123456Z", "1969-12-31T00:00:00Z");

        assertThat(TIME.extract(record("m3", "{garbage", Y2099), -1)).isZero();
        assertThat(TIME.extract(record("m1", before1970, Y2099), -1)).isZero();
        assertThat(TIME.extract(record("m1", before1970, Y2099), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
        assertThat(TIME.extract(record(null, null, -1), PARTITION_TIME)).isEqualTo(PARTITION_TIME);
    }

    private static ConsumerRecord<Object, Object> record(String key, String value, long timestamp) {
        return sent(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    /** A record as the source reads it: the key as a string, the value as the bytes sent. */
    private static ConsumerRecord<Object, Object> sent(String key, byte[] value, long timestamp) {
        return new ConsumerRecord<>("loyalty.events", 0, 7, timestamp, TimestampType.CREATE_TIME, -1, -1, key, value,
                new RecordHeaders(), Optional.empty());
    }
}
