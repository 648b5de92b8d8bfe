package org.loyaltyrules.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * A member as a history starts: enrolled at an instant, optionally with a manually assigned starting tier (a floor,
 * as an {@code enrollment} event with {@code tier} gives), member attributes (e.g. a score a rule reads) and tags the
 * embedding system sets on the state (e.g. {@code employee}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MemberProfile(String memberId, Instant enrolledAt, String startingTier, Map<String, String> attributes,
                            Set<String> tags) {

    public MemberProfile {
        if (memberId == null || memberId.isBlank()) {
            throw new IllegalArgumentException("memberId must not be blank, was " + memberId);
        }
        requireNonNull(enrolledAt, "enrolledAt");
        startingTier = startingTier == null || startingTier.isBlank() ? null : startingTier;
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        tags = Collections.unmodifiableSet(new TreeSet<>(tags));
    }

    /** A member in the base tier, without attributes or tags. */
    public static MemberProfile enrolled(String memberId, Instant at) {
        return new MemberProfile(memberId, at, null, Map.of(), Set.of());
    }

    public Optional<String> manualTier() {
        return Optional.ofNullable(startingTier);
    }

    @Override
    public String toString() {
        return memberId + " enrolled " + enrolledAt + (startingTier == null ? "" : " in " + startingTier)
                + (attributes.isEmpty() ? "" : " " + attributes) + (tags.isEmpty() ? "" : " tags " + tags);
    }
}
