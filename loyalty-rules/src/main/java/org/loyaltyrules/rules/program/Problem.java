package org.loyaltyrules.rules.program;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * One thing wrong with a program, an event line or a rule file: where ({@code program.json $.tiers[2].threshold},
 * {@code rules/earning/base.drl:12:4}, {@code events.jsonl:7 field amount}) and what.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Problem(String location, String message) {

    public Problem {
        requireNonNull(location, "location");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
