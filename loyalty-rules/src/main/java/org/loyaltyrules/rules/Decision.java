package org.loyaltyrules.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.facts.MemberNotice;
import org.loyaltyrules.rules.facts.RiskFlag;

/**
 * What one event did to one member, under one program version: the new state to persist, the ledger postings,
 * tier moves, benefits, caps applied, risk flags, notices, and an explanation for each. A refused event carries
 * the {@link Refusal} and the unchanged state; a duplicate event id carries the postings that event booked under its
 * id (its EARN, REDEEM, REDEEM_REVERSAL, CLAWBACK or ADJUST postings, not the ACTIVATE and EXPIRE postings of time
 * passing, which carry a lot's source event id) and the unchanged state. Same program, state and event give an equal
 * decision.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Decision(String programVersion, String eventId, String memberId, Outcome outcome, MemberState state,
                       List<Posting> postings, List<TierMove> tierMoves, List<BenefitGrant> benefits,
                       List<CapApplied> capsApplied, List<RiskFlag> riskFlags, List<MemberNotice> notices,
                       List<Explanation> explanations, Refusal refusal) {

    /** APPLIED: the event took effect; DUPLICATE: seen before, nothing changed; REFUSED: see {@link #refusal()}. */
    public enum Outcome { APPLIED, DUPLICATE, REFUSED }

    public Decision {
        requireNonNull(programVersion, "programVersion");
        requireNonNull(eventId, "eventId");
        requireNonNull(outcome, "outcome");
        requireNonNull(state, "state");
        postings = List.copyOf(postings);
        tierMoves = List.copyOf(tierMoves);
        benefits = List.copyOf(benefits);
        capsApplied = List.copyOf(capsApplied);
        riskFlags = List.copyOf(riskFlags);
        notices = List.copyOf(notices);
        explanations = List.copyOf(explanations);
    }

    /**
     * Points this decision credited (EARN postings of this event). 0 for a duplicate or refused event, whose
     * decision credits nothing even though a duplicate carries the postings its event booked.
     */
    public long pointsAwarded() {
        if (outcome != Outcome.APPLIED) {
            return 0;
        }
        return postings.stream().filter(p -> p.type() == PostingType.EARN && p.eventId().equals(eventId))
                .mapToLong(Posting::points).sum();
    }

    /**
     * The caps that withheld part of this applied event's award. {@link #capsApplied()} also names a cap the award
     * went over that withheld nothing itself, because a tighter one applied or it tied with the one applied; a
     * duplicate or refused event trims nothing.
     */
    public List<CapApplied> capTrims() {
        return outcome != Outcome.APPLIED ? List.of() : capsApplied.stream().filter(c -> c.withheld() > 0).toList();
    }

    /** The last tier move of this decision (a scheduled review may add an earlier one). */
    public Optional<TierMove> tierChange() {
        return tierMoves.isEmpty() ? Optional.empty() : Optional.of(tierMoves.get(tierMoves.size() - 1));
    }

    public Optional<Refusal> refused() {
        return Optional.ofNullable(refusal);
    }

    public boolean isApplied() {
        return outcome == Outcome.APPLIED;
    }
}
