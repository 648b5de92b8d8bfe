package org.loyaltyrules.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.rules.Decision;

/**
 * A {@link History} run through a program: one {@link Turn} per event sent (steps resolved to nothing, such as a
 * redemption with no points available, have none), each with the state the event was applied to and the decision.
 * The state moves on only with APPLIED decisions, as an embedding system that persists {@code decision.state()}
 * would.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HistoryRun(History history, MemberState initial, List<Turn> turns) {

    /** Step {@code step} of the history sent {@code event} to a member in state {@code before}. */
    public record Turn(int step, LoyaltyEvent event, MemberState before, Decision decision) {
        public Turn {
            requireNonNull(event, "event");
            requireNonNull(before, "before");
            requireNonNull(decision, "decision");
        }
    }

    public HistoryRun {
        requireNonNull(history, "history");
        requireNonNull(initial, "initial");
        turns = List.copyOf(turns);
    }

    /** The member's state after the last applied event. */
    public MemberState finalState() {
        MemberState state = initial;
        for (Turn turn : turns) {
            if (turn.decision().isApplied()) {
                state = turn.decision().state();
            }
        }
        return state;
    }

    /** The events sent, in order (a resent event appears twice). */
    public List<LoyaltyEvent> events() {
        return turns.stream().map(Turn::event).toList();
    }
}
