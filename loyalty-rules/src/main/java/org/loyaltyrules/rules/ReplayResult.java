package org.loyaltyrules.rules;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;

/**
 * The outcome of replaying many events: every member's final state (by id, sorted), all ledger postings and tier
 * moves in processing order, and the events that were refused or failed, with why.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReplayResult(Map<String, MemberState> members, List<Posting> postings, List<TierMove> tierMoves,
                           List<Rejection> rejections, long eventsApplied, long duplicates) {

    /** An event that did not take effect: refused by the program, or failed (a rule threw). */
    public record Rejection(String eventId, String memberId, String code, String detail) {
    }

    public ReplayResult {
        members = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(members));
        postings = List.copyOf(postings);
        tierMoves = List.copyOf(tierMoves);
        rejections = List.copyOf(rejections);
    }
}
