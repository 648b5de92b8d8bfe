package org.loyaltyrules.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.benefit.Occasion;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.member.FeeRefundPolicy;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.member.LineRecord;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.member.RefundMismatch;
import org.loyaltyrules.core.member.RefundRecord;
import org.loyaltyrules.core.member.RefundShare;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.AwardPart;
import org.loyaltyrules.core.points.EarnCalculator;
import org.loyaltyrules.core.points.EarnLine;
import org.loyaltyrules.core.points.EarnResult;
import org.loyaltyrules.core.points.LedgerOutcome;
import org.loyaltyrules.core.points.LedgerRefusal;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.risk.Cap;
import org.loyaltyrules.core.risk.CapMeasure;
import org.loyaltyrules.core.tier.DowngradePolicy;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.core.tier.TierLadder;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;
import org.loyaltyrules.rules.facts.ActiveCampaign;
import org.loyaltyrules.rules.facts.BasketCharge;
import org.loyaltyrules.rules.facts.BasketLine;
import org.loyaltyrules.rules.facts.BenefitAllowance;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.BenefitOffer;
import org.loyaltyrules.rules.facts.BenefitRequest;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.facts.CapHeadroom;
import org.loyaltyrules.rules.facts.ChannelBonusRate;
import org.loyaltyrules.rules.facts.CurrentTier;
import org.loyaltyrules.rules.facts.DowngradeSetting;
import org.loyaltyrules.rules.facts.EarnRate;
import org.loyaltyrules.rules.facts.EarningBlocked;
import org.loyaltyrules.rules.facts.EligibleLine;
import org.loyaltyrules.rules.facts.EligiblePurchase;
import org.loyaltyrules.rules.facts.EventAward;
import org.loyaltyrules.rules.facts.EventFact;
import org.loyaltyrules.rules.facts.Excluded;
import org.loyaltyrules.rules.facts.Exclusion;
import org.loyaltyrules.rules.facts.FeePayment;
import org.loyaltyrules.rules.facts.IdenticalBaskets;
import org.loyaltyrules.rules.facts.LineBonus;
import org.loyaltyrules.rules.facts.Member;
import org.loyaltyrules.rules.facts.MemberNotice;
import org.loyaltyrules.rules.facts.MembershipOffer;
import org.loyaltyrules.rules.facts.MembershipPrice;
import org.loyaltyrules.rules.facts.MetricRate;
import org.loyaltyrules.rules.facts.MilestoneCrossed;
import org.loyaltyrules.rules.facts.MinimumOrder;
import org.loyaltyrules.rules.facts.Multiplier;
import org.loyaltyrules.rules.facts.PointsAward;
import org.loyaltyrules.rules.facts.PurchaseAttribute;
import org.loyaltyrules.rules.facts.PurchaseMetric;
import org.loyaltyrules.rules.facts.PurchaseVelocity;
import org.loyaltyrules.rules.facts.QualifyingGrowth;
import org.loyaltyrules.rules.facts.RefundRatio;
import org.loyaltyrules.rules.facts.ReviewDue;
import org.loyaltyrules.rules.facts.RiskFlag;
import org.loyaltyrules.rules.facts.StatusLapsing;
import org.loyaltyrules.rules.facts.SurveyAnswer;
import org.loyaltyrules.rules.facts.TierBonusRate;
import org.loyaltyrules.rules.facts.TierChange;
import org.loyaltyrules.rules.facts.TierFloor;
import org.loyaltyrules.rules.facts.TierReached;
import org.loyaltyrules.rules.facts.TierThreshold;
import org.loyaltyrules.rules.internal.Conclusion;
import org.loyaltyrules.rules.internal.Firing;
import org.loyaltyrules.rules.internal.RuleFailure;
import org.loyaltyrules.rules.internal.RuleInfo;
import org.loyaltyrules.rules.internal.RulePack;
import org.loyaltyrules.rules.internal.SessionPool;
import org.loyaltyrules.rules.program.MembershipPlan;
import org.loyaltyrules.rules.program.Milestone;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.loyaltyrules.rules.program.RateRule;

/**
 * The evaluation pipeline for one event under one compiled program: core derives facts, Drools fires the groups in
 * a fixed order (eligibility, earning, risk, tier, benefit), and core applies what the rules concluded. Pure: it
 * reads no clock and keeps no state between calls; the input state is never changed.
 */
final class Evaluation {

    static final String CLAWBACK_RULE = "Refunds claw back points and growth in proportion";
    static final String FORFEIT_RULE = "A refunded paid term forfeits the rewards earned in it";
    static final String REDEEM_RULE = "Redemptions spend available points, soonest-expiring first";
    static final String REVERSAL_RULE = "Reversed redemptions give their points back";
    static final String ADJUST_RULE = "Staff adjustments";
    static final String SURVEY_RULE = "Survey answers are recorded";
    static final String STATUS_RULE = "Member status changes";
    /** The rule names of the postings the engine books itself (docs/embedding.md, "What explains a posting"). */
    static final List<String> ENGINE_POSTING_RULES = List.of(REDEEM_RULE, REVERSAL_RULE, CLAWBACK_RULE, FORFEIT_RULE,
            ADJUST_RULE);
    /** Every code of a {@link Refusal} this class (and the ledger under it) returns, sorted. */
    static final List<String> REFUSAL_CODES = Stream.concat(Stream.of("ALREADY_REFUNDED",
            "BENEFIT_REFUSED", "CURRENCY_MISMATCH", "EVENT_TOO_LARGE", "FEE_MISMATCH", "INVALID_ATTRIBUTE",
            "INVALID_STATUS_CHANGE", "LATER_TERM_PAID", "MEMBER_CLOSED", "MEMBER_FROZEN", "MEMBER_NOT_ACTIVE",
            "NUMBER_OVERFLOW", "OUT_OF_ORDER", "PARTNER_DOES_NOT_BURN", "REFUND_EXCEEDS_PURCHASE", "REFUND_MISMATCH", "TERM_MISMATCH", "UNKNOWN_FEE",
            "UNKNOWN_PARTNER", "UNKNOWN_PLAN", "UNKNOWN_PURCHASE", "UNKNOWN_PURCHASE_LINE", "UNKNOWN_TIER",
            "UNPRICED_PLAN"),
            Stream.of(LedgerRefusal.Code.values()).map(Enum::name)).sorted().toList();
    /** Basket lines beyond this make an event too large to evaluate safely (each line is a fact). */
    static final int MAX_LINES = 10_000;

    private final ProgramSettings settings;
    private final RulePack pack;
    private final int fireLimit;
    private final ProgramCalendar calendar;
    private final TierLadder ladder;
    private final Set<String> trackedMetrics;

    Evaluation(ProgramSettings settings, RulePack pack, int fireLimit) {
        this.settings = settings;
        this.pack = pack;
        this.fireLimit = fireLimit;
        this.calendar = settings.calendar();
        this.ladder = settings.ladder();
        Set<String> metrics = new TreeSet<>();
        metrics.add(ladder.metric());
        settings.earning().milestones().forEach(m -> metrics.add(m.metric()));
        this.trackedMetrics = Set.copyOf(metrics);
        this.insightUsed = pack.mentions("MemberInsight");
        this.settingsFacts = List.copyOf(settingsFacts());
        this.pool = new SessionPool(pack, settingsFacts);
    }

    private final List<Object> settingsFacts;
    private final SessionPool pool;

    /** The member insight costs a pass over the member's history; it is derived only when some rule reads it. */
    private final boolean insightUsed;

    /** The mutable record of one evaluation; becomes the {@link Decision}. */
    private final class Work {
        final LoyaltyEvent event;
        final MemberState initial;
        MemberState state;
        final List<TierMove> tierMoves = new ArrayList<>();
        final List<BenefitGrant> benefits = new ArrayList<>();
        final List<CapApplied> caps = new ArrayList<>();
        final List<RiskFlag> flags = new ArrayList<>();
        final List<MemberNotice> notices = new ArrayList<>();
        final List<Explanation> explanations = new ArrayList<>();
        /** The conclusion each line of the event's award came from, line by line. */
        List<Conclusion> earnedBy = List.of();

        Work(LoyaltyEvent event, MemberState initial) {
            this.event = event;
            this.initial = initial;
            this.state = initial;
        }

        Decision applied(String programVersion) {
            MemberState done = state.processed(event.id(), event.at());
            if (!done.ledger().isConserved()) {
                throw new IllegalStateException("ledger of member " + done.memberId() + " does not conserve points after "
                        + event.id() + ": " + done.ledger());
            }
            List<Posting> postings = done.ledger().postingsSince(initial.ledger());
            return new Decision(programVersion, event.id(), done.memberId(), Decision.Outcome.APPLIED, done, postings,
                    tierMoves, benefits, caps, flags, notices, explanations, null);
        }

        Decision refused(String programVersion, String code, String detail) {
            explanations.add(engine("Refused: " + code, "", Map.of("event", event.id()), detail));
            return new Decision(programVersion, event.id(), initial.memberId(), Decision.Outcome.REFUSED, initial,
                    List.of(), List.of(), benefits, List.of(), List.of(), List.of(), explanations,
                    new Refusal(code, detail));
        }

        void explain(Conclusion conclusion, String sentence) {
            RuleInfo info = pack.rule(conclusion.rule()).orElse(new RuleInfo(conclusion.rule(), "", 0, "", ""));
            explanations.add(new Explanation(info.name(), info.file(), info.line(), info.intent(), conclusion.inputs(),
                    sentence));
        }
    }

    Decision apply(MemberState given, LoyaltyEvent event) {
        String version = settings.version();
        MemberState state = given != null ? given : MemberState.enrol(event.memberId(), event.at(), ladder.base().id());
        if (!state.memberId().equals(event.memberId())) {
            // quoted: ids that differ only in blanks (" m1 " sent through the Java API) show the difference
            throw new IllegalArgumentException("event " + event.id() + " is for member '" + event.memberId()
                    + "', but the state given is of member '" + state.memberId() + "'");
        }
        Work work = new Work(event, state);
        if (state.hasProcessed(event.id())) {
            // What the event booked under its own id. ACTIVATE and EXPIRE carry the id of the lot's source event but
            // are booked by whatever later let time pass; which decision returned them, the state cannot tell.
            List<Posting> earlier = state.ledger().postings().stream().filter(p -> p.eventId().equals(event.id())
                    && p.type() != org.loyaltyrules.core.points.PostingType.ACTIVATE
                    && p.type() != org.loyaltyrules.core.points.PostingType.EXPIRE).toList();
            return new Decision(version, event.id(), state.memberId(), Decision.Outcome.DUPLICATE, state, earlier,
                    List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(engine("Duplicate events change nothing", "", Map.of("event", event.id()),
                            "event " + event.id() + " was already processed; the postings it booked are returned")),
                    null);
        }
        if (event.at().isBefore(state.enrolledAt())) {
            // the member did not exist yet: it had no ledger, tier or counters for the event to land on
            return work.refused(version, "OUT_OF_ORDER", "event " + event.id() + " at " + event.at()
                    + " is before member " + state.memberId() + "'s enrolment at " + state.enrolledAt()
                    + " (a member the engine has not seen is enrolled at its first event); enrol the member at or"
                    + " before its first event and replay its history in time order");
        }
        if (state.lastEventAt() != null && event.at().isBefore(state.lastEventAt())) {
            // a late event would be applied to a ledger and counters that already moved past its time
            return work.refused(version, "OUT_OF_ORDER", "event " + event.id() + " at " + event.at()
                    + " is before member " + state.memberId() + "'s last event at " + state.lastEventAt()
                    + "; replay the member's history in time order");
        }
        if (event instanceof Purchase && ((Purchase) event).lines().size() > MAX_LINES) {
            return work.refused(version, "EVENT_TOO_LARGE", "purchase " + event.id() + " has "
                    + ((Purchase) event).lines().size() + " lines; at most " + MAX_LINES + " are evaluated");
        }
        if (state.status() == MemberStatus.CLOSED) {
            return work.refused(version, "MEMBER_CLOSED", "member " + state.memberId() + " is closed");
        }
        Optional<String> currencyProblem = currencyProblem(event);
        if (currencyProblem.isPresent()) {
            return work.refused(version, "CURRENCY_MISMATCH", currencyProblem.get());
        }
        // Every step of the event is guarded, also the conservation check of the result: it sums the balance
        // (available + pending) and the lifetime credits, which may pass a long where no single posting did.
        try {
            String refusal = evaluate(work, state, event);
            if (refusal != null) {
                int colon = refusal.indexOf(':');
                return work.refused(version, refusal.substring(0, colon), refusal.substring(colon + 1).trim());
            }
            return work.applied(version);
        } catch (ArithmeticException e) {
            // core throws it for a total beyond a long (Math.addExact, longValueExact); the message says which
            return overflow(version, event, state, e.getMessage());
        } catch (RuleFailure e) {
            // a consequence that overflowed (a milestone of times x points): the numbers, not the rule, are wrong; any
            // other failure of a rule (a division by zero) stays a rule failure
            Throwable cause = overflowCause(e);
            if (cause == null) {
                throw e;
            }
            return overflow(version, event, state, "rule \"" + e.rule() + "\": " + cause.getMessage());
        }
    }

    /** A total beyond a long: the event cannot be booked; a fresh record, so nothing evaluated so far shows. */
    private Decision overflow(String version, LoyaltyEvent event, MemberState state, String why) {
        return new Work(event, state).refused(version, "NUMBER_OVERFLOW", "event " + event.id() + " would take a"
                + " points or growth total of member " + state.memberId() + " beyond " + Long.MAX_VALUE + " (" + why
                + ")");
    }

    /**
     * Whether a failure is an overflow: {@code Points.add/subtract} ("Overflow: a + b ..."), {@code Math.*Exact}
     * ("long overflow"), {@code BigDecimal.longValueExact} ("Overflow"), {@code BigInteger} ("out of long range").
     */
    private static boolean isOverflow(Throwable e) {
        if (!(e instanceof ArithmeticException) || e.getMessage() == null) {
            return false;
        }
        String message = e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("overflow") || message.contains("out of long range")
                || message.contains("out of int range");
    }

