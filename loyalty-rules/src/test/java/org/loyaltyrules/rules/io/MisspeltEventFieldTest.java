package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.rules.program.NearMiss;
import org.loyaltyrules.rules.program.Problem;

/**
 * A field an event does not know is kept as an attribute (docs/program-json.md), but one that is a near miss of a
 * field the event leaves out is most likely a typo: a required field left out names it in its error, an optional one
 * is a warning of the batch.
 */
class MisspeltEventFieldTest {

    private final EventReader reader = EventReader.of(ZoneId.of("UTC"), Currency.getInstance("USD"));

    private EventBatch read(String... lines) {
        return reader.readJsonLines(new StringReader(String.join("\n", lines)), "events.jsonl");
    }

    @Test
    void a_required_field_left_out_names_the_field_that_misspells_it() {
        EventBatch batch = read("{\"id\":\"p1\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\","
                + "\"amout\":\"120.50\"}");

        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field amount",
                "is required for a purchase (the amount paid, delivery and tax included; found \"amout\": a misspelling?)"));
        assertThat(batch.events()).isEmpty();
    }

    @Test
    void a_required_line_field_left_out_names_the_line_field_that_misspells_it() {
        EventBatch batch = read("{\"id\":\"p1\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\","
                + "\"amount\":\"50.00\",\"lines\":[{\"sku\":\"B1\",\"amuont\":\"30.00\"}]}");

        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field lines[0].amount",
                "is required (found \"amuont\": a misspelling?)"));
    }

    @Test
    void a_required_field_left_out_without_a_near_miss_is_only_required() {
        EventBatch batch = read("{\"id\":\"p1\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\","
                + "\"total\":\"120.50\"}");

        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field amount",
                "is required for a purchase (the amount paid, delivery and tax included)"));
    }

    @Test
    void an_optional_field_misspelt_is_kept_as_an_attribute_with_a_warning() {
        EventBatch batch = read("{\"id\":\"p1\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\","
                + "\"amount\":\"50.00\",\"chanel\":\"app\","
                + "\"lines\":[{\"sku\":\"B1\",\"catgory\":\"books\",\"amount\":\"30.00\"}]}");

        assertThat(batch.problems()).isEmpty();
        Purchase purchase = (Purchase) batch.events().get(0);
        assertThat(purchase.attributes()).isEqualTo(Map.of("chanel", "app"));
        assertThat(purchase.channel()).isEmpty();
        assertThat(purchase.lines().get(0).attributes()).isEqualTo(Map.of("catgory", "books"));
        assertThat(batch.warnings()).containsExactly(
                new Problem("events.jsonl:1 field chanel", "kept as an attribute; a misspelling of \"channel\"?"),
                new Problem("events.jsonl:1 field lines[0].catgory",
                        "kept as an attribute; a misspelling of \"category\"?"));
    }

    @Test
    void only_the_first_100_misspelling_warnings_are_kept() {
        // given: 101 purchases, each with "chanel" (a batch carries the first 100 warnings, docs/program-json.md)
        String[] lines = new String[101];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "{\"id\":\"p" + (i + 1) + "\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\","
                    + "\"amount\":\"5.00\",\"chanel\":\"app\"}";
        }

        // when
        EventBatch batch = read(lines);

        // then
        assertThat(batch.events()).hasSize(101);
        assertThat(batch.warnings()).hasSize(100);
        assertThat(batch.warnings().get(99)).isEqualTo(
                new Problem("events.jsonl:100 field chanel", "kept as an attribute; a misspelling of \"channel\"?"));
    }

    @Test
    void an_attribute_far_from_every_field_or_next_to_the_field_it_resembles_is_no_warning() {
        EventBatch batch = read(
                "{\"id\":\"p1\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\",\"amount\":\"5.00\","
                        + "\"store\":\"Lyon 2\",\"channel\":\"app\",\"channels\":\"app,web\"}",
                "{\"id\":\"p2\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\",\"amount\":\"5.00\","
                        + "\"ad\":\"x\"}");

        assertThat(batch.problems()).isEmpty();
        assertThat(batch.warnings()).isEmpty();
    }

    @Test
    void a_field_in_other_case_is_a_near_miss() {
        EventBatch batch = read("{\"id\":\"p1\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\","
                + "\"Amount\":\"5.00\"}");

        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field amount",
                "is required for a purchase (the amount paid, delivery and tax included; found \"Amount\": a misspelling?)"));
    }

    @Test
    void events_embedded_in_a_json_document_are_located_by_json_path_from_0() {
        List<String> when = List.of(
                "{\"id\":\"p1\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\",\"amount\":\"5.00\","
                        + "\"chanel\":\"app\"}",
                "{\"id\":\"p2\",\"member\":\"m1\",\"type\":\"purchase\",\"at\":\"2025-03-03\",\"amout\":\"5.00\"}");

        EventBatch batch = reader.readEmbedded(when, "s.json", "$.when");

        assertThat(batch.warnings()).containsExactly(new Problem("s.json $.when[0].chanel",
                "kept as an attribute; a misspelling of \"channel\"?"));
        assertThat(batch.problems()).containsExactly(new Problem("s.json $.when[1].amount",
                "is required for a purchase (the amount paid, delivery and tax included; found \"amout\": a misspelling?)"));
        assertThat(batch.records()).isEqualTo(2);
    }

    @Test
    void near_means_two_edits_from_a_long_name_and_one_from_a_short_one() {
        assertThat(NearMiss.of("amuont", List.of("amount"))).contains("amount"); // a swap is one edit
        assertThat(NearMiss.of("chanl", List.of("channel"))).contains("channel");
        assertThat(NearMiss.of("chnl", List.of("channel"))).isEmpty();
        assertThat(NearMiss.of("tag", List.of("tax"))).contains("tax");
        assertThat(NearMiss.of("id", List.of("at"))).isEmpty();
    }
}
