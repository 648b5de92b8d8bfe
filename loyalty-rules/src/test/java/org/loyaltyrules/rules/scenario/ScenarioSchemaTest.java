package org.loyaltyrules.rules.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.rules.program.ProgramException;

/**
 * docs/scenario.schema.json, checked with a JSON Schema validator (draft 2020-12) against the scenario files authors
 * copy from: every reference program's scenarios and the examples of docs/scenarios.md.
 */
class ScenarioSchemaTest {

    static final Path SCHEMA = Path.of("../docs/scenario.schema.json");
    private static final Path PROGRAMS = Path.of("../loyalty-examples/programs");
    private static final List<Path> GUIDES = List.of(Path.of("../docs/scenarios.md"),
            Path.of("../docs/rule-authoring.md"));

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The schema as a validator; the problems of a document are "$.path: message" lines. */
    static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.readTree(SCHEMA.toFile()));
    }

    static List<String> problems(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    @Test
    void every_reference_scenario_is_valid_by_the_schema() throws IOException {
        // given
        Schema schema = schema();
        List<Path> files;
        try (Stream<Path> programs = Files.list(PROGRAMS)) {
            files = programs.filter(p -> Files.isDirectory(p.resolve("scenarios"))).sorted()
                    .flatMap(p -> Scenario.files(p.resolve("scenarios")).stream()).toList();
        }

        // when
        List<String> invalid = new ArrayList<>();
        for (Path file : files) {
            String name = PROGRAMS.relativize(file).toString();
            problems(schema, JSON.readTree(file.toFile())).forEach(p -> invalid.add(name + " " + p));
        }

        // then
        assertThat(files).hasSizeGreaterThanOrEqualTo(48);
        assertThat(invalid).isEmpty();
    }

    @Test
    void every_scenario_example_of_the_guides_is_valid_by_the_schema_and_loads() throws IOException {
        // given: each ```json block of docs/scenarios.md and docs/rule-authoring.md that is a whole scenario
        Schema schema = schema();
        List<String> invalid = new ArrayList<>();
        int examples = 0;

        // when
        for (Path guide : GUIDES) {
            for (String example : scenarioBlocks(Files.readString(guide))) {
                examples++;
                problems(schema, JSON.readTree(example)).forEach(p -> invalid.add(guide + ": " + example + "\n" + p));
                Scenario.parse(example, guide.toString(), "example");
            }
        }

        // then: one example in each guide
        assertThat(examples).isEqualTo(2);
        assertThat(invalid).isEmpty();
    }

    @Test
    void the_schema_requires_one_of_the_readers_expectations() throws IOException {
        // given
        JsonNode then = JSON.readTree(SCHEMA.toFile()).at("/properties/then");

        // when
        List<String> required = new ArrayList<>();
        then.get("anyOf").forEach(r -> required.add(r.get("required").get(0).asText()));
        List<String> properties = new ArrayList<>();
        then.get("properties").fieldNames().forEachRemaining(properties::add);

        // then
        assertThat(required).containsExactlyElementsOf(Scenario.EXPECTATIONS);
        assertThat(properties).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Scenario.EXPECTATIONS.stream(), Stream.of("asOf")).toList());
    }

    @Test
    void the_schema_enums_are_the_values_the_reader_accepts() throws IOException {
        // given
        JsonNode then = JSON.readTree(SCHEMA.toFile()).at("/properties/then/properties");

        // when / then
        assertThat(texts(then.at("/status/enum"))).containsExactlyElementsOf(Scenario.STATUSES);
        assertThat(texts(then.at("/postings/items/properties/type/enum"))).containsExactlyElementsOf(
                Scenario.POSTING_TYPES);
        assertThat(texts(then.at("/benefits/items/properties/outcome/enum"))).containsExactlyElementsOf(
                Scenario.BENEFIT_OUTCOMES);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    /** Scenario texts the schema and the reader must judge alike: the audit's probes and their valid neighbours. */
    static Stream<Arguments> probes() {
        return Stream.of(
                then("one expectation", "{'pointsAwarded': 120}"),
                named("a name", "'earning/01-base'"),
                named("a blank name", "' '"),
                named("an empty name", "''"),
                named("a name of a no-break space", "'\\u00a0'"),
                then("a cap named only", "{'caps': [{'cap': 'daily-points'}]}"),
                then("a null expectation", "{'pointsAwarded': null}"),
                then("asOf only", "{'asOf': '2025-04-01'}"),
                then("asOf a date", "{'asOf': '2025-04-01', 'tier': 'member'}"),
                then("asOf a basic date", "{'asOf': '20250401', 'tier': 'member'}"),
                then("asOf a local date-time", "{'asOf': '2025-04-01T10:00', 'tier': 'member'}"),
                then("asOf a local date-time with a space", "{'asOf': '2025-04-01 10:00:00.5', 'tier': 'member'}"),
                then("asOf an instant", "{'asOf': '2025-04-01T10:00:00Z', 'tier': 'member'}"),
                then("asOf with an offset", "{'asOf': '2025-04-01T10:00+01', 'tier': 'member'}"),
                then("asOf a word", "{'asOf': 'tomorrow', 'tier': 'member'}"),
                then("asOf with a space before it", "{'asOf': ' 2025-04-01', 'tier': 'member'}"),
                then("asOf in epoch milliseconds", "{'asOf': '1741168800000', 'tier': 'member'}"),
                given("enrolledAt an instant", "{'enrolledAt': '2025-01-01T00:00:00Z'}"),
                given("enrolledAt in US order", "{'enrolledAt': '03/03/2025'}"),
                then("an empty then", "{}"),
                Arguments.of("no then", quoted("{" + WHEN + "}")),
                given("a null member", "{'member': null}"),
                then("an integer written 120.0", "{'pointsAwarded': 120.0}"),
                then("an integer with a fraction", "{'pointsAwarded': 120.5}"),
                then("growth as a number", "{'growth': 120.5}"),
                then("growth as a string", "{'growth': '-120.50'}"),
                then("growth with a unit", "{'growth': '120 USD'}"),
                then("growth with an exponent", "{'growth': '1E3'}"),
                given("an empty member", "{'member': ''}"),
                given("a blank member", "{'member': '  '}"),
                given("distinct tags", "{'tags': ['a', 'b']}"),
                given("a tag twice", "{'tags': ['a', 'a']}"),
                then("a posting without points", "{'postings': [{'rule': 'r'}]}"),
                then("a cap without its id", "{'caps': [{'withheld': 1}]}"),
                then("a benefit without outcome", "{'benefits': [{'benefit': 'b'}]}"),
                then("a misspelt cap field", "{'caps': [{'cap': 'c', 'headroom': 0, 'witheld': 999}]}"),
                then("a misspelt posting field", "{'postings': [{'points': 120, 'rul': 'r'}]}"),
                then("a misspelt benefit field", "{'benefits': [{'benefit': 'b', 'outcom': 'GRANTED'}]}"),
                then("a status in capitals", "{'status': 'ACTIVE'}"),
                then("a status in lower case", "{'status': 'Active'}"),
                then("a posting type in lower case", "{'postings': [{'type': 'earn', 'points': 1}]}"),
                then("a benefit outcome in lower case", "{'benefits': [{'benefit': 'b', 'outcome': 'granted'}]}"),
                then("a refusal expected by id", "{'refusals': {'p1': 'CURRENCY_MISMATCH'}}"),
                then("an empty refusals", "{'refusals': {}}"),
                then("a blank refusal code", "{'refusals': {'p1': ' '}}"),
                then("a null refusal code", "{'refusals': {'p1': null}}"),
                Arguments.of("an event id and member written as numbers", quoted("{'given': {'member': '12345'},"
                        + " 'when': [{'id': 17, 'member': 12345, 'type': 'purchase', 'at': '2025-03-03T10:00:00Z',"
                        + " 'amount': '1'}], 'then': {'pointsAwarded': 1}}")),
                when("an event id with a fraction",
                        "{'id': 1.5, 'type': 'purchase', 'at': '2025-03-03T10:00:00Z', 'amount': '1'}"),
                when("an event id written 2.0",
                        "{'id': 2.0, 'type': 'purchase', 'at': '2025-03-03T10:00:00Z', 'amount': '1'}"),
                when("a blank event id",
                        "{'id': ' ', 'type': 'purchase', 'at': '2025-03-03T10:00:00Z', 'amount': '1'}"),
                when("an event time written as a number",
                        "{'id': 'p1', 'type': 'purchase', 'at': 20250303, 'amount': '1'}"),
                when("an event id of a no-break space",
                        "{'id': '\\u00a0', 'type': 'purchase', 'at': '2025-03-03T10:00:00Z', 'amount': '1'}"),
                when("an event id of a control character",
                        "{'id': '\\u0001', 'type': 'purchase', 'at': '2025-03-03T10:00:00Z', 'amount': '1'}"),
                when("an event member of an ideographic space",
                        "{'member': '\\u3000', 'type': 'purchase', 'at': '2025-03-03T10:00:00Z', 'amount': '1'}"),
                given("a member of a no-break space", "{'member': '\\u00a0'}"),
                then("a refusal code of a no-break space", "{'refusals': {'p1': '\\u00a0'}}"),
                then("the largest long", "{'pointsAwarded': 9223372036854775807}"),
                then("one more than the largest long", "{'pointsAwarded': 9223372036854775808}"),
                then("the smallest long", "{'pointsAvailable': -9223372036854775808}"),
                then("an integer of 1e30", "{'pointsAwarded': 1e30}"),
                then("a cap's withheld of 1e30", "{'caps': [{'cap': 'c', 'withheld': 1e30}]}"),
                then("a posting of 1e19 points", "{'postings': [{'points': 1e19}]}"),
                then("an empty posting rule", "{'postings': [{'points': 120, 'rule': ''}]}"),
                then("a blank posting rule", "{'postings': [{'points': 120, 'rule': ' '}]}"),
                when("an event member as an object",
                        "{'member': {'id': 1}, 'type': 'purchase', 'at': '2025-03-03T10:00:00Z', 'amount': '1'}"));
    }

    private static final String WHEN = "'when': [{'id': 'p1', 'type': 'purchase', 'at': '2025-03-03T10:00:00Z',"
            + " 'amount': '120.50'}]";

    /** A purchase scenario with this {@code then} (JSON written with single quotes). */
    private static Arguments then(String probe, String then) {
        return Arguments.of(probe, quoted("{" + WHEN + ", 'then': " + then + "}"));
    }

    /** A purchase scenario with this {@code name} (a JSON value written with single quotes). */
    private static Arguments named(String probe, String name) {
        return Arguments.of(probe, quoted("{'name': " + name + ", " + WHEN + ", 'then': {'pointsAwarded': 120}}"));
    }

    /** A purchase scenario with this {@code given} and a valid {@code then}. */
    private static Arguments given(String probe, String given) {
        return Arguments.of(probe, quoted("{'given': " + given + ", " + WHEN + ", 'then': {'pointsAwarded': 120}}"));
    }

    /** A scenario whose one when-event is this event (JSON written with single quotes). */
    private static Arguments when(String probe, String event) {
        return Arguments.of(probe, quoted("{'when': [" + event + "], 'then': {'pointsAwarded': 1}}"));
    }

    private static String quoted(String json) {
        return json.replace('\'', '"');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void the_schema_and_the_reader_accept_and_refuse_the_same_scenarios(String probe, String json) throws IOException {
        // given
        Schema schema = schema();

        // when
        List<String> schemaProblems = problems(schema, JSON.readTree(json));
        String readerProblem = null;
        try {
            Scenario.parse(json, "s.json", "s");
        } catch (ProgramException e) {
            readerProblem = e.problems().toString();
        }

        // then
        assertThat(schemaProblems.isEmpty())
                .as("schema %s, reader %s", schemaProblems, readerProblem)
                .isEqualTo(readerProblem == null);
    }

    /**
     * What JSON Schema cannot say, which the reader refuses and docs/scenarios.md lists: a key written twice (a JSON
     * parser keeps one), a day that does not exist (a pattern checks the form only), an event of another member
     * than given.member (a schema cannot compare two values of the document).
     */
    static Stream<Arguments> beyondTheSchema() {
        return Stream.of(
                Arguments.of(quoted("{" + WHEN + ", 'then': {'pointsAwarded': 1, 'pointsAwarded': 120}}"),
                        "[s.json:1:140: not valid JSON: Duplicate field 'pointsAwarded']"),
                Arguments.of(quoted("{'given': {'enrolledAt': '2025-02-30'}, " + WHEN
                        + ", 'then': {'pointsAwarded': 120}}"), "[s.json $.given.enrolledAt: must be an ISO instant with Z or an offset"
                        + " (2025-03-03T10:00:00Z, 2025-03-03T11:00:00+01:00), a local date-time in the program's zone"
                        + " (2025-03-03T10:00:00), an ISO date (2025-03-03) or YYYYMMDD, was \"2025-02-30\"]"),
                Arguments.of(quoted("{'given': {'member': 'm1'}, 'when': [{'member': 'm2', 'type': 'purchase',"
                        + " 'at': '2025-03-03T10:00:00Z', 'amount': '1'}], 'then': {'pointsAwarded': 1}}"),
                        "[s.json $.when[0].member: must be the scenario's member \"m1\" (given.member), was \"m2\";"
                        + " a scenario tests one member]"));
    }

    @ParameterizedTest
    @MethodSource("beyondTheSchema")
    void the_reader_refuses_what_the_schema_cannot_express(String json, String problem) throws IOException {
        // given
        Schema schema = schema();

        // when
        List<String> schemaProblems = problems(schema, JSON.readTree(json));
        ProgramException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Scenario.parse(json, "s.json", "s"), ProgramException.class);

        // then
        assertThat(schemaProblems).isEmpty();
        assertThat(refused.problems()).hasToString(problem);
    }

    @Test
    void the_schemas_patterns_for_names_ids_and_times_are_the_readers() throws IOException {
        // given
        JsonNode root = JSON.readTree(SCHEMA.toFile());

        // when
        List<String> visible = Stream.of("/properties/name", "/properties/given/properties/member",
                "/$defs/event/properties/id", "/$defs/event/properties/member",
                "/properties/then/properties/postings/items/properties/rule",
                "/properties/then/properties/refusals/additionalProperties")
                .map(p -> root.at(p + "/pattern").asText()).toList();
        List<String> times = Stream.of("/properties/given/properties/enrolledAt", "/properties/then/properties/asOf")
                .map(p -> root.at(p + "/pattern").asText()).toList();

        // then
        assertThat(visible).containsOnly(Scenario.VISIBLE.pattern());
        assertThat(times).containsOnly(Scenario.TIME.pattern());
    }

    /** The ```json blocks of a Markdown text that hold a whole scenario. */
    static List<String> scenarioBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            if (m.group(1).contains("\"when\"")) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }
}
