package org.loyaltyrules.rules;

import org.apiguardian.api.API;

/**
 * A rule threw, or the pack looped past the fire limit. The message names the rule (or the rules that fired most)
 * and the event; the member state given to the engine is unchanged and remains the state to keep.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class RuleEvaluationException extends RuntimeException {

    private final String rule;
    private final String eventId;

    public RuleEvaluationException(String rule, String eventId, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.eventId = eventId;
    }

    public String rule() {
        return rule;
    }

    public String eventId() {
        return eventId;
    }
}
