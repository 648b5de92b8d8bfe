package org.loyaltyrules.rules.internal;

import java.util.Map;

/** A fact a rule inserted, the rule that did it and the values its match was bound to ({@code $amount = 57.30}). */
public record Conclusion(Object fact, String rule, Map<String, String> inputs) {

    public Conclusion {
        inputs = Map.copyOf(inputs);
    }
}
