package org.loyaltyrules.rules;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Why something happened: the rule that decided it, where the rule is written (DRL file and line), its business
 * intent, the values its match used, and a sentence a person can read ("gold tier bonus 80% of base 2000 = 1600").
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Explanation(String rule, String file, int line, String intent, Map<String, String> inputs,
                          String sentence) {

    public Explanation {
        requireNonNull(rule, "rule");
        file = file == null ? "" : file;
        intent = intent == null ? "" : intent;
        // sorted by name: the same decision prints and serialises the same on every JVM (Map.copyOf's order varies)
        inputs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(inputs));
        requireNonNull(sentence, "sentence");
    }

    /** {@code file:line} of the rule, or empty for a decision the engine made itself. */
    public String location() {
        return file.isEmpty() ? "" : file + ":" + line;
    }

    /**
     * The rule and where it is written, as reports cite it: {@code rule "Tier members earn their tier bonus on base
     * points" at standard:earning/tier-bonus.drl:7}, or {@code rule "Staff adjustments", engine}.
     */
    public String citation() {
        return "rule \"" + rule + "\"" + (file.isEmpty() ? ", engine" : " at " + location());
    }
}
