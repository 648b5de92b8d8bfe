package org.loyaltyrules.kafka;

import java.io.StringReader;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.io.EventBatch;
import org.loyaltyrules.rules.io.EventReader;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramText;

/**
 * What a record of the events topic holds: one event keyed by its member, a heartbeat, or nothing the topology can
 * decide. {@link EventTime} (the record's time) and {@link MemberProcessor} (its decision) read a record the same way,
 * so only a record the processor takes for an event moves time by that event's time.
 */
sealed interface InputRecord {

    /** Neither key nor value: a record that only moves stream time, to its record timestamp. */
    record Heartbeat() implements InputRecord {
    }

    /** One event, and the record's key is the event's member. */
    record OneEvent(LoyaltyEvent event) implements InputRecord {
    }

    /** A record the topology rejects, and why: the problem written to the rejected topic. */
    record Rejected(String problem) implements InputRecord {
    }

    /**
     * Reads a record as one JSON Lines line, with the engine's own reader and the current program's zone and
     * currency; {@code source} locates the record in a problem ({@code loyalty.events/0@4}). The value must be UTF-8,
     * as an event file must: a byte that is not (a producer writing Latin-1) would otherwise be read as U+FFFD and
     * could merge two members' ids into one. An event dated more than {@code lead} allows ahead of the wall clock is
     * rejected.
     */
    static InputRecord read(LoyaltyEngine engine, String key, byte[] value, String source, LeadLimit lead) {
        if (key == null && value == null) {
            return new Heartbeat();
        }
        if (value == null) {
            return new Rejected("record has no value");
        }
        String text;
        try {
            text = ProgramText.decode(value, source);
        } catch (ProgramException e) {
            return new Rejected("record value is " + e.problems().get(0).message());
        }
        EventBatch batch = EventReader.forProgram(engine.program().settings())
                .readJsonLines(new StringReader(text), source);
        if (batch.hasProblems() || batch.events().size() != 1) {
            return new Rejected(batch.hasProblems() ? batch.problems().get(0).toString()
                    : "a record must hold exactly one event, held " + batch.events().size());
        }
        LoyaltyEvent event = batch.events().get(0);
        if (!event.memberId().equals(key)) {
            // the store is partitioned by key: a record keyed otherwise would split a member's state over partitions
            return new Rejected(key == null ? "record has no key; the key must be the event's member \""
                    + event.memberId() + "\"" : "record key \"" + key + "\" is not the event's member \""
                    + event.memberId() + "\"");
        }
        // refused before it is timed: as a Rejected record it keeps the partition's time (EventTime)
        return lead.refusal(event).<InputRecord>map(Rejected::new).orElseGet(() -> new OneEvent(event));
    }
}
