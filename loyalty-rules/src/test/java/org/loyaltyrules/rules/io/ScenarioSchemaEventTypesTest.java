package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/scenario.schema.json names the event types the event reader knows, no more and no fewer. */
class ScenarioSchemaEventTypesTest {

    @Test
    void the_schema_event_type_enum_is_the_readers_list_of_event_types() throws IOException {
        // given
        JsonNode schema = new ObjectMapper().readTree(Path.of("../docs/scenario.schema.json").toFile());

        // when
        List<String> enumerated = new ArrayList<>();
        schema.at("/$defs/event/properties/type/enum").forEach(t -> enumerated.add(t.asText()));

        // then: the same types in the same order, fee_refund included
        assertThat(enumerated).containsExactlyElementsOf(JsonEvents.TYPES);
    }
}
