package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.rules.program.Problem;

/**
 * The fields each event type requires, and what each holds, are one table: the reader's ({@link JsonEvents#REQUIRED}),
 * which its bad-line messages quote, and docs/program-json.md's event table prints the same words.
 */
class ProgramJsonEventTableTest {

    private final EventReader reader = EventReader.of(ZoneId.of("UTC"), Currency.getInstance("USD"));

    @Test
    void the_docs_event_table_lists_the_required_fields_and_what_they_hold_in_the_readers_words() throws IOException {
        // given: the rows of docs/program-json.md's event table, type -> last column
        Map<String, Map<String, String>> documented = new LinkedHashMap<>();
        for (String row : Files.readAllLines(Path.of("../docs/program-json.md"))) {
            if (!row.startsWith("| `")) {
                continue;
            }
            String[] cells = row.split(" \\| ", -1);
            String type = cells[0].substring("| `".length(), cells[0].length() - 1);
            if (!JsonEvents.TYPES.contains(type) || cells.length != 3) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            String required = cells[2].endsWith("|") ? cells[2].substring(0, cells[2].length() - 1).trim()
                    : cells[2].trim();
            for (String entry : required.isEmpty() ? new String[0] : required.split("; ")) {
                int colon = entry.indexOf("`: ");
                fields.put(entry.substring(1, colon), entry.substring(colon + 3));
            }
            documented.put(type, fields);
        }

        // then: every type, with the same fields in the same order and the same words
        assertThat(documented.keySet()).containsExactlyElementsOf(JsonEvents.TYPES);
        JsonEvents.TYPES.forEach(type -> assertThat(documented.get(type)).as(type)
                .containsExactlyEntriesOf(JsonEvents.REQUIRED.get(type)));
    }

    @Test
    void a_required_field_left_out_names_the_event_type_and_what_the_field_holds() {
        // when: the audit's lines, a refund without original and a membership fee without its term
        EventBatch batch = reader.readJsonLines(new StringReader(String.join("\n",
                "{\"id\":\"r1\",\"type\":\"refund\",\"member\":\"m1\",\"at\":\"2025-04-01T10:00:00Z\",\"amount\":\"1.00\"}",
                "{\"id\":\"f1\",\"type\":\"membership_fee\",\"member\":\"m1\",\"at\":\"2025-04-01T10:00:00Z\","
                        + "\"amount\":\"1.00\",\"tier\":\"gold\"}",
                "{\"id\":\"a1\",\"type\":\"adjustment\",\"member\":\"m1\",\"at\":\"2025-04-01T10:00:00Z\",\"points\":5}",
                "{\"id\":\"p1\",\"type\":\"purchase\",\"at\":\"2025-04-01T10:00:00Z\",\"amount\":\"1.00\"}")),
                "bad.jsonl");

        // then: a field every event has says only that it is required
        assertThat(batch.problems()).containsExactly(
                new Problem("bad.jsonl:1 field original", "is required for a refund (the id of the purchase refunded)"),
                new Problem("bad.jsonl:2 field termMonths",
                        "is required for a membership_fee (the months the fee pays for, 12 for annual)"),
                new Problem("bad.jsonl:3 field reason",
                        "is required for an adjustment (why the member's points or status change)"),
                new Problem("bad.jsonl:4 field member", "is required"));
    }

    @Test
    void a_required_field_left_out_and_misspelt_names_the_type_what_it_holds_and_the_misspelling() {
        // when
        EventBatch batch = reader.readJsonLines(new StringReader("{\"id\":\"r9\",\"type\":\"refund\",\"member\":"
                + "\"m1\",\"at\":\"2025-04-05T10:00:00Z\",\"orignal\":\"p2\",\"amount\":\"1.00\"}"), "events.jsonl");

        // then
        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field original",
                "is required for a refund (the id of the purchase refunded; found \"orignal\": a misspelling?)"));
    }
}
