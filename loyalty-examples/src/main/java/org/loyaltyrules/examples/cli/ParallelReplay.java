package org.loyaltyrules.examples.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.EventIdOwners;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.RuleEvaluationException;
import org.loyaltyrules.rules.TierMove;

/**
 * Replays members in parallel through the engine ({@link LoyaltyEngine#replay(Map, List, Instant, Consumer, int)}:
 * members never affect each other, and a member's events are evaluated in order on one thread), then orders the
 * result for the output files: postings, tier moves and rejections grouped by member id (ascending), each member's in
 * processing order, so the output does not depend on the number of threads. Which member an event id belongs to is
 * decided once on all the events by the engine's {@link EventIdOwners}, here with the ids the store already holds for
 * other members, which the engine cannot know: a member's copies of another member's ids are not replayed, and their
 * refusals come first among its rejections (they are decided before its replay).
 */
final class ParallelReplay {

    private ParallelReplay() {
    }

    /** Refuses --threads below 1 or above what a replay can use as a usage error, before any work. */
    static void checkThreads(int threads, picocli.CommandLine commandLine) {
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--threads must be at least 1, was "
                    + threads);
        }
        if (threads > LoyaltyEngine.MAX_THREADS) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--threads must be at most "
                    + LoyaltyEngine.MAX_THREADS + ", was " + threads);
        }
    }

    static ReplayResult replay(LoyaltyEngine engine, List<LoyaltyEvent> events, Instant reviewUntil,
                               Consumer<Decision> listener, int threads) {
        return replay(engine, Map.of(), EventIdOwners.of(events), reviewUntil, listener, threads);
    }

    /**
     * As above, each member starting from its state in {@code initial} (a new member when absent), the events those
     * {@code owners} decided on.
     */
    static ReplayResult replay(LoyaltyEngine engine, Map<String, MemberState> initial, EventIdOwners owners,
                               Instant reviewUntil, Consumer<Decision> listener, int threads) {
        Consumer<Decision> shared = d -> {
            synchronized (listener) {
                listener.accept(d);
            }
        };
        // owned() holds no copy of another member's id, so the engine refuses none: the refusals are the owners'
        ReplayResult replayed = engine.replay(initial, owners.owned(), reviewUntil, shared, Math.max(1, threads));
        return join(replayed, owners.refusals());
    }

    /** A replay for a store: the states to save, and the replay reviewed to the run's as-of, to report. */
    record Landed(Map<String, MemberState> toSave, ReplayResult reviewed) {
    }

    /**
     * As {@link #replay(LoyaltyEngine, Map, EventIdOwners, Instant, Consumer, int)}, for a store. The report is the
     * same. A member the review to {@code reviewUntil} changed (points activated or expired, a tier moved) is saved
     * with the review recorded as its {@code TierReview} event ({@code review:<member>:<instant>}), as
     * {@code LoyaltyService} records a scheduled review: the next run continues after it and reports none of it
     * again, and a later event dated before it is refused {@code OUT_OF_ORDER}. Saved reviewed without the event, a
     * member took a later file's redemption dated 10 March on a ledger already moved to 1 April, spending points that
     * became available only on 17 March; saved unreviewed, the next run reported the review's expiries again. A
     * member the review left as it was is saved as its events left it, so its later events are decided as one replay
     * of both files decides them. A closed member, which refuses every event, is saved reviewed.
     */
    static Landed replayForStore(LoyaltyEngine engine, Map<String, MemberState> initial, EventIdOwners owners,
                                 Instant reviewUntil, Consumer<Decision> listener, int threads) {
        ReplayResult events = replay(engine, initial, owners, null, listener, threads);
        if (reviewUntil == null) {
            return new Landed(events.members(), events);
        }
        Map<String, MemberState> toSave = new TreeMap<>(events.members());
        Map<String, MemberState> reviewed = new TreeMap<>(events.members());
        List<Posting> postings = new ArrayList<>(events.postings());
        List<TierMove> moves = new ArrayList<>(events.tierMoves());
        List<ReplayResult.Rejection> rejections = new ArrayList<>(events.rejections());
        for (MemberState state : events.members().values()) {
            Decision review;
            try {
                review = engine.reviewTiers(List.of(state), reviewUntil).get(0);
            } catch (RuleEvaluationException e) {
                rejections.add(new ReplayResult.Rejection("review:" + state.memberId() + ":" + reviewUntil,
                        state.memberId(), "RULE_FAILED", e.getMessage()));
                continue;
            }
            listener.accept(review);
            reviewed.put(state.memberId(), review.state());
            postings.addAll(review.postings());
            moves.addAll(review.tierMoves());
            if (!review.state().equals(state)) {
                // at whole microseconds, the finest instant a store keeps (the end of an --as-of date is
                // 23:59:59.999999999): nothing falls due within that last microsecond, since every instant the
                // engine derives comes from the events' own, which the store keeps to the microsecond as well
                Decision recorded = engine.apply(state, TierReview.of(state.memberId(),
                        reviewUntil.truncatedTo(ChronoUnit.MICROS)));
                // a closed member refuses every event, a review too: saved reviewed, since no later event of it
                // applies, so the review is not reported again
                toSave.put(state.memberId(), recorded.outcome() == Decision.Outcome.APPLIED ? recorded.state()
                        : review.state());
            }
        }
        return new Landed(toSave, join(new ReplayResult(reviewed, postings, moves, rejections,
                events.eventsApplied(), events.duplicates()), List.of()));
    }

    private static ReplayResult join(ReplayResult part, List<ReplayResult.Rejection> refusals) {
        Map<String, List<Posting>> postings = new TreeMap<>();
        Map<String, List<TierMove>> moves = new TreeMap<>();
        Map<String, List<ReplayResult.Rejection>> rejections = new TreeMap<>();
        refusals.forEach(r -> rejections.computeIfAbsent(r.memberId(), k -> new ArrayList<>()).add(r));
        part.postings().forEach(p -> postings.computeIfAbsent(p.memberId(), k -> new ArrayList<>()).add(p));
        part.tierMoves().forEach(m -> moves.computeIfAbsent(m.memberId(), k -> new ArrayList<>()).add(m));
        part.rejections().forEach(r -> rejections.computeIfAbsent(r.memberId(), k -> new ArrayList<>()).add(r));
        return new ReplayResult(part.members(), flat(postings), flat(moves), flat(rejections), part.eventsApplied(),
                part.duplicates());
    }

    private static <T> List<T> flat(Map<String, List<T>> grouped) {
        List<T> all = new ArrayList<>();
        grouped.values().forEach(all::addAll);
        return all;
    }
}
