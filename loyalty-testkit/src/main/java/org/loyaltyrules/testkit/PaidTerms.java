package org.loyaltyrules.testkit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.member.FeeRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.MembershipPlan;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * The paid terms a member's membership fees bought and fee refunds ended, derived from the events as
 * docs/program-json.md states it, not read from the engine's state: a fee starts its term when it is paid; a prepaid
 * renewal (a term of the tier still runs) starts where the last term of the tier ends; a late renewal (within the
 * plan's {@code lateRenewalMonths} of a term that lapsed) is backdated to the lapse; a term runs {@code termMonths}
 * months, in the program's zone, to its end or its refund. Mutable: one per history, fed in event order.
 */
final class PaidTerms {

    private final ZoneId zone;
    private final List<MembershipPlan> plans;
    private final List<FeeRecord> fees = new ArrayList<>();

    PaidTerms(ProgramSettings settings) {
        this.zone = settings.zone();
        this.plans = settings.plans();
    }

    /** The term {@code fee} buys, added to the member's terms. */
    FeeRecord pay(MembershipFee fee) {
        Instant start = renewed(fee.tier(), fee.at());
        if (start == null) {
            start = lapsed(fee.tier(), fee.at());
        }
        if (start == null) {
            start = fee.at();
        }
        FeeRecord term = FeeRecord.paid(fee.id(), fee.at(), fee.amount(), fee.tier(), fee.termMonths(), start,
                start.atZone(zone).plusMonths(fee.termMonths()).toInstant());
        fees.add(term);
        return term;
    }

    /**
     * Fee {@code feeId} refunded at {@code at}: its term runs no more from then. The amount refunded moves no term,
     * so it is kept as 0.
     */
    void refund(String feeId, Instant at) {
        fees.replaceAll(f -> f.eventId().equals(feeId) ? f.refund(Money.zero(f.amount().currency()), at) : f);
    }

    /**
     * The fees a refund may cancel: not refunded, and not continued by a renewal still paid (that renewal must be
     * refunded first).
     */
    List<FeeRecord> refundable() {
        return fees.stream().filter(f -> !f.isRefunded() && fees.stream().noneMatch(later -> !later.isRefunded()
                && later.tierId().equals(f.tierId()) && later.termStart().equals(f.termEnd()))).toList();
    }

    /**
     * Where the months of {@code benefit}'s TERM_MONTH count from at {@code at}: the start of the paid term running
     * then, of {@code heldTier}, else of a tier the benefit lists (the latest start if several; a fee refunded before
     * {@code at} runs no more); outside a paid term, {@code membershipStart}.
     */
    Instant termMonthAnchor(Instant at, String heldTier, Benefit benefit, Instant membershipStart) {
        Instant held = null;
        Instant listed = null;
        for (FeeRecord fee : fees) {
            boolean running = !fee.termStart().isAfter(at) && fee.termEnd().isAfter(at)
                    && (!fee.isRefunded() || fee.refundedAt().isAfter(at));
            if (running && fee.tierId().equals(heldTier)) {
                held = later(held, fee.termStart());
            } else if (running && (benefit.tiers().isEmpty() || benefit.tiers().contains(fee.tierId()))) {
                listed = later(listed, fee.termStart());
            }
        }
        return held != null ? held : listed != null ? listed : membershipStart;
    }

    /** The end of the unrefunded terms of {@code tier} that run at {@code at}, one after the other; null if none. */
    private Instant renewed(String tier, Instant at) {
        Instant end = null;
        for (FeeRecord fee : fees) {
            if (!fee.isRefunded() && fee.tierId().equals(tier) && !fee.termStart().isAfter(at)
                    && fee.termEnd().isAfter(at)) {
                end = later(end, fee.termEnd());
            }
        }
        for (boolean extended = end != null; extended; ) {
            extended = false;
            for (FeeRecord fee : fees) {
                if (!fee.isRefunded() && fee.tierId().equals(tier) && fee.termStart().equals(end)) {
                    end = fee.termEnd();
                    extended = true;
                }
            }
        }
        return end;
    }

    /**
     * The lapse a fee at {@code at} renews late: the end of the last term of {@code tier} that ran (a term refunded
     * before it started never did), when that term ran to its end (not refunded) before {@code at} and {@code at} is
     * within the plan's {@code lateRenewalMonths} of it; null otherwise.
     */
    private Instant lapsed(String tier, Instant at) {
        int months = plans.stream().filter(p -> p.tierId().equals(tier)).mapToInt(MembershipPlan::lateRenewalMonths)
                .findFirst().orElse(0);
        FeeRecord last = null;
        Instant lastEnd = null;
        for (FeeRecord fee : fees) {
            boolean ran = !fee.isRefunded() || !fee.refundedAt().isBefore(fee.termStart());
            Instant end = fee.isRefunded() && fee.refundedAt().isBefore(fee.termEnd()) ? fee.refundedAt()
                    : fee.termEnd();
            if (fee.tierId().equals(tier) && ran && !end.isAfter(at) && (lastEnd == null || !end.isBefore(lastEnd))) {
                last = fee;
                lastEnd = end;
            }
        }
        boolean late = months > 0 && last != null && !last.isRefunded() && lastEnd.isBefore(at)
                && at.isBefore(lastEnd.atZone(zone).plusMonths(months).toInstant());
        return late ? lastEnd : null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
