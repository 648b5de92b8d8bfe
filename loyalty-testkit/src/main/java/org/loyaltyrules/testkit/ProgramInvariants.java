package org.loyaltyrules.testkit;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.benefit.Occasion;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.LedgerTotals;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.core.risk.Cap;
import org.loyaltyrules.core.risk.CapMeasure;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.Explanation;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.testkit.HistoryRun.Turn;

/**
 * Checks the {@link Invariant}s on the decisions a program makes for a member's {@link History}: runs the history
 * through a {@link LoyaltyEngine} and checks every decision, re-evaluating events where an invariant needs it (the
 * same event twice, a larger purchase, time passing alone).
 *
 * <pre>{@code
 * ProgramInvariants invariants = ProgramInvariants.of(Program.load(Path.of("programs/my-program")));
 * invariants.check(history);   // throws InvariantViolation: the invariant, event, numbers, rules and the events
 * }</pre>
 *
 * <p>{@link #check(History)} checks every invariant except {@link Invariant#MONOTONE_IN_SPEND}, which it checks only
 * when the program declares it: in program.json ({@code "declares": {"monotoneInSpend": true}}), or in the test with
 * {@link #monotoneInSpend(boolean)}, which overrides program.json. {@link #check(History, Invariant...)} checks the
 * ones named. Immutable and thread-safe; build one per program and reuse it (it compiles the program once).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProgramInvariants {

    private final Program program;
    private final Evaluator evaluator;
    private final boolean monotoneInSpend;

    private ProgramInvariants(Program program, Evaluator evaluator, boolean monotoneInSpend) {
        this.program = requireNonNull(program, "program");
        this.evaluator = requireNonNull(evaluator, "evaluator");
        this.monotoneInSpend = monotoneInSpend;
    }

    /**
     * The invariants of {@code program}, which is compiled now (a program that does not compile throws here);
     * monotone in spend when its program.json declares it.
     */
    public static ProgramInvariants of(Program program) {
        return new ProgramInvariants(program, Evaluator.of(LoyaltyEngine.create(requireNonNull(program, "program"))),
                program.settings().declares().monotoneInSpend());
    }

    /** For the testkit's own tests: invariants over a deliberately broken evaluation of {@code program}. */
    static ProgramInvariants using(Program program, Evaluator evaluator) {
        return new ProgramInvariants(program, evaluator, program.settings().declares().monotoneInSpend());
    }

    /**
     * Whether more spend never earns fewer points in this program, overriding what its program.json declares
     * ({@code "declares": {"monotoneInSpend": ...}}, default false). A program with a small-basket bonus, or a rule
     * that pays a fixed amount below a threshold, is not monotone; minimum orders, caps, tier bonuses, campaigns and
     * milestones are.
     */
    public ProgramInvariants monotoneInSpend(boolean declared) {
        return new ProgramInvariants(program, evaluator, declared);
    }

    public boolean isMonotoneInSpend() {
        return monotoneInSpend;
    }

    public Program program() {
        return program;
    }

    /** The invariants {@link #check(History)} checks: all, less MONOTONE_IN_SPEND unless declared. */
    public Set<Invariant> declared() {
        Set<Invariant> all = EnumSet.allOf(Invariant.class);
        if (!monotoneInSpend) {
            all.remove(Invariant.MONOTONE_IN_SPEND);
        }
        return all;
    }

    /** Checks {@code history} against {@code program}'s declared invariants; see {@link #check(History)}. */
    public static void check(Program program, History history) {
        of(program).check(history);
    }

    /**
     * Throws {@link InvariantViolation} when a {@linkplain #declared() declared} invariant breaks on the history: each
     * breach with the explanations of the decision at fault, then the events sent as JSON Lines.
     */
    public void check(History history) {
        checked(history, declared()).throwIfAny();
    }

    /** Throws {@link InvariantViolation} when one of {@code invariants} breaks on {@code history}. */
    public void check(History history, Invariant... invariants) {
        checked(history, only(invariants)).throwIfAny();
    }

    /** Every breach of a declared invariant on {@code history}, in event order; empty when it holds. */
    public List<Violation> violations(History history) {
        return checked(history, declared()).found();
    }

    /** Every breach of one of {@code invariants} on {@code history}, in event order. */
    public List<Violation> violations(History history, Invariant... invariants) {
        return checked(history, only(invariants)).found();
    }

    /** {@link #check(History, Invariant...)}, giving the run it checked (for the contract's statistics). */
    HistoryRun checkedRun(History history, Invariant... invariants) {
        Checked checked = checked(history, only(invariants));
        checked.throwIfAny();
        return checked.run();
    }

    private static Set<Invariant> only(Invariant... invariants) {
        Set<Invariant> only = EnumSet.noneOf(Invariant.class);
        only.addAll(List.of(invariants));
        return only;
    }

    /** A history run and what its checks found: the run is what the message replays, so it is run once. */
    private record Checked(String program, HistoryRun run, List<Violation> found) {
        void throwIfAny() {
            if (!found.isEmpty()) {
                throw new InvariantViolation(program, run, found);
            }
        }
    }

    private Checked checked(History history, Set<Invariant> only) {
        HistoryRun run = run(history);
        Checks checks = new Checks(only);
        for (Turn turn : run.turns()) {
            checks.after(turn);
        }
        return new Checked(program.id() + " " + program.version(), run, checks.found);
    }

    /**
     * Runs {@code history}: the member starts as a new member (with the profile's tags) at the enrolment instant,
     * and every step is sent in order; the state moves on with each APPLIED decision. A {@link Step.Resend} re-sends
     * one of the events applied so far.
     */
    public HistoryRun run(History history) {
        requireNonNull(history, "history");
        MemberProfile member = history.member();
        MemberState initial = evaluator.newMember(member.memberId(), member.enrolledAt()).withTags(member.tags());
        MemberState state = initial;
        List<LoyaltyEvent> applied = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < history.steps().size(); i++) {
            LoyaltyEvent event = resolve(history.steps().get(i), member.memberId(), state, applied);
            if (event == null) {
                continue;
            }
            Decision decision = evaluator.apply(state, event);
            turns.add(new Turn(i, event, state, decision));
            if (decision.isApplied()) {
                applied.add(event);
                state = decision.state();
            }
        }
        return new HistoryRun(history, initial, turns);
    }

    /**
     * The event a step sends, or null for none. A re-send picks among the applied events only: it probes idempotency,
     * and an event the engine refused (say OUT_OF_ORDER) sent again at its old instant would probe nothing but time
     * going backwards.
     */
    private LoyaltyEvent resolve(Step step, String memberId, MemberState state, List<LoyaltyEvent> applied) {
        if (step instanceof Step.Send) {
            return ((Step.Send) step).event();
        }
        if (step instanceof Step.Resend) {
            return applied.isEmpty() ? null : applied.get(((Step.Resend) step).pick() % applied.size());
        }
        Step.RedeemShare share = (Step.RedeemShare) step;
        var settings = program.settings();
        long available = state.ledger().advanceTo(share.at(), settings.expiry(), settings.calendar()).available();
        if (available <= 0) {
            return null;
        }
        // floor(available x permille / 1000) without overflow
        long points = Math.max(1, available / 1000 * share.permille() + available % 1000 * share.permille() / 1000);
        return new Redemption(share.eventId(), memberId, share.at(), points, "",
                share.partner().isEmpty() ? Map.of() : Map.of("partner", share.partner()));
    }

    // ---------------------------------------------------------------- the checks

    /** The checks of one run, in event order; keeps what several events add up to (cap usage, applied ids). */
    private final class Checks {
        final Set<Invariant> only;
        final List<Violation> found = new ArrayList<>();
        final Set<String> applied = new HashSet<>();
        /** Cap id to period key to what the cap counted in that period. */
        final Map<String, Map<String, Long>> capUsage = new HashMap<>();
        final ZoneId zone = program.settings().zone();
        /** Applied purchases by id: what each cost, as sent (not as the engine recorded it). */
        final Map<String, Money> bought = new HashMap<>();
        /** The applied refunds of each purchase, in order. */
        final Map<String, List<Refund>> refundsOf = new HashMap<>();
        /** Points of each purchase that a fee refund forfeited (a CLAWBACK posting of the fee refund). */
        final Map<String, Long> forfeited = new HashMap<>();
        /** Benefit id to period key to the claims granted in that period, counted here. */
        final Map<String, Map<String, Long>> granted = new HashMap<>();
        /** The paid terms of the applied fees and fee refunds, where TERM_MONTH quotas count from. */
        final PaidTerms terms = new PaidTerms(program.settings());

        Checks(Set<Invariant> only) {
            this.only = only;
        }

        /**
         * A clawback in the period of the purchase's original use gives back what it recovered of its share of each
         * cap (semantics.md §9).
         */
        private void giveBack(PurchaseRecord record, long recovered, Instant at, Instant membershipStart) {
            for (Cap cap : program.settings().caps()) {
                if (!record.countedCaps().contains(cap.id()) || cap.measure() == CapMeasure.COUNT) {
                    continue;
                }
                String then = cap.period().keyOf(record.at(), zone, membershipStart);
                if (then.equals(cap.period().keyOf(at, zone, membershipStart))) {
                    capUsage.computeIfAbsent(cap.id(), k -> new HashMap<>()).computeIfPresent(then,
                            (k, used) -> Math.max(0, used - recovered));
                }
            }
        }

        void after(Turn turn) {
            boolean resent = applied.contains(turn.event().id());
            if (only.contains(Invariant.LEDGER_CONSERVED)) {
                conservation(turn);
            }
            if (only.contains(Invariant.CAPS_NEVER_EXCEEDED)) {
                caps(turn);
            }
            if (only.contains(Invariant.DETERMINISM)) {
                determinism(turn);
            }
            if (only.contains(Invariant.NO_DEMOTION_ON_REDEMPTION) && turn.event() instanceof Redemption) {
                redemptionKeepsTier(turn);
            }
            if (only.contains(Invariant.REDEMPTIONS_NEVER_EARN) && turn.event() instanceof Redemption) {
                redemptionEarnsNothing(turn);
            }
            if (only.contains(Invariant.REFUNDS_NEVER_CREATE_POINTS)) {
                refunds(turn, resent);
            }
            if (only.contains(Invariant.DUPLICATES_CHANGE_NOTHING) && resent) {
                duplicateChangesNothing(turn);
            }
            if (only.contains(Invariant.BENEFIT_QUOTAS_KEPT) && turn.decision().isApplied() && !resent) {
                quotas(turn);
            }
            if (only.contains(Invariant.MONOTONE_IN_SPEND) && turn.event() instanceof Purchase && !resent
                    && turn.decision().isApplied()) {
                monotone(turn, (Purchase) turn.event());
            }
            if (turn.decision().isApplied()) {
                applied.add(turn.event().id());
            }
        }

        private void violation(Invariant invariant, Turn turn, String detail) {
            LoyaltyEvent e = turn.event();
            found.add(new Violation(invariant, e.id(), e.type() + " at " + e.at() + " ("
                    + turn.decision().outcome() + "): " + detail, turn.decision().explanations()));
        }

        private void conservation(Turn turn) {
            PointsLedger l = turn.decision().state().ledger();
            LedgerTotals t = l.totals();
            long available = l.available();
            long pending = l.pending();
            long credited = t.earned() + t.adjustedIn();
            long accounted = available + pending + t.redeemed() + t.expired() + t.clawedBack() - t.unrecovered()
                    + t.adjustedOut();
            if (credited != accounted) {
                violation(Invariant.LEDGER_CONSERVED, turn, String.format(Locale.ROOT,
                        "earned %d + adjustedIn %d = %d, but available %d"
                        + " + pending %d + redeemed %d + expired %d + clawedBack %d - unrecovered %d + adjustedOut %d"
                        + " = %d", t.earned(), t.adjustedIn(), credited, available, pending, t.redeemed(), t.expired(),
                                t.clawedBack(), t.unrecovered(), t.adjustedOut(), accounted));
            }
            long posted = 0;
            for (Posting p : l.postings()) {
                if (p.type() != PostingType.ACTIVATE) {
                    posted += p.points();
                }
            }
            if (posted + t.unrecovered() != available + pending) {
                violation(Invariant.LEDGER_CONSERVED, turn, String.format(Locale.ROOT,
                        "the postings (ACTIVATE aside) sum to %d, + unrecovered %d"
                        + " = %d, but available %d + pending %d = %d", posted, t.unrecovered(),
                        posted + t.unrecovered(), available, pending, available + pending));
            }
        }

        private void caps(Turn turn) {
            Decision d = turn.decision();
            if (!d.isApplied() || program.settings().caps().isEmpty()) {
                return;
            }
            if (turn.event() instanceof Purchase) {
                Purchase purchase = (Purchase) turn.event();
                PurchaseRecord record = d.state().purchase(purchase.id()).orElse(null);
                if (record == null) {
                    violation(Invariant.CAPS_NEVER_EXCEEDED, turn, "the applied purchase left no purchase record, so no"
                            + " cap can have counted it");
                    return;
                }
                long awarded = d.pointsAwarded();
                for (Cap cap : program.settings().caps()) {
                    if (!record.countedCaps().contains(cap.id())) {
                        if (cap.tierId() == null) {
                            violation(Invariant.CAPS_NEVER_EXCEEDED, turn, "cap " + cap.id() + " applies to every"
                                    + " member but did not count this purchase (awarded " + awarded + ")");
                        }
                        continue;
                    }
                    String period = cap.period().keyOf(purchase.at(), zone, d.state().membershipStart());
                    long add = cap.measure() == CapMeasure.COUNT ? (awarded > 0 ? 1 : 0) : awarded;
                    long used = capUsage.computeIfAbsent(cap.id(), k -> new HashMap<>()).merge(period, add, Long::sum);
                    if (used > cap.limit()) {
                        violation(Invariant.CAPS_NEVER_EXCEEDED, turn, String.format(Locale.ROOT,
                                "cap %s (%s %s, %s) counts %d > limit %d after"
                                + " this purchase awarded %d", cap.id(), cap.period(), period, cap.measure(),
                                used, cap.limit(), awarded));
                    }
                }
            } else if (turn.event() instanceof Refund || turn.event() instanceof FeeRefund) {
                // a refund claws back its purchase's points; a fee refund that forfeits the term's rewards claws
                // back every purchase of the term as if refunded in full (docs/semantics.md §5.6): either way, what
                // each purchase record lost is the share it claws back; the caps get back what the ledger
                // recovered of it, not what the member had spent and keeps (unrecovered under RECOVER_AVAILABLE),
                // found by clawing the shares back, all at once as semantics.md §5.6 says (every purchase's own lot
                // first), from the ledger time alone leaves
                List<PurchaseRecord> records = new ArrayList<>();
                List<PointsLedger.Clawback> shares = new ArrayList<>();
                for (PurchaseRecord record : d.state().purchases()) {
                    PurchaseRecord was = turn.before().purchase(record.eventId()).orElse(null);
                    long clawed = was == null ? 0 : record.pointsClawedBack() - was.pointsClawedBack();
                    if (clawed > 0) {
                        records.add(record);
                        shares.add(new PointsLedger.Clawback(record.eventId(), clawed, "", ""));
                    }
                }
                PointsLedger.Clawbacks clawed = evaluator.timePassed(turn.before(), turn.event().at()).ledger()
                        .clawBack(turn.event().id(), turn.event().at(), shares, program.settings().refundPolicy());
                for (int i = 0; i < records.size(); i++) {
                    giveBack(records.get(i), shares.get(i).points() - clawed.unrecovered().get(i), turn.event().at(),
                            d.state().membershipStart());
                }
            }
        }

        /**
         * Follows the paid terms, and counts each granted claim (an applied benefit claim) in its benefit's period: at
         * most the quota, plus the extra uses allowances gave for this claim, in one period.
         */
        private void quotas(Turn turn) {
            LoyaltyEvent event = turn.event();
            if (event instanceof MembershipFee) {
                terms.pay((MembershipFee) event);
            } else if (event instanceof FeeRefund) {
                terms.refund(((FeeRefund) event).original(), event.at());
            } else if (event instanceof BenefitClaim) {
                Benefit benefit = program.settings().benefits().benefit(((BenefitClaim) event).benefit()).orElse(null);
                if (benefit == null) {
                    return;
                }
                occasion(turn, benefit);
                if (benefit.isUnlimited()) {
                    return;
                }
                MemberState state = turn.decision().state();
                Instant anchor = benefit.period() != CountingPeriod.TERM_MONTH ? state.membershipStart()
                        : terms.termMonthAnchor(event.at(), state.tier().tierId(), benefit, state.membershipStart());
                String period = benefit.period().keyOf(event.at(), zone, anchor);
                long used = granted.computeIfAbsent(benefit.id(), k -> new HashMap<>()).merge(period, 1L, Long::sum);
                long extra = extraUses(turn.decision(), benefit.id());
                if (used > benefit.quota() + extra) {
                    violation(Invariant.BENEFIT_QUOTAS_KEPT, turn, String.format(Locale.ROOT,
                            "benefit %s (%s %s) has %d claims granted > quota %d%s with this one", benefit.id(),
                            benefit.period(), period, used, benefit.quota(),
                            extra == 0 ? "" : " + " + extra + " extra"));
                }
            }
        }

        /** A granted claim of a birthday benefit falls on its occasion: the member's birthday (month), in the zone. */
        private void occasion(Turn turn, Benefit benefit) {
            if (benefit.occasion() == Occasion.ANY) {
                return;
            }
            String birthday = turn.before().attributes().get(Occasion.BIRTHDAY_ATTRIBUTE);
            LocalDate day = LocalDate.ofInstant(turn.event().at(), zone);
            if (!benefit.occasion().openOn(day, Occasion.birthday(birthday))) {
                violation(Invariant.BENEFIT_QUOTAS_KEPT, turn, String.format(Locale.ROOT,
                        "benefit %s (%s) granted on %s, %s", benefit.id(), benefit.occasion(), day,
                        birthday == null ? "to a member without a birthday attribute"
                                : "outside the member's birthday " + birthday));
            }
        }

        private void determinism(Turn turn) {
            Decision again = evaluator.apply(turn.before(), turn.event());
            if (!again.equals(turn.decision())) {
                violation(Invariant.DETERMINISM, turn, "evaluated twice on the same state, the decisions differ in "
                        + FirstDifference.between(turn.decision(), again));
            }
        }

        private void redemptionKeepsTier(Turn turn) {
            Decision d = turn.decision();
            MemberState before = turn.before();
            String expected = d.isApplied() ? evaluator.timePassed(before, turn.event().at()).tier().tierId()
                    : before.tier().tierId();
            String after = d.state().tier().tierId();
            if (!after.equals(expected)) {
                violation(Invariant.NO_DEMOTION_ON_REDEMPTION, turn, String.format(Locale.ROOT,
                        "redeeming %d points left the member in %s;"
                        + " time alone gives %s (before: %s)", ((Redemption) turn.event()).points(), after,
                        expected, before.tier().tierId()));
            }
        }

        private void redemptionEarnsNothing(Turn turn) {
            long redeemed = -postedBy(turn, PostingType.REDEEM);
            createsNothing(Invariant.REDEMPTIONS_NEVER_EARN, turn, evaluator.timePassed(turn.before(),
                    turn.event().at()), redeemed, "redeeming " + ((Redemption) turn.event()).points() + " points",
                    "the " + redeemed + " redeemed");
        }

        private void refunds(Turn turn, boolean resent) {
            LoyaltyEvent event = turn.event();
            if (event instanceof Refund) {
                refundCreatesNothing(turn);
            }
            if (!turn.decision().isApplied() || resent) {
                return;
            }
            if (event instanceof Purchase) {
                bought.put(event.id(), ((Purchase) event).amount());
            } else if (event instanceof Refund) {
                Refund refund = (Refund) event;
                if (bought.containsKey(refund.originalEventId())) {
                    refundsOf.computeIfAbsent(refund.originalEventId(), k -> new ArrayList<>()).add(refund);
                    refundedShare(turn, refund.originalEventId());
                }
            } else if (event instanceof FeeRefund) {
                // a fee refund that forfeits a term's rewards claws back each purchase of the term in full, with a
                // CLAWBACK posting of its own (docs/semantics.md section 5.6): a later refund of it takes no points
                for (PurchaseRecord record : turn.decision().state().purchases()) {
                    turn.before().purchase(record.eventId()).ifPresent(was -> forfeited.merge(record.eventId(),
                            record.pointsClawedBack() - was.pointsClawedBack(), Long::sum));
                }
            }
        }

        /**
         * The points a purchase's refunds gave back, checked independently of the share the engine computed for each
         * refund: once its refunds, as sent, add up to all it cost, it keeps none of its points or growth (its EARN
         * postings less the CLAWBACK postings of its refunds, which carry the whole share, the part that could not be
         * recovered included, and less what a fee refund forfeited of it are 0, and its record has clawed back all of
         * its growth); refunded in part by refunds without lines, it has given back its share {@code earned
         * x refunded / cost} (docs/semantics.md section 7: a refund without lines claws back points x refund /
         * amount), no less and no more but for a point per refund for the program's rounding and the points of a
         * minor unit of eligible money per basket line for the cents the refund is spread over the basket in. Refunds by line, whose share depends on which lines
         * earned, are left to the check of a purchase refunded in full.
         */
        private void refundedShare(Turn turn, String purchaseId) {
            List<Refund> refunds = refundsOf.get(purchaseId);
            Money cost = bought.get(purchaseId);
            Money refunded = refunds.stream().map(Refund::amount).reduce(Money.zero(cost.currency()), Money::plus);
            boolean inFull = refunded.compareTo(cost) >= 0;
            if (!inFull && (cost.amount().signum() <= 0 || refunds.stream().anyMatch(r -> !r.lines().isEmpty()))) {
                return;
            }
            Set<String> refundIds = new HashSet<>();
            refunds.forEach(r -> refundIds.add(r.id()));
            long earned = 0;
            long clawed = 0;
            for (Posting p : turn.decision().state().ledger().postings()) {
                if (p.type() == PostingType.EARN && p.eventId().equals(purchaseId)) {
                    earned += p.points();
                } else if (p.type() == PostingType.CLAWBACK && refundIds.contains(p.eventId())) {
                    clawed -= p.points();
                }
            }
            long forfeit = forfeited.getOrDefault(purchaseId, 0L);
            String sent = refunds.stream().map(r -> r.id() + " " + r.amount()).collect(Collectors.joining(", "));
            if (!inFull) {
                PurchaseRecord record = turn.before().purchase(purchaseId).orElse(null);
                if (record == null || record.eligible().amount().signum() <= 0) {
                    return;
                }
                BigDecimal share = BigDecimal.valueOf(earned).multiply(refunded.amount())
                        .divide(cost.amount(), 0, java.math.RoundingMode.FLOOR);
                // each line and the money outside them may lose a minor unit of the refund when it is spread, and a
                // unit of eligible money is worth earned / eligible points
                int parts = record.lines().size() + 1;
                BigDecimal spread = BigDecimal.valueOf(earned).multiply(cost.amount().ulp())
                        .multiply(BigDecimal.valueOf(parts))
                        .divide(record.eligible().amount(), 0, java.math.RoundingMode.CEILING);
                long least = share.subtract(spread).longValueExact() - refunds.size();
                // and its refunds at most its share, rounded up, with the same allowance (a 1 % refund that took all
                // the points passed every property before); a fee refund's forfeiture is no refund's clawback
                long most = BigDecimal.valueOf(earned).multiply(refunded.amount())
                        .divide(cost.amount(), 0, java.math.RoundingMode.CEILING).add(spread).longValueExact()
                        + refunds.size();
                long given = clawed + forfeit;
                if (clawed > most || given < least) {
                    violation(Invariant.REFUNDS_NEVER_CREATE_POINTS, turn, "purchase " + purchaseId + " of " + cost
                            + " earned " + earned + " points and is refunded " + refunded + " in part (" + sent
                            + "), yet its refunds clawed back " + clawed + (forfeit == 0 ? ""
                            : " and a fee refund forfeited " + forfeit) + (clawed > most ? ": more than " + most
                            : ": less than " + least) + ", the share " + earned + " x "
                            + refunded.amount().toPlainString() + " / " + cost.amount().toPlainString() + " = " + share
                            + (clawed > most ? " plus" : " less") + " rounding");
                }
                return;
            }
            String head = "purchase " + purchaseId + " of " + cost + " is refunded in full (" + sent + "), yet ";
            if (earned - clawed - forfeit != 0) {
                violation(Invariant.REFUNDS_NEVER_CREATE_POINTS, turn, head + String.format(Locale.ROOT,
                        "the points it earned less those its refunds clawed back are %d - %d%s = %d, not 0", earned,
                        clawed, forfeit == 0 ? "" : " - " + forfeit + " forfeited by a fee refund",
                        earned - clawed - forfeit));
            }
            turn.decision().state().purchase(purchaseId).ifPresent(record -> record.growth().forEach((metric, grew) -> {
                BigDecimal back = record.growthClawedBack().getOrDefault(metric, BigDecimal.ZERO);
                if (grew.compareTo(back) != 0) {
                    violation(Invariant.REFUNDS_NEVER_CREATE_POINTS, turn, head + "the " + metric + " growth it"
                            + " credited less what its refunds clawed back is " + grew.toPlainString() + " - "
                            + back.toPlainString() + " = " + grew.subtract(back).toPlainString() + ", not 0");
                }
            }));
        }

        private void refundCreatesNothing(Turn turn) {
            // what the refund took back: its clawback, less what could not be recovered (recorded, not taken)
            MemberState alone = evaluator.timePassed(turn.before(), turn.event().at());
            long unrecovered = turn.decision().state().ledger().totals().unrecovered()
                    - alone.ledger().totals().unrecovered();
            long taken = -postedBy(turn, PostingType.CLAWBACK) - unrecovered;
            createsNothing(Invariant.REFUNDS_NEVER_CREATE_POINTS, turn, alone, taken, "refunding "
                    + ((Refund) turn.event()).amount(), "the " + taken + " the refund took back");
        }

        /** The points the event's own postings of {@code type} add up to (negative for REDEEM and CLAWBACK). */
        private long postedBy(Turn turn, PostingType type) {
            return turn.decision().postings().stream().filter(p -> p.type() == type
                    && p.eventId().equals(turn.event().id())).mapToLong(Posting::points).sum();
        }

        /**
         * An event that must create no points: applied, it posts no EARN and leaves available + pending at most what
         * time {@code alone} leaves at its instant, less what it {@code took}; not applied, it leaves available +
         * pending as it was.
         */
        private void createsNothing(Invariant invariant, Turn turn, MemberState alone, long took, String doing,
                                    String tookAs) {
            Decision d = turn.decision();
            String type = turn.event().type();
            if (!d.isApplied()) {
                if (balance(d.state()) > balance(turn.before())) {
                    violation(invariant, turn, String.format(Locale.ROOT,
                            "available + pending rose from %d to %d on a %s that was not applied",
                            balance(turn.before()), balance(d.state()), type));
                }
                return;
            }
            long earned = d.postings().stream().filter(p -> p.type() == PostingType.EARN)
                    .mapToLong(Posting::points).sum();
            if (earned != 0) {
                violation(invariant, turn, "the " + type + " posted EARN " + earned);
            }
            long after = balance(d.state());
            if (after > balance(alone) - took) {
                violation(invariant, turn, String.format(Locale.ROOT,
                        "available + pending is %d after %s; time alone leaves %d, less %s = %d", after, doing,
                        balance(alone), tookAs, balance(alone) - took));
            }
        }

        private void duplicateChangesNothing(Turn turn) {
            Decision d = turn.decision();
            if (d.outcome() != Decision.Outcome.DUPLICATE) {
                violation(Invariant.DUPLICATES_CHANGE_NOTHING, turn, "event " + turn.event().id() + " was applied"
                        + " before, but re-sending it was answered " + d.outcome() + (d.isApplied() ? " and awarded "
                        + d.pointsAwarded() + " points" : ""));
            } else if (!d.state().equals(turn.before())) {
                violation(Invariant.DUPLICATES_CHANGE_NOTHING, turn, "the DUPLICATE decision's state differs from the"
                        + " state before it in " + FirstDifference.between(turn.before(), d.state()));
            }
        }

        private void monotone(Turn turn, Purchase purchase) {
            long low = turn.decision().pointsAwarded();
            List<Purchase> probes = new ArrayList<>(List.of(oneUnitMore(purchase), twice(purchase)));
            STEPS.forEach(factor -> probes.add(scaled(purchase, factor)));
            for (Purchase larger : probes) {
                Decision d = evaluator.apply(turn.before(), larger);
                if (d.pointsAwarded() < low) {
                    violation(Invariant.MONOTONE_IN_SPEND, turn, String.format(Locale.ROOT,
                            "%s earns %d points, but %s earns only %d%s", spend(purchase), low, spend(larger),
                            d.pointsAwarded(), d.isApplied() ? "" : " (" + d.outcome() + " " + d.refusal() + ")"));
                    return;
                }
            }
        }
    }

    /**
     * {@code purchase} with one minor unit more on the amount and on each basket line (so line-level rules see more
     * spend too): the amount grows by one unit per line, at least one.
     */
    private static Purchase oneUnitMore(Purchase purchase) {
        Money unit = Money.ofMinor(1, purchase.amount().currency());
        List<PurchaseLine> lines = purchase.lines().stream().map(l -> withAmount(l, l.amount().plus(unit))).toList();
        Money amount = purchase.amount().plus(Money.ofMinor(Math.max(1, lines.size()), unit.currency()));
        return larger(purchase, amount, lines, purchase.delivery(), purchase.tax());
    }

    /**
     * {@code purchase} with twice each basket line, the delivery and the tax, and twice the amount (at least 1.00
     * more, for an amount under 1.00): the same basket, bought twice over, so lines still add up to at most the amount.
     */
    private static Purchase twice(Purchase purchase) {
        Money amount = purchase.amount();
        Money more = amount.max(Money.ofMinor(100, amount.currency()));
        List<PurchaseLine> lines = purchase.lines().stream().map(l -> withAmount(l, l.amount().plus(l.amount())))
                .toList();
        return larger(purchase, amount.plus(more), lines, purchase.delivery().plus(purchase.delivery()),
                purchase.tax().plus(purchase.tax()));
    }

    /**
     * Steps between one unit more and twice the spend: a bonus paid on a band of amounts ("spend 50 to 60, get 25")
     * that is smaller than the base twice the spend adds shows only past the band's upper edge, which one unit more
     * reaches only from its last cent (a quarter more takes every purchase of a band from 50 to 60 past it).
     */
    private static final List<BigDecimal> STEPS = List.of(new BigDecimal("1.1"), new BigDecimal("1.25"),
            new BigDecimal("1.5"));

    /**
     * {@code purchase} with each basket line, the delivery and the tax times {@code factor} (rounded up to a minor
     * unit) and the amount times {@code factor}, rounded up, at least what the parts add up to and one unit more.
     */
    private static Purchase scaled(Purchase purchase, BigDecimal factor) {
        List<PurchaseLine> lines = purchase.lines().stream().map(l -> withAmount(l, times(l.amount(), factor)))
                .toList();
        Money delivery = times(purchase.delivery(), factor);
        Money tax = times(purchase.tax(), factor);
        Money parts = lines.stream().map(PurchaseLine::amount).reduce(delivery.plus(tax), Money::plus);
        Money amount = times(purchase.amount(), factor).max(parts)
                .max(purchase.amount().plus(Money.ofMinor(1, purchase.amount().currency())));
        return larger(purchase, amount, lines, delivery, tax);
    }

    private static Money times(Money money, BigDecimal factor) {
        return Money.of(money.amount().multiply(factor).setScale(money.currency().getDefaultFractionDigits(),
                java.math.RoundingMode.CEILING), money.currency());
    }

    private static Purchase larger(Purchase p, Money amount, List<PurchaseLine> lines, Money delivery, Money tax) {
        return new Purchase(p.id(), p.memberId(), p.at(), amount, p.channel(), p.partner(), p.attributes(),
                p.metrics(), lines, delivery, tax);
    }

    private static PurchaseLine withAmount(PurchaseLine line, Money amount) {
        return new PurchaseLine(line.sku(), line.category(), line.quantity(), amount, line.attributes());
    }

    /** {@code 9.99 USD}, or {@code 19.98 USD (lines 9.99, 9.99)} for a purchase with basket lines. */
    private static String spend(Purchase purchase) {
        return purchase.amount() + (purchase.lines().isEmpty() ? "" : purchase.lines().stream()
                .map(l -> l.amount().amount().toPlainString()).collect(Collectors.joining(", ", " (lines ", ")")));
    }

    /**
     * The engine explains each {@code BenefitAllowance} that widened the claimed benefit's quota as {@code
     * free-delivery: 1 extra use(s) per period (top value layer)} (docs/rule-authoring.md, the concluded facts).
     */
    private static final Pattern ALLOWANCE = Pattern.compile("(.+?): (\\d+) extra use\\(s\\) per period \\(.*",
            Pattern.DOTALL); // a rule's reason may hold a line break

    /** The extra uses the allowances explained on {@code decision} gave {@code benefitId}. */
    private static long extraUses(Decision decision, String benefitId) {
        long extra = 0;
        for (Explanation e : decision.explanations()) {
            Matcher m = ALLOWANCE.matcher(e.sentence());
            if (m.matches() && m.group(1).equals(benefitId)) {
                extra += Long.parseLong(m.group(2));
            }
        }
        return extra;
    }

    private static long balance(MemberState state) {
        return state.pointsAvailable() + state.pointsPending();
    }

    @Override
    public String toString() {
        return "ProgramInvariants[" + program.id() + " " + program.version() + ", " + declared() + "]";
    }
}
