package org.loyaltyrules.core.points;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * The state an {@link ActionChain} drives through a ledger: the ledger, the current instant, the ids a later step may
 * refer to, and the last step (so an invariant can compare before and after). Every operation happens at
 * {@code now}, and the ledger has been advanced to {@code now} before it, as the engine does.
 */
record LedgerModel(ExpiryPolicy policy, PointsLedger ledger, Instant now, int seq, List<String> purchases,
                   List<String> redemptions, Step last) {

    static final Instant START = Instant.parse("2025-01-01T08:00:00Z");

    /** What the last step did: its kind, the ledger before it, the points it asked for and whether it went through. */
    record Step(String kind, PointsLedger before, long requested, boolean applied, long unrecoveredBefore) {
    }

    static LedgerModel start(ExpiryPolicy policy) {
        return new LedgerModel(policy, PointsLedger.empty("m1"), START, 0, List.of(), List.of(),
                new Step("start", PointsLedger.empty("m1"), 0, true, 0));
    }

    /** Random sequences of earn / advance / redeem / reverse / claw back / adjust / release under one expiry policy. */
    static Arbitrary<ActionChain<LedgerModel>> chains(int maxSteps) {
        Arbitrary<ExpiryPolicy> policies = Arbitraries.of(
                ExpiryPolicy.never(),
                new ExpiryPolicy.FixedDays(45),
                new ExpiryPolicy.EndOfNthMonthAfterEarn(2),
                new ExpiryPolicy.EndOfNextCalendarYear(),
                new ExpiryPolicy.Inactivity(3));
        return policies.flatMap(policy -> chain(policy, maxSteps));
    }

    private static ActionChainArbitrary<LedgerModel> chain(ExpiryPolicy policy, int maxSteps) {
        return ActionChain.startWith(() -> start(policy))
                .withAction(4, (Action.Independent<LedgerModel>) LedgerModel::earnSteps)
                .withAction(3, (Action.Independent<LedgerModel>) LedgerModel::advanceSteps)
                .withAction(3, (Action.Independent<LedgerModel>) LedgerModel::redeemSteps)
                .withAction(1, new Reversals())
                .withAction(2, new Clawbacks())
                .withAction(1, (Action.Independent<LedgerModel>) LedgerModel::adjustSteps)
                .withAction(1, (Action.Independent<LedgerModel>) LedgerModel::releaseSteps)
                .withMaxTransformations(maxSteps);
    }

    private static Arbitrary<Transformer<LedgerModel>> earnSteps() {
        return Combinators.combine(Arbitraries.longs().between(1, 1_000), Arbitraries.of(0, 0, 14, 30),
                        Arbitraries.of(false, false, false, true))
                .as((points, windowDays, held) -> Transformer.transform(
                        "earn " + points + (windowDays > 0 ? " pending " + windowDays + "d" : "") + (held ? " held" : ""),
                        (LedgerModel m) -> m.earn(points, windowDays, held)));
    }

    private static Arbitrary<Transformer<LedgerModel>> advanceSteps() {
        return Arbitraries.integers().between(1, 200)
                .map(days -> Transformer.transform("advance " + days + "d", (LedgerModel m) -> m.advance(days)));
    }

    private static Arbitrary<Transformer<LedgerModel>> redeemSteps() {
        return Arbitraries.longs().between(1, 1_500)
                .map(points -> Transformer.transform("redeem " + points, (LedgerModel m) -> m.redeem(points)));
    }

    private static Arbitrary<Transformer<LedgerModel>> adjustSteps() {
        return Arbitraries.longs().between(-500, 500).filter(p -> p != 0)
                .map(points -> Transformer.transform("adjust " + points, (LedgerModel m) -> m.adjust(points)));
    }

    private static Arbitrary<Transformer<LedgerModel>> releaseSteps() {
        return Arbitraries.just(Transformer.transform("release", LedgerModel::release));
    }

    private static final class Reversals implements Action.Dependent<LedgerModel> {
        @Override
        public boolean precondition(LedgerModel m) {
            return !m.redemptions.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<LedgerModel>> transformer(LedgerModel m) {
            return Arbitraries.of(m.redemptions)
                    .map(id -> Transformer.transform("reverse " + id, (LedgerModel s) -> s.reverse(id)));
        }
    }

    private static final class Clawbacks implements Action.Dependent<LedgerModel> {
        @Override
        public boolean precondition(LedgerModel m) {
            return !m.purchases.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<LedgerModel>> transformer(LedgerModel m) {
            return Combinators.combine(Arbitraries.of(m.purchases), Arbitraries.longs().between(1, 1_200),
                            Arbitraries.of(RefundPolicy.class))
                    .as((id, points, policy) -> Transformer.transform("claw back " + points + " of " + id + " " + policy,
                            (LedgerModel s) -> s.clawBack(id, points, policy)));
        }
    }

    LedgerModel earn(long points, int windowDays, boolean held) {
        String id = "p" + seq;
        Instant expires = policy.lotExpiry(now, Ledgers.CALENDAR).orElse(null);
        PointsLedger next = ledger.earn(id, now, now.plus(Duration.ofDays(windowDays)), expires, held,
                Ledgers.base(points));
        return with(next, now, plus(purchases, id), redemptions, step("earn", points, true));
    }

    LedgerModel advance(int days) {
        Instant later = now.plus(Duration.ofDays(days));
        return with(ledger.advanceTo(later, policy, Ledgers.CALENDAR), later, purchases, redemptions,
                step("advance", 0, true));
    }

    LedgerModel redeem(long points) {
        String id = "x" + seq;
        LedgerOutcome outcome = ledger.redeem(id, now, points, "redemption", "Reward " + points);
        if (outcome instanceof LedgerOutcome.Applied) {
            return with(((LedgerOutcome.Applied) outcome).ledger(), now, purchases, plus(redemptions, id),
                    step("redeem", points, true));
        }
        return with(ledger, now, purchases, redemptions, step("redeem", points, false));
    }

    LedgerModel reverse(String redemptionId) {
        LedgerOutcome outcome = ledger.reverseRedemption("xr" + seq, now, redemptionId, "reversal", "Cancelled");
        boolean applied = outcome instanceof LedgerOutcome.Applied;
        return with(applied ? ((LedgerOutcome.Applied) outcome).ledger() : ledger, now, purchases, redemptions,
                step("reverse", 0, applied));
    }

    LedgerModel clawBack(String purchaseId, long points, RefundPolicy refundPolicy) {
        PointsLedger next = ledger.clawBack("r" + seq, now, purchaseId, points, refundPolicy, "refund",
                "Refund of " + purchaseId);
        return with(next, now, purchases, redemptions, step("clawback", points, true));
    }

    LedgerModel adjust(long points) {
        Instant expires = points > 0 ? policy.lotExpiry(now, Ledgers.CALENDAR).orElse(null) : null;
        LedgerOutcome outcome = ledger.adjust("a" + seq, now, points, expires, "adjustment", "Correction");
        boolean applied = outcome instanceof LedgerOutcome.Applied;
        return with(applied ? ((LedgerOutcome.Applied) outcome).ledger() : ledger, now, purchases, redemptions,
                step("adjust", points, applied));
    }

    LedgerModel release() {
        return with(ledger.release("rel" + seq, now, policy, Ledgers.CALENDAR), now, purchases, redemptions,
                step("release", 0, true));
    }

    private Step step(String kind, long requested, boolean applied) {
        return new Step(kind, ledger, requested, applied, ledger.totals().unrecovered());
    }

    private LedgerModel with(PointsLedger next, Instant at, List<String> newPurchases, List<String> newRedemptions,
                             Step step) {
        return new LedgerModel(policy, next, at, seq + 1, newPurchases, newRedemptions, step);
    }

    private static List<String> plus(List<String> ids, String id) {
        List<String> next = new ArrayList<>(ids);
        next.add(id);
        return List.copyOf(next);
    }

    @Override
    public String toString() {
        return "LedgerModel[" + policy + ", now=" + now + ", " + ledger + "]";
    }
}
