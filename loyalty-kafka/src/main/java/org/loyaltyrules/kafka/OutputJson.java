package org.loyaltyrules.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.TierMove;
import org.loyaltyrules.rules.io.DecisionJson;

/** The compact JSON of the output topics; field names are part of the module's contract (docs/scale-out.md). */
final class OutputJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private OutputJson() {
    }

    /** {@code {"event","member","program","outcome","points"[,"tier":{from,to,kind}][,"refusal":{code,detail}]}}. */
    static String decision(Decision d) {
        ObjectNode node = DecisionJson.header(d);
        if (d.isApplied()) {
            d.tierChange().ifPresent(move -> node.putObject("tier").put("from", move.from()).put("to", move.to())
                    .put("kind", move.kind()));
        }
        d.refused().ifPresent(r -> node.putObject("refusal").put("code", r.code()).put("detail", r.detail()));
        return text(node);
    }

    static String posting(Posting p) {
        return text(DecisionJson.posting(p));
    }

    static String tierMove(String eventId, TierMove m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", eventId);
        node.setAll(DecisionJson.tierMove(m));
        return text(node);
    }

    /** The most of a rejected record's value (and of its problem) the rejected topic echoes, in characters. */
    static final int ECHOED_CHARS = 10_000;

    /**
     * {@code {"source":"topic/partition@offset","problem":"...","value":"<the record as received>"}}; a value or
     * problem longer than {@link #ECHOED_CHARS} is cut there, with {@code "valueChars"} giving the value's length: the
     * escaped echo of a 900 KB record the broker took was larger than Kafka's record limit, so the dead-letter record
     * itself would have stopped the stream.
     */
    static String rejected(String source, String problem, String value) {
        ObjectNode node = JSON.createObjectNode();
        node.put("source", source);
        node.put("problem", cut(problem));
        node.put("value", cut(value));
        if (value != null && value.length() > ECHOED_CHARS) {
            node.put("valueChars", value.length());
        }
        return text(node);
    }

    private static String cut(String text) {
        if (text == null || text.length() <= ECHOED_CHARS) {
            return text;
        }
        // not between the two halves of a surrogate pair (an emoji), which UTF-8 would write as '?'
        int end = Character.isHighSurrogate(text.charAt(ECHOED_CHARS - 1)) ? ECHOED_CHARS - 1 : ECHOED_CHARS;
        return text.substring(0, end) + "... (cut at " + end + " of " + text.length() + " characters)";
    }

    private static String text(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
