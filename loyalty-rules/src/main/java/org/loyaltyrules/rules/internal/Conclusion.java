package org.loyaltyrules.rules.internal;

import java.util.Map;

/**
 * A fact a rule inserted, the rule that did it and the values its match was bound to ({@code $amount = 57.30}).
 * {@code inputs} is taken as given: the engine builds it for this conclusion alone and never changes it (a copy per
 * conclusion showed in the profile; {@code Explanation} copies it once it leaves the engine).
 */
public record Conclusion(Object fact, String rule, Map<String, String> inputs) {

    public Conclusion {
        inputs = inputs == null ? Map.of() : inputs;
    }
}
