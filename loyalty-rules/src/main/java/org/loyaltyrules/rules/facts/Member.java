package org.loyaltyrules.rules.facts;

import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/** The member the event is about: status, tags and attributes (derived; every group sees it). */
@API(status = API.Status.STABLE, since = "0.1")
public record Member(String memberId, String status, Set<String> tags, Map<String, String> attributes) {
    public Member {
        tags = Set.copyOf(tags);
        attributes = Map.copyOf(attributes);
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** A numeric attribute (e.g. a {@code taoqi} score), or null when absent or not a number. */
    public java.math.BigDecimal number(String attribute) {
        String text = attributes.get(attribute);
        if (text == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
