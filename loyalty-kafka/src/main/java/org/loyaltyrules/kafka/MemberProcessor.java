package org.loyaltyrules.kafka;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.loyaltyrules.rules.RuleEvaluationException;
import org.loyaltyrules.rules.TierMove;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;

/**
 * Applies the engine to one member's event at a time (records are keyed, so partitioned, by member) and keeps the
 * member's state in the task's store; on stream time it lets time pass for every member of the task (scheduled tier
 * reviews, activation, expiry). Writes only through {@code context.forward}, so with exactly-once the store update
 * and the outputs of a record commit together.
 */
final class MemberProcessor implements Processor<String, String, String, String> {

    private final LoyaltyEngine engine;
    private final Duration reviewEvery;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, MemberState> members;

    MemberProcessor(LoyaltyEngine engine, Duration reviewEvery) {
        this.engine = engine;
        this.reviewEvery = reviewEvery;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.members = context.getStateStore(LoyaltyTopology.MEMBER_STORE);
        if (!reviewEvery.isZero()) {
            context.schedule(reviewEvery, PunctuationType.STREAM_TIME, this::review);
        }
    }

    @Override
    public void process(Record<String, String> record) {
        String source = context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("events");
        if (record.key() == null && record.value() == null) {
            return; // a heartbeat: it only moves stream time, so that reviews run on a quiet partition
        }
        if (record.value() == null) {
            reject(record, source, "record has no value");
            return;
        }
        // a record is one JSON Lines line: the engine's own reader parses it, with the current program's zone/currency
        EventBatch batch = EventReader.forProgram(engine.program().settings())
                .readJsonLines(new StringReader(record.value()), source);
        if (batch.hasProblems() || batch.events().size() != 1) {
            reject(record, source, batch.hasProblems() ? batch.problems().get(0).toString()
                    : "a record must hold exactly one event, held " + batch.events().size());
            return;
        }
        LoyaltyEvent event = batch.events().get(0);
        if (!event.memberId().equals(record.key())) {
            // the store is partitioned by key: a record keyed otherwise would split a member's state over partitions
            reject(record, source, "record key " + record.key() + " is not the event's member " + event.memberId());
            return;
        }
        Decision decision;
        try {
            decision = engine.apply(members.get(event.memberId()), event);
        } catch (RuleEvaluationException e) {
            reject(record, source, e.getMessage());
            return;
        }
        if (decision.isApplied()) {
            members.put(event.memberId(), decision.state());
            emit(decision, record.timestamp());
        }
        context.forward(new Record<>(event.memberId(), OutputJson.decision(decision), record.timestamp()),
                LoyaltyTopology.DECISIONS);
    }

    private void review(long streamTime) {
        Instant at = Instant.ofEpochMilli(streamTime);
        List<Decision> changed = new ArrayList<>();
        try (KeyValueIterator<String, MemberState> all = members.all()) {
            while (all.hasNext()) {
                KeyValue<String, MemberState> member = all.next();
                MemberState state = member.value;
                if (state.lastEventAt() != null && state.lastEventAt().isAfter(at)) {
                    continue; // record timestamps behind event times: never move a member back in time
                }
                Decision review = engine.reviewTiers(List.of(state), at).get(0);
                // a renewal extends validity with no posting and no tier move: compare the states
                if (!review.state().equals(state)) {
                    changed.add(review);
                }
            }
        }
        for (Decision review : changed) {
            members.put(review.memberId(), review.state());
            emit(review, streamTime);
        }
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

    private void reject(Record<String, String> record, String source, String problem) {
        context.forward(new Record<>(record.key(), OutputJson.rejected(source, problem, record.value()),
                record.timestamp()), LoyaltyTopology.REJECTED);
    }
}
