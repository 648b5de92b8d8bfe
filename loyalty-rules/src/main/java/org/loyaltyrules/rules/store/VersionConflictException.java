package org.loyaltyrules.rules.store;

import org.apiguardian.api.API;

/**
 * A save based on a version of the member that is no longer the stored one: another writer saved first (or created
 * the member first). Nothing was written; load the member again and re-evaluate the event.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VersionConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String memberId;
    private final long expectedVersion;

    public VersionConflictException(String memberId, long expectedVersion) {
        super("member " + memberId + " is no longer at version " + expectedVersion
                + (expectedVersion == 0 ? " (it was created by another writer)" : " (another writer saved first)"));
        this.memberId = memberId;
        this.expectedVersion = expectedVersion;
    }

    public String memberId() {
        return memberId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
