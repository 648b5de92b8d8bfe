package org.loyaltyrules.rules.internal;

/** A rule threw, or a pack looped past the fire limit; the message names the rule(s). Member state is unchanged. */
public final class RuleFailure extends RuntimeException {

    private final String rule;

    public RuleFailure(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
