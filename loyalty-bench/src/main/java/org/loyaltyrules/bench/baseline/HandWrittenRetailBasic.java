package org.loyaltyrules.bench.baseline;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.GrowthLedger;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.member.RefundRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.EarnLine;
import org.loyaltyrules.core.points.ExpiryPolicy;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.core.program.PeriodCounters;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.tier.DowngradePolicy;
import org.loyaltyrules.core.tier.QualificationWindow;
import org.loyaltyrules.core.tier.StatusValidity;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.core.tier.TierLadder;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;
import org.loyaltyrules.rules.TierMove;

/**
 * The {@code retail-basic} reference program written by hand in plain Java, as a team without a rule engine would:
 * the same loyalty-core domain model (member state, points ledger, tier ladder, period counters), with the rules of
 * {@code loyalty-examples/programs/retail-basic/program.json} as code instead of Drools. It is the yardstick of the
 * benchmarks; {@code HandWrittenRetailBasicCdnowEquivalenceTest} checks it decides purchases like the engine.
 *
 * <p>Covers purchases and scheduled reviews (time passing): base 1 point per USD FLOOR per award, tier bonus % of base
 * by the tier held before the event (additive), daily cap of 20,000 points trimmed to the headroom, 14 days pending,
 * expiry at the end of the next calendar year, growth 1 per USD FLOOR, upgrade on the crossing event to the highest
 * tier reached in the rolling 12 months, review at the membership anniversary one step down after 30 days' grace,
 * and the velocity and refund-ratio checks that put a member under review (awards held). Stateless and thread-safe.
 */
public final class HandWrittenRetailBasic {

    static final Currency USD = Currency.getInstance("USD");
    static final ProgramCalendar CALENDAR = ProgramCalendar.of(ZoneOffset.UTC);
    static final String METRIC = "growth";
    static final TierLadder LADDER = new TierLadder(List.of(Tier.of("member", 0), Tier.of("silver", 500),
            Tier.of("gold", 2_000), Tier.of("platinum", 5_000)), METRIC, new QualificationWindow.RollingMonths(12),
            StatusValidity.END_OF_WINDOW, DowngradePolicy.ONE_STEP, Duration.ofDays(30));
    /** Tier bonus percent of base, by tier rank (member, silver, gold, platinum). */
    private static final long[] TIER_BONUS_PERCENT = {0, 20, 50, 100};
    private static final String[] TIER_IDS = {"member", "silver", "gold", "platinum"};
    private static final Duration PENDING = Duration.ofDays(14);
    private static final ExpiryPolicy EXPIRY = new ExpiryPolicy.EndOfNextCalendarYear();
    private static final String DAILY_CAP = "daily-points";
    private static final long DAILY_CAP_LIMIT = 20_000;
    private static final int MAX_PURCHASES = 10;
    private static final Duration VELOCITY_WINDOW = Duration.ofMinutes(60);
    private static final BigDecimal MAX_REFUND_RATIO = new BigDecimal("0.5");
    private static final Duration REFUND_WINDOW = Duration.ofDays(90);
    private static final List<String> COUNTED_CAPS = List.of(DAILY_CAP);
    private static final int GROWTH_HORIZON_MONTHS = 12 + 2;

    static final String BASE_RULE = "Purchases earn base points at the program rate";
    static final String BONUS_RULE = "Tier members earn their tier bonus on base points";

    /** What a purchase or a review did: the new state, the postings added, tier moves, and what was refused. */
    public record Outcome(MemberState state, List<Posting> postings, List<TierMove> tierMoves,
                          List<String> benefitsUnlocked, long capWithheld, List<String> riskFlags, String refusal) {

        public boolean applied() {
            return refusal == null;
        }
    }

    /** The replay of many members: final states by id, postings and tier moves in member order, refusals. */
    public record Replay(Map<String, MemberState> members, List<Posting> postings, List<TierMove> tierMoves,
                         List<String> refusals, long applied) {
    }

    /** A new member in the base tier. */
    public MemberState newMember(String memberId, Instant at) {
        return MemberState.enrol(memberId, at, TIER_IDS[0]);
    }

