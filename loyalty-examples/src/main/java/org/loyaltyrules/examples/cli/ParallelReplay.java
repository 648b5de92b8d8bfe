package org.loyaltyrules.examples.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.TierMove;

/**
 * Replays members in parallel: members never affect each other, so the events are split by member into chunks
 * (members in first-appearance order, about equal event counts), each chunk replayed by the thread-safe engine,
 * and the results joined. Postings, tier moves and rejections come out grouped by member id (ascending), each
 * member's in processing order, so the output does not depend on the number of threads. Which member an event id
 * belongs to is decided before the split ({@link EventIdOwners}): a member's copies of another member's ids are not
 * replayed, and their refusals come first among its rejections (they are decided before its replay).
 */
final class ParallelReplay {

    private ParallelReplay() {
    }

    /** Refuses --threads below 1 as a usage error, before any work. */
    static void checkThreads(int threads, picocli.CommandLine commandLine) {
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--threads must be at least 1, was "
                    + threads);
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
        List<LoyaltyEvent> events = owners.owned();
        Map<String, List<LoyaltyEvent>> byMember = new LinkedHashMap<>();
        for (LoyaltyEvent e : events) {
            byMember.computeIfAbsent(e.memberId(), k -> new ArrayList<>()).add(e);
        }
        Consumer<Decision> shared = d -> {
            synchronized (listener) {
                listener.accept(d);
            }
        };
        List<List<LoyaltyEvent>> chunks = chunks(byMember, events.size(), threads <= 1 ? 1 : threads * 4);
        List<ReplayResult> parts = new ArrayList<>();
        if (threads <= 1 || chunks.size() <= 1) {
            parts.add(engine.replay(initial, events, reviewUntil, shared));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<ReplayResult>> futures = new ArrayList<>();
                for (List<LoyaltyEvent> chunk : chunks) {
                    Map<String, MemberState> from = new LinkedHashMap<>();
                    for (LoyaltyEvent e : chunk) {
                        MemberState state = initial.get(e.memberId());
                        if (state != null) {
                            from.putIfAbsent(e.memberId(), state);
                        }
                    }
                    futures.add(pool.submit(() -> engine.replay(from, chunk, reviewUntil, shared)));
                }
                for (Future<ReplayResult> f : futures) {
                    parts.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException) {
                    throw (RuntimeException) e.getCause();
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return join(parts, owners.refusals());
    }

    private static List<List<LoyaltyEvent>> chunks(Map<String, List<LoyaltyEvent>> byMember, int total, int count) {
        List<List<LoyaltyEvent>> chunks = new ArrayList<>();
        long target = Math.max(1, (total + count - 1) / count);
        List<LoyaltyEvent> current = new ArrayList<>();
        for (List<LoyaltyEvent> memberEvents : byMember.values()) {
            current.addAll(memberEvents);
            if (current.size() >= target) {
                chunks.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static ReplayResult join(List<ReplayResult> parts, List<ReplayResult.Rejection> refusals) {
        Map<String, MemberState> members = new LinkedHashMap<>();
        Map<String, List<Posting>> postings = new java.util.TreeMap<>();
        Map<String, List<TierMove>> moves = new java.util.TreeMap<>();
        Map<String, List<ReplayResult.Rejection>> rejections = new java.util.TreeMap<>();
        refusals.forEach(r -> rejections.computeIfAbsent(r.memberId(), k -> new ArrayList<>()).add(r));
        long applied = 0;
        long duplicates = 0;
        for (ReplayResult part : parts) {
            members.putAll(part.members());
            part.postings().forEach(p -> postings.computeIfAbsent(p.memberId(), k -> new ArrayList<>()).add(p));
            part.tierMoves().forEach(m -> moves.computeIfAbsent(m.memberId(), k -> new ArrayList<>()).add(m));
            part.rejections().forEach(r -> rejections.computeIfAbsent(r.memberId(), k -> new ArrayList<>()).add(r));
            applied += part.eventsApplied();
            duplicates += part.duplicates();
        }
        return new ReplayResult(members, flat(postings), flat(moves), flat(rejections), applied, duplicates);
    }

    private static <T> List<T> flat(Map<String, List<T>> grouped) {
        List<T> all = new ArrayList<>();
        grouped.values().forEach(all::addAll);
        return all;
    }
}
