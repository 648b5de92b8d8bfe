package org.loyaltyrules.core.points;

import org.apiguardian.api.API;

/** The kinds of append-only ledger postings. Signs: EARN, ACTIVATE, REDEEM_REVERSAL are positive; REDEEM, EXPIRE,
 * CLAWBACK are negative; ADJUST has the sign of the correction. ACTIVATE moves points from pending to available and
 * leaves the total unchanged. */
@API(status = API.Status.STABLE, since = "0.1")
public enum PostingType {
    EARN, ACTIVATE, REDEEM, REDEEM_REVERSAL, EXPIRE, CLAWBACK, ADJUST
}
