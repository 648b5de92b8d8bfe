package org.loyaltyrules.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Refusal;
import org.loyaltyrules.rules.RuleEvaluationException;
import org.loyaltyrules.rules.TierMove;

/**
 * Applies the engine to one member's event at a time (records are keyed, so partitioned, by member) and keeps the
 * member's state in the task's store; on stream time it lets time pass for the members of the task up to stream time
 * minus the allowed lateness (scheduled tier reviews, activation, expiry). A review that changed a member is marked
 * in the review store until the member's next applied event: an event dated before the mark is refused
 * {@code OUT_OF_ORDER}, since the reviewed ledger and tier are already past its time (and their postings published).
 * So a member's decisions are those of {@link LoyaltyEngine#replay} of its events, however members interleave.
 * A review whose rules throw leaves the member as it was and is rejected once per (member, review instant): each
 * later review instant is a new attempt, rejected again if it fails again, but a review at an instant already
 * reported (a restarted or moved task punctuates again at its committed stream time) rejects nothing new: the
 * review failure store keeps the members whose review failed at the last review instant.
 * Writes only through {@code context.forward}, so with exactly-once the store updates and the outputs of a record
 * commit together.
 */
final class MemberProcessor implements Processor<String, byte[], String, String> {

    private final LoyaltyEngine engine;
    private final Duration reviewEvery;
    private final Duration allowedLateness;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, MemberState> members;
    private KeyValueStore<String, Long> reviews;
    private KeyValueStore<String, Long> reviewFailures;