    /** Decides one purchase; {@code given} may be null for a member never seen (enrolled at the purchase). */
    public Outcome apply(MemberState given, Purchase purchase) {
        MemberState state = given != null ? given : newMember(purchase.memberId(), purchase.at());
        if (state.hasProcessed(purchase.id())) {
            List<Posting> earlier = new ArrayList<>();
            for (Posting p : state.ledger().postings()) {
                if (p.eventId().equals(purchase.id())) {
                    earlier.add(p);
                }
            }
            return new Outcome(state, earlier, List.of(), List.of(), 0, List.of(), "DUPLICATE");
        }
        if (state.lastEventAt() != null && purchase.at().isBefore(state.lastEventAt())) {
            return refused(state, "OUT_OF_ORDER");
        }
        if (state.status() == MemberStatus.CLOSED) {
            return refused(state, "MEMBER_CLOSED");
        }
        if (!purchase.amount().currency().equals(USD)) {
            return refused(state, "CURRENCY_MISMATCH");
        }
        Instant at = purchase.at();
        List<TierMove> moves = new ArrayList<>(1);
        PointsLedger ledger = state.ledger().advanceTo(at, EXPIRY, CALENDAR);
        TierStatus tier = reviewsDue(state, state.tier(), at, moves);
        if (!state.status().earns()) {
            return refused(state, "MEMBER_FROZEN");
        }

        // earning: base and tier bonus, each rounded down on its own (FLOOR per award), bonus of the tier held before
        long cents = purchase.amount().amount().movePointRight(2).longValueExact();
        int rank = rankOf(tier.tierId());
        long base = cents / 100;
        long bonusPercent = TIER_BONUS_PERCENT[rank];
        long bonus = bonusPercent > 0 ? Math.multiplyExact(cents, bonusPercent) / 10_000 : 0;
        long total = Math.addExact(base, bonus);

        // risk: the daily cap trims the bonus first, then the base; abnormal behaviour puts the member under review
        String memberId = state.memberId();
        Instant membershipStart = state.membershipStart();
        long used = state.capUsage().used(DAILY_CAP, CountingPeriod.DAY, at, CALENDAR.zone(), membershipStart);
        long headroom = Math.max(0, DAILY_CAP_LIMIT - used);
        long withheld = total > 0 && headroom < total ? total - headroom : 0;
        long bonusAwarded = bonus - Math.min(bonus, withheld);
        long baseAwarded = base - (withheld - (bonus - bonusAwarded));
        long awarded = baseAwarded + bonusAwarded;
        List<String> flags = state.status() == MemberStatus.ACTIVE ? abnormal(state, purchase) : List.of();
        MemberStatus status = flags.isEmpty() ? state.status() : MemberStatus.UNDER_REVIEW;

        PeriodCounters capUsage = state.capUsage().record(DAILY_CAP, CountingPeriod.DAY, at, CALENDAR.zone(),
                membershipStart, awarded);
        List<EarnLine> lines = new ArrayList<>(2);
        lines.add(new EarnLine(BASE_RULE, baseAwarded, "base 1 per unit on eligible " + purchase.amount().amount()
                + " = " + baseAwarded + (withheld > bonus ? ", " + (base - baseAwarded) + " withheld by cap " + DAILY_CAP
                : "")));
        if (bonusPercent > 0) {
            lines.add(new EarnLine(BONUS_RULE, bonusAwarded, TIER_IDS[rank] + " tier bonus " + bonusPercent + "% = "
                    + bonusAwarded + (bonusAwarded < bonus ? ", " + (bonus - bonusAwarded) + " withheld by cap "
                    + DAILY_CAP : "")));
        }
        ledger = ledger.earn(purchase.id(), at, at.plus(PENDING), EXPIRY.lotExpiry(at, CALENDAR).orElse(null),
                status.holdsAwards(), lines);

        // growth: 1 per USD of eligible spend, rounded down; older growth than any window can see is forgotten
        long growthUnits = cents / 100;
        List<GrowthEntry> credited = growthUnits > 0
                ? List.of(new GrowthEntry(purchase.id(), at, METRIC, BigDecimal.valueOf(growthUnits)))
                : List.of();
        GrowthLedger growth = state.growth().plus(credited).forgetBefore(horizon(tier, at));
        List<PurchaseRecord> purchases = new ArrayList<>(state.purchases().size() + 1);
        purchases.addAll(state.purchases());
        purchases.add(PurchaseRecord.of(purchase.id(), at, purchase.amount(), purchase.amount(), awarded,
                growthUnits > 0 ? Map.of(METRIC, BigDecimal.valueOf(growthUnits)) : Map.of(), COUNTED_CAPS,
                basket(purchase), Set.of()));

        // tier: upgrade on the crossing purchase, straight to the highest tier the rolling window reaches
        BigDecimal window = growth.total(METRIC, LADDER.window().start(at, membershipStart, CALENDAR), at);
        Tier reached = LADDER.highestReached(window);
        int reachedRank = rankOf(reached.id());
        List<String> unlocked = List.of();
        if (reachedRank > rank) {
            Instant validUntil = LADDER.validUntil(at, membershipStart, CALENDAR);
            moves.add(new TierMove(memberId, at, tier.tierId(), reached.id(), "UPGRADE", METRIC + " " + window
                    + " in window reaches " + reached.id() + " threshold " + reached.threshold()));
            tier = new TierStatus(reached.id(), TierSource.EARNED, at, validUntil, tier.floorTierId(), null);
            unlocked = reachedRank >= 2 ? List.of("free-delivery") : List.of();
        } else if (reachedRank == rank && tier.source() == TierSource.EARNED) {
            Instant validUntil = LADDER.validUntil(at, membershipStart, CALENDAR);
            if (tier.validUntil() == null || validUntil.isAfter(tier.validUntil())) {
                tier = tier.renewedUntil(validUntil);
            }
        }

        Set<String> processed = new LinkedHashSet<>(state.processedEventIds());
        processed.add(purchase.id());
        Instant last = state.lastEventAt() == null || at.isAfter(state.lastEventAt()) ? at : state.lastEventAt();
        MemberState next = new MemberState(memberId, state.enrolledAt(), membershipStart, tier, growth, state.tags(),
                state.attributes(), status, ledger, capUsage, state.benefitUsage(), purchases, state.refunds(),
                processed, state.surveyScore(), last);
        return new Outcome(next, ledger.postingsSince(state.ledger()), moves, unlocked,
                withheld, flags, null);
    }

