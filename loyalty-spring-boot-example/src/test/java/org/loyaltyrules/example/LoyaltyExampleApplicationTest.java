package org.loyaltyrules.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.loyaltyrules.jdbc.LoyaltyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.util.FileSystemUtils;

/**
 * The example service over real HTTP (random port, embedded H2, retail-basic copied to a temporary folder so that
 * the hot-reload tests can change it). Tests run in order: later ones see the members earlier ones created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoyaltyExampleApplicationTest {

    static final Path RETAIL_BASIC = Path.of("../loyalty-examples/programs/retail-basic");
    static final Path PROGRAM = copyOfRetailBasic();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE_RULE = "Purchases earn base points at the program rate";

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.loyaltyrules.rules.LoyaltyEngine engine;

    /** The real service; a test makes it throw for chosen event ids. */
    @MockitoSpyBean
    LoyaltyService service;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("loyalty.program-dir", PROGRAM::toString);
        registry.add("loyalty.reload.interval", () -> "100ms");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:example-http;DB_CLOSE_DELAY=-1");
    }

    static Path copyOfRetailBasic() {
        try {
            Path target = Files.createTempDirectory("loyalty-example").resolve("retail-basic");
            FileSystemUtils.copyRecursively(RETAIL_BASIC, target);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void removeProgramCopy() throws IOException {
        FileSystemUtils.deleteRecursively(PROGRAM.getParent());
    }

    private ResponseEntity<JsonNode> post(String event) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/events", HttpMethod.POST, new HttpEntity<>(event, headers), JsonNode.class);
    }

    private static void edit(String from, String to) throws IOException {
        Path json = PROGRAM.resolve("program.json");
        String text = Files.readString(json);
        assertThat(text).contains(from);
        Files.writeString(json, text.replace(from, to));
    }

    /** The health endpoint's loyalty details once {@code condition} holds (the reloader polls every 100 ms). */
    private JsonNode healthWhen(java.util.function.Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode loyalty;
        do {
            loyalty = http.getForObject("/actuator/health", JsonNode.class).at("/components/loyalty");
            if (condition.test(loyalty)) {
                return loyalty;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return loyalty;
    }

    @Test
    @Order(1)
    void a_purchase_posted_earns_points_and_the_decision_explains_them() {
        ResponseEntity<JsonNode> response = post("""
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"120.50"}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode d = response.getBody();
        assertThat(d.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(d.get("program").asText()).isEqualTo("2026.1");
        assertThat(d.get("points").asLong()).isEqualTo(120);
        assertThat(d.at("/postings/0/type").asText()).isEqualTo("EARN");
        assertThat(d.at("/postings/0/points").asLong()).isEqualTo(120);
        assertThat(d.at("/postings/0/rule").asText()).isEqualTo(BASE_RULE);
        assertThat(d.at("/explanations/0/rule").asText()).isEqualTo(BASE_RULE);
        assertThat(d.at("/explanations/0/location").asText()).startsWith("standard:earning/base-earn.drl:");
    }

    @Test
    @Order(2)
    void the_same_event_posted_again_is_a_duplicate_and_changes_nothing() {
        ResponseEntity<JsonNode> response = post("""
                {"id":"p1","type":"purchase","member":"m1","at":"2025-03-03T10:00:00Z","amount":"120.50"}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(response.getBody().get("points").asLong()).isZero();
        assertThat(http.getForObject("/members/m1", JsonNode.class).get("pointsAvailable").asLong()
                + http.getForObject("/members/m1", JsonNode.class).get("pointsPending").asLong()).isEqualTo(120);
    }

    @Test
    @Order(3)
    void a_member_shows_tier_points_and_recent_postings_with_their_explanation() {
        ResponseEntity<JsonNode> response = http.getForEntity("/members/m1", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode m = response.getBody();
        assertThat(m.get("member").asText()).isEqualTo("m1");
        assertThat(m.get("version").asLong()).isEqualTo(1);
        assertThat(m.get("tier").asText()).isEqualTo("member");
        assertThat(m.at("/totals/earned").asLong()).isEqualTo(120);
        assertThat(m.get("recentPostings")).hasSize(1);
        assertThat(m.at("/recentPostings/0/event").asText()).isEqualTo("p1");
        assertThat(m.at("/recentPostings/0/rule").asText()).isEqualTo(BASE_RULE);
        assertThat(m.at("/recentPostings/0/explanation").asText()).isNotBlank();
    }

    @Test
    @Order(4)
    void an_unknown_member_is_404() {
        ResponseEntity<JsonNode> response = http.getForEntity("/members/nobody", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().toString())
                .isEqualTo("{\"errors\":[{\"location\":\"member\",\"message\":\"no member nobody\"}]}");
    }

    @Test
    @Order(5)
    void a_malformed_event_is_400_naming_the_field() {
        ResponseEntity<JsonNode> badAmount = post("""
                {"id":"p2","type":"purchase","member":"m1","at":"2025-03-04T10:00:00Z","amount":"twelve"}""");
        ResponseEntity<JsonNode> notJson = post("{\"id\":");

        assertThat(badAmount.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badAmount.getBody().at("/errors/0/location").asText()).isEqualTo("request:1 field amount");
        assertThat(notJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notJson.getBody().toString()).isEqualTo("""
                {"errors":[{"location":"request:1","message":"not valid JSON at column 7: Unexpected end-of-input \
                within/between Object entries"}]}""");
    }

    @Test
    @Order(6)
    void an_event_the_program_refuses_is_422_with_the_refusal() {
        // m1 holds 120 points: redeeming 5,000 is refused
        ResponseEntity<JsonNode> response = post("""
                {"id":"x1","type":"redemption","member":"m1","at":"2025-03-05T10:00:00Z","points":5000}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody().get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(response.getBody().at("/refusal/code").asText()).isNotBlank();
    }

    @Test
    @Order(7)
    void health_names_the_program_and_metrics_count_decisions_by_outcome() {
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        JsonNode applied = http.getForObject("/actuator/metrics/loyalty.decisions?tag=outcome:APPLIED", JsonNode.class);
        JsonNode duplicate = http.getForObject("/actuator/metrics/loyalty.decisions?tag=outcome:DUPLICATE",
                JsonNode.class);
        JsonNode refused = http.getForObject("/actuator/metrics/loyalty.decisions?tag=outcome:REFUSED", JsonNode.class);
        JsonNode issued = http.getForObject("/actuator/metrics/loyalty.points.issued", JsonNode.class);
        JsonNode latency = http.getForObject("/actuator/metrics/loyalty.evaluation", JsonNode.class);
        ResponseEntity<JsonNode> capsHit = http.getForEntity("/actuator/metrics/loyalty.caps.hit", JsonNode.class);

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/loyalty/details/program").asText()).isEqualTo("retail-basic");
        assertThat(health.at("/components/loyalty/details/version").asText()).isEqualTo("2026.1");
        assertThat(health.at("/components/loyalty/details/lastReloadFailed").asBoolean()).isFalse();
        assertThat(applied.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        assertThat(duplicate.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        assertThat(refused.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        assertThat(issued.at("/measurements/0/value").asDouble()).isEqualTo(120.0);
        assertThat(latency.at("/measurements/0/statistic").asText()).isEqualTo("COUNT");
        assertThat(latency.at("/measurements/0/value").asDouble()).isEqualTo(3.0);
        // no cap was hit yet: the counter of retail-basic's cap is there at 0
        assertThat(capsHit.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(capsHit.getBody().at("/measurements/0/value").asDouble()).isZero();
        assertThat(capsHit.getBody().at("/availableTags/0/tag").asText()).isEqualTo("cap");
        assertThat(capsHit.getBody().at("/availableTags/0/values").toString()).isEqualTo("[\"daily-points\"]");
    }

    @Test
    @Order(8)
    void a_changed_program_folder_is_reloaded_and_the_next_event_earns_under_it() throws Exception {
        edit("\"baseRate\": \"1\"", "\"baseRate\": \"2\"");
        edit("\"version\": \"2026.1\"", "\"version\": \"2026.2\"");

        JsonNode loyalty = healthWhen(h -> "2026.2".equals(h.at("/details/version").asText()));
        ResponseEntity<JsonNode> response = post("""
                {"id":"p3","type":"purchase","member":"m2","at":"2025-03-06T10:00:00Z","amount":"100.00"}""");

        assertThat(loyalty.at("/details/version").asText()).isEqualTo("2026.2");
        assertThat(loyalty.at("/details/reloads").asLong()).isEqualTo(1);
        assertThat(response.getBody().get("program").asText()).isEqualTo("2026.2");
        assertThat(response.getBody().get("points").asLong()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void a_broken_program_folder_keeps_the_old_program_serving_and_health_shows_the_compile_error() throws Exception {
        Files.writeString(PROGRAM.resolve("rules/earning/broken.drl"), """
                package org.loyaltyrules.rules.earning;
                rule "Broken" when this is not DRL then end
                """);

        JsonNode loyalty = healthWhen(h -> h.at("/details/lastReloadFailed").asBoolean());
        ResponseEntity<JsonNode> response = post("""
                {"id":"p4","type":"purchase","member":"m3","at":"2025-03-06T10:00:00Z","amount":"100.00"}""");

        assertThat(loyalty.at("/status").asText()).isEqualTo("UP");
        assertThat(loyalty.at("/details/lastReloadFailed").asBoolean()).isTrue();
        assertThat(loyalty.at("/details/compileErrors/0").asText()).contains("broken.drl:2");
        assertThat(response.getBody().get("program").asText()).isEqualTo("2026.2");
        assertThat(response.getBody().get("points").asLong()).isEqualTo(200);
        Files.delete(PROGRAM.resolve("rules/earning/broken.drl"));
    }

    @Test
    @Order(10)
    void export_returns_everything_held_and_erase_replaces_the_member_id_with_a_pseudonym() throws Exception {
        ResponseEntity<String> export = http.getForEntity("/members/m1/export", String.class);
        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode document = JSON.readTree(export.getBody());
        assertThat(document.get("format").asText()).isEqualTo("loyalty-member-export/1");
        assertThat(document.get("member").asText()).isEqualTo("m1");

        ResponseEntity<JsonNode> erased = http.exchange("/members/m1", HttpMethod.DELETE, null, JsonNode.class);

        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        String pseudonym = erased.getBody().get("pseudonym").asText();
        assertThat(pseudonym).startsWith("erased-");
        assertThat(http.getForEntity("/members/m1", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode kept = http.getForObject("/members/" + pseudonym, JsonNode.class);
        assertThat(kept.at("/totals/earned").asLong()).as("the ledger's totals stay for finance").isEqualTo(120);
        assertThat(http.exchange("/members/m1", HttpMethod.DELETE, null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @Order(11)
    void an_event_the_store_cannot_hold_is_422_with_the_store_limit_and_writes_nothing() {
        ResponseEntity<JsonNode> longId = post("""
                {"id":"%s","type":"purchase","member":"m7","at":"2025-03-03T10:00:00Z","amount":"10.00"}"""
                .formatted("e".repeat(201)));
        ResponseEntity<JsonNode> nanos = post("""
                {"id":"n1","type":"purchase","member":"m7","at":"2025-03-03T10:00:00.123456789Z","amount":"10.00"}""");

        assertThat(longId.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(longId.getBody().at("/refusal/code").asText()).isEqualTo("STORE_LIMIT");
        assertThat(longId.getBody().at("/refusal/detail").asText())
                .isEqualTo("event id must have at most 200 characters to be stored, had 201");
        assertThat(nanos.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(nanos.getBody().at("/refusal/detail").asText())
                .isEqualTo("at must be whole microseconds in years 1..9999 to be stored, was 2025-03-03T10:00:00.123456789Z");
        assertThat(http.getForEntity("/members/m7", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** A request exactly as given (no header added), answered as status and raw body. */
    private HttpResponse<String> raw(String method, String path, String body, String... headers) throws Exception {
        return rawBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private HttpResponse<String> rawBytes(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(12)
    void a_request_spring_turns_away_is_answered_with_the_errors_body_naming_what_is_wrong() throws Exception {
        String event = """
                {"id":"q1","type":"purchase","member":"m9","at":"2025-03-03T10:00:00Z","amount":"10.00"}""";

        HttpResponse<String> empty = raw("POST", "/events", "", "Content-Type", "application/json");
        HttpResponse<String> noContentType = raw("POST", "/events", event);
        HttpResponse<String> text = raw("POST", "/events", event, "Content-Type", "text/plain");
        HttpResponse<String> notANumber = raw("GET", "/members/m1?postings=abc", null);
        HttpResponse<String> put = raw("PUT", "/events", event, "Content-Type", "application/json");
        HttpResponse<String> noJson = raw("GET", "/members/m1", null, "Accept", "text/plain");
        HttpResponse<String> noEndpoint = raw("GET", "/x", null);

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("""
                {"errors":[{"location":"request body","message":"empty: expected one JSON object (an event)"}]}""");
        assertThat(noContentType.statusCode()).isEqualTo(415);
        assertThat(noContentType.body()).isEqualTo("""
                {"errors":[{"location":"Content-Type header","message":"missing: POST /events takes \
                application/json"}]}""");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).isEqualTo("""
                {"errors":[{"location":"Content-Type header","message":"'text/plain' is not supported: \
                POST /events takes application/json"}]}""");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).isEqualTo("""
                {"errors":[{"location":"query parameter postings","message":"expected a whole number, was 'abc'"}]}""");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.body()).isEqualTo("""
                {"errors":[{"location":"request method","message":"PUT is not supported on /events: use POST"}]}""");
        assertThat(noJson.statusCode()).isEqualTo(406);
        assertThat(noJson.body()).isEqualTo("""
                {"errors":[{"location":"Accept header","message":"'text/plain' does not accept application/json, \
                the only answer of GET /members/m1"}]}""");
        assertThat(noEndpoint.statusCode()).isEqualTo(404);
        assertThat(noEndpoint.body()).isEqualTo("""
                {"errors":[{"location":"path","message":"no endpoint GET /x"}]}""");
        for (HttpResponse<String> r : List.of(empty, noContentType, text, notANumber, put, noJson, noEndpoint)) {
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        assertThat(http.getForEntity("/members/m9", JsonNode.class).getStatusCode())
                .as("nothing turned away was applied").isEqualTo(HttpStatus.NOT_FOUND);
    }

    private HttpResponse<String> postRaw(String body) throws Exception {
        return raw("POST", "/events", body, "Content-Type", "application/json");
    }

    @Test
    @Order(13)
    void a_body_is_read_as_the_json_lines_reader_reads_a_line_with_its_checks() throws Exception {
        HttpResponse<String> duplicateKey = postRaw("""
                {"id":"dk1","id":"dk2","type":"purchase","member":"m6","at":"2025-03-05T10:00:00Z","amount":"1"}""");
        HttpResponse<String> secondObject = postRaw("""
                {"id":"t1","type":"purchase","member":"m6","at":"2025-03-05T10:00:00Z","amount":"1"}
                {"id":"t2"}""");
        HttpResponse<String> trailing = postRaw("""
                {"id":"t3","type":"purchase","member":"m6","at":"2025-03-05T10:00:00Z","amount":"1"} garbage""");
        HttpResponse<String> tooManyDecimals = postRaw("""
                {"id":"d1","type":"purchase","member":"m6","at":"2025-03-05T10:00:00Z","amount":19.999999999999999}""");
        byte[] notUtf8 = """
                {"id":"u1","type":"purchase","member":"m?x","at":"2025-03-05T10:00:00Z","amount":"1"}"""
                .getBytes(StandardCharsets.UTF_8);
        notUtf8[40] = (byte) 0xFF; // the "?" of the member id
        HttpResponse<String> invalidUtf8 = rawBytes("POST", "/events", notUtf8, "Content-Type", "application/json");

        assertThat(duplicateKey.statusCode()).isEqualTo(400);
        assertThat(duplicateKey.body()).isEqualTo("""
                {"errors":[{"location":"request:1","message":"not valid JSON at column 17: Duplicate field 'id'"}]}""");
        assertThat(secondObject.statusCode()).isEqualTo(400);
        assertThat(secondObject.body()).isEqualTo("""
                {"errors":[{"location":"request:1","message":"not valid JSON at column 86: Trailing token (of type \
                START_OBJECT) found after value"}]}""");
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(trailing.body()).startsWith("""
                {"errors":[{"location":"request:1","message":"not valid JSON at column 93: Unrecognized token \
                'garbage'""");
        assertThat(tooManyDecimals.statusCode()).isEqualTo(400);
        assertThat(tooManyDecimals.body()).isEqualTo("""
                {"errors":[{"location":"request:1 field amount","message":"must have at most 2 decimals for USD, \
                was 19.999999999999999"}]}""");
        assertThat(invalidUtf8.statusCode()).isEqualTo(400);
        assertThat(invalidUtf8.body()).isEqualTo("""
                {"errors":[{"location":"request body","message":"not valid UTF-8 at byte offset 40"}]}""");
        assertThat(http.getForEntity("/members/m6", JsonNode.class).getStatusCode())
                .as("no event of a refused body was applied").isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @Order(14)
    void a_pretty_printed_event_is_read_and_a_decimal_amount_stays_exact() {
        ResponseEntity<JsonNode> response = post("""
                {
                  "id": "pp1", "type": "adjustment", "member": "m2",
                  "at": "2025-03-07T10:00:00Z", "points": 9007199254740993.0, "reason": "exact"
                }""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().at("/postings/0/points").asLong()).isEqualTo(9007199254740993L);
    }

    @Test
    @Order(14)
    void a_body_with_a_byte_order_mark_is_read_as_a_json_lines_file_reads_it_and_a_body_over_a_mebibyte_is_413()
            throws Exception {
        byte[] event = """
                {"id":"bom1","type":"adjustment","member":"m2","at":"2025-03-07T11:00:00Z","points":5,"reason":"bom"}\
                """.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[event.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(event, 0, withBom, 3, event.length);
        byte[] huge = new byte[EventsController.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> bom = rawBytes("POST", "/events", withBom, "Content-Type", "application/json");
        HttpResponse<String> tooLarge = rawBytes("POST", "/events", huge, "Content-Type", "application/json");

        assertThat(bom.statusCode()).isEqualTo(200);
        assertThat(bom.body()).contains("\"outcome\":\"APPLIED\"");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).isEqualTo("""
                {"errors":[{"location":"request body","message":"over 1048576 bytes: one event per request"}]}""");
    }

    private double failedDecisions() {
        return http.getForObject("/actuator/metrics/loyalty.decisions?tag=outcome:FAILED", JsonNode.class)
                .at("/measurements/0/value").asDouble();
    }

    @Test
    @Order(15)
    void a_reload_removing_a_tier_members_hold_is_refused_and_an_event_of_such_a_member_is_409() throws Exception {
        post("""
                {"id":"pl1","type":"purchase","member":"pl","at":"2025-03-08T10:00:00Z","amount":"5000.00"}""");
        assertThat(http.getForObject("/members/pl", JsonNode.class).get("tier").asText()).isEqualTo("platinum");
        String platinum = ",\n      {\"id\": \"platinum\", \"threshold\": \"5000\"}";
        edit(platinum, "");
        edit(", \"platinum\": \"100\"", "");
        edit("\"tiers\": [\"gold\", \"platinum\"]", "\"tiers\": [\"gold\"]");
        edit("\"version\": \"2026.2\"", "\"version\": \"2026.3\"");

        // the reloader refuses the program: stored member pl holds platinum; 2026.2 goes on serving
        JsonNode refused = healthWhen(h -> h.at("/details/compileErrors").toString()
                .contains("program retail-basic 2026.3 does not have"));
        assertThat(refused.at("/details/version").asText()).isEqualTo("2026.2");
        assertThat(refused.at("/details/compileErrors/0").asText()).endsWith("stored members hold tiers that "
                + "program retail-basic 2026.3 does not have: 'platinum' (1 as their tier); its tiers are [member, "
                + "silver, gold]. Migrate those members to a tier of this program (their tier and tier floor) before "
                + "it serves them");
        // an engine reloaded without that check (as an embedding application could) answers pl's events 409
        engine.reload(org.loyaltyrules.rules.Program.load(PROGRAM));

        ResponseEntity<JsonNode> response = post("""
                {"id":"pl2","type":"purchase","member":"pl","at":"2025-03-09T10:00:00Z","amount":"10.00"}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().toString()).isEqualTo("""
                {"errors":[{"location":"member state","message":"event pl2: the state of member pl holds tier \
                'platinum', which program retail-basic does not have; its tiers are [member, silver, gold]. A state \
                of another program, or stored before a reload that removed or renamed the tier? Migrate the stored \
                members to a tier of this program"}]}""");
        assertThat(http.getForObject("/members/pl", JsonNode.class).get("version").asLong()).isEqualTo(1);
        assertThat(failedDecisions()).isEqualTo(1.0);

        Files.writeString(PROGRAM.resolve("program.json"), Files.readString(RETAIL_BASIC.resolve("program.json"))
                .replace("\"version\": \"2026.1\"", "\"version\": \"2026.4\""));
        healthWhen(h -> "2026.4".equals(h.at("/details/version").asText()));
    }

    @Test
    @Order(16)
    void an_event_whose_rule_throws_is_500_naming_the_rule_and_the_failure() throws Exception {
        long reloads = healthWhen(h -> true).at("/details/reloads").asLong();
        Path boom = PROGRAM.resolve("rules/earning/boom.drl");
        Files.writeString(boom, """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;
                rule "Boom purchases fail"
                    @intent("test: a rule that throws")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId )
                then
                    if ($event.startsWith("boom")) { throw new IllegalStateException("boom " + $event); }
                end
                """);
        JsonNode loyalty = healthWhen(h -> h.at("/details/reloads").asLong() == reloads + 1);

        ResponseEntity<JsonNode> response = post("""
                {"id":"boom-1","type":"purchase","member":"m2","at":"2025-03-09T10:00:00Z","amount":"10.00"}""");

        assertThat(loyalty.at("/details/lastReloadFailed").asBoolean()).isFalse();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody().at("/errors/0/location").asText()).isEqualTo("rules");
        assertThat(response.getBody().at("/errors/0/message").asText()).isEqualTo("event boom-1 of member m2: "
                + "rule \"Boom purchases fail\" failed: java.lang.IllegalStateException: boom boom-1 "
                + "(member state unchanged)");
        assertThat(failedDecisions()).isEqualTo(2.0);
        Files.delete(boom);
        healthWhen(h -> h.at("/details/reloads").asLong() == reloads + 2);
    }

    @Test
    @Order(17)
    void retries_lost_to_concurrent_writers_are_503_with_retry_after_and_another_failure_a_500_saying_nothing()
            throws Exception {
        doThrow(new IllegalStateException("event c1 of member m2 not applied: 50 attempts lost to concurrent writers"))
                .when(service).apply(argThat(e -> e != null && e.id().equals("c1")));
        doThrow(new IllegalStateException("a detail for the log only"))
                .when(service).apply(argThat(e -> e != null && e.id().equals("c2")));

        HttpResponse<String> contended = postRaw("""
                {"id":"c1","type":"purchase","member":"m2","at":"2025-03-10T10:00:00Z","amount":"10.00"}""");
        HttpResponse<String> unexpected = postRaw("""
                {"id":"c2","type":"purchase","member":"m2","at":"2025-03-10T10:00:00Z","amount":"10.00"}""");

        assertThat(contended.statusCode()).isEqualTo(503);
        assertThat(contended.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(contended.body()).isEqualTo("""
                {"errors":[{"location":"member","message":"event c1 of member m2 not applied: 50 attempts lost to \
                concurrent writers"}]}""");
        assertThat(unexpected.statusCode()).isEqualTo(500);
        assertThat(unexpected.body()).isEqualTo("""
                {"errors":[{"location":"server","message":"internal error answering POST /events; the server log \
                has the cause"}]}""");
        assertThat(unexpected.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(failedDecisions()).isEqualTo(4.0);
    }

    @Test
    @Order(18)
    void a_member_id_with_a_slash_or_backslash_is_reachable_encoded_in_the_path() throws Exception {
        post("""
                {"id":"sl1","type":"purchase","member":"a/b","at":"2025-03-10T10:00:00Z","amount":"10.00"}""");
        post("""
                {"id":"bs1","type":"purchase","member":"c\\\\d","at":"2025-03-10T10:00:00Z","amount":"10.00"}""");

        HttpResponse<String> slash = raw("GET", "/members/a%2Fb", null);
        HttpResponse<String> backslash = raw("GET", "/members/c%5Cd", null);
        HttpResponse<String> export = raw("GET", "/members/a%2Fb/export", null);
        HttpResponse<String> erased = raw("DELETE", "/members/a%2Fb", null);

        assertThat(slash.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(slash.body()).get("member").asText()).isEqualTo("a/b");
        assertThat(backslash.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(backslash.body()).get("member").asText()).isEqualTo("c\\d");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(export.body()).get("member").asText()).isEqualTo("a/b");
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(erased.body()).get("member").asText()).isEqualTo("a/b");
        assertThat(raw("GET", "/members/a%2Fb", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(19)
    void a_negative_or_too_large_postings_parameter_is_400_naming_it_and_its_bound() throws Exception {
        HttpResponse<String> negative = raw("GET", "/members/m2?postings=-5", null);
        HttpResponse<String> beyondInt = raw("GET", "/members/m2?postings=99999999999", null);

        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).isEqualTo("""
                {"errors":[{"location":"query parameter postings","message":"must be at least 0, was '-5'"}]}""");
        assertThat(beyondInt.statusCode()).isEqualTo(400);
        assertThat(beyondInt.body()).isEqualTo("""
                {"errors":[{"location":"query parameter postings","message":"must be at most 2147483647, \
                was '99999999999'"}]}""");
    }

    @Test
    @Order(20)
    void the_store_migrates_itself_and_spring_boots_flyway_is_off() {
        List<String> migrations = jdbc.queryForList("select \"version\" from \"loyalty_schema_history\""
                + " where \"type\" = 'SQL' order by \"installed_rank\"", String.class);
        Integer baselines = jdbc.queryForObject("select count(*) from \"loyalty_schema_history\""
                + " where \"type\" = 'BASELINE'", Integer.class);
        Integer bootHistory = jdbc.queryForObject("select count(*) from information_schema.tables"
                + " where lower(table_name) = 'flyway_schema_history'", Integer.class);

        assertThat(migrations).containsExactly("1", "2", "3", "4");
        assertThat(baselines).as("the schema was empty: nothing ran before the store's migrations").isZero();
        assertThat(bootHistory).isZero();
    }
}
