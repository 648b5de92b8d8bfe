package org.loyaltyrules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Records the topology writes stay within what it asks Kafka to take: Kafka refuses a record over the producer's
 * max.request.size or the topic's max.message.bytes (1 MiB by default), and Streams' default handler then stops the
 * stream thread on that record after every restart (Kafka audit F1).
 */
class RecordSizesTest {

    @Test
    void the_config_lets_the_producer_and_the_internal_topics_take_records_of_16_mib() {
        Properties props = LoyaltyTopology.config("app", "broker:9092");

        // a member's state grows by about 740 bytes a purchase: 1 MiB was some 1,330 purchases
        assertThat(props.get("producer.max.request.size")).isEqualTo(16_777_216);
        assertThat(props.get("topic.max.message.bytes")).isEqualTo(16_777_216);
    }

    @Test
    void a_rejected_record_echoes_at_most_ten_thousand_characters_of_its_value_and_says_how_long_it_was()
            throws Exception {
        // given an unreadable value of 900,034 characters (a broker takes it): echoed whole and JSON-escaped it
        // made a 1,263,529-byte dead-letter record
        String value = "{\"id\":\"p1\",\"attributes\":{\"note\":\"" + "\"".repeat(900_000) + "x";

        // when
        String rejected = OutputJson.rejected("loyalty.events/0@7", "loyalty.events/0@7:1: not JSON", value);

        // then
        JsonNode node = new ObjectMapper().readTree(rejected);
        assertThat(value).hasSize(900_034);
        assertThat(node.get("valueChars").asInt()).isEqualTo(900_034);
        assertThat(node.get("value").asText()).startsWith("{\"id\":\"p1\"").endsWith("... (cut at 10000 of 900034"
                + " characters)").hasSize(10_000 + " (cut at 10000 of 900034 characters)".length() + 3);
        assertThat(node.get("problem").asText()).isEqualTo("loyalty.events/0@7:1: not JSON");
        assertThat(rejected.length()).isLessThan(25_000);
    }

    @Test
    void a_rejected_record_of_ordinary_size_is_echoed_whole_without_a_length() throws Exception {
        String rejected = OutputJson.rejected("loyalty.events/0@2", "bad", "{\"id\":\"x1\"}");

        assertThat(rejected).isEqualTo("{\"source\":\"loyalty.events/0@2\",\"problem\":\"bad\",\"value\":"
                + "\"{\\\"id\\\":\\\"x1\\\"}\"}");
    }

    @Test
    void a_cut_does_not_split_an_emoji_in_two() throws Exception {
        // a surrogate pair cut after its first half is written as '?' in UTF-8 (review F7)
        String value = "x".repeat(9_999) + "\uD83D\uDE00" + "y".repeat(40);

        String cut = new ObjectMapper().readTree(OutputJson.rejected("s", "p", value)).get("value").asText();

        assertThat(cut).isEqualTo("x".repeat(9_999) + "... (cut at 9999 of 10041 characters)");
    }

    @Test
    void a_record_without_a_key_is_told_so_not_as_the_key_null() {
        InputRecord read = InputRecord.read(Topologies.retailBasic(), null, ("{\"id\":\"p1\",\"type\":\"purchase\","
                + "\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\",\"amount\":\"10.00\"}").getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "loyalty.events/0@1", LeadLimit.off());

        assertThat(read).isEqualTo(new InputRecord.Rejected("record has no key; the key must be the event's member"
                + " \"m1\""));
    }
}
