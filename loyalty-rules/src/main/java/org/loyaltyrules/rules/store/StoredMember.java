package org.loyaltyrules.rules.store;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;

/**
 * A member's state as a {@link MemberStore} holds it, with the version it was saved as. Saving the next state
 * requires this version: a store refuses a save based on an older one.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoredMember(MemberState state, long version) {

    public StoredMember {
        requireNonNull(state, "state");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
    }
}
