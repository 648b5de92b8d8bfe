package org.loyaltyrules.rules.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.Explanation;
import org.loyaltyrules.rules.TierMove;

/**
 * A {@link Decision} as JSON for services and tools: what an HTTP endpoint or a message returns. Field names are
 * stable; money and instants are text.
 *
 * <pre>{@code
 * {"event":"p1","member":"m1","program":"2026.1","outcome":"APPLIED","points":150,
 *  "postings":[{"event":"p1","member":"m1","at":"...","type":"EARN","points":100,"rule":"...","explanation":"..."}],
 *  "tierMoves":[{"member":"m1","at":"...","from":"member","to":"silver","kind":"UPGRADE","reason":"..."}],
 *  "benefits":[{"benefit":"...","outcome":"...","reason":"..."}], "capsApplied":[{"cap":"daily-points","headroom":0,"withheld":50}],
 *  "riskFlags":[{"code":"...","reason":"...","review":true}], "notices":[{"code":"...","message":"..."}],
 *  "explanations":[{"rule":"...","location":"earning/base-earn.drl:12","intent":"...","inputs":{...},"sentence":"..."}],
 *  "refusal":{"code":"OUT_OF_ORDER","detail":"..."}}
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DecisionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionJson() {
    }

    public static ObjectNode of(Decision d) {
        ObjectNode node = header(d);
        ArrayNode postings = node.putArray("postings");
        d.postings().forEach(p -> postings.add(posting(p)));
        ArrayNode moves = node.putArray("tierMoves");
        d.tierMoves().forEach(m -> moves.add(tierMove(m)));
        ArrayNode benefits = node.putArray("benefits");
        d.benefits().forEach(b -> benefits.addObject().put("benefit", b.benefitId()).put("outcome", b.outcome())
                .put("reason", b.reason()));
        ArrayNode caps = node.putArray("capsApplied");
        d.capsApplied().forEach(c -> caps.addObject().put("cap", c.capId()).put("headroom", c.headroom())
                .put("withheld", c.withheld()));
        ArrayNode flags = node.putArray("riskFlags");
        d.riskFlags().forEach(f -> flags.addObject().put("code", f.code()).put("reason", f.reason())
                .put("review", f.review()));
        ArrayNode notices = node.putArray("notices");
        d.notices().forEach(n -> notices.addObject().put("code", n.code()).put("message", n.message()));
        ArrayNode explanations = node.putArray("explanations");
        d.explanations().forEach(e -> explanations.add(explanation(e)));
        d.refused().ifPresent(r -> node.putObject("refusal").put("code", r.code()).put("detail", r.detail()));
        return node;
    }

    /** {@code {"event","member","program","outcome","points"}}: what every form of a decision starts with. */
    public static ObjectNode header(Decision d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", d.eventId());
        node.put("member", d.memberId());
        node.put("program", d.programVersion());
        node.put("outcome", d.outcome().name());
        node.put("points", d.pointsAwarded());
        return node;
    }

    /** {@code {"event","member","at","type","points","rule","explanation"}}. */
    public static ObjectNode posting(Posting p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", p.eventId());
        node.put("member", p.memberId());
        node.put("at", p.at().toString());
        node.put("type", p.type().name());
        node.put("points", p.points());
        node.put("rule", p.rule());
        node.put("explanation", p.explanation());
        return node;
    }

    /** {@code {"member","at","from","to","kind","reason"}}. */
    public static ObjectNode tierMove(TierMove m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("member", m.memberId());
        node.put("at", m.at().toString());
        node.put("from", m.from());
        node.put("to", m.to());
        node.put("kind", m.kind());
        node.put("reason", m.reason());
        return node;
    }

    /** {@code {"rule","location","intent","inputs":{...},"sentence"}}. */
    public static ObjectNode explanation(Explanation e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rule", e.rule());
        node.put("location", e.location());
        node.put("intent", e.intent());
        ObjectNode inputs = node.putObject("inputs");
        new java.util.TreeMap<>(e.inputs()).forEach(inputs::put);
        node.put("sentence", e.sentence());
        return node;
    }
}