    private static Throwable overflowCause(Throwable e) {
        Throwable t = e.getCause();
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (isOverflow(t)) {
                return t;
            }
        }
        return null;
    }

    /** Lets time pass to the event and evaluates it; returns "CODE: detail" when it is refused, null when applied. */
    private String evaluate(Work work, MemberState state, LoyaltyEvent event) {
        work.state = advance(work, state, event.at());
        if (event instanceof Purchase) {
            return purchase(work, (Purchase) event);
        } else if (event instanceof Refund) {
            return refund(work, (Refund) event);
        } else if (event instanceof Redemption) {
            return redemption(work, (Redemption) event);
        } else if (event instanceof RedemptionReversal) {
            return reversal(work, (RedemptionReversal) event);
        } else if (event instanceof Enrollment) {
            return enrollment(work, (Enrollment) event);
        } else if (event instanceof MembershipFee) {
            return membershipFee(work, (MembershipFee) event);
        } else if (event instanceof FeeRefund) {
            return feeRefund(work, (FeeRefund) event);
        } else if (event instanceof Survey) {
            return survey(work, (Survey) event);
        } else if (event instanceof Adjustment) {
            return adjustment(work, (Adjustment) event);
        } else if (event instanceof BenefitClaim) {
            return benefitClaim(work, (BenefitClaim) event);
        } else if (event instanceof TierReview) {
            explainReview(work, event.at()); // advance() above ran every review due up to the event's instant
            return null;
        } else {
            throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
        }
    }

    /** Lets time pass for a member without an event: points activate and expire, due tier reviews run. */
    Decision review(MemberState state, Instant at) {
        Work work = new Work(new TierReview("review:" + state.memberId() + ":" + at, state.memberId(), at, Map.of()), state);
        // A review does not move the member's event clock: in a stream (Kafka) a member's events may lag the
        // partition's time, and they must still be accepted. Schedule reviews after the events up to their instant.
        work.state = advance(work, state, at);
        explainReview(work, at);
        List<Posting> postings = work.state.ledger().postingsSince(state.ledger());
        return new Decision(settings.version(), work.event.id(), state.memberId(), Decision.Outcome.APPLIED, work.state,
                postings, work.tierMoves, work.benefits, work.caps, work.flags, work.notices, work.explanations, null);
    }

    private Optional<String> currencyProblem(LoyaltyEvent event) {
        Money money = event.money().orElse(null);
        if (money != null && !money.currency().equals(settings.currency())) {
            return Optional.of("event " + event.id() + " is in " + money.currency() + ", the program's currency is "
                    + settings.currency());
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- time

    private MemberState advance(Work work, MemberState state, Instant at) {
        MemberState s = state.withLedger(state.ledger().advanceTo(at, settings.expiry(), calendar));
        for (int guard = 0; guard < 1000; guard++) {
            TierStatus tier = s.tier();
            TierStatus beneath = tier.earnedBeneath();
            if (beneath != null && !reviewTime(beneath).isAfter(at) && reviewTime(beneath).isBefore(reviewTime(tier))) {
                // the earned status beneath a paid one is reviewed when it lapses, as it would be for a member who
                // had not paid, on the growth known then (a later refund or a forgotten window must not change it)
                TierStatus reviewed = withoutFees(s, beneath, reviewTime(beneath));
                s = s.withTier(withBeneath(tier, reviewed.source() == TierSource.EARNED ? reviewed : null));
                continue;
            }
            if (tier.validUntil() == null || reviewTime(tier).isAfter(at)) {
                return s;
            }
            s = reviewAt(work, s, reviewTime(tier));
        }
        throw new IllegalStateException("tier reviews of member " + state.memberId() + " did not settle by " + at);
    }

    static final String REVIEW_RULE = "Tier reviews run when status lapses";

    /**
     * A review that moved no tier and concluded nothing says what it checked and kept, so that no applied decision
     * goes unexplained: a tier without an end is never reviewed, one still valid waits for its review, one renewed
     * says until when.
     */
    private void explainReview(Work work, Instant at) {
        if (!work.tierMoves.isEmpty() || !work.explanations.isEmpty()) {
            return; // each move or renewal a tier rule concluded is explained by that rule
        }
        TierStatus tier = work.state.tier();
        String on = "review on " + calendar.dateOf(at) + ": " + tier.tierId() + " kept";
        Map<String, String> inputs = new TreeMap<>();
        inputs.put("tier", tier.tierId());
        inputs.put("source", tier.source().name());
        String sentence;
        if (at.isBefore(work.state.enrolledAt())) {
            // a review dated before the member existed changes nothing; it must not read as a tier held then
            inputs.put("enrolledAt", work.state.enrolledAt().toString());
            boolean sameDay = calendar.dateOf(at).equals(calendar.dateOf(work.state.enrolledAt()));
            sentence = "review on " + calendar.dateOf(at) + ": nothing to review, member " + work.state.memberId()
                    + " was enrolled later, " + (sameDay ? "at " + work.state.enrolledAt()
                    : "on " + calendar.dateOf(work.state.enrolledAt()));
        } else if (tier.validUntil() == null) {
            sentence = on + "; " + (tier.source() == TierSource.MANUAL ? "a manually assigned" : "the base")
                    + " tier has no end, so no review was due";
        } else {
            inputs.put("validUntil", tier.validUntil().toString());
            boolean renewed = !tier.equals(work.initial.tier());
            // lapsed, and its grace period running: 'valid until' a date already past would mislead
            boolean inGrace = !renewed && !tier.validUntil().isAfter(at);
            sentence = on + (renewed ? ", renewed" : "") + (inGrace ? "; it lapsed on "
                    + calendar.dateOf(tier.validUntil()) + " and is in its grace period" : ", valid until "
                    + calendar.dateOf(tier.validUntil())) + (renewed ? "" : "; no review was due (the next on "
                    + calendar.dateOf(reviewTime(tier)) + ")");
        }
        work.explanations.add(engine(REVIEW_RULE, "a tier changes at a review only once its status lapsed: earned"
                + " status after the grace period, a paid tier at the end of its term", inputs, sentence));
    }

    /** When a status is reviewed: an earned status after the grace period, a paid one when its term ends. */
    private Instant reviewTime(TierStatus tier) {
        return tier.source() == TierSource.PAID ? tier.validUntil() : ladder.reviewAt(tier.validUntil());
    }

    private MemberState reviewAt(Work work, MemberState state, Instant reviewAt) {
        TierStatus tier = state.tier();
        Instant lapsed = tier.validUntil();
        Instant windowBoundary = lapseWindowBoundary(state, lapsed);
        Instant windowEnd = ladder.window().lastCounted(windowBoundary);
        BigDecimal growth = windowTotal(state, windowEnd);
        Tier earned = ladder.highestKept(growth, tier.tierId());
        // growth already earned in the window running at the review (during the grace period, say) counts too: a
        // review never sets a member below the tier an upgrade would give them at that instant
        BigDecimal growthNow = windowTotal(state, reviewAt);
        Tier reachedNow = ladder.highestReached(growthNow, tier.tierId());
        boolean earnedSince = ladder.rank(reachedNow.id()) > ladder.rank(earned.id());
        if (earnedSince) {
            earned = reachedNow;
        }
        // a paid term ending between two boundaries is judged on both windows: say what the running one holds too
        boolean nowCounted = earnedSince || (windowBoundary.isBefore(lapsed) && growthNow.signum() != 0);
        Tier step = ladder.oneStepBelow(tier.tierId());
        boolean paidLapse = tier.source() == TierSource.PAID;
        List<Conclusion> changes;
        try (Firing firing = pool.open(fireLimit)) {
            firing.insert(memberFact(state));
            firing.insert(currentTier(tier));
            insertSettings(firing);
            firing.insert(new DowngradeSetting(paidLapse ? "TO_EARNED_LEVEL" : ladder.downgradePolicy().name()));
            floors(state, reviewAt).forEach(firing::insert);
            // the window whose growth set the earned level: the one running at the review, read up to it, if its
            // growth reaches higher than the last complete one keeps
            Instant earnedWindowEnd = earnedSince ? reviewAt : windowBoundary;
            firing.insert(new ReviewDue(calendar.dateOf(lapsed).toString(), calendar.dateOf(earnedWindowEnd).toString(),
                    earned.id(), ladder.rank(earned.id()), step.id(), ladder.rank(step.id())));
            firing.fire("tier");
            changes = firing.conclusionsOf(TierChange.class);
        }
        Conclusion winner = highest(changes, ladder.rank(tier.tierId()));
        Instant next = ladder.window().nextBoundary(lapsed, state.membershipStart(), calendar);
        // a tier the growth of the running window reaches is status earned in that window: it lasts as an upgrade to
        // it at this instant would (under END_OF_NEXT_WINDOW through the next window too), not only to the boundary
        Instant reachedUntil = ladder.validUntil(reviewAt, state.membershipStart(), calendar);
        String toId = winner == null ? tier.tierId() : ((TierChange) winner.fact()).toTierId();
        if (ladder.rank(toId) <= ladder.rank(reachedNow.id()) && reachedUntil.isAfter(next)) {
            next = reachedUntil;
        }
        // a paid term's end gives what the member would hold had they not paid: the earned status kept beneath the
        // paid one, reviewed as it would have been without the fee
        TierStatus unpaid = paidLapse && tier.earnedBeneath() != null
                ? withoutFees(state, tier.earnedBeneath(), reviewAt) : null;
        if (winner == null || toId.equals(tier.tierId())) {
            TierStatus renewed = paidLapse
                    ? new TierStatus(tier.tierId(), TierSource.EARNED, tier.since(), next, tier.floorTierId(), null)
                    : tier.renewedUntil(next);
            if (unpaid != null && replaces(unpaid, renewed, state, reviewAt)) {
                return keptAsUnpaid(work, state, reviewAt, unpaid, winner);
            }
            if (winner != null) {
                work.explain(winner, ((TierChange) winner.fact()).reason() + "; valid until " + calendar.dateOf(next));
            }
            work.notices.add(MemberNotice.of("TIER_RENEWED", tier.tierId() + " renewed at the review of "
                    + calendar.dateOf(reviewAt) + ", valid until " + calendar.dateOf(next)));
            return state.withTier(renewed);
        }
        TierChange change = (TierChange) winner.fact();
        Tier to = ladder.require(change.toTierId());
        Instant paidTo = paidTerms(state, reviewAt).get(to.id());
        // the level the review gives of itself (the earned level, or one step down under ONE_STEP): a paid term of
        // that tier running at the review is a floor, not a shorter status: it holds to the later of the two ends
        Tier own = !paidLapse && ladder.downgradePolicy() == DowngradePolicy.ONE_STEP
                && ladder.rank(step.id()) > ladder.rank(earned.id()) ? step : earned;
        // the review's own status lasts to its review, grace included: a paid status has none
        boolean ownOutlastsPaid = ladder.rank(to.id()) <= ladder.rank(own.id()) && paidTo != null
                && ladder.reviewAt(next).isAfter(paidTo);
        TierStatus moved;
        if (paidTo != null && !ownOutlastsPaid) {
            // onto a running paid term: what the member would hold without any fee is kept beneath it
            TierStatus beneath = paidLapse ? unpaid : withoutFees(state, tier, reviewAt);
            moved = new TierStatus(to.id(), TierSource.PAID, reviewAt, paidTo, tier.floorTierId(), paidTo,
                    beneath != null && beneath.source() == TierSource.EARNED
                            && ladder.rank(beneath.tierId()) <= ladder.rank(to.id()) ? beneath : null);
        } else {
            moved = placed(tier, to, reviewAt, next);
        }
        if (unpaid != null && replaces(unpaid, moved, state, reviewAt)) {
            return keptAsUnpaid(work, state, reviewAt, unpaid, winner);
        }
        work.tierMoves.add(new TierMove(state.memberId(), reviewAt, tier.tierId(), to.id(),
                ladder.rank(to.id()) < ladder.rank(tier.tierId()) ? "DOWNGRADE" : "UPGRADE", change.reason()));
        // a downgrade says what keeping the tier took, beside what the window held
        Tier held = ladder.require(tier.tierId());
        String keep = ladder.rank(to.id()) < ladder.rank(tier.tierId()) && held.reachable()
                ? ", " + held.id() + " is kept at " + plain(held.keepThreshold()) : "";
        work.explain(winner, "review on " + calendar.dateOf(reviewAt) + ": " + tier.tierId() + " -> " + to.id() + " ("
                + change.reason() + ", " + ladder.metric() + " " + plain(growth) + " in the window ending "
                + calendar.dateOf(windowBoundary) + keep + (nowCounted ? "; " + plain(growthNow) + " since "
                + calendar.dateOf(ladder.window().start(reviewAt, state.membershipStart(), calendar))
                + " reaches " + reachedNow.id() : "") + ")");
        return state.withTier(moved);
    }

    /**
     * A paid status after a purchase whose window growth is {@code total}: the tier that growth reaches up to the paid
     * one is what a member who had not paid would now hold as earned status (an upgrade, or a requalification that
     * extends it), so it is kept beneath the paid status for the term's end, as an upgrade at this instant would last.
     */
    private TierStatus earnedBeneathPaid(TierStatus paid, BigDecimal total, Instant at, Instant membershipStart) {
        Tier reached = ladder.highestReached(total, paid.tierId());
        int rank = ladder.rank(reached.id());
        if (rank == 0) {
            return paid;
        }
        TierStatus beneath = paid.earnedBeneath();
        Instant until = ladder.validUntil(at, membershipStart, calendar);
        TierStatus earned;
        if (beneath == null || rank > ladder.rank(beneath.tierId())) {
            earned = new TierStatus(reached.id(), TierSource.EARNED, at, until, paid.floorTierId(), null);
        } else if (reached.id().equals(beneath.tierId()) && until.isAfter(beneath.validUntil())) {
            earned = beneath.renewedUntil(until);
        } else {
            return paid;
        }
        return withBeneath(paid, earned);
    }

    /** {@code paid} with {@code earned} (or nothing) kept beneath it. */
    private static TierStatus withBeneath(TierStatus paid, TierStatus earned) {
        return new TierStatus(paid.tierId(), paid.source(), paid.since(), paid.validUntil(), paid.floorTierId(),
                paid.paidUntil(), earned);
    }

    static final String PAID_END_RULE = "A paid term's end keeps the earned status the fee replaced";

    /**
     * The status a member would hold at {@code until} had they paid no fee: {@code status} (earned) reviewed at each
     * of its lapses up to then, with no paid term as a floor. Nothing is recorded: it is a reckoning, not an event.
     */
    private TierStatus withoutFees(MemberState state, TierStatus status, Instant until) {
        MemberState s = state.withFees(List.of()).withTier(status);
        Work scratch = new Work(new TierReview("unpaid:" + state.memberId(), state.memberId(), until, Map.of()), s);
        for (int guard = 0; guard < 1000; guard++) {
            TierStatus t = s.tier();
            if (t.source() != TierSource.EARNED || t.validUntil() == null || reviewTime(t).isAfter(until)) {
                return t;
            }
            s = reviewAt(scratch, s, reviewTime(t));
        }
        throw new IllegalStateException("the status of member " + state.memberId() + " without fees did not settle by "
                + until);
    }

    /**
     * Whether the member holds the status they would hold without the fee rather than the review's {@code outcome}
     * (what the windows read at the term's end give): whenever the two differ, unless the outcome is a paid term
     * still running or a manual floor, of a tier at least as high. The windows can give a higher tier (a keep
     * threshold read for a tier the member never earned) or the same one longer (dated from the term's end), but
     * that status is reviewed on other windows than the member who did not pay, and can end below theirs. Never
     * below a floor: the manually assigned tier, or a tier whose paid term runs at {@code at} (the outcome, which the
     * review placed at or above them, then stands, also when it is earned status that outlasts the term).
     */
    private boolean replaces(TierStatus unpaid, TierStatus outcome, MemberState state, Instant at) {
        if (unpaid.source() != TierSource.EARNED) {
            return false;
        }
        int unpaidRank = ladder.rank(unpaid.tierId());
        int floor = state.tier().floorTierId() == null ? 0 : ladder.rank(state.tier().floorTierId());
        for (String paidTier : paidTerms(state, at).keySet()) {
            floor = Math.max(floor, ladder.rank(paidTier));
        }
        if (unpaidRank < floor) {
            return false;
        }
        int rank = ladder.rank(outcome.tierId());
        if (outcome.source() == TierSource.PAID || outcome.source() == TierSource.MANUAL) {
            return unpaidRank > rank;
        }
        return unpaidRank != rank || outcome.validUntil() == null || !reviewTime(unpaid).equals(reviewTime(outcome));
    }

    /**
     * The paid status lapsing at {@code reviewAt} gives way to {@code unpaid}, the status the member would hold had
     * they paid no fee, in place of what the review reckoned from the windows ({@code winner}, if a rule concluded a
     * change): a move to its tier, or the paid tier held on as earned status, to its validity.
     */
    private MemberState keptAsUnpaid(Work work, MemberState state, Instant reviewAt, TierStatus unpaid,
                                     Conclusion winner) {
        TierStatus tier = state.tier();
        TierStatus beneath = tier.earnedBeneath();
        boolean same = unpaid.tierId().equals(tier.tierId());
        boolean inGrace = !unpaid.validUntil().isAfter(reviewAt);
        // held since the term's end, or, for a status already in its grace period, since the member who did not pay
        // holds it (a status never begins after it lapsed)
        TierStatus kept = new TierStatus(unpaid.tierId(), TierSource.EARNED, same ? tier.since() : inGrace
                ? unpaid.since() : reviewAt, unpaid.validUntil(), tier.floorTierId(), null);
        String held = "without the fee the member would hold " + unpaid.tierId() + (inGrace ? ", lapsed on "
                + calendar.dateOf(unpaid.validUntil()) + " and in its grace period to "
                + calendar.dateOf(reviewTime(unpaid)) : " valid until " + calendar.dateOf(unpaid.validUntil()));
        String reckoned = winner == null ? "" : "; the windows alone give " + ((TierChange) winner.fact()).toTierId()
                + " (" + ((TierChange) winner.fact()).reason() + ")";
        String sentence = "review on " + calendar.dateOf(reviewAt) + ": the paid " + tier.tierId() + " ended; " + held
                + ": " + (same ? tier.tierId() + " kept" : tier.tierId() + " -> " + unpaid.tierId()) + reckoned;
        Map<String, String> inputs = new TreeMap<>();
        inputs.put("tier", tier.tierId());
        inputs.put("paidUntil", String.valueOf(tier.paidUntil()));
        inputs.put("earnedBeneath", beneath.tierId());
        inputs.put("earnedValidUntil", beneath.validUntil().toString());
        work.explanations.add(engine(PAID_END_RULE, "when a paid term ends the member holds what they would hold had"
                + " they not paid", inputs, sentence));
        if (inGrace) {
            // held in the grace period of a status that lapsed before the term ended: warned as the grace rule warns,
            // when the review still to come would move the member (the lapsed window does not keep it, nor has the
            // running one reached it)
            Tier towards = levelAtReview(state, unpaid, reviewAt);
            if (ladder.rank(towards.id()) < ladder.rank(unpaid.tierId())) {
                work.notices.add(MemberNotice.of("DOWNGRADE_WARNING", unpaid.tierId() + " lapsed; unless requalified"
                        + " by " + calendar.dateOf(reviewTime(unpaid)) + " the member moves towards " + towards.id()));
            }
        } else if (same) {
            work.notices.add(MemberNotice.of("TIER_RENEWED", tier.tierId() + " renewed at the review of "
                    + calendar.dateOf(reviewAt) + ", valid until " + calendar.dateOf(unpaid.validUntil())));
        }
        if (!same) {
            work.tierMoves.add(new TierMove(state.memberId(), reviewAt, tier.tierId(), unpaid.tierId(), "DOWNGRADE",
                    "paid term ended; " + held));
        }
        return state.withTier(kept);
    }

    /** The status after moving to {@code to}: the base tier and a manual floor are never reviewed. */
    private TierStatus placed(TierStatus from, Tier to, Instant at, Instant validUntil) {
        if (ladder.rank(to.id()) == 0) {
            return new TierStatus(to.id(), TierSource.BASE, at, null, from.floorTierId(), null);
        }
        if (to.id().equals(from.floorTierId())) {
            return new TierStatus(to.id(), TierSource.MANUAL, at, null, from.floorTierId(), null);
        }
        return new TierStatus(to.id(), TierSource.EARNED, at, validUntil, from.floorTierId(), null);
    }

    private Conclusion highest(List<Conclusion> changes, int capRank) {
        Conclusion best = null;
        int bestRank = -1;
        for (Conclusion c : changes) {
            int rank = Math.min(capRank, concluded(c, () -> ladder.rank(((TierChange) c.fact()).toTierId())));
            if (rank > bestRank) {
                best = c;
                bestRank = rank;
            }
        }
        return best;
    }

    private List<TierFloor> floors(MemberState state, Instant at) {
        List<TierFloor> floors = new ArrayList<>();
        TierStatus tier = state.tier();
        if (tier.floorTierId() != null) {
            floors.add(new TierFloor(tier.floorTierId(), ladder.rank(tier.floorTierId()), "manually assigned tier"));
        }
        paidTerms(state, at).forEach((tierId, until) -> floors.add(new TierFloor(tierId, ladder.rank(tierId),
                "paid term until " + calendar.dateOf(until))));
        return floors;
    }

    /**
     * The paid terms running at {@code at}, by tier, each to its end (a prepaid renewal of the same tier extends it):
     * the current paid status, and every fee not refunded, also one paid for a tier below an earned one, or one whose
     * status an earned upgrade replaced. A paid tier lasts its paid term whatever the member earns meanwhile.
     */
    private Map<String, Instant> paidTerms(MemberState state, Instant at) {
        Map<String, Instant> terms = new TreeMap<>();
        TierStatus tier = state.tier();
        if (tier.paidUntil() != null && tier.paidUntil().isAfter(at)) {
            terms.put(tier.tierId(), tier.paidUntil());
        }
        for (FeeRecord fee : state.fees()) {
            if (!fee.isRefunded() && !fee.termStart().isAfter(at) && fee.termEnd().isAfter(at)) {
                terms.merge(fee.tierId(), fee.termEnd(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        for (Map.Entry<String, Instant> term : terms.entrySet()) {
            for (boolean extended = true; extended; ) {
                extended = false;
                for (FeeRecord fee : state.fees()) {
                    if (!fee.isRefunded() && fee.tierId().equals(term.getKey())
                            && fee.termStart().equals(term.getValue())) {
                        term.setValue(fee.termEnd());
                        extended = true;
                    }
                }
            }
        }
        return terms;
    }

    // ---------------------------------------------------------------- purchase

    private String purchase(Work work, Purchase purchase) {
        MemberState state = work.state;
        if (!state.status().earns()) {
            return "MEMBER_FROZEN: member " + state.memberId() + " is " + state.status() + " and earns nothing";
        }
        if (!purchase.partner().isEmpty() && settings.partner(purchase.partner()).isEmpty()) {
            // as for redemptions: a partner the program does not know would earn nothing and settle nowhere, silently
            return "UNKNOWN_PARTNER: purchase " + purchase.id() + " names partner '" + purchase.partner()
                    + "'; partners are " + settings.partners().stream().map(p -> p.id()).toList();
        }
        // one session for the whole event: the groups fire in order as their facts become known
        try (Firing firing = pool.open(fireLimit)) {
            purchase(work, purchase, firing);
        }
        return null;
    }

    private void purchase(Work work, Purchase purchase, Firing firing) {
        MemberState state = work.state;
        String eventId = purchase.id();
        EarnResult result;
        Money eligible;
        List<Conclusion> flagsConcluded;
        List<Conclusion> capsConcluded;
        long beforeCaps;
        List<GrowthEntry> growth;
        {
            Member member = memberFact(state);
            CurrentTier current = currentTier(state.tier());
            firing.insert(member);
            firing.insert(current);
            if (insightUsed) {
                firing.insert(insightFact(state, purchase.at()));
            }
            firing.insert(new EventFact(eventId, purchase.type(), calendar.dateOf(purchase.at()).toString(),
                    purchase.attributes()));
            // eligibility
            for (int i = 0; i < purchase.lines().size(); i++) {
                PurchaseLine line = purchase.lines().get(i);
                firing.insert(new BasketLine(eventId, i, line.sku(), line.category(), line.amount().amount()));
            }
            firing.insert(new BasketCharge(eventId, "delivery", purchase.delivery().amount()));
            firing.insert(new BasketCharge(eventId, "tax", purchase.tax().amount()));
            firing.insert(new BasketCharge(eventId, "unitemised", unitemised(purchase).amount()));
            insertSettings(firing);
            firing.fire("eligibility");
            Set<Integer> excludedLines = new TreeSet<>();
            Set<String> excludedCharges = new TreeSet<>();
            Money excluded = Money.zero(settings.currency());
            for (Conclusion c : firing.conclusionsOf(Excluded.class)) {
                Excluded x = (Excluded) c.fact();
                if (x.lineIndex() >= 0 && excludedLines.add(x.lineIndex())) {
                    Money amount = purchase.lines().get(x.lineIndex()).amount();
                    excluded = excluded.plus(amount);
                    work.explain(c, x.reason() + ": line " + x.lineIndex() + " (" + amount + ") earns nothing");
                } else if (x.lineIndex() < 0 && excludedCharges.add(x.charge())) {
                    // a kind that names no charge would exclude nothing, or (read as another kind) the wrong money
                    Money amount = concluded(c, () -> switch (x.charge()) {
                        case "delivery" -> purchase.delivery();
                        case "tax" -> purchase.tax();
                        case "unitemised" -> unitemised(purchase);
                        default -> throw new IllegalArgumentException("Excluded.charge kind must be delivery, tax "
                                + "or unitemised (a BasketCharge's kind), was '" + x.charge() + "'");
                    });
                    excluded = excluded.plus(amount);
                    work.explain(c, x.reason() + ": " + amount + " earns nothing");
                }
            }
            eligible = purchase.amount().minus(excluded).max(Money.zero(settings.currency()));
            // earning
            firing.insert(new EligiblePurchase(eventId, purchase.amount().amount(), eligible.amount(),
                    settings.currency().getCurrencyCode(), purchase.channel(), purchase.partner()));
            for (int i = 0; i < purchase.lines().size(); i++) {
                if (!excludedLines.contains(i)) {
                    PurchaseLine line = purchase.lines().get(i);
                    firing.insert(new EligibleLine(eventId, i, line.sku(), line.category(), line.amount().amount()));
                }
            }
            purchase.attributes().forEach((k, v) -> firing.insert(new PurchaseAttribute(eventId, k, v)));
            // the one channel, written as a field or as an attribute (Purchase keeps no attribute of that name):
            // channel rates see the channel the channel bonus sees in EligiblePurchase
            if (!purchase.channel().isEmpty()) {
                firing.insert(new PurchaseAttribute(eventId, "channel", purchase.channel()));
            }
            // the member's tier is a pseudo-attribute, so a base rate can depend on it (stars per $ by tier); a
            // purchase has no attribute of that name (Purchase refuses one), so this is the only tier rules see
            firing.insert(new PurchaseAttribute(eventId, "tier", state.tier().tierId()));
            // the one partner, written as a field or as an attribute (Purchase keeps no attribute of that name): the rate
            // it earns at is the partner UNKNOWN_PARTNER checked and settlement bills
            if (!purchase.partner().isEmpty()) {
                firing.insert(new PurchaseAttribute(eventId, "partner", purchase.partner()));
            }
            purchase.metrics().forEach((k, v) -> firing.insert(new PurchaseMetric(eventId, k, v)));
            insertCampaigns(firing, state, purchase);
            growth = growthBeforePoints(purchase, eligible);
            for (Milestone m : settings.earning().milestones()) {
                // a mark is paid once per window: after a refund took the total back below a mark, crossing it
                // again pays nothing (the refund clawed back its share of the milestone with the purchase's points)
                Instant from = ladder.window().start(purchase.at(), state.membershipStart(), calendar);
                BigDecimal before = state.growth().peak(m.metric(), from, purchase.at());
                BigDecimal after = state.growth().total(m.metric(), from, purchase.at()).add(sum(growth, m.metric()));
                long times = Math.max(0, m.timesReached(after) - m.timesReached(before));
                if (times > 0) {
                    firing.insert(new MilestoneCrossed(eventId, m.id(), m.metric(), before, after, times, m.points()));
                }
            }
            firing.fire("earning");
            result = earn(work, firing, purchase);
            beforeCaps = result.total();
            // risk
            firing.insert(new EventAward(eventId, beforeCaps));
            insertRiskFacts(firing, state, purchase);
            firing.fire("risk");
            capsConcluded = firing.conclusionsOf(CapApplied.class);
            flagsConcluded = firing.conclusionsOf(RiskFlag.class);
            settle(work, purchase, state, result, capsConcluded, flagsConcluded, beforeCaps, eligible, growth, firing);
        }
    }

    /**
     * Makes a freshly compiled program ready to serve at full speed: {@code sessions} sessions each evaluate a
     * synthetic purchase (which loads and runs the rules' generated classes and builds the session's node memories),
     * then {@code rounds} synthetic purchases run end to end so the new rule classes are compiled by the JIT.
     * Nothing of it is kept but the warm sessions; a warm-up that fails is ignored (the program serves anyway).
     */
    void warmUp(int sessions, int rounds) {
        Instant at = Instant.parse("2000-01-03T12:00:00Z");
        MemberState member = MemberState.enrol("warm-up", at, ladder.base().id());
        try {
            pool.prepare(sessions, fireLimit, firing -> {
                Purchase p = Purchase.of("warm-up", member.memberId(), at, Money.of(BigDecimal.valueOf(12_345, 2),
                        settings.currency()));
                purchase(new Work(p, member), p, firing);
            });
            // members of 50 purchases three days apart, from $10 to $1,500: they climb the ladder, meet caps and
            // anniversary reviews, so the tier and benefit rules run too
            MemberState state = member;
            for (int i = 0; i < rounds; i++) {
                if (i % 50 == 0) {
                    state = member;
                }
                Decision d = apply(state, Purchase.of("warm-up-" + i, member.memberId(),
                        at.plus(java.time.Duration.ofDays(3L * (i % 50))),
                        Money.of(BigDecimal.valueOf(1_000 + (i * 7_919L) % 149_000, 2), settings.currency())));
                state = d.state();
            }
        } catch (RuntimeException e) {
            // best effort: a rule that fails on a synthetic member is reported when a real event reaches it
        } finally {
            pool.disown(); // the warm sessions are for the threads that will evaluate, not for this one
        }
    }

    /** Applies what the earning and risk groups concluded, then lets the tier and benefit groups decide. */
    private void settle(Work work, Purchase purchase, MemberState state, EarnResult earned, List<Conclusion> capsConcluded,
                        List<Conclusion> flagsConcluded, long beforeCaps, Money eligible, List<GrowthEntry> growth,
                        Firing firing) {
        String eventId = purchase.id();
        EarnResult result = applyCaps(work, earned, capsConcluded, beforeCaps);
        MemberState next = applyFlags(work, state, flagsConcluded);
        long awarded = result.total();
        // counters, ledger, growth, purchase record
        List<String> counted = new ArrayList<>();
        for (Cap cap : settings.caps()) {
            if (cap.appliesTo(state.tier().tierId())) {
                long used = cap.measure() == CapMeasure.COUNT ? (awarded > 0 ? 1 : 0) : awarded;
                next = next.withCapUsage(next.capUsage().record(cap.id(), cap.period(), purchase.at(), calendar.zone(),
                        next.membershipStart(), used));
                counted.add(cap.id());
            }
        }
        for (int i = 0; i < result.lines().size(); i++) {
            work.explain(work.earnedBy.get(i), result.lines().get(i).explanation());
        }
        Instant availableFrom = purchase.at().plus(settings.pending());
        Instant expiresAt = settings.expiry().lotExpiry(purchase.at(), calendar).orElse(null);
        next = next.withLedger(next.ledger().earn(eventId, purchase.at(), availableFrom, expiresAt,
                next.status().holdsAwards(), result.lines()));
        List<GrowthEntry> allGrowth = new ArrayList<>(growth);
        if (trackedMetrics.contains("points") && awarded > 0) {
            allGrowth.add(new GrowthEntry(eventId, purchase.at(), "points", BigDecimal.valueOf(awarded)));
        }
        next = next.withGrowth(next.growth().plus(allGrowth).forgetBefore(growthHorizon(next, purchase.at())));
        Map<String, BigDecimal> credited = new TreeMap<>();
        allGrowth.forEach(g -> credited.merge(g.metric(), g.amount(), BigDecimal::add));
        List<PurchaseRecord> purchases = new ArrayList<>(next.purchases());
        Set<Integer> excludedLines = new TreeSet<>();
        Set<String> excludedSkus = new TreeSet<>();
        for (Conclusion c : firing.conclusionsOf(Excluded.class)) {
            Excluded x = (Excluded) c.fact();
            if (x.lineIndex() >= 0) {
                excludedLines.add(x.lineIndex());
                excludedSkus.add(purchase.lines().get(x.lineIndex()).sku());
            }
        }
        // the lines refunds are matched to, one per SKU in the order first bought
        Map<String, LineRecord> lines = new LinkedHashMap<>();
        for (int i = 0; i < purchase.lines().size(); i++) {
            PurchaseLine line = purchase.lines().get(i);
            lines.merge(line.sku(), LineRecord.bought(line.sku(), line.amount(), !excludedLines.contains(i)),
                    LineRecord::plus);
        }
        purchases.add(PurchaseRecord.of(eventId, purchase.at(), purchase.amount(), eligible, awarded, credited,
                counted, basketSignature(purchase), excludedSkus, List.copyOf(lines.values())));
        next = next.withPurchases(purchases);
        work.state = next;
        tierAfterPurchase(work, purchase, firing);
    }

    /** The money of a purchase outside its lines, delivery and tax: what the till did not itemise (at least 0). */
    private Money unitemised(Purchase purchase) {
        Money rest = purchase.amount().minus(purchase.delivery()).minus(purchase.tax());
        for (PurchaseLine line : purchase.lines()) {
            rest = rest.minus(line.amount());
        }
        return rest.max(Money.zero(settings.currency()));
    }

    /**
     * The program's settings as facts: rates, bonuses, exclusions, the minimum order, the ladder and the plans. They
     * are the same for every event, so the session pool keeps them in its sessions when it safely can.
     */
    private List<Object> settingsFacts() {
        List<Object> facts = new ArrayList<>();
        var earning = settings.earning();
        facts.add(new EarnRate("default", "", "", earning.baseRate(), Integer.MAX_VALUE));
        // a coalition partner's earn rate comes before any other special rate
        int order = -settings.partners().size();
        for (var partner : settings.partners()) {
            facts.add(new EarnRate("attribute", "partner", partner.id(), partner.earnRate(), order++));
        }
        for (RateRule rule : earning.rates()) {
            for (String value : rule.values()) {
                facts.add(new EarnRate("attribute", rule.attribute(), value, rule.rate(), order++));
            }
        }
        new TreeMap<>(earning.metricRates()).forEach((metric, rate) -> facts.add(new MetricRate(metric, rate)));
        new TreeMap<>(earning.tierBonus()).forEach((tier, percent) -> facts.add(new TierBonusRate(tier, percent)));
        new TreeMap<>(earning.channelBonus()).forEach((channel, percent) -> facts.add(new ChannelBonusRate(channel, percent)));
        earning.lineBonuses().forEach(b -> facts.add(new LineBonus(b.scope(), b.value(), b.multiplier())));
        if (earning.minimumOrder() != null) {
            facts.add(new MinimumOrder(earning.minimumOrder().amount()));
        }
        var exclusions = earning.exclusions();
        exclusions.skus().stream().sorted().forEach(sku -> facts.add(new Exclusion("sku", sku)));
        exclusions.categories().stream().sorted().forEach(c -> facts.add(new Exclusion("category", c)));
        if (exclusions.delivery()) {
            facts.add(new Exclusion("delivery", ""));
        }
        if (exclusions.tax()) {
            facts.add(new Exclusion("tax", ""));
        }
        facts.addAll(thresholds());
        for (MembershipPlan p : settings.plans()) {
            facts.add(new MembershipOffer(p.tierId(), p.price().amount(), p.termMonths()));
        }
        return facts;
    }

    /** Inserts the settings facts unless the session keeps them standing. */
    private void insertSettings(Firing firing) {
        if (!pool.settingsStanding()) {
            firing.insertSettings(settingsFacts);
        }
    }

    private void insertCampaigns(Firing firing, MemberState state, Purchase purchase) {
        LocalDate date = calendar.dateOf(purchase.at());
        settings.earning().campaigns().stream().filter(c -> c.activeOn(date)).forEach(c -> c.factorFor(
                state.tier().tierId()).ifPresent(f -> firing.insert(new ActiveCampaign(c.id(), c.name(), f,
                c.replacesBase()))));
    }

    /** Turns the earning group's conclusions into whole points (stacking, rounding); blocked events earn nothing. */
    private EarnResult earn(Work work, Firing firing, Purchase purchase) {
        List<Conclusion> blocked = firing.conclusionsOf(EarningBlocked.class);
        if (!blocked.isEmpty()) {
            String reason = ((EarningBlocked) blocked.get(0).fact()).reason();
            for (Conclusion c : blocked) {
                work.explain(c, ((EarningBlocked) c.fact()).reason() + ": no points");
            }
            // every award the block withholds shows, with the rule that concluded it (a milestone crossed here is
            // not paid later in the window)
            for (Conclusion c : firing.conclusionsOf(PointsAward.class)) {
                PointsAward a = (PointsAward) c.fact();
                work.explain(c, "withheld: " + a.label() + ", because " + reason);
            }
            for (Conclusion c : firing.conclusionsOf(Multiplier.class)) {
                Multiplier m = (Multiplier) c.fact();
                work.explain(c, "withheld: " + m.label() + " " + m.factor().stripTrailingZeros().toPlainString()
                        + "x " + (m.replacesBase() ? "replacing" : "added to") + " base, because " + reason);
            }
            return new EarnResult(List.of(), List.of());
        }
        List<Conclusion> awards = firing.conclusionsOf(PointsAward.class);
        BigDecimal currencyRate = null;
        BigDecimal base = BigDecimal.ZERO;
        for (Conclusion c : awards) {
            PointsAward a = (PointsAward) c.fact();
            if (PointsAward.BASE.equals(a.kind()) || PointsAward.UNIT.equals(a.kind())) {
                base = base.add(a.amount().multiply(a.rate()));
                if (PointsAward.BASE.equals(a.kind()) && currencyRate == null) {
                    currencyRate = a.rate();
                }
            }
        }
        List<AwardPart> parts = new ArrayList<>();
        Map<AwardPart, Conclusion> concludedBy = new IdentityHashMap<>();
        BigDecimal baseAmount = base;
        BigDecimal rate = currencyRate;
        for (Conclusion c : awards) {
            AwardPart part = concluded(c, () -> awardPart(c, purchase, baseAmount, rate));
            parts.add(part);
            concludedBy.put(part, c);
        }
        Conclusion largestReplacing = null;
        for (Conclusion c : firing.conclusionsOf(Multiplier.class)) {
            Multiplier m = (Multiplier) c.fact();
            AwardPart part = concluded(c, () -> new AwardPart.Multiplier(c.rule(), m.label(), m.factor(),
                    m.replacesBase()));
            parts.add(part);
            concludedBy.put(part, c);
            if (m.replacesBase() && (largestReplacing == null
                    || m.factor().compareTo(((Multiplier) largestReplacing.fact()).factor()) > 0)) {
                largestReplacing = c;
            }
        }
        // the largest replacing multiplier wins; the base stays and it adds (factor - 1) x base, so below 1 the line
        // would be negative, which the ledger refuses outside any rule (a smaller one that loses is harmless)
        Conclusion winner = largestReplacing;
        BigDecimal winning = winner == null ? null : ((Multiplier) winner.fact()).factor();
        if (winning != null && winning.compareTo(BigDecimal.ONE) < 0) {
            concluded(winner, () -> {
                throw new IllegalArgumentException("a multiplier replacing the base must be >= 1, was "
                        + winning.toPlainString() + ": it replaces base points by factor x base and takes no points"
                        + " away; lower the base rate (a special rate in earning.rates) to earn less");
            });
        }
        EarnCalculator.Computation computed = EarnCalculator.computeWithSources(parts, settings.stacking(),
                settings.rounding(), settings.roundingScope());
        EarnResult result = computed.result();
        work.earnedBy = computed.sources().stream().map(concludedBy::get).toList();
        for (String dropped : result.notApplied()) {
            work.explanations.add(engine("Stacking keeps only the bonuses the program allows", "",
                    Map.of("stacking", settings.stacking().name()), dropped));
        }
        return result;
    }

    private AwardPart awardPart(Conclusion c, Purchase purchase, BigDecimal base, BigDecimal currencyRate) {
        PointsAward a = (PointsAward) c.fact();
        switch (a.kind()) {
            case PointsAward.BASE:
            case PointsAward.UNIT:
                return new AwardPart.Base(c.rule(), a.label(), a.amount().multiply(a.rate()));
            case PointsAward.BONUS:
                return new AwardPart.Bonus(c.rule(), a.label(), a.rate(), base, "");
            case PointsAward.LINE:
                BigDecimal lineAmount = purchase.lines().get(a.lineIndex()).amount().amount();
                BigDecimal lineBase = lineAmount.multiply(currencyRate == null ? BigDecimal.ZERO : currencyRate);
                return new AwardPart.Bonus(c.rule(), a.label(), a.rate().subtract(BigDecimal.ONE)
                        .multiply(BigDecimal.valueOf(100)), lineBase, "line " + a.lineIndex());
            case PointsAward.FIXED:
                return new AwardPart.Fixed(c.rule(), a.label(), a.points());
            default:
                throw new IllegalArgumentException("a PointsAward of unknown kind " + a.kind());
        }
    }

    /**
     * Turns what a rule concluded into a value. A value the engine refuses (a negative award, no label, a tier not in
     * the ladder, a line the purchase does not have) passed the consequence and would fail the event outside any
     * rule; it fails the event as a {@link RuleFailure} naming the rule that concluded it.
     */
    private static <T> T concluded(Conclusion c, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException | NullPointerException | IndexOutOfBoundsException e) {
            String detail = e instanceof NullPointerException
                    ? (e.getMessage() == null ? "a value" : e.getMessage()) + " must not be null"
                    : e.getMessage();
            throw new RuleFailure(c.rule(), "rule \"" + c.rule() + "\" concluded an invalid value: " + detail, e);
        }
    }

    private void insertRiskFacts(Firing firing, MemberState state, Purchase purchase) {
        for (Cap cap : settings.caps()) {
            if (cap.appliesTo(state.tier().tierId())) {
                long used = state.capUsage().used(cap.id(), cap.period(), purchase.at(), calendar.zone(),
                        state.membershipStart());
                firing.insert(new CapHeadroom(cap.id(), cap.period().name(), cap.measure().name(), cap.limit(), used,
                        Math.max(0, cap.limit() - used)));
            }
        }
        insertBehaviour(firing, state, purchase.at(), purchase);
    }

    private void insertBehaviour(Firing firing, MemberState state, Instant at, Purchase purchase) {
        var abnormal = settings.abnormal();
        Instant velocityFrom = at.minus(abnormal.velocityWindow());
        int recent = purchase == null ? 0 : 1;
        int identical = purchase == null ? 0 : 1;
        String basket = purchase == null ? "" : basketSignature(purchase);
        Instant basketFrom = at.minus(abnormal.basketWindow());
        Instant refundFrom = at.minus(abnormal.refundWindow());
        BigDecimal bought = purchase == null ? BigDecimal.ZERO : purchase.amount().amount();
        for (PurchaseRecord p : state.purchases()) {
            if (p.at().isAfter(velocityFrom) && !p.at().isAfter(at)) {
                recent++;
            }
            if (p.basket().equals(basket) && p.at().isAfter(basketFrom) && !p.at().isAfter(at)) {
                identical++;
            }
            if (p.at().isAfter(refundFrom) && !p.at().isAfter(at)) {
                bought = bought.add(p.amount().amount());
            }
        }
        BigDecimal refunded = BigDecimal.ZERO;
        for (RefundRecord r : state.refunds()) {
            if (r.at().isAfter(refundFrom) && !r.at().isAfter(at)) {
                refunded = refunded.add(r.amount().amount());
            }
        }
        BigDecimal ratio = bought.signum() == 0 ? BigDecimal.ZERO : refunded.divide(bought, MathContext.DECIMAL64);
        firing.insert(new PurchaseVelocity(recent, abnormal.maxPurchases(), abnormal.velocityWindow().toMinutes()));
        firing.insert(new IdenticalBaskets(identical, abnormal.maxIdenticalBaskets(), abnormal.basketWindow().toHours()));
        firing.insert(new RefundRatio(ratio, refunded, bought, abnormal.maxRefundRatio(),
                abnormal.refundWindow().toDays()));
    }

    private EarnResult applyCaps(Work work, EarnResult result, List<Conclusion> concluded, long total) {
        long tightest = Long.MAX_VALUE;
        Conclusion winner = null;
        for (Conclusion c : concluded) {
            CapApplied cap = (CapApplied) c.fact();
            if (cap.headroom() < tightest) {
                tightest = cap.headroom();
                winner = c;
            }
        }
        if (winner == null || tightest >= total) {
            return result;
        }
        long withheld = total - Math.max(0, tightest);
        String winnerId = ((CapApplied) winner.fact()).capId();
        for (Conclusion c : concluded) {
            CapApplied cap = (CapApplied) c.fact();
            long own = Math.max(0, total - cap.headroom());
            boolean applied = c == winner;
            work.caps.add(new CapApplied(cap.capId(), cap.headroom(), applied ? withheld : 0));
            Cap settled = settings.caps().stream().filter(x -> x.id().equals(cap.capId())).findFirst().orElse(null);
            String leaves = settled != null && settled.measure() == CapMeasure.COUNT
                    ? "cap " + cap.capId() + " allows no more rewarded events (" + settled.limit() + " per "
                            + periodName(settled.period()) + ") for an award of " + total
                    : "cap " + cap.capId() + " leaves " + cap.headroom() + " of an award of " + total;
            work.explain(c, leaves + (applied ? ": " + withheld + " withheld"
                    : cap.headroom() == tightest ? ": " + own + " over, as under cap " + winnerId
                            + ", which is counted as withholding it"
                    : ": " + own + " over, a tighter cap (" + winnerId + ") applies"));
        }
        return result.withhold(withheld, "cap " + winnerId);
    }

    private MemberState applyFlags(Work work, MemberState state, List<Conclusion> concluded) {
        MemberState next = state;
        for (Conclusion c : concluded) {
            RiskFlag flag = (RiskFlag) c.fact();
            work.flags.add(flag);
            if (flag.review() && next.status() == MemberStatus.ACTIVE) {
                next = next.withStatus(MemberStatus.UNDER_REVIEW);
                work.explain(c, flag.reason() + ": member put under review, awards held");
            } else {
                work.explain(c, flag.reason());
            }
        }
        return next;
    }

    /** Growth this purchase credits, except the {@code points} metric (known only after caps). */
    private List<GrowthEntry> growthBeforePoints(Purchase purchase, Money eligible) {
        List<GrowthEntry> entries = new ArrayList<>();
        for (String metric : trackedMetrics) {
            BigDecimal amount;
            if (PurchaseRecord.SPEND.equals(metric)) {
                amount = eligible.amount();
            } else if ("points".equals(metric)) {
                continue;
            } else if (settings.growthRates().containsKey(metric)) {
                amount = BigDecimal.valueOf(settings.rounding().toPoints(
                        eligible.amount().multiply(settings.growthRates().get(metric))));
            } else {
                amount = purchase.metric(metric);
            }
            if (amount.signum() > 0) {
                entries.add(new GrowthEntry(purchase.id(), purchase.at(), metric, amount));
            }
        }
        return entries;
    }

    private void tierAfterPurchase(Work work, Purchase purchase, Firing firing) {
        MemberState state = work.state;
        TierStatus tier = state.tier();
        BigDecimal total = windowTotal(state, purchase.at());
        List<Conclusion> changes;
        List<Conclusion> notices;
        {
            // Member and CurrentTier are in the session since the eligibility group
            firing.insert(new QualifyingGrowth(ladder.metric(), total));
            if (tier.validUntil() != null && !tier.validUntil().isAfter(purchase.at())) {
                // a purchase that requalifies warns of nothing
                Tier earned = levelAtReview(state, tier, purchase.at());
                firing.insert(new StatusLapsing(calendar.dateOf(tier.validUntil()).toString(),
                        calendar.dateOf(reviewTime(tier)).toString(), earned.id(),
                        ladder.rank(earned.id())));
            }
            firing.fire("tier");
            changes = firing.conclusionsOf(TierChange.class);
            notices = firing.conclusionsOf(MemberNotice.class);
        }
        for (Conclusion c : notices) {
            work.notices.add((MemberNotice) c.fact());
            work.explain(c, ((MemberNotice) c.fact()).message());
        }
        boolean changed = false;
        Conclusion winner = highest(changes, ladder.tiers().size());
        if (winner != null) {
            TierChange change = (TierChange) winner.fact();
            Tier to = ladder.require(change.toTierId());
            Instant validUntil = ladder.validUntil(purchase.at(), state.membershipStart(), calendar);
            if (ladder.rank(to.id()) > ladder.rank(tier.tierId())) {
                work.state = state.withTier(new TierStatus(to.id(), TierSource.EARNED, purchase.at(), validUntil,
                        tier.floorTierId(), null));
                work.tierMoves.add(new TierMove(state.memberId(), purchase.at(), tier.tierId(), to.id(), "UPGRADE",
                        change.reason()));
                work.explain(winner, "upgraded " + tier.tierId() + " -> " + to.id() + ": " + change.reason()
                        + "; valid until " + calendar.dateOf(validUntil));
                changed = true;
            } else if (to.id().equals(tier.tierId()) && tier.source() == TierSource.EARNED
                    && (tier.validUntil() == null || validUntil.isAfter(tier.validUntil()))) {
                work.state = state.withTier(tier.renewedUntil(validUntil));
                work.explain(winner, change.reason() + "; valid until " + calendar.dateOf(validUntil));
            }
        }
        if (!changed && tier.source() == TierSource.PAID) {
            work.state = work.state.withTier(earnedBeneathPaid(tier, total, purchase.at(), state.membershipStart()));
        }
        benefitsUnlocked(work, changed, tier.tierId(), purchase.at(), firing);
    }

    /**
     * The benefits a membership fee or an enrollment adds by moving the member up to a tier, reported as a purchase
     * reaching that tier reports them: the benefit group fires with the member and its insight as the event found them
     * ({@code before}), the tier it moved to, and the offers.
     */
    private void benefitsUnlockedBy(Work work, MemberState before, Instant at) {
        String tierBefore = before.tier().tierId();
        if (settings.benefits().benefits().isEmpty()
                || ladder.rank(work.state.tier().tierId()) <= ladder.rank(tierBefore)) {
            return;
        }
        try (Firing firing = pool.open(fireLimit)) {
            firing.insert(memberFact(before));
            firing.insert(currentTier(work.state.tier()));
            if (insightUsed) {
                firing.insert(insightFact(before, at));
            }
            insertSettings(firing);
            benefitsUnlocked(work, true, tierBefore, at, firing);
        }
    }

    private void benefitsUnlocked(Work work, boolean changed, String tierBefore, Instant at, Firing firing) {
        if (!changed || settings.benefits().benefits().isEmpty()) {
            return;
        }
        MemberState state = work.state;
        {
            firing.insert(new TierReached(state.tier().tierId(), ladder.rank(state.tier().tierId()), true));
            offers(state, at, Map.of(), tierBefore).forEach(firing::insert);
            firing.fire("benefit");
            for (Conclusion c : firing.conclusionsOf(BenefitGrant.class)) {
                work.benefits.add((BenefitGrant) c.fact());
                work.explain(c, ((BenefitGrant) c.fact()).reason());
            }
        }
    }

    // ---------------------------------------------------------------- other events

    private String refund(Work work, Refund refund) {
        MemberState state = work.state;
        Optional<PurchaseRecord> found = state.purchase(refund.originalEventId());
        if (found.isEmpty()) {
            return "UNKNOWN_PURCHASE: refund " + refund.id() + " references purchase '" + refund.originalEventId()
                    + "', which member " + state.memberId() + " does not have";
        }
        PurchaseRecord purchase = found.get();
        Map<String, Money> lines = new LinkedHashMap<>();
        refund.lines().forEach(line -> lines.merge(line.sku(), line.amount(), Money::plus));
        Optional<RefundMismatch> mismatch = purchase.mismatch(refund.amount(), lines);
        if (mismatch.isPresent()) {
            String code = mismatch.get().reason() == RefundMismatch.Reason.UNKNOWN_LINE ? "UNKNOWN_PURCHASE_LINE"
                    : "REFUND_EXCEEDS_PURCHASE";
            return code + ": " + mismatch.get().detail();
        }
        // lines go to the purchase's lines; money without a line is spread over what is left of the purchase
        RefundShare share = purchase.shareOf(refund.amount(), lines, settings.rounding(),
                settings.partialRefundsKeep());
        String sentence = "refund of " + refund.amount() + " of purchase " + purchase.eventId() + " ("
                + purchase.amount() + ") claws back " + share.points() + " of " + purchase.points() + " points"
                + growthBack(purchase, share);
        MemberState next = clawBack(state, refund.id(), refund.at(),
                List.of(new Taken(purchase, share, CLAWBACK_RULE, sentence)));
        List<RefundRecord> refunds = new ArrayList<>(next.refunds());
        refunds.add(new RefundRecord(refund.id(), refund.at(), purchase.eventId(), refund.amount()));
        next = next.withRefunds(refunds);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("purchase", purchase.eventId());
        inputs.put("refund", refund.amount().toString());
        inputs.put("points", Long.toString(purchase.points()));
        inputs.put("growth", new TreeMap<>(share.growth()).toString());
        work.explanations.add(engine(CLAWBACK_RULE, "points x refunded / purchase amount, rounded "
                + settings.rounding() + "; shortfall: " + settings.refundPolicy()
                + (settings.partialRefundsKeep().isEmpty() ? ""
                        : "; partial refunds keep " + String.join(", ", settings.partialRefundsKeep())),
                inputs, sentence));
        List<Conclusion> flags;
        try (Firing firing = pool.open(fireLimit)) {
            firing.insert(memberFact(next));
            firing.insert(currentTier(next.tier()));
            insertBehaviour(firing, next, refund.at(), null);
            firing.fire("risk");
            flags = firing.conclusionsOf(RiskFlag.class);
        }
        work.state = applyFlags(work, next, flags);
        return null;
    }

    /**
     * The growth a refund claws back, in words, metric first so that no metric name needs a plural: " and growth
     * nights 1 of 2", " and growth spend 35.00 of 350.00, growth nights 1 of 2 and ..."; what a partial refund keeps of
     * a metric of refunds.partialRefundsKeep (what is left of it, if anything): "; growth nights 2 kept (a partial
     * refund)". Spend shows the currency's minor unit on both sides (growth is kept without trailing zeros).
     */
    private String growthBack(PurchaseRecord purchase, RefundShare share) {
        List<String> back = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        int cents = purchase.amount().currency().getDefaultFractionDigits();
        // in the metrics' order: the record's map iterates in an order of its own per JVM, and the words are output
        new TreeMap<>(purchase.growth()).forEach((metric, credited) -> {
            BigDecimal taken = share.growth().get(metric);
            BigDecimal left = credited.subtract(purchase.growthClawedBack().getOrDefault(metric, BigDecimal.ZERO));
            // "growth points", so that a program whose tiers count points does not read "9 of 94 points and points 9"
            String named = "growth".equals(metric) ? metric : "growth " + metric;
            if (taken != null) {
                back.add(named + " " + shownGrowth(metric, taken, cents) + " of " + shownGrowth(metric, credited,
                        cents));
            } else if (settings.partialRefundsKeep().contains(metric) && left.signum() > 0) {
                // a metric the share leaves while some is left: only a partial refund does that (a completing one
                // takes all that is left)
                kept.add(named + " " + shownGrowth(metric, left, cents));
            }
        });
        return (back.isEmpty() ? "" : back.size() == 1 ? " and " + back.get(0)
                : ", " + inWords(back))
                + (kept.isEmpty() ? "" : "; " + inWords(kept) + " kept (a partial refund)");
    }

    /** Growth as the explanations show it: spend at the currency's minor unit, other metrics as credited. */
    private static String shownGrowth(String metric, BigDecimal value, int cents) {
        BigDecimal v = value.stripTrailingZeros();
        if (PurchaseRecord.SPEND.equals(metric)) {
            v = v.setScale(Math.max(v.scale(), cents));
        }
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /** "a", "a and b", "a, b and c". */
    private static String inWords(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Records the answer, then lets risk and benefit rules react (e.g. a closed-loop follow-up for a detractor). */
    private String survey(Work work, Survey survey) {
        MemberState state = work.state.withSurveyScore(survey.score());
        org.loyaltyrules.core.insight.NpsCategory nps = org.loyaltyrules.core.insight.NpsCategory.of(survey.score());
        String category = nps.name();
        work.explanations.add(engine(SURVEY_RULE, "net promoter classes: promoter 9-10, passive 7-8, detractor 0-6",
                Map.of("score", Integer.toString(survey.score()), "category", category), "survey " + survey.id()
                + ": score " + survey.score() + " recorded, a " + category.toLowerCase(java.util.Locale.ROOT) + " ("
                + nps.scores() + ")"));
        try (Firing firing = pool.open(fireLimit)) {
            firing.insert(memberFact(state));
            firing.insert(currentTier(state.tier()));
            if (insightUsed) {
                // as of the event, before it, as for every other event: the answer is the SurveyAnswer, and the
                // insight's class is the one before it (a promoter turned detractor can be told apart)
                firing.insert(insightFact(work.state, survey.at()));
            }
            firing.insert(new SurveyAnswer(survey.id(), survey.score(), category,
                    survey.attributes().getOrDefault("touchpoint", "")));
            offers(state, survey.at(), Map.of(), state.tier().tierId()).forEach(firing::insert);
            firing.fire("risk");
            for (Conclusion c : firing.conclusionsOf(RiskFlag.class)) {
                RiskFlag flag = (RiskFlag) c.fact();
                work.flags.add(flag);
                work.explain(c, flag.reason());
            }
            firing.fire("benefit");
            for (Conclusion c : firing.conclusionsOf(BenefitGrant.class)) {
                work.benefits.add((BenefitGrant) c.fact());
                work.explain(c, ((BenefitGrant) c.fact()).reason());
            }
        }
        work.state = state;
        return null;
    }

    /**
     * Why the {@code complaints} attribute of {@code attributes} cannot be read when the program's layering deducts
     * complaints (it must then be a whole number >= 0), or null: absent, valid, or not read by this program.
     */
    static String invalidComplaints(ProgramSettings settings, Map<String, String> attributes) {
        var layering = settings.insight().layering();
        String complaints = org.loyaltyrules.core.insight.MemberInsight.COMPLAINTS;
        if (layering == null || !layering.deductions().containsKey(complaints)) {
            return null;
        }
        try {
            org.loyaltyrules.core.insight.MemberInsight.complaints(attributes);
            return null;
        } catch (IllegalArgumentException e) {
            return "insight.layering deducts " + layering.deductions().get(complaints).toPlainString()
                    + " of the layer score per complaint, so it must be a whole number from 0 to " + Long.MAX_VALUE;
        }
    }

    /** The member insight rules see, as of {@code at}, before the event. */
    private org.loyaltyrules.rules.facts.MemberInsight insightFact(MemberState state, Instant at) {
        org.loyaltyrules.core.insight.MemberInsight insight = org.loyaltyrules.core.insight.MemberInsight.of(state, at,
                new org.loyaltyrules.core.insight.InsightContext(calendar, ladder, settings.insight().rfm(),
                        settings.insight().models(), settings.insight().layering(), settings.insight().lifecycle(),
                        settings.insight().churn()));
        BigDecimal spend = BigDecimal.ZERO;
        for (PurchaseRecord p : state.purchases()) {
            spend = spend.add(p.amount().amount()).subtract(p.refunded().amount());
        }
        return new org.loyaltyrules.rules.facts.MemberInsight(state.memberId(), insight.lifecycleStage().name(),
                insight.churnWarned(), String.join("; ", insight.churnWarning().reasons()),
                insight.downgradeWarning() != null, insight.downgradeShortfall().orElse(""),
                insight.npsCategory() == null ? "" : insight.npsCategory().name(), spend, state.purchases().size(),
                insight.rfm() == null ? 0 : insight.rfm().recency(), insight.rfm() == null ? 0 : insight.rfm().frequency(),
                insight.rfm() == null ? 0 : insight.rfm().monetary(), insight.rfmSegment().map(Enum::name).orElse(""),
                decimal(insight.probabilityAlive(), 4), decimal(insight.lifetimeValue(), 2),
                insight.valueLayer() == null ? "" : insight.valueLayer().layer());
    }

    private static BigDecimal decimal(Double value, int scale) {
        return value == null || value.isNaN() || value.isInfinite() ? BigDecimal.valueOf(-1)
                : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    private String redemption(Work work, Redemption redemption) {
        MemberState state = work.state;
        if (state.status() != MemberStatus.ACTIVE) {
            return "MEMBER_NOT_ACTIVE: member " + state.memberId() + " is " + state.status() + " and cannot redeem";
        }
        String partnerId = redemption.partner();
        if (!partnerId.isEmpty()) {
            var partner = settings.partner(partnerId);
            if (partner.isEmpty()) {
                return "UNKNOWN_PARTNER: redemption " + redemption.id() + " names partner '" + partnerId
                        + "'; partners are " + settings.partners().stream().map(p -> p.id()).toList();
            }
            if (!partner.get().burns()) {
                return "PARTNER_DOES_NOT_BURN: points cannot be redeemed at partner " + partnerId;
            }
        }
        String sentence = "redeemed " + redemption.points() + " points"
                + (redemption.reward().isEmpty() ? "" : " for " + redemption.reward())
                + (partnerId.isEmpty() ? "" : " at partner " + partnerId);
        LedgerOutcome outcome = state.ledger().redeem(redemption.id(), redemption.at(), redemption.points(),
                REDEEM_RULE, sentence);
        if (outcome instanceof LedgerOutcome.Refused) {
            var refusal = ((LedgerOutcome.Refused) outcome).refusal();
            return refusal.code() + ": " + refusal.detail() + pendingNote(state.ledger());
        }
        work.state = state.withLedger(((LedgerOutcome.Applied) outcome).ledger());
        work.explanations.add(engine(REDEEM_RULE, "redemption never exceeds available points and never changes tier",
                Map.of("points", Long.toString(redemption.points()), "available", Long.toString(state.ledger().available())),
                sentence));
        return null;
    }

    /**
     * " (680 pending, the first available on 2025-03-17)" when points are pending, so a refused redemption tells "no
     * points" from "points not released yet"; the date is when the first pending lot's return window ends.
     */
    private String pendingNote(PointsLedger ledger) {
        if (ledger.pending() <= 0) {
            return "";
        }
        Instant first = null;
        for (org.loyaltyrules.core.points.PointsLot lot : ledger.lots()) {
            // held lots wait for a release, and a lot that expires before its window ends never becomes available
            boolean due = !lot.active() && !lot.held() && lot.remaining() > 0
                    && (lot.expiresAt() == null || lot.availableFrom().isBefore(lot.expiresAt()));
            if (due && (first == null || lot.availableFrom().isBefore(first))) {
                first = lot.availableFrom();
            }
        }
        return " (" + ledger.pending() + " pending"
                + (first == null ? "" : ", the first available on " + calendar.dateOf(first)) + ")";
    }

    private String reversal(Work work, RedemptionReversal reversal) {
        MemberState state = work.state;
        String sentence = "redemption " + reversal.originalEventId() + " reversed: its points are given back";
        LedgerOutcome outcome = state.ledger().reverseRedemption(reversal.id(), reversal.at(),
                reversal.originalEventId(), REVERSAL_RULE, sentence, settings.expiry(), calendar);
        if (outcome instanceof LedgerOutcome.Refused) {
            var refusal = ((LedgerOutcome.Refused) outcome).refusal();
            return refusal.code() + ": " + refusal.detail();
        }
        work.state = state.withLedger(((LedgerOutcome.Applied) outcome).ledger());
        work.explanations.add(engine(REVERSAL_RULE, "", Map.of(
                "redemption", reversal.originalEventId()), sentence));
        return null;
    }

    private String enrollment(Work work, Enrollment enrollment) {
        MemberState before = work.state;
        MemberState state = before;
        Map<String, String> attributes = new TreeMap<>(state.attributes());
        attributes.putAll(enrollment.attributes());
        String invalid = invalidComplaints(settings, enrollment.attributes());
        if (invalid != null) {
            return "INVALID_ATTRIBUTE: enrollment " + enrollment.id() + " sets attribute complaints to '"
                    + enrollment.attributes().get(org.loyaltyrules.core.insight.MemberInsight.COMPLAINTS) + "'; "
                    + invalid;
        }
        state = state.withAttributes(attributes);
        if (enrollment.manualTier().isPresent()) {
            String tierId = enrollment.manualTier().get();
            if (ladder.tier(tierId).isEmpty()) {
                return "UNKNOWN_TIER: enrollment " + enrollment.id() + " assigns tier '" + tierId + "'; tiers are "
                        + ladder.tiers().stream().map(Tier::id).toList();
            }
            TierStatus tier = state.tier();
            if (ladder.rank(tierId) >= ladder.rank(tier.tierId())) {
                if (!tierId.equals(tier.tierId())) { // the tier it holds already, assigned: no move to tell
                    work.tierMoves.add(new TierMove(state.memberId(), enrollment.at(), tier.tierId(), tierId,
                            "MANUAL", "tier assigned at enrollment; it is the member's floor"));
                }
                // the tier held already is held since when it was reached
                state = state.withTier(new TierStatus(tierId, TierSource.MANUAL, tierId.equals(tier.tierId())
                        ? tier.since() : enrollment.at(), null, tierId, null));
            } else if (tier.source() == TierSource.MANUAL) {
                // a lower manual tier replaces the earlier assignment, which has no end of its own: the member holds
                // the new one, or what the running window's growth reaches if that is higher (earned from now on)
                Tier reached = ladder.highestReached(windowTotal(state, enrollment.at()), tier.tierId());
                boolean earned = ladder.rank(reached.id()) > ladder.rank(tierId);
                String to = earned ? reached.id() : tierId;
                work.tierMoves.add(new TierMove(state.memberId(), enrollment.at(), tier.tierId(), to, "MANUAL",
                        "tier " + tierId + " assigned at enrollment replaces the manual " + tier.tierId()
                                + "; it is the member's floor" + (earned ? ", and the window's growth reaches "
                                + to : "")));
                state = state.withTier(earned
                        ? new TierStatus(to, TierSource.EARNED, enrollment.at(), ladder.validUntil(enrollment.at(),
                                state.membershipStart(), calendar), tierId, null)
                        : new TierStatus(tierId, TierSource.MANUAL, enrollment.at(), null, tierId, null));
            } else {
                state = state.withTier(tier.withFloor(tierId));
            }
            work.explanations.add(engine("Manually assigned tiers are floors", "", Map.of("tier", tierId),
                    "member " + state.memberId() + " assigned tier " + tierId + " (floor: reviews never go below it)"));
            work.state = state;
            benefitsUnlockedBy(work, before, enrollment.at());
            state = work.state;
        }
        if (state.enrolledAt().isBefore(enrollment.at())) {
            // a member is enrolled once; say so, or a repeated enrolment would look applied and do nothing visible
            List<String> done = new ArrayList<>();
            if (!enrollment.attributes().isEmpty()) {
                done.add("sets attributes " + new TreeSet<>(enrollment.attributes().keySet()));
            }
            enrollment.manualTier().ifPresent(tierId -> done.add("assigns tier " + tierId));
            work.explanations.add(engine("A member is enrolled once", "a later enrollment keeps the enrolment date; "
                    + "it only sets attributes and assigns a manual tier", Map.of("enrolledAt",
                    state.enrolledAt().toString(), "event", enrollment.id()), "member " + state.memberId()
                    + " is already enrolled, since " + state.enrolledAt() + "; enrollment " + enrollment.id()
                    + (done.isEmpty() ? " changes nothing" : " only " + String.join(" and ", done))));
        } else if (enrollment.manualTier().isEmpty()) {
            // the enrolment itself, with no tier to assign: say so, as every applied decision says what it did
            work.explanations.add(engine("A member is enrolled once", "a later enrollment keeps the enrolment date; "
                    + "it only sets attributes and assigns a manual tier", Map.of("enrolledAt",
                    state.enrolledAt().toString(), "event", enrollment.id()), "member " + state.memberId()
                    + " enrolled on " + calendar.dateOf(state.enrolledAt()) + " in tier " + state.tier().tierId()));
        }
        work.state = state;
        return null;
    }

    /** A purchase's share to take back, with the CLAWBACK posting's rule and sentence. */
    private record Taken(PurchaseRecord purchase, RefundShare share, String rule, String sentence) {
    }

    /**
     * Takes back each share of what its purchase earned, for the event {@code eventId} (a refund: one purchase; a fee
     * refund that forfeits the term's rewards: each purchase of the term): the points through the ledger's clawback
     * (all the purchases' own lots first, then a shortfall as {@code refunds.policy} says), the growth, the cap usage
     * the points counted, and the purchase records' clawed-back totals.
     */
    private MemberState clawBack(MemberState state, String eventId, Instant at, List<Taken> taken) {
        PointsLedger.Clawbacks clawed = state.ledger().clawBack(eventId, at, taken.stream()
                .map(t -> new PointsLedger.Clawback(t.purchase().eventId(), t.share().points(), t.rule(),
                        t.sentence())).toList(), settings.refundPolicy());
        MemberState next = state.withLedger(clawed.ledger());
        for (int i = 0; i < taken.size(); i++) {
            PurchaseRecord purchase = taken.get(i).purchase();
            RefundShare share = taken.get(i).share();
            List<GrowthEntry> negative = new ArrayList<>();
            share.growth().forEach((metric, amount) ->
                    negative.add(new GrowthEntry(eventId, purchase.at(), metric, amount.negate())));
            next = next.withGrowth(next.growth().plus(negative));
            // the caps get back what was taken back: points the member already spent and keeps (unrecovered under
            // RECOVER_AVAILABLE) were obtained all the same, so they stay counted (a debt is owed, so it is given
            // back)
            long recovered = share.points() - clawed.unrecovered().get(i);
            for (String capId : purchase.countedCaps()) {
                for (Cap cap : settings.caps()) {
                    if (cap.id().equals(capId) && cap.measure() != CapMeasure.COUNT) {
                        next = next.withCapUsage(next.capUsage().giveBack(cap.id(), cap.period(), purchase.at(), at,
                                calendar.zone(), next.membershipStart(), recovered));
                    }
                }
            }
            List<PurchaseRecord> purchases = new ArrayList<>();
            for (PurchaseRecord p : next.purchases()) {
                purchases.add(p.eventId().equals(purchase.eventId()) ? p.after(share) : p);
            }
            next = next.withPurchases(purchases);
        }
        return next;
    }

    private String membershipFee(Work work, MembershipFee fee) {
        MemberState before = work.state;
        MemberState state = before;
        if (ladder.tier(fee.tier()).isEmpty()) {
            return "UNKNOWN_TIER: membership fee " + fee.id() + " buys tier '" + fee.tier() + "'; tiers are "
                    + ladder.tiers().stream().map(Tier::id).toList();
        }
        if (settings.plans().isEmpty()) {
            // a program that sells no membership cannot price a fee: any amount and term would buy the tier
            return "UNKNOWN_PLAN: membership fee " + fee.id() + " buys tier '" + fee.tier() + "', but program "
                    + settings.id() + " sells no membership (it has no membership.plans)";
        }
        String refused = checkPrice(work, state, fee);
        if (refused != null) {
            return refused;
        }
        TierStatus tier = state.tier();
        Instant termStart = fee.at();
        Instant paidUntil = fee.at().atZone(calendar.zone()).plusMonths(fee.termMonths()).toInstant();
        // a renewal: a term of this tier still runs (also when an earned tier above it is held meanwhile)
        Instant running = paidTerms(state, fee.at()).get(fee.tier());
        // the membership year stays the member's (from enrolment): a fee starting a term, the first or one after a
        // lapse, used to move it to the fee, which took earned status and the growth before the fee out of their
        // membership-year window and moved rolling reviews, so a member who paid ended below one who did not
        // a late renewal within the plan's lateRenewalMonths: the term runs from the end of the last one (backdated)
        Instant lapsed = running != null ? null : lateRenewalOf(state, fee);
        if (running != null || lapsed != null) {
            termStart = running != null ? running : lapsed;
            paidUntil = termStart.atZone(calendar.zone()).plusMonths(fee.termMonths()).toInstant();
        }
        List<FeeRecord> fees = new ArrayList<>(state.fees());
        fees.add(FeeRecord.paid(fee.id(), fee.at(), fee.amount(), fee.tier(), fee.termMonths(), termStart, paidUntil));
        state = state.withFees(fees);
        // a fee for the tier the member holds as earned status that outlasts the term (to its review, grace
        // included) changes no status: the earned validity stays, where a paid status would end with the term and be
        // judged on the windows the term's end reads, which under a rolling window may no longer hold the growth
        boolean earnedOutlasts = tier.tierId().equals(fee.tier()) && tier.source() == TierSource.EARNED
                && tier.validUntil() != null && ladder.reviewAt(tier.validUntil()).isAfter(paidUntil);
        if (ladder.rank(fee.tier()) >= ladder.rank(tier.tierId()) && !earnedOutlasts) {
            if (!tier.tierId().equals(fee.tier())) {
                work.tierMoves.add(new TierMove(state.memberId(), fee.at(), tier.tierId(), fee.tier(), "PAID",
                        "membership fee " + fee.amount() + " pays tier " + fee.tier() + " until " + calendar.dateOf(paidUntil)));
            }
            // the earned status the fee replaces is kept beneath the paid one, for the term's end
            state = state.withTier(tier.paid(fee.tier(), fee.at(), paidUntil));
        }
        work.explanations.add(engine("A paid tier lasts its paid term", "", Map.of("fee", fee.amount().toString(),
                "tier", fee.tier()), "tier " + fee.tier() + " paid until " + calendar.dateOf(paidUntil) + (lapsed == null
                ? "" : " (renewed late: the term lapsed on " + calendar.dateOf(lapsed) + ", and a fee within "
                + months(lateRenewalMonths(fee.tier())) + " of the lapse renews it from there)")));
        work.state = state;
        benefitsUnlockedBy(work, before, fee.at());
        return null;
    }

    /**
     * The end of the member's last term of the fee's tier when that term lapsed (ran to its end, not refunded) and the
     * fee comes after it but within the plan's {@code lateRenewalMonths} (so the fee renews that term from its end);
     * null otherwise. The last term is the one that ended last: a refunded one ended at its refund, and a cancelled
     * last term is not renewed late (a renewal refunded before its term started never ran and is not counted; one
     * refunded at the instant it started did, as the refund policy counts its first day used).
     */
    private Instant lateRenewalOf(MemberState state, MembershipFee fee) {
        int months = lateRenewalMonths(fee.tier());
        if (months == 0) {
            return null;
        }
        FeeRecord last = null;
        Instant lastEnd = null;
        for (FeeRecord paid : state.fees()) {
            // as the refund policy reckons: a term refunded at its very start had started (its first day was used)
            boolean ran = !paid.isRefunded() || !paid.refundedAt().isBefore(paid.termStart());
            if (!paid.tierId().equals(fee.tier()) || !ran) {
                continue;
            }
            Instant end = paid.isRefunded() && paid.refundedAt().isBefore(paid.termEnd()) ? paid.refundedAt()
                    : paid.termEnd();
            // on a tie the later fee is the last term (a renewal refunded at the instant the term before it ended)
            if (!end.isAfter(fee.at()) && (lastEnd == null || !end.isBefore(lastEnd))) {
                last = paid;
                lastEnd = end;
            }
        }
        // a fee at the very end of the term starts the next one there anyway: no renewal "late"
        boolean late = last != null && !last.isRefunded() && lastEnd.isBefore(fee.at())
                && fee.at().isBefore(lastEnd.atZone(calendar.zone()).plusMonths(months).toInstant());
        return late ? lastEnd : null;
    }

    private static String months(int n) {
        return n + (n == 1 ? " month" : " months");
    }

    private int lateRenewalMonths(String tierId) {
        return settings.plans().stream().filter(p -> p.tierId().equals(tierId))
                .mapToInt(MembershipPlan::lateRenewalMonths).findFirst().orElse(0);
    }

    /**
     * Cancels the paid term of a fee: the refund policy decides the amount due (a notice says it), the fee is marked
     * refunded, and a paid tier the fee was holding ends now (a prepaid renewal: where its term would have started),
     * followed by the review a lapse gets.
     */
    private String feeRefund(Work work, FeeRefund refund) {
        MemberState state = work.state;
        Optional<FeeRecord> found = state.fee(refund.original());
        if (found.isEmpty()) {
            return "UNKNOWN_FEE: member " + state.memberId() + " paid no membership fee " + refund.original();
        }
        FeeRecord fee = found.get();
        if (fee.isRefunded()) {
            return "ALREADY_REFUNDED: fee " + fee.eventId() + " was refunded on " + calendar.dateOf(fee.refundedAt())
                    + " (" + fee.refunded() + ")";
        }
        // the renewal that continues this term must go first; a membership bought anew after a lapse is not one
        Optional<FeeRecord> later = state.fees().stream().filter(f -> !f.isRefunded() && f.tierId().equals(fee.tierId())
                && f.termStart().equals(fee.termEnd())).findFirst();
        if (later.isPresent()) {
            return "LATER_TERM_PAID: fee " + later.get().eventId() + " pays " + fee.tierId() + " from "
                    + calendar.dateOf(later.get().termStart()) + "; refund it first";
        }
        FeeRefundPolicy policy = settings.feeRefund();
        FeeRefundPolicy.Due due = policy.due(fee, refund.at(), calendar);
        if (refund.amount() != null && refund.amount().compareTo(due.amount()) != 0) {
            return "REFUND_MISMATCH: the refund due for fee " + fee.eventId() + " is " + due.amount() + " ("
                    + due.reason() + "), the event refunds " + refund.amount();
        }
        List<FeeRecord> fees = new ArrayList<>();
        for (FeeRecord f : state.fees()) {
            fees.add(f.eventId().equals(fee.eventId()) ? f.refund(due.amount(), refund.at()) : f);
        }
        state = state.withFees(fees);
        TierStatus tier = state.tier();
        if (tier.source() == TierSource.PAID && tier.tierId().equals(fee.tierId()) && tier.paidUntil() != null
                && tier.paidUntil().isAfter(refund.at()) && fee.termEnd().isAfter(refund.at())) {
            Instant end = fee.termStart().isAfter(refund.at()) ? fee.termStart() : refund.at();
            state = state.withTier(new TierStatus(tier.tierId(), TierSource.PAID, tier.since(), end, tier.floorTierId(),
                    end, tier.earnedBeneath()));
            if (!end.isAfter(refund.at())) {
                int movesBefore = work.tierMoves.size();
                state = reviewAt(work, state, refund.at());
                // the move is the refund's doing: its reason says so before the review's own words
                for (int i = movesBefore; i < work.tierMoves.size(); i++) {
                    TierMove m = work.tierMoves.get(i);
                    work.tierMoves.set(i, new TierMove(m.memberId(), m.at(), m.from(), m.to(), m.kind(), "fee "
                            + fee.eventId() + " refunded on " + calendar.dateOf(refund.at()) + ", the paid "
                            + fee.tierId() + " ends; " + m.reason()));
                }
            }
        }
        String sentence = "fee " + fee.eventId() + " of " + fee.amount() + " for " + fee.tierId() + " ("
                + calendar.dateOf(fee.termStart()) + " to " + calendar.dateOf(fee.termEnd()) + ") cancelled on "
                + calendar.dateOf(refund.at()) + ": refund due " + due.amount() + " (" + due.reason() + ")";
        if (policy.forfeitRewards()) {
            long before = state.ledger().totals().clawedBack();
            state = forfeitTermRewards(work, state, fee, refund);
            long forfeited = state.ledger().totals().clawedBack() - before;
            if (forfeited > 0) {
                sentence += "; the " + forfeited + " points purchases earned in the term are forfeited";
            }
        }
        work.notices.add(MemberNotice.of("FEE_REFUND", sentence));
        work.explanations.add(engine("Membership fee refunds follow the program's refund policy",
                "A cancelled paid term is refunded as membership.refund says", Map.of("fee", fee.eventId(),
                        "policy", policy.kind().name(), "fullRefundDays", String.valueOf(policy.fullRefundDays()),
                        "due", due.amount().toString()), sentence));
        work.state = state;
        return null;
    }

    /**
     * Whether a purchase was made within a refunded fee's term: from its start (a purchase at that very instant only
     * if it was applied after the fee, at the paid tier) to its end or the refund, whichever is first (a purchase at
     * the refund's instant was applied before it: the refund takes it back with the rest).
     */
    private static boolean inTerm(PurchaseRecord purchase, FeeRecord fee, FeeRefund refund, boolean appliedAfterFee) {
        // a late renewal's term starts before its payment (backdated): what the member bought before paying was not
        // bought at the paid tier, so it is not the term's to forfeit
        Instant start = fee.termStart().isBefore(fee.at()) ? fee.at() : fee.termStart();
        boolean started = purchase.at().isAfter(start) || purchase.at().equals(start) && appliedAfterFee;
        return started && purchase.at().isBefore(fee.termEnd()) && !purchase.at().isAfter(refund.at());
    }

    /**
     * {@code membership.refund.forfeitRewards}: a refunded fee takes back what each purchase made within its term
     * (from the term's start, or a late renewal's payment, to its end or the refund, whichever is first) earned and
     * still has: the same clawback as a full refund of that purchase, so what is no longer in its lot (redeemed,
     * expired) is the shortfall that {@code refunds.policy} handles.
     */
    private MemberState forfeitTermRewards(Work work, MemberState state, FeeRecord fee, FeeRefund refund) {
        // which events came after the fee: at the fee's own instant, the order they were applied in decides
        Set<String> afterFee = new java.util.HashSet<>();
        boolean feeSeen = false;
        for (String id : state.processedEventIds()) {
            if (feeSeen) {
                afterFee.add(id);
            }
            feeSeen |= id.equals(fee.eventId());
        }
        // all at once: every purchase's own lot is taken before any shortfall is taken from other points
        List<Taken> taken = new ArrayList<>();
        for (PurchaseRecord purchase : state.purchases()) {
            long left = purchase.points() - purchase.pointsClawedBack();
            if (left <= 0 || !inTerm(purchase, fee, refund, !feeSeen || afterFee.contains(purchase.eventId()))) {
                continue;
            }
            String sentence = "fee " + fee.eventId() + " for " + fee.tierId() + " refunded: rewards earned in the"
                    + " refunded term are forfeited, so purchase " + purchase.eventId() + " of "
                    + calendar.dateOf(purchase.at()) + " gives back its " + left + " points";
            taken.add(new Taken(purchase, new RefundShare(Money.zero(settings.currency()), left, Map.of()),
                    FORFEIT_RULE, sentence));
        }
        state = clawBack(state, refund.id(), refund.at(), taken);
        for (Taken forfeited : taken) {
            PurchaseRecord purchase = forfeited.purchase();
            long left = forfeited.share().points();
            String sentence = forfeited.sentence();
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("fee", fee.eventId());
            inputs.put("purchase", purchase.eventId());
            inputs.put("points", Long.toString(left));
            work.explanations.add(engine(FORFEIT_RULE, "membership.refund.forfeitRewards: reversing a paid term loses"
                    + " the rewards accumulated in it; shortfall: " + settings.refundPolicy(), inputs, sentence));
        }
        return state;
    }

    /** Lets the tier rules price the plan; the fee must equal the lowest concluded price. */
    private String checkPrice(Work work, MemberState state, MembershipFee fee) {
        Optional<MembershipPlan> plan = settings.plans().stream().filter(p -> p.tierId().equals(fee.tier())).findFirst();
        if (plan.isEmpty()) {
            return "UNKNOWN_PLAN: tier '" + fee.tier() + "' is not sold; plans are "
                    + settings.plans().stream().map(MembershipPlan::tierId).toList();
        }
        if (plan.get().termMonths() != fee.termMonths()) {
            return "TERM_MISMATCH: plan " + fee.tier() + " is sold for " + plan.get().termMonths() + " months, the fee "
                    + "pays " + fee.termMonths();
        }
        Conclusion best = null;
        try (Firing firing = pool.open(fireLimit)) {
            firing.insert(memberFact(state));
            firing.insert(currentTier(state.tier()));
            if (insightUsed) {
                firing.insert(insightFact(state, fee.at()));
            }
            insertSettings(firing);
            firing.insert(new FeePayment(fee.id(), fee.tier(), fee.amount().amount(), fee.termMonths()));
            firing.fire("tier");
            for (Conclusion c : firing.conclusionsOf(MembershipPrice.class)) {
                MembershipPrice price = (MembershipPrice) c.fact();
                if (price.tierId().equals(fee.tier())
                        && (best == null || price.price().compareTo(((MembershipPrice) best.fact()).price()) < 0)) {
                    best = c;
                }
            }
        }
        if (best == null) {
            return "UNPRICED_PLAN: no rule priced tier '" + fee.tier() + "'";
        }
        MembershipPrice price = (MembershipPrice) best.fact();
        Money expected = Money.of(price.price(), settings.currency());
        if (expected.compareTo(fee.amount()) != 0) {
            return "FEE_MISMATCH: " + fee.tier() + " costs " + expected + " for this member (" + price.reason()
                    + "), the fee paid " + fee.amount();
        }
        work.explain(best, fee.tier() + " priced " + expected + " (" + price.reason() + ")");
        return null;
    }

    private String adjustment(Work work, Adjustment adjustment) {
        MemberState state = work.state;
        Explanation statusMove = null;
        if (adjustment.points() != 0) {
            Instant expiresAt = settings.expiry().lotExpiry(adjustment.at(), calendar).orElse(null);
            LedgerOutcome outcome = state.ledger().adjust(adjustment.id(), adjustment.at(), adjustment.points(),
                    expiresAt, ADJUST_RULE, adjustment.reason());
            if (outcome instanceof LedgerOutcome.Refused) {
                var refusal = ((LedgerOutcome.Refused) outcome).refusal();
                return refusal.code() + ": " + refusal.detail();
            }
            state = state.withLedger(((LedgerOutcome.Applied) outcome).ledger());
        }
        if (adjustment.status() != null) {
            if (!state.status().canMoveTo(adjustment.status())) {
                return "INVALID_STATUS_CHANGE: member status cannot move from " + state.status() + " to "
                        + adjustment.status();
            }
            // held lots wait for ACTIVE, straight from UNDER_REVIEW or after FROZEN (which earns nothing meanwhile)
            boolean release = adjustment.status() == MemberStatus.ACTIVE && state.ledger().held() > 0;
            MemberStatus from = state.status();
            state = state.withStatus(adjustment.status());
            if (release) {
                state = state.withLedger(state.ledger().release(adjustment.id(), adjustment.at(), settings.expiry(),
                        calendar));
            }
            statusMove = engine(STATUS_RULE, "a member is ACTIVE, UNDER_REVIEW, FROZEN or CLOSED; staff move it,"
                    + " and a closed member takes no more events", Map.of("from", from.name(), "to",
                    adjustment.status().name()), "member " + state.memberId() + " status " + from + " -> "
                    + adjustment.status() + (from == adjustment.status() ? " (unchanged)" : "")
                    + (release ? "; held points released" : ""));
        }
        work.explanations.add(engine(ADJUST_RULE, "", Map.of("points", Long.toString(adjustment.points())),
                adjustment.reason()));
        if (statusMove != null) {
            work.explanations.add(statusMove);
        }
        work.state = state;
        return null;
    }

    private String benefitClaim(Work work, BenefitClaim claim) {
        MemberState state = work.state;
        // first the allowances: the benefit group without the claim, so only rules that widen quotas can conclude
        List<Conclusion> allowances;
        try (Firing firing = pool.open(fireLimit)) {
            insertClaimContext(firing, state, claim.at());
            offers(state, claim.at(), Map.of(), state.tier().tierId()).forEach(firing::insert);
            firing.fire("benefit");
            allowances = firing.conclusionsOf(BenefitAllowance.class);
        }
        Map<String, Long> extra = new HashMap<>();
        for (Conclusion c : allowances) {
            BenefitAllowance a = (BenefitAllowance) c.fact();
            if (a.benefitId().equals(claim.benefit()) && a.extra() > 0) {
                extra.merge(a.benefitId(), a.extra(), Long::sum);
                work.explain(c, claim.benefit() + ": " + a.extra() + " extra use(s) per period (" + a.reason() + ")");
            }
        }
        List<Conclusion> grants;
        try (Firing firing = pool.open(fireLimit)) {
            insertClaimContext(firing, state, claim.at());
            firing.insert(new BenefitRequest(claim.id(), claim.benefit()));
            offers(state, claim.at(), extra, state.tier().tierId()).forEach(firing::insert);
            firing.fire("benefit");
            grants = firing.conclusionsOf(BenefitGrant.class);
        }
        Conclusion refusedBy = null;
        Conclusion grantedBy = null;
        for (Conclusion c : grants) {
            BenefitGrant g = (BenefitGrant) c.fact();
            if ("REFUSED".equals(g.outcome()) && refusedBy == null) {
                refusedBy = c;
            } else if ("GRANTED".equals(g.outcome()) && grantedBy == null) {
                grantedBy = c;
            }
        }
        if (refusedBy != null || grantedBy == null) {
            String reason = refusedBy == null ? "no benefit rule granted the claim"
                    : ((BenefitGrant) refusedBy.fact()).reason();
            if (refusedBy != null) {
                work.benefits.add((BenefitGrant) refusedBy.fact());
                work.explain(refusedBy, reason);
            }
            return "BENEFIT_REFUSED: " + claim.benefit() + ": " + reason;
        }
        BenefitGrant grant = (BenefitGrant) grantedBy.fact();
        Benefit benefit = settings.benefits().benefit(claim.benefit()).orElseThrow();
        work.benefits.add(grant);
        work.explain(grantedBy, claim.benefit() + " granted: " + grant.reason());
        work.state = state.withBenefitUsage(state.benefitUsage().record(benefit.id(), benefit.period(), claim.at(),
                calendar.zone(), periodAnchor(state, benefit, claim.at()), 1));
        return null;
    }

    /**
     * What a benefit's counting period at {@code at} starts from: for TERM_MONTH the start of the paid term running
     * then (of the tier the member holds, else of a tier the benefit lists; the latest, if several; a fee refunded
     * before {@code at} runs no more), so its months start when the member paid; outside a paid term, and for the
     * other periods, the membership start.
     */
    private static Instant periodAnchor(MemberState state, Benefit benefit, Instant at) {
        if (benefit.period() != CountingPeriod.TERM_MONTH) {
            return state.membershipStart();
        }
        // a term of the tier the member holds first, then of another tier the benefit lists: a cheap term of another
        // tier bought meanwhile does not move the held tier's months
        Instant held = null;
        Instant listed = null;
        for (FeeRecord fee : state.fees()) {
            boolean running = !fee.termStart().isAfter(at) && fee.termEnd().isAfter(at)
                    && (!fee.isRefunded() || fee.refundedAt().isAfter(at));
            if (!running) {
                continue;
            }
            if (fee.tierId().equals(state.tier().tierId())) {
                held = later(held, fee.termStart());
            } else if (benefit.tiers().isEmpty() || benefit.tiers().contains(fee.tierId())) {
                listed = later(listed, fee.termStart());
            }
        }
        return held != null ? held : listed != null ? listed : state.membershipStart();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private void insertClaimContext(Firing firing, MemberState state, Instant at) {
        firing.insert(memberFact(state));
        firing.insert(currentTier(state.tier()));
        if (insightUsed) {
            firing.insert(insightFact(state, at));
        }
    }

    /**
     * The program's benefits as this member sees them at {@code at}, quotas widened by {@code extra} uses, with whether
     * {@code tierBefore}, the tier held before this event, gave each already.
     */
    private List<BenefitOffer> offers(MemberState state, Instant at, Map<String, Long> extra, String tierBefore) {
        List<BenefitOffer> offers = new ArrayList<>();
        LocalDate today = calendar.dateOf(at);
        Optional<MonthDay> birthday = Occasion.birthday(state.attributes().get(Occasion.BIRTHDAY_ATTRIBUTE));
        for (Benefit b : settings.benefits().benefits()) {
            long used = state.benefitUsage().used(b.id(), b.period(), at, calendar.zone(),
                    periodAnchor(state, b, at));
            long more = b.isUnlimited() ? 0 : extra.getOrDefault(b.id(), 0L);
            offers.add(new BenefitOffer(b.id(), b.name(), b.availableTo(state.tier().tierId()), b.quota() + more, used,
                    periodName(b.period()),
                    more, b.cost() == null ? BigDecimal.ZERO : b.cost().amount(), b.occasion().name(),
                    b.occasion().openOn(today, birthday), b.availableTo(tierBefore)));
        }
        return offers;
    }

    // ---------------------------------------------------------------- helpers

    /** A counting period in words: "day", "month", "membership year", "lifetime". */
    private static String periodName(CountingPeriod period) {
        return period.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private Member memberFact(MemberState state) {
        return new Member(state.memberId(), state.status().name(), state.tags(), state.attributes());
    }

    private CurrentTier currentTier(TierStatus tier) {
        return new CurrentTier(tier.tierId(), ladder.rank(tier.tierId()), tier.source().name());
    }

    private List<TierThreshold> thresholds() {
        List<TierThreshold> list = new ArrayList<>();
        for (int i = 0; i < ladder.tiers().size(); i++) {
            Tier t = ladder.tiers().get(i);
            list.add(new TierThreshold(t.id(), i, t.threshold(), t.reachable() && i > 0));
        }
        return list;
    }

    /**
     * Where the window a review of status lapsing at {@code lapse} reads ends: the last boundary at or before the
     * lapse. Earned status lapses on a boundary; a paid term ends at the time of day it was paid, so under membership
     * years the year that ended at 00:00 of that day counts, whatever that time (and a calendar year, 1 January).
     */
    private Instant lapseWindowBoundary(MemberState state, Instant lapse) {
        return ladder.window().lastEnd(lapse, state.membershipStart(), calendar);
    }

    /** The last instant of the window a review of status lapsing at {@code lapse} reads. */
    /**
     * What the review of {@code tier}, lapsed and in its grace period, will give as of {@code at}, as it reckons it:
     * the level the lapsed window keeps, or the one the running window's growth reaches by then if higher.
     */
    private Tier levelAtReview(MemberState state, TierStatus tier, Instant at) {
        Tier kept = ladder.highestKept(windowTotal(state, lapseWindowEnd(state, tier.validUntil())), tier.tierId());
        Tier reached = ladder.highestReached(windowTotal(state, at), tier.tierId());
        return ladder.rank(reached.id()) > ladder.rank(kept.id()) ? reached : kept;
    }

    private Instant lapseWindowEnd(MemberState state, Instant lapse) {
        return ladder.window().lastCounted(lapseWindowBoundary(state, lapse));
    }

    /** The ladder metric's total in the qualification window that contains {@code at}. */
    private BigDecimal windowTotal(MemberState state, Instant at) {
        return windowTotal(state, ladder.metric(), at);
    }

    private BigDecimal windowTotal(MemberState state, String metric, Instant at) {
        Instant from = ladder.window().start(at, state.membershipStart(), calendar);
        return state.growth().total(metric, from, at);
    }

    /** Growth older than this can no longer matter: reviews look back one window from the current validity. */
    private Instant growthHorizon(MemberState state, Instant at) {
        Instant anchor = state.tier().validUntil() != null && state.tier().validUntil().isBefore(at)
                ? state.tier().validUntil() : at;
        // the earned status kept beneath a paid one is reviewed on its own windows: a lapsed one still in its grace
        // needs the growth of the window before its lapse
        TierStatus beneath = state.tier().earnedBeneath();
        if (beneath != null && beneath.validUntil().isBefore(anchor)) {
            anchor = beneath.validUntil();
        }
        int months = ladder.window() instanceof org.loyaltyrules.core.tier.QualificationWindow.RollingMonths
                ? ((org.loyaltyrules.core.tier.QualificationWindow.RollingMonths) ladder.window()).months() + 2 : 26;
        return anchor.atZone(calendar.zone()).minusMonths(months).toInstant();
    }

    private static BigDecimal sum(List<GrowthEntry> entries, String metric) {
        BigDecimal sum = BigDecimal.ZERO;
        for (GrowthEntry e : entries) {
            if (e.metric().equals(metric)) {
                sum = sum.add(e.amount());
            }
        }
        return sum;
    }

    /** The amount and the lines, in SKU order: the same basket scanned in another order is the same basket. */
    static String basketSignature(Purchase purchase) {
        List<String> lines = new ArrayList<>(purchase.lines().size());
        for (PurchaseLine line : purchase.lines()) {
            lines.add(line.sku() + 'x' + line.quantity() + '=' + line.amount().amount());
        }
        Collections.sort(lines);
        StringBuilder sb = new StringBuilder(purchase.amount().toString());
        lines.forEach(line -> sb.append('|').append(line));
        return sb.toString();
    }

    private static String plain(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private static Explanation engine(String rule, String intent, Map<String, String> inputs, String sentence) {
        return new Explanation(rule, "", 0, intent, inputs, sentence);
    }
}
