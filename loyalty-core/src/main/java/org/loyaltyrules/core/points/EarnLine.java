package org.loyaltyrules.core.points;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/** One rule's share of an event's earned points, posted as its own EARN posting. */
@API(status = API.Status.STABLE, since = "0.1")
public record EarnLine(String rule, long points, String explanation) {

    public EarnLine {
        requireNonNull(rule, "rule");
        requireNonNull(explanation, "explanation");
    }
}
