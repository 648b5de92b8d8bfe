package org.loyaltyrules.rules.store;

import org.apiguardian.api.API;

/**
 * A save whose expected version is not the member's stored one: usually another writer saved (or created the member)
 * first; the message names both versions when the store knows them. Nothing was written; load the member again and
 * re-evaluate the event.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VersionConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String memberId;
    private final long expectedVersion;

    /** The member moved on from {@code expectedVersion} (0: it was created meanwhile) to a version not read. */
    public VersionConflictException(String memberId, long expectedVersion) {
        super("member " + memberId + " is no longer at version " + expectedVersion + writer(expectedVersion));
        this.memberId = memberId;
        this.expectedVersion = expectedVersion;
    }

    /** The member is stored at {@code storedVersion} (0: not stored), not at {@code expectedVersion}. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public VersionConflictException(String memberId, long expectedVersion, long storedVersion) {
        super(message(memberId, expectedVersion, storedVersion));
        this.memberId = memberId;
        this.expectedVersion = expectedVersion;
    }

    private static String message(String memberId, long expected, long stored) {
        if (stored == 0) {
            return "no member " + memberId + " is stored; the save expected version " + expected;
        }
        if (expected > stored) {
            return "member " + memberId + " is at version " + stored + ", not at version " + expected
                    + " (the expected version is ahead of the store)";
        }
        return "member " + memberId + " is no longer " + (expected == 0 ? "absent (version 0)" : "at version " + expected)
                + " but at version " + stored + writer(expected);
    }

    private static String writer(long expected) {
        return expected == 0 ? " (it was created by another writer)" : " (another writer saved first)";
    }

    public String memberId() {
        return memberId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
