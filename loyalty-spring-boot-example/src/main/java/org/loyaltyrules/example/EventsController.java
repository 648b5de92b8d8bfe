package org.loyaltyrules.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.jdbc.LoyaltyService;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.io.DecisionJson;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.store.StoredMember;
import org.loyaltyrules.spring.LoyaltyMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's HTTP API.
 * <ul>
 *   <li>{@code POST /events} (application/json): one event in the JSON Lines event format (docs/program-json.md);
 *       200 with the decision when it applied or was a duplicate, 422 with the decision when it was refused (by the
 *       program, or by the service: {@code STORE_LIMIT} when the store cannot hold the event, {@code UNKNOWN_MEMBER}
 *       for an event other than a purchase, an enrollment or a membership fee of a member the store does not hold),
 *       400 naming the field when the event is malformed or the body empty ({@link ApiErrors}: also the errors of
 *       a request Spring turns away, e.g. 415 without {@code Content-Type: application/json}); when the service
 *       throws (nothing written), 409, 500 or 503 with its message ({@link ApiErrors#notApplied}), counted as
 *       outcome FAILED in the metrics.</li>
 *   <li>{@code GET /members/{id}}: tier, points and the most recent postings with the rule and explanation of
 *       each ({@code ?postings=N}, default 20; 400 for a negative N); 404 for an unknown member.</li>
 *   <li>{@code GET /members/{id}/export}: everything held about the member (data-subject access);
 *       {@code DELETE /members/{id}}: erase the member's identity, keeping the ledger's totals.</li>
 * </ul>
 */
@RestController
class EventsController {

    /** The largest body POST /events reads: an event with thousands of basket lines fits many times over. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoyaltyService service;
    private final ObjectProvider<LoyaltyMetrics> metrics;

    EventsController(LoyaltyService service, ObjectProvider<LoyaltyMetrics> metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> post(HttpServletRequest request) throws IOException {
        // read up to the limit, not the whole body: one event is small, and a body of a gigabyte took the heap
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ApiErrors.body(List.of(new Problem(
                    "request body", "over " + MAX_BODY_BYTES + " bytes: one event per request"))));
        }
        String text;
        try {
            text = utf8(body);
        } catch (IllegalArgumentException e) {
            return badRequest(List.of(new Problem("request body", e.getMessage())));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, which the JSON Lines reader ignores at a file's start too
        }
        if (text.isBlank()) {
            return badRequest(List.of(new Problem("request body", "empty: expected one JSON object (an event)")));
        }
        // the reader reads the body as the JSON Lines format reads a line: the same mapper and checks (duplicate
        // keys, exact decimals, trailing content after the object refused), on one line with the body's own text
        EventReader reader = EventReader.forProgram(service.engine().program().settings());
        EventBatch batch = reader.readJsonLines(new StringReader(oneLine(text)), "request");
        if (batch.hasProblems()) {
            return badRequest(batch.problems());
        }
        LoyaltyEvent event = batch.events().get(0);
        Decision decision;
        try {
            decision = service.apply(event);
        } catch (RuntimeException e) {
            metrics.ifAvailable(m -> m.failed(event));
            return ApiErrors.notApplied(e);
        }
        HttpStatus status = decision.outcome() == Decision.Outcome.REFUSED ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK;
        return ResponseEntity.status(status).body(DecisionJson.of(decision));
    }

    @GetMapping(path = "/members/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> member(@PathVariable("id") String id,
                                    @RequestParam(name = "postings", defaultValue = "20") int recent) {
        if (recent < 0) {
            return badRequest(List.of(new Problem("query parameter postings", "must be at least 0, was '" + recent
                    + "'")));
        }
        StoredMember stored = service.store().load(id).orElse(null);
        if (stored == null) {
            return notFound(id);
        }
        MemberState m = stored.state();
        ObjectNode node = JSON.createObjectNode();
        node.put("member", m.memberId());
        node.put("version", stored.version());
        node.put("program", service.engine().program().version());
        node.put("tier", m.tier().tierId());
        node.put("tierSince", m.tier().since().toString());
        node.put("pointsAvailable", m.pointsAvailable());
        node.put("pointsPending", m.pointsPending());
        var totals = m.ledger().totals();
        node.putObject("totals").put("earned", totals.earned()).put("redeemed", totals.redeemed())
                .put("expired", totals.expired());
        List<Posting> postings = m.ledger().postings();
        ArrayNode recentPostings = node.putArray("recentPostings");
        for (int i = postings.size() - 1; i >= Math.max(0, postings.size() - recent); i--) {
            recentPostings.add(DecisionJson.posting(postings.get(i)));
        }
        return ResponseEntity.ok(node);
    }

    @GetMapping(path = "/members/{id}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> export(@PathVariable("id") String id) {
        return service.store().export(id).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(text(error(id))));
    }

    @DeleteMapping(path = "/members/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> erase(@PathVariable("id") String id) {
        return service.store().erase(id)
                .<ResponseEntity<JsonNode>>map(p -> ResponseEntity.ok(JSON.createObjectNode().put("member", id)
                        .put("pseudonym", p)))
                .orElseGet(() -> notFound(id));
    }

    /** {@code bytes} as UTF-8; IAE "not valid UTF-8 at byte offset N" for a malformed sequence. */
    static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IllegalArgumentException("not valid UTF-8 at byte offset " + in.position());
        }
        return out.flip().toString();
    }

    /**
     * The JSON text {@code json} on one line: CR and LF outside strings are whitespace between tokens and become
     * spaces, so a pretty-printed event reads as it is; inside a string (where JSON does not allow them) they are
     * kept, and the reader refuses the broken line.
     */
    static String oneLine(String json) {
        StringBuilder line = new StringBuilder(json);
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString && c == '\\') {
                i++; // the escaped character
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && (c == '\n' || c == '\r')) {
                line.setCharAt(i, ' ');
            }
        }
        return line.toString();
    }

    private static ResponseEntity<JsonNode> badRequest(List<Problem> problems) {
        return ResponseEntity.badRequest().body(ApiErrors.body(problems));
    }

    private static ResponseEntity<JsonNode> notFound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error(id));
    }

    /** The one error body of the API ({@link ApiErrors#body}): {"errors":[{"location":"member","message":..}]}. */
    private static ObjectNode error(String id) {
        return ApiErrors.body(List.of(new Problem("member", "no member " + id)));
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
