package org.loyaltyrules.jdbc;

import org.loyaltyrules.core.member.MemberState;

/**
 * A member as read from (or just written to) the database: surrogate key, version, state, and the row positions of
 * each list part, so that the next save writes only the rows that changed. Immutable by convention: the arrays are
 * never modified after construction.
 */
record Snapshot(long key, long version, MemberState state, long[] lots, long[] redemptions, long[] growth,
                long[] caps, long[] benefits, long[] purchases, long[] refunds) {
}