    MemberProcessor(LoyaltyEngine engine, Duration reviewEvery, Duration allowedLateness) {
        this.engine = engine;
        this.reviewEvery = reviewEvery;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.members = context.getStateStore(LoyaltyTopology.MEMBER_STORE);
        this.reviews = context.getStateStore(LoyaltyTopology.REVIEW_STORE);
        this.reviewFailures = context.getStateStore(LoyaltyTopology.REVIEW_FAILURE_STORE);
        if (!reviewEvery.isZero()) {
            context.schedule(reviewEvery, PunctuationType.STREAM_TIME, this::review);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String source = context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("events");
        InputRecord input = InputRecord.read(engine, record.key(), record.value(), source);
        if (input instanceof InputRecord.Heartbeat) {
            return; // it only moves stream time (EventTime), so that reviews run on a quiet partition
        }
        if (input instanceof InputRecord.Rejected rejected) {
            reject(record, source, rejected.problem());
            return;
        }
        LoyaltyEvent event = ((InputRecord.OneEvent) input).event();
        MemberState state;
        try {
            state = members.get(event.memberId());
        } catch (SerializationException e) {
            // e.g. a newer format restored from the changelog after a roll-back: keep the bytes, refuse the event
            reject(record, source, "event " + event.id() + " not applied: the stored state of member "
                    + event.memberId() + " cannot be read (" + e.getMessage() + "); it is kept as it is");
            return;
        }
        Long reviewedAt = reviews.get(event.memberId());
        Decision decision;
        try {
            decision = reviewedAt == null ? engine.apply(state, event) : applyAfterReview(state, event, reviewedAt);
        } catch (RuleEvaluationException | IllegalArgumentException e) {
            // a rule that failed, or a stored state the program cannot hold (a tier a reload removed or renamed):
            // the event is refused and the state kept as it is, as for a state that cannot be read
            reject(record, source, e.getMessage());
            return;
        }
        if (decision.isApplied()) {
            members.put(event.memberId(), decision.state());
            if (reviewedAt != null) {
                reviews.delete(event.memberId()); // the event is at or after the review: its own time guards now
            }
            emit(decision, record.timestamp());
        }
        context.forward(new Record<>(event.memberId(), OutputJson.decision(decision), record.timestamp()),
                LoyaltyTopology.DECISIONS);
    }

    /** A member a review changed at {@code reviewedAt} (epoch ms) takes no event dated before that review. */
    private Decision applyAfterReview(MemberState state, LoyaltyEvent event, long reviewedAt) {
        Instant review = Instant.ofEpochMilli(reviewedAt);
        if (!event.at().isBefore(review) || state.hasProcessed(event.id())) {
            return engine.apply(state, event); // a duplicate stays a DUPLICATE, as in a replay
        }
        return new Decision(engine.program().version(), event.id(), event.memberId(), Decision.Outcome.REFUSED, state,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new Refusal("OUT_OF_ORDER", "event " + event.id() + " at " + event.at() + " is before member "
                        + event.memberId() + "'s scheduled review at " + review + " (allowed lateness "
                        + allowedLateness + "); send a member's events within the allowed lateness"));
    }

    private void review(long streamTime) {
        Instant at = Instant.ofEpochMilli(streamTime - allowedLateness.toMillis()); // whole ms, as the mark
        List<Decision> changed = new ArrayList<>();
        List<Record<String, String>> rejected = new ArrayList<>();
        String source = "review@" + at;
        long atMillis = at.toEpochMilli();
        List<String> failed = new ArrayList<>();
        try (KeyValueIterator<String, MemberState> all = members.all()) {
            while (all.hasNext()) {
                KeyValue<String, MemberState> member;
                try {
                    member = all.next();
                } catch (SerializationException e) {
                    // the iterator has moved past the entry, whose key the exception does not tell
                    rejected.add(new Record<>(null, OutputJson.rejected(source, "a stored member state cannot be read ("
                            + e.getMessage() + "); that member is not reviewed", null), streamTime));
                    continue;
                }
                MemberState state = member.value;
                if (state.lastEventAt() != null && state.lastEventAt().isAfter(at)) {
                    continue; // the member's own events are past the review: they already applied it
                }
                Decision review;
                try {
                    review = engine.reviewTiers(List.of(state), at).get(0);
                } catch (RuleEvaluationException | IllegalArgumentException e) {
                    Long reported = reviewFailures.get(member.key);
                    if (reported == null || reported != atMillis) { // a new attempt: say so, once
                        String id = e instanceof RuleEvaluationException failure ? failure.eventId() : source;
                        rejected.add(new Record<>(member.key, OutputJson.rejected(id, e.getMessage(), null),
                                streamTime));
                        failed.add(member.key);
                    }
                    continue;
                }
                // a renewal extends validity with no posting and no tier move: compare the states
                if (!review.state().equals(state)) {
                    changed.add(review);
                }
            }
        }
        for (Decision review : changed) {
            members.put(review.memberId(), review.state());
            reviews.put(review.memberId(), at.toEpochMilli());
            emit(review, streamTime);
        }
        failed.forEach(member -> reviewFailures.put(member, atMillis));
        forgetEarlierFailures(atMillis);
        rejected.forEach(r -> context.forward(r, LoyaltyTopology.REJECTED));
    }

    /**
     * Keeps only the failures of the review at {@code atMillis}: a later review is at a later instant (stream time
     * never goes back, also across a restart), so an earlier mark can never match again, and a member whose review
     * did not fail now (it succeeded, or its events are past the review) has no failure to remember.
     */
    private void forgetEarlierFailures(long atMillis) {
        List<String> done = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = reviewFailures.all()) {
            all.forEachRemaining(mark -> {
                if (mark.value != atMillis) {
                    done.add(mark.key);
                }
            });
        }
        done.forEach(reviewFailures::delete);
    }

    private void emit(Decision decision, long timestamp) {
        for (Posting posting : decision.postings()) {
            context.forward(new Record<>(decision.memberId(), OutputJson.posting(posting), timestamp),
                    LoyaltyTopology.POSTINGS);
        }
        for (TierMove move : decision.tierMoves()) {
            context.forward(new Record<>(decision.memberId(), OutputJson.tierMove(decision.eventId(), move), timestamp),
                    LoyaltyTopology.TIER_CHANGES);
        }
    }

    private void reject(Record<String, byte[]> record, String source, String problem) {
        // the record as sent, for whoever mends it; a byte that is not UTF-8 shows as U+FFFD (the problem names it)
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        context.forward(new Record<>(record.key(), OutputJson.rejected(source, problem, value),
                record.timestamp()), LoyaltyTopology.REJECTED);
    }
}
