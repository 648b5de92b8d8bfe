package org.loyaltyrules.rules;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.PointsTotal;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.core.tier.TierLadder;

/**
 * The outcome of replaying many events: every member's final state (by id, sorted), all ledger postings and tier
 * moves in processing order, and the events that were refused or failed, with why. The figures a report reads
 * ({@link #pointsIssued()}, {@link #liabilityPoints()}, {@link #costByRule()}, {@link #tierMix}) are computed from
 * these on each call; totals across members are exact {@link BigInteger}s ({@link PointsTotal}).
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

    /** The points of every posting of {@code type}: positive for EARN, negative for debits such as REDEEM. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public BigInteger points(PostingType type) {
        PointsTotal sum = new PointsTotal();
        for (Posting p : postings) {
            if (p.type() == type) {
                sum.add(p.points());
            }
        }
        return sum.value();
    }

    /** Points credited: the EARN postings. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public BigInteger pointsIssued() {
        return points(PostingType.EARN);
    }

    /** Points the program owes at the end: the available and the pending points of every member. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public BigInteger liabilityPoints() {
        PointsTotal sum = new PointsTotal();
        for (MemberState m : members.values()) {
            sum.add(m.pointsAvailable()).add(m.pointsPending());
        }
        return sum.value();
    }

    /** Points credited (EARN) per rule name, most expensive first, ties by name. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public Map<String, BigInteger> costByRule() {
        Map<String, PointsTotal> cost = new TreeMap<>();
        for (Posting p : postings) {
            if (p.type() == PostingType.EARN) {
                cost.computeIfAbsent(p.rule(), r -> new PointsTotal()).add(p.points());
            }
        }
        Map<String, BigInteger> sorted = new LinkedHashMap<>();
        cost.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue().value()))
                .sorted(Map.Entry.<String, BigInteger>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(sorted);
    }

    /** Members per tier at the end, in {@code ladder}'s order, 0 for an empty tier; a tier it lacks comes last. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public Map<String, Long> tierMix(TierLadder ladder) {
        Map<String, Long> mix = new LinkedHashMap<>();
        for (Tier t : ladder.tiers()) {
            mix.put(t.id(), 0L);
        }
        for (MemberState m : members.values()) {
            mix.merge(m.tier().tierId(), 1L, Long::sum);
        }
        return Collections.unmodifiableMap(mix);
    }

    /** Rejected events per code, by code. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public Map<String, Long> rejectionsByCode() {
        Map<String, Long> codes = new TreeMap<>();
        rejections.forEach(r -> codes.merge(r.code(), 1L, Long::sum));
        return Collections.unmodifiableMap(codes);
    }
}