    /** Lets time pass for a member up to {@code at}: points activate and expire, due tier reviews run. */
    public Outcome review(MemberState state, Instant at) {
        List<TierMove> moves = new ArrayList<>(1);
        PointsLedger ledger = state.ledger().advanceTo(at, EXPIRY, CALENDAR);
        TierStatus tier = reviewsDue(state, state.tier(), at, moves);
        MemberState next = state.withLedger(ledger).withTier(tier);
        return new Outcome(next, ledger.postingsSince(state.ledger()), moves, List.of(), 0, List.of(), null);
    }

    /** Reviews of {@code members} up to {@code at}, one outcome per member. */
    public List<Outcome> reviewTiers(List<MemberState> members, Instant at) {
        List<Outcome> outcomes = new ArrayList<>(members.size());
        for (MemberState m : members) {
            outcomes.add(review(m, at));
        }
        return outcomes;
    }

    /**
     * Replays purchases for new members, each member's in time order (input order on ties), members spread over
     * {@code threads}; then, when {@code reviewUntil} is given, lets time pass for every member up to it.
     */
    public Replay replay(List<Purchase> events, Instant reviewUntil, int threads) {
        Map<String, List<Purchase>> byMember = new LinkedHashMap<>();
        for (Purchase p : events) {
            byMember.computeIfAbsent(p.memberId(), k -> new ArrayList<>()).add(p);
        }
        List<String> order = new ArrayList<>(byMember.keySet());
        Replay[] results = new Replay[order.size()];
        if (threads <= 1) {
            for (int i = 0; i < results.length; i++) {
                results[i] = replayMember(byMember.get(order.get(i)), reviewUntil);
            }
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(() -> IntStream.range(0, results.length).parallel()
                        .forEach(i -> results[i] = replayMember(byMember.get(order.get(i)), reviewUntil))).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        Map<String, MemberState> members = new LinkedHashMap<>();
        List<Posting> postings = new ArrayList<>();
        List<TierMove> moves = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        long applied = 0;
        for (Replay r : results) {
            members.putAll(r.members());
            postings.addAll(r.postings());
            moves.addAll(r.tierMoves());
            refusals.addAll(r.refusals());
            applied += r.applied();
        }
        return new Replay(members, postings, moves, refusals, applied);
    }

    private Replay replayMember(List<Purchase> events, Instant reviewUntil) {
        events.sort(Comparator.comparing(Purchase::at));
        MemberState state = null;
        List<Posting> postings = new ArrayList<>();
        List<TierMove> moves = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        long applied = 0;
        for (Purchase p : events) {
            Outcome o = apply(state, p);
            if (o.applied()) {
                applied++;
                state = o.state();
                postings.addAll(o.postings());
                moves.addAll(o.tierMoves());
            } else if (!"DUPLICATE".equals(o.refusal())) {
                refusals.add(p.id() + ": " + o.refusal());
            }
        }
        if (state != null && reviewUntil != null) {
            Outcome o = review(state, reviewUntil);
            state = o.state();
            postings.addAll(o.postings());
            moves.addAll(o.tierMoves());
        }
        return new Replay(state == null ? Map.of() : Map.of(state.memberId(), state), postings, moves, refusals,
                applied);
    }

    // ---------------------------------------------------------------- tiers

    /** Runs every review due by {@code at}: at validUntil + grace, renew if the window kept the tier, else one step down. */
    private static TierStatus reviewsDue(MemberState state, TierStatus tier, Instant at, List<TierMove> moves) {
        while (tier.validUntil() != null && !LADDER.reviewAt(tier.validUntil()).isAfter(at)) {
            Instant lapsed = tier.validUntil();
            Instant reviewAt = LADDER.reviewAt(lapsed);
            Instant windowEnd = LADDER.window().lastCounted(lapsed);
            BigDecimal growth = state.growth().total(METRIC,
                    LADDER.window().start(windowEnd, state.membershipStart(), CALENDAR), windowEnd);
            int rank = rankOf(tier.tierId());
            Instant next = LADDER.window().nextBoundary(lapsed, state.membershipStart(), CALENDAR);
            // growth the window running at the review holds counts too (a review never sets a member below what an
            // upgrade at that instant would give)
            BigDecimal growthNow = state.growth().total(METRIC,
                    LADDER.window().start(reviewAt, state.membershipStart(), CALENDAR), reviewAt);
            int kept = rankOf(LADDER.highestKept(growth, tier.tierId()).id());
            int reachedNow = rankOf(LADDER.highestReached(growthNow, tier.tierId()).id());
            // a tier the running window reaches lasts as an upgrade to it at the review would
            Instant reachedUntil = LADDER.validUntil(reviewAt, state.membershipStart(), CALENDAR);
            if (Math.max(kept, reachedNow) >= rank) {
                tier = tier.renewedUntil(rank <= reachedNow && reachedUntil.isAfter(next) ? reachedUntil : next);
            } else {
                if (rank - 1 <= reachedNow && reachedUntil.isAfter(next)) {
                    next = reachedUntil;
                }
                String to = TIER_IDS[rank - 1];
                moves.add(new TierMove(state.memberId(), reviewAt, tier.tierId(), to, "DOWNGRADE", tier.tierId()
                        + " lapsed on " + CALENDAR.dateOf(lapsed) + " and was not kept: one step down"));
                tier = rank - 1 == 0
                        ? new TierStatus(to, TierSource.BASE, reviewAt, null, tier.floorTierId(), null)
                        : new TierStatus(to, TierSource.EARNED, reviewAt, next, tier.floorTierId(), null);
            }
        }
        return tier;
    }

    private static Instant horizon(TierStatus tier, Instant at) {
        Instant anchor = tier.validUntil() != null && tier.validUntil().isBefore(at) ? tier.validUntil() : at;
        return anchor.atZone(CALENDAR.zone()).minusMonths(GROWTH_HORIZON_MONTHS).toInstant();
    }

    private static int rankOf(String tierId) {
        for (int i = 0; i < TIER_IDS.length; i++) {
            if (TIER_IDS[i].equals(tierId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("tier must be one of member, silver, gold, platinum, was '" + tierId + "'");
    }

    // ---------------------------------------------------------------- risk

    /** The abnormal-behaviour checks of an ACTIVE member at a purchase: velocity and refund ratio. */
    private static List<String> abnormal(MemberState state, Purchase purchase) {
        Instant at = purchase.at();
        Instant velocityFrom = at.minus(VELOCITY_WINDOW);
        int recent = 1;
        for (PurchaseRecord p : state.purchases()) {
            if (p.at().isAfter(velocityFrom) && !p.at().isAfter(at)) {
                recent++;
            }
        }
        List<String> flags = new ArrayList<>(0);
        if (recent > MAX_PURCHASES) {
            flags.add("VELOCITY");
        }
        if (!state.refunds().isEmpty()) {
            Instant refundFrom = at.minus(REFUND_WINDOW);
            BigDecimal bought = purchase.amount().amount();
            for (PurchaseRecord p : state.purchases()) {
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
            if (refunded.compareTo(bought.multiply(MAX_REFUND_RATIO)) > 0) {
                flags.add("REFUND_RATIO");
            }
        }
        return flags;
    }

    /** The basket signature the engine keeps for the identical-basket check (off in retail-basic, kept for refunds). */
    private static String basket(Purchase purchase) {
        if (purchase.lines().isEmpty()) {
            return purchase.amount().toString();
        }
        StringBuilder sb = new StringBuilder(purchase.amount().toString());
        purchase.lines().stream().map(line -> line.sku() + 'x' + line.quantity() + '=' + line.amount().amount()).sorted()
                .forEach(line -> sb.append('|').append(line));
        return sb.toString();
    }

    private static Outcome refused(MemberState state, String code) {
        return new Outcome(state, List.of(), List.of(), List.of(), 0, List.of(), code);
    }

    static Money usd(String amount) {
        return Money.of(new BigDecimal(amount), USD);
    }
}
