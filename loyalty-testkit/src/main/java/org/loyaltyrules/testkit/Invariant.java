package org.loyaltyrules.testkit;

import org.apiguardian.api.API;

/**
 * The invariants every loyalty program must keep, whatever its rules: each has a name a failure quotes and a claim
 * in one sentence. {@link ProgramInvariants} checks them on the decisions of a member's {@link History}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Invariant {

    /**
     * After every decision the ledger balances: {@code earned + adjustedIn = available + pending + redeemed + expired
     * + clawedBack - unrecovered + adjustedOut} (the law of {@code LedgerTotals}), and the postings agree with it: the
     * sum of all postings except ACTIVATE, plus what a clawback could not recover, is {@code available + pending}.
     */
    LEDGER_CONSERVED("the ledger conserves points after every decision"),

    /**
     * No cap of program.json ({@code risk.caps}) is exceeded in any of its periods: the EARN points (or rewarded
     * events, for a COUNT cap) of the purchases the cap counted in one period, less what refunds in that same period
     * gave back to it, never exceed the cap's limit.
     */
    CAPS_NEVER_EXCEEDED("caps are never exceeded"),

    /** The same state and the same event, evaluated twice, give equal decisions (postings, state, explanations). */
    DETERMINISM("the same state and event give equal decisions"),

    /**
     * A redemption never demotes (nor otherwise moves) the member: the tier after it is the tier the member would
     * hold had only time passed to the redemption's instant (scheduled reviews do run).
     */
    NO_DEMOTION_ON_REDEMPTION("redeeming points never demotes the member"),

    /**
     * A redemption never earns: it posts no EARN, and available + pending after it is at most what time alone would
     * have left at the redemption's instant (activations move points from pending to available, expiries take them
     * away), less the points it redeemed. A redemption that is not applied leaves available + pending as it was.
     */
    REDEMPTIONS_NEVER_EARN("redemptions never earn points"),

    /**
     * A refund never creates points: it posts no EARN, and available + pending after it is at most what time alone
     * would have left at the refund's instant, less what the refund clawed back and recovered. A refund that is not
     * applied leaves available + pending as it was. And a purchase refunded in full (its refunds, as sent, add up to
     * its amount) keeps none of its points or growth: its EARN postings less the CLAWBACK postings of its refunds
     * (which carry the whole share, what could not be recovered included) and less what a fee refund forfeited of it
     * are 0, and its purchase record has clawed back all the growth it credited; refunded in part by refunds without
     * basket lines, it has given back its share of its points (earned x refunded / amount), neither less nor more
     * but for rounding. Those parts do not take the engine's word for the share a refund claws back.
     */
    REFUNDS_NEVER_CREATE_POINTS("refunds never create points"),

    /** An event id applied before is answered as a DUPLICATE that awards nothing and leaves the state as is. */
    DUPLICATES_CHANGE_NOTHING("a duplicate event changes nothing"),

    /**
     * No benefit of program.json ({@code benefits}) with a quota is granted more often in one of its periods than its
     * quota, plus the extra uses {@code BenefitAllowance} conclusions gave the member for that claim (as the claim's
     * explanations say: {@code free-delivery: 1 extra use(s) per period (top value layer)}). The grants are counted
     * here, per period key of {@code CountingPeriod.keyOf}: anchored at the membership start, but for TERM_MONTH at
     * the start of the paid term running at the claim, of the tier the member holds, else of a tier the benefit
     * lists (the latest if several; outside a paid term, the membership start). The terms are derived from the
     * history's applied fees and fee refunds as docs/program-json.md states it (a prepaid renewal starts where the last
     * term ends, a late renewal at the lapse, a refunded fee runs no more), not read from the member state, and every
     * month keeps its count, so a member sent back to an earlier term finds its month's claims counted.
     * A benefit with an {@code occasion} is granted only on it: on the member's {@code birthday} (attribute, as the
     * member held it before the claim) or in its month, in the program zone, and never to a member without one.
     */
    BENEFIT_QUOTAS_KEPT("benefit quotas and occasions are kept"),

    /**
     * More spend never earns fewer points: the same purchase, on the same state, with more spend earns at least as
     * many points. Five larger purchases are tried: one minor unit more on the amount and on each basket line,
     * 1.1, 1.25 and 1.5 times the spend, and twice the amount with twice each line, the delivery and the tax, so rules
     * that read lines see more spend too and a bonus on a band of amounts shows past the band's upper edge.
     * Only checked where the program declares it (program.json
     * {@code "declares": {"monotoneInSpend": true}}, or {@link ProgramInvariants#monotoneInSpend(boolean)} in a test):
     * milestones or first-purchase bonuses a rule author writes can make a program legitimately non-monotone.
     */
    MONOTONE_IN_SPEND("more spend never earns fewer points");

    private final String claim;

    Invariant(String claim) {
        this.claim = claim;
    }

    /** The invariant as a sentence, e.g. "caps are never exceeded". */
    public String claim() {
        return claim;
    }
}
