package org.loyaltyrules.core.member;

import org.apiguardian.api.API;

/**
 * Whether a member may earn and redeem. Transitions: ACTIVE to UNDER_REVIEW (abnormal behaviour; awards are held),
 * UNDER_REVIEW to ACTIVE (released; held awards become available), any open status to FROZEN (staff), FROZEN to
 * ACTIVE, and any status to CLOSED, which is final.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum MemberStatus {
    ACTIVE, UNDER_REVIEW, FROZEN, CLOSED;

    public boolean canMoveTo(MemberStatus next) {
        if (this == next) {
            return true;
        }
        switch (this) {
            case ACTIVE:
                return true;
            case UNDER_REVIEW:
            case FROZEN:
                return next == ACTIVE || next == CLOSED || next == FROZEN;
            case CLOSED:
            default:
                return false;
        }
    }

    /** Returns {@code next} or throws ISE naming both statuses when the move is not allowed. */
    public MemberStatus moveTo(MemberStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("member status cannot move from " + this + " to " + next);
        }
        return next;
    }

    /** Whether awards are credited as available (ACTIVE) rather than held (UNDER_REVIEW) or refused. */
    public boolean holdsAwards() {
        return this == UNDER_REVIEW;
    }

    public boolean earns() {
        return this == ACTIVE || this == UNDER_REVIEW;
    }
}
