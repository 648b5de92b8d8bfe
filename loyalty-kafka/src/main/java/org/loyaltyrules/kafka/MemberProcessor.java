package org.loyaltyrules.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * review failure store keeps the members whose review failed at the last review instant. A state too large for one
 * changelog record is not stored: the event or review that made it is rejected and the member keeps its state.
 * Writes only through {@code context.forward}, so with exactly-once the store updates and the outputs of a record
 * commit together.
 */
final class MemberProcessor implements Processor<String, byte[], String, String> {

    /** What a changelog record takes besides its key and value, rounded up. */
    private static final int RECORD_ENVELOPE_BYTES = 100;

    private final LoyaltyEngine engine;
    private final Duration reviewEvery;
    private final Duration allowedLateness;
    private final MeasuredStateSerde states;
    private final LeadLimit lead;
    private ProcessorContext<String, String> context;
    /** The largest changelog record the producer sends ({@link LoyaltyTopology#recordLimit}). */
    private int recordLimit;
    private String changelog;
    private KeyValueStore<String, MemberState> members;
    private KeyValueStore<String, Long> reviews;
    private KeyValueStore<String, Long> reviewFailures;

    /**
     * {@code states} is the member store's serde, which writes the bytes this processor measured; {@code lead} the
     * extractor's ({@link EventTime}), so that the events it keeps from moving stream time are the ones rejected.
     */
    MemberProcessor(LoyaltyEngine engine, Duration reviewEvery, Duration allowedLateness, MeasuredStateSerde states,
                    LeadLimit lead) {
        this.engine = engine;
        this.reviewEvery = reviewEvery;
        this.allowedLateness = allowedLateness;
        this.states = states;
        this.lead = lead;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.members = context.getStateStore(LoyaltyTopology.MEMBER_STORE);
        this.reviews = context.getStateStore(LoyaltyTopology.REVIEW_STORE);
        this.reviewFailures = context.getStateStore(LoyaltyTopology.REVIEW_FAILURE_STORE);
        this.recordLimit = LoyaltyTopology.recordLimit(context.appConfigs());
        this.changelog = context.applicationId() + "-" + LoyaltyTopology.MEMBER_STORE + "-changelog";
        if (!reviewEvery.isZero()) {
            context.schedule(reviewEvery, PunctuationType.STREAM_TIME, this::review);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String source = context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("events");
        InputRecord input = InputRecord.read(engine, record.key(), record.value(), source, lead);
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
            Optional<String> tooLarge = store(decision.state());
            if (tooLarge.isPresent()) {
                reject(record, source, "event " + event.id() + " of member " + event.memberId() + " not applied: "
                        + tooLarge.get());
                return;
            }
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
                        + event.memberId() + "'s scheduled review at " + review + " (stream time, the latest time"
                        + " the partition has read, an event of any member or a heartbeat, less the allowed lateness "
                        + allowedLateness + "): a later event of the partition, of this or another member, or a"
                        + " heartbeat set that stream time; send a member's events within the allowed lateness of"
                        + " its partition's latest time"));
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
                    if (!reportedAlready(member.key, atMillis)) { // a new attempt: say so, once
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
            Optional<String> tooLarge = store(review.state());
            if (tooLarge.isPresent()) {
                if (!reportedAlready(review.memberId(), atMillis)) {
                    rejected.add(new Record<>(review.memberId(), OutputJson.rejected(review.eventId(), "tier review of"
                            + " member " + review.memberId() + " at " + at + " not stored: " + tooLarge.get(), null),
                            streamTime));
                    failed.add(review.memberId());
                }
                continue;
            }
            reviews.put(review.memberId(), at.toEpochMilli());
            emit(review, streamTime);
        }
        failed.forEach(member -> reviewFailures.put(member, atMillis));
        forgetEarlierFailures(atMillis);
        rejected.forEach(r -> context.forward(r, LoyaltyTopology.REJECTED));
    }

    /** Whether the review of {@code member} at {@code atMillis} has failed and been rejected already. */
    private boolean reportedAlready(String member, long atMillis) {
        Long reported = reviewFailures.get(member);
        return reported != null && reported == atMillis;
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

    /**
     * Stores a member's new state, unless its changelog record would be larger than the producer sends: Kafka would
     * refuse it, and Streams stop the stream thread on it, for every member of the partition and after every restart.
     * The state keeps a member's whole history, so a member that outgrows the limit is refused here, and keeps its
     * state, until the limit is raised. Empty when stored, else why not.
     */
    private Optional<String> store(MemberState state) {
        byte[] bytes = states.measure(state);
        String member = state.memberId();
        // the record also holds the key, and Kafka counts its batch header (61 bytes) and record header (at most 21
        // with the lengths); a changelog record has no headers
        int room = recordLimit - member.getBytes(StandardCharsets.UTF_8).length - RECORD_ENVELOPE_BYTES;
        if (bytes.length <= room) {
            members.put(member, state);
            return Optional.empty();
        }
        states.forget();
        return Optional.of("the member's state would be " + bytes.length + " bytes, more than the " + room
                + " bytes its changelog record has room for (the producer's max.request.size of " + recordLimit
                + " bytes, less the member id and " + RECORD_ENVELOPE_BYTES + " bytes of Kafka's envelope); member"
                + " state unchanged. To store it, raise max.message.bytes of the topic " + changelog + " and the"
                + " producer's max.request.size (docs/scale-out.md, \"State and sizing\")");
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
