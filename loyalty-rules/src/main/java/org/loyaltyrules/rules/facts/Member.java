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
}
