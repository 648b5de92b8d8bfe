package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.kafka.Topologies.Io;

/**
 * An events record must be UTF-8, as an event file must: a producer that writes Latin-1 would otherwise have its
 * accented member ids read as U+FFFD, and two customers ("José", "Josá") would become one member.
 */
class NonUtf8RecordsTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void records_that_are_not_utf8_are_rejected_naming_the_byte_and_two_latin1_names_never_merge() {
        try (TopologyTestDriver driver = Topologies.driver(Topologies.retailBasic(), dir, Duration.ZERO)) {
            Io io = Io.of(driver);
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topologies.TOPICS.events(),
                    new StringSerializer(), new ByteArraySerializer());

            // when: "José" and "Josá" in ISO-8859-1 (é = 0xE9, á = 0xE1), then "José" in UTF-8
            raw.pipeInput("Jos\uFFFD", purchase("p1", "José", "300.00").getBytes(StandardCharsets.ISO_8859_1), AT);
            raw.pipeInput("Jos\uFFFD", purchase("p2", "Josá", "300.00").getBytes(StandardCharsets.ISO_8859_1), AT);
            raw.pipeInput("José", purchase("p3", "José", "300.00").getBytes(StandardCharsets.UTF_8), AT);

            // then: the two Latin-1 records are rejected with the byte that is not UTF-8; the UTF-8 one applies
            assertThat(io.rejected().readValuesToList()).containsExactly(
                    "{\"source\":\"loyalty.events/0@0\",\"problem\":\"record value is not UTF-8 text (byte 0xE9 at"
                            + " line 1 is not UTF-8); save it as UTF-8\",\"value\":\""
                            + purchase("p1", "Jos\uFFFD", "300.00").replace("\"", "\\\"") + "\"}",
                    "{\"source\":\"loyalty.events/0@1\",\"problem\":\"record value is not UTF-8 text (byte 0xE1 at"
                            + " line 1 is not UTF-8); save it as UTF-8\",\"value\":\""
                            + purchase("p2", "Jos\uFFFD", "300.00").replace("\"", "\\\"") + "\"}");
            assertThat(io.decisions().readValuesToList()).containsExactly("{\"event\":\"p3\",\"member\":\"José\","
                    + "\"program\":\"2026.1\",\"outcome\":\"APPLIED\",\"points\":300}");
        }
    }

    private static String purchase(String id, String member, String amount) {
        return "{\"id\":\"" + id + "\",\"type\":\"purchase\",\"member\":\"" + member + "\",\"at\":\"" + AT
                + "\",\"amount\":\"" + amount + "\"}";
    }
}
