package org.loyaltyrules.core.points;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * A member's spendable points: lots (pending, held or available) and the append-only postings that changed them.
 * Immutable: every operation returns a new ledger whose postings end with what the operation did.
 *
 * <p>Invariants, after every operation: available points are never negative except through a
 * {@link RefundPolicy#NEGATIVE_BALANCE} clawback; a redemption never exceeds available points; and the totals obey
 * the conservation law of {@link LedgerTotals}. Call {@link #advanceTo} with an event's instant before applying it,
 * so that lots become available and expire in time order.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class PointsLedger {

    private final String memberId;
    private final List<PointsLot> lots;
    private final List<Posting> postings;
    private final List<RedemptionRecord> redemptions;
    private final long debt;
    private final LedgerTotals totals;
    private final Instant lastActivityAt;

    private PointsLedger(String memberId, List<PointsLot> lots, List<Posting> postings,
                         List<RedemptionRecord> redemptions, long debt, LedgerTotals totals, Instant lastActivityAt) {
        this.memberId = memberId;
        this.lots = lots;
        this.postings = postings;
        this.redemptions = redemptions;
        this.debt = debt;
        this.totals = totals;
        this.lastActivityAt = lastActivityAt;
    }

    public static PointsLedger empty(String memberId) {
        requireNonNull(memberId, "memberId");
        return new PointsLedger(memberId, List.of(), List.of(), List.of(), 0, LedgerTotals.ZERO, null);
    }

    /** Rebuilds a ledger from stored parts (for embedding systems that persist state); checks conservation. */
    public static PointsLedger restore(String memberId, List<PointsLot> lots, List<Posting> postings,
                                       List<RedemptionRecord> redemptions, long debt, LedgerTotals totals,
                                       Instant lastActivityAt) {
        requireNonNull(memberId, "memberId");
        PointsLedger ledger = new PointsLedger(memberId, List.copyOf(lots), List.copyOf(postings),
                List.copyOf(redemptions), Points.requireNonNegative(debt, "debt"), requireNonNull(totals, "totals"),
                lastActivityAt);
        if (!ledger.isConserved()) {
            throw new IllegalArgumentException("ledger of member " + memberId + " does not conserve points: " + totals
                    + " with available " + ledger.available() + " and pending " + ledger.pending());
        }
        return ledger;
    }

    public String memberId() {
        return memberId;
    }

    public List<PointsLot> lots() {
        return lots;
    }

    public List<Posting> postings() {
        return postings;
    }

    public List<RedemptionRecord> redemptions() {
        return redemptions;
    }

    public long debt() {
        return debt;
    }

    public LedgerTotals totals() {
        return totals;
    }

    public Optional<Instant> lastActivityAt() {
        return Optional.ofNullable(lastActivityAt);
    }

    /** Points that can be redeemed now (negative only when a clawback left a negative balance). */
    public long available() {
        long sum = 0;
        for (PointsLot lot : lots) {
            if (lot.isAvailable()) {
                sum = Points.add(sum, lot.remaining());
            }
        }
        return Points.subtract(sum, debt);
    }

    /** Points earned but not yet available: inside the return window, or held while the member is under review. */
    public long pending() {
        long sum = 0;
        for (PointsLot lot : lots) {
            if (!lot.isAvailable()) {
                sum = Points.add(sum, lot.remaining());
            }
        }
        return sum;
    }

    /** Points held because the member is under review (part of {@link #pending()}). */
    public long held() {
        return lots.stream().filter(PointsLot::held).mapToLong(PointsLot::remaining).sum();
    }

    /** The postings this ledger has beyond those of an earlier version of itself. */
    public List<Posting> postingsSince(PointsLedger earlier) {
        return postings.subList(earlier.postings.size(), postings.size());
    }

    /**
     * Whether the totals obey the conservation law stated in {@link LedgerTotals}. The balance (available + pending)
     * must fit in a long: beyond it this throws {@code ArithmeticException}. The law itself is checked exactly, since
     * lifetime sums such as {@code earned + adjustedIn} may pass a long while every total and the balance fit.
     */
    public boolean isConserved() {
        long balance = Points.add(available(), pending());
        BigInteger credited = big(totals.earned()).add(big(totals.adjustedIn()));
        BigInteger accounted = big(balance).add(big(totals.redeemed())).add(big(totals.expired()))
                .add(big(totals.clawedBack())).subtract(big(totals.unrecovered())).add(big(totals.adjustedOut()));
        return credited.equals(accounted);
    }

    private static BigInteger big(long points) {
        return BigInteger.valueOf(points);
    }

    /**
     * Lets time pass up to {@code at}: pending lots whose return window ended become available (ACTIVATE), lots past
     * their expiry expire (EXPIRE), and under an inactivity policy all points expire once the member was inactive
     * too long. Postings carry the lot's source event and the instant the change took effect, and are appended in the
     * order of those instants; at one instant ACTIVATE postings come before EXPIRE postings, each in lot order.
     */
    public PointsLedger advanceTo(Instant at, ExpiryPolicy policy, ProgramCalendar calendar) {
        requireNonNull(at, "at");
        requireNonNull(policy, "policy");
        requireNonNull(calendar, "calendar");
        if (nothingDueBy(at, policy, calendar)) {
            return this; // the common case: no copy of lots and postings
        }
        Builder b = new Builder(this);
        int firstNew = b.postings.size();
        Instant deadline = deadlinePassedBy(at, policy, calendar);
        for (int i = 0; i < b.lots.size(); i++) {
            PointsLot lot = b.lots.get(i);
            boolean dueBeforeExpiry = lot.expiresAt() == null || lot.availableFrom().isBefore(lot.expiresAt());
            // a lot that lapses at the inactivity deadline while still pending expires pending, never activated
            boolean dueBeforeDeadline = deadline == null || !lot.earnedAt().isBefore(deadline)
                    || lot.availableFrom().isBefore(deadline);
            if (!lot.active() && !lot.held() && !lot.availableFrom().isAfter(at) && dueBeforeExpiry
                    && dueBeforeDeadline) {
                b.lots.set(i, lot.activated());
                b.post(lot.sourceEventId(), lot.availableFrom(), PostingType.ACTIVATE, lot.remaining(), "",
                        lot.remaining() + " points became available after the return window");
            }
        }
        b.settleDebt();
        for (int i = 0; i < b.lots.size(); i++) {
            PointsLot lot = b.lots.get(i);
            if (lot.expiredBy(at) && lot.remaining() > 0) {
                b.expire(i, lot.expiresAt(), lot.remaining() + " points earned " + calendar.dateOf(lot.earnedAt())
                        + " expired");
            }
        }
        if (deadline != null) {
            for (int i = 0; i < b.lots.size(); i++) {
                // Only points held at the deadline lapse; a lot credited later (an adjustment), or at its very
                // instant (time passes before the event, so the lapse came first), did not exist then
                if (b.lots.get(i).remaining() > 0 && b.lots.get(i).earnedAt().isBefore(deadline)) {
                    b.expire(i, deadline, b.lots.get(i).remaining() + " points expired after inactivity since "
                            + calendar.dateOf(lastActivityAt));
                }
            }
        }
        // the passes above go lot by lot; the ledger reads in time order (a stable sort keeps ties as generated)
        b.postings.subList(firstNew, b.postings.size()).sort(Comparator.comparing(Posting::at));
        return b.build();
    }

    /**
     * The first inactivity deadline under {@code policy} that passed in ({@code earnedAt}, {@code at}] before the
     * member was active again (activity: earning and redeeming, as {@link #lastActivityAt} counts it), so a lot
     * earned at {@code earnedAt} lapsed there; null when none did. Read from the postings, since the lapsed lot may
     * have been emptied and dropped, and later activity moved the member's current deadline on.
     */
    private Instant lapseAfter(Instant earnedAt, Instant at, ExpiryPolicy policy, ProgramCalendar calendar) {
        List<Instant> activity = new ArrayList<>();
        for (Posting posting : postings) {
            if (posting.type() == PostingType.EARN || posting.type() == PostingType.REDEEM) {
                activity.add(posting.at());
            }
        }
        activity.sort(Comparator.naturalOrder());
        for (int k = 0; k < activity.size(); k++) {
            Instant due = policy.inactivityDeadline(activity.get(k), calendar).orElse(null);
            if (due == null) {
                return null;
            }
            boolean activeAgain = k + 1 < activity.size() && activity.get(k + 1).isBefore(due); // at due: too late
            // a lot earned at the deadline's very instant was earned after the lapse (time passes before the event)
            if (!activeAgain && due.isAfter(earnedAt) && !due.isAfter(at)) {
                return due;
            }
        }
        return null;
    }

    /** The member's inactivity deadline under {@code policy} when it is not after {@code at}; null otherwise. */
    private Instant deadlinePassedBy(Instant at, ExpiryPolicy policy, ProgramCalendar calendar) {
        return lastActivityAt == null ? null
                : policy.inactivityDeadline(lastActivityAt, calendar).filter(d -> !d.isAfter(at)).orElse(null);
    }

    private boolean nothingDueBy(Instant at, ExpiryPolicy policy, ProgramCalendar calendar) {
        if (debt > 0) {
            return false;
        }
        for (PointsLot lot : lots) {
            if (!lot.active() && !lot.held() && !lot.availableFrom().isAfter(at)) {
                return false;
            }
            if (lot.expiredBy(at) && lot.remaining() > 0) {
                return false;
            }
        }
        return lots.isEmpty() || deadlinePassedBy(at, policy, calendar) == null;
    }

    /**
     * Credits one lot of points for an event, posted as one EARN per contributing rule. The lot is available at once
     * when {@code availableFrom} is not after {@code at} and it is not held.
     */
    public PointsLedger earn(String eventId, Instant at, Instant availableFrom, Instant expiresAt, boolean held,
                             List<EarnLine> lines) {
        requireNonNull(eventId, "eventId");
        requireNonNull(at, "at");
        requireNonNull(availableFrom, "availableFrom");
        long total = 0;
        for (EarnLine line : lines) {
            total = Points.add(total, Points.requireNonNegative(line.points(), "points of " + line.rule()));
        }
        if (total == 0) {
            return this;
        }
        Builder b = new Builder(this);
        boolean activeNow = !held && !availableFrom.isAfter(at);
        b.lots.add(new PointsLot(eventId, total, total, at, availableFrom, expiresAt, activeNow, held));
        for (EarnLine line : lines) {
            if (line.points() > 0) {
                b.post(eventId, at, PostingType.EARN, line.points(), line.rule(), line.explanation());
            }
        }
        b.totals = b.totals.plusEarned(total);
        b.lastActivityAt = at;
        b.settleDebt();
        return b.build();
    }

    /** Spends available points, soonest-expiring lots first (FIFO on ties). Refused when not enough is available. */
    public LedgerOutcome redeem(String eventId, Instant at, long points, String rule, String explanation) {
        requireNonNull(eventId, "eventId");
        Points.requirePositive(points, "points");
        long available = available();
        if (points > available) {
            return new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.INSUFFICIENT_POINTS,
                    String.format(Locale.ROOT, "requested %d, available %d", points, available)));
        }
        Builder b = new Builder(this);
        List<LotDraw> draws = b.takeAvailable(points);
        b.redemptions.add(new RedemptionRecord(eventId, at, points, draws, false));
        b.post(eventId, at, PostingType.REDEEM, -points, rule, explanation);
        b.totals = b.totals.plusRedeemed(points);
        b.lastActivityAt = at;
        return new LedgerOutcome.Applied(b.build());
    }

    /**
     * Gives a redemption's points back to the lots they were taken from; points given back to a lot past its expiry
     * expire again at once, dated at the reversal. Refused for an unknown or already reversed redemption. Under an
     * inactivity policy use {@link #reverseRedemption(String, Instant, String, String, String, ExpiryPolicy,
     * ProgramCalendar)}.
     */
    public LedgerOutcome reverseRedemption(String eventId, Instant at, String redemptionEventId, String rule,
                                           String explanation) {
        return reverseRedemption(eventId, at, redemptionEventId, rule, explanation, null, null);
    }

    /**
     * As {@link #reverseRedemption(String, Instant, String, String, String)}; in addition, when the member's
     * inactivity deadline under {@code policy} passed before the reversal (a reversal is no activity), the points
     * given back expire at once, dated at the reversal, as they would have at the deadline had they not been out.
     */
    public LedgerOutcome reverseRedemption(String eventId, Instant at, String redemptionEventId, String rule,
                                           String explanation, ExpiryPolicy policy, ProgramCalendar calendar) {
        requireNonNull(redemptionEventId, "redemptionEventId");
        int index = -1;
        for (int i = 0; i < redemptions.size(); i++) {
            if (redemptions.get(i).eventId().equals(redemptionEventId)) {
                index = i;
            }
        }
        if (index < 0) {
            return new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.UNKNOWN_REDEMPTION,
                    String.format(Locale.ROOT, "no redemption '%s' for member %s", redemptionEventId, memberId)));
        }
        RedemptionRecord record = redemptions.get(index);
        if (record.reversed()) {
            return new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.ALREADY_REVERSED,
                    String.format(Locale.ROOT, "redemption '%s' was already reversed", redemptionEventId)));
        }
        Builder b = new Builder(this);
        for (LotDraw draw : record.draws()) {
            b.giveBack(draw);
        }
        b.redemptions.set(index, record.reversedRecord());
        b.post(eventId, at, PostingType.REDEEM_REVERSAL, record.points(), rule, explanation);
        b.totals = b.totals.plusRedeemed(-record.points());
        // points given back to a lot past its expiry, or held at an inactivity deadline that passed, expire at once,
        // at the reversal: dated at the expiry or the deadline, the EXPIRE would precede the reversal that gave the
        // points back (time passed to the reversal first, so what a lot holds now was given back)
        Instant deadline = policy == null ? null : deadlinePassedBy(at, policy, calendar);
        for (int i = 0; i < b.lots.size(); i++) {
            PointsLot lot = b.lots.get(i);
            if (lot.remaining() <= 0) {
                continue;
            }
            // only a lot this reversal refilled can hold points of a past lapse: any other lot still holding points
            // was not lapsed (time passed to the reversal first)
            boolean refilled = record.draws().stream().anyMatch(d -> d.sourceEventId().equals(lot.sourceEventId()));
            Instant lapsed = policy == null || !refilled ? null : lapseAfter(lot.earnedAt(), at, policy, calendar);
            if (lot.expiredBy(at)) {
                // on the program's calendar, as every other ledger text dates (an instant when no calendar is given)
                b.expire(i, at, lot.remaining() + " points given back by " + eventId + " had expired "
                        + (calendar == null ? "at " + lot.expiresAt() : "on " + calendar.dateOf(lot.expiresAt())));
            } else if (deadline != null && refilled && lot.earnedAt().isBefore(deadline)) {
                // a lot credited at the deadline's very instant came after the lapse (7b6213b), as time passing says
                b.expire(i, at, lot.remaining() + " points given back by " + eventId + " had expired after"
                        + " inactivity since " + calendar.dateOf(lastActivityAt) + " (deadline "
                        + calendar.dateOf(deadline) + ")");
            } else if (lapsed != null) {
                b.expire(i, at, lot.remaining() + " points given back by " + eventId + " had expired after"
                        + " inactivity (deadline " + calendar.dateOf(lapsed) + "), before later activity");
            }
        }
        b.settleDebt();
        return new LedgerOutcome.Applied(b.build());
    }

    /**
     * Takes back points a refunded purchase earned: first from that purchase's own lot (pending or available), then
     * from other available points; a shortfall becomes a negative balance or is recorded as unrecovered, as the policy
     * says. Never refused: what cannot be recovered is recorded, not lost.
     */
    public PointsLedger clawBack(String eventId, Instant at, String purchaseEventId, long points, RefundPolicy policy,
                                 String rule, String explanation) {
        return clawBack(eventId, at, List.of(new Clawback(purchaseEventId, points, rule, explanation)), policy)
                .ledger();
    }

    /** One purchase's part of a clawback for an event: the points to take back, the posting's rule and sentence. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Clawback(String purchaseEventId, long points, String rule, String explanation) {
        public Clawback {
            requireNonNull(purchaseEventId, "purchaseEventId");
            Points.requireNonNegative(points, "points");
        }
    }

    /** A clawback's outcome: the ledger after it and, per {@link Clawback} in order, the points not recovered. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Clawbacks(PointsLedger ledger, List<Long> unrecovered) {
        public Clawbacks {
            requireNonNull(ledger, "ledger");
            unrecovered = List.copyOf(unrecovered);
        }
    }

    /**
     * Takes back what several purchases earned, for one event (a refunded fee that forfeits the rewards of its term):
     * first each purchase's own lot, for all of them, then, in the given order, what is still missing from other
     * available points; a shortfall as the policy says, booked to the purchase whose own lot lacked it. So one
     * purchase's shortfall never takes another's own lot before that one is taken back (it did when the purchases were
     * taken back one after another: the later one then recorded as its shortfall points it no longer had because the
     * earlier one took them). One CLAWBACK posting per purchase with points, in order.
     */
    public Clawbacks clawBack(String eventId, Instant at, List<Clawback> clawbacks, RefundPolicy policy) {
        requireNonNull(clawbacks, "clawbacks");
        requireNonNull(policy, "policy");
        if (clawbacks.stream().allMatch(c -> c.points() == 0)) {
            return new Clawbacks(this, java.util.Collections.nCopies(clawbacks.size(), 0L));
        }
        Builder b = new Builder(this);
        long[] left = new long[clawbacks.size()];
        for (int c = 0; c < clawbacks.size(); c++) {
            left[c] = clawbacks.get(c).points();
            for (int i = 0; i < b.lots.size() && left[c] > 0; i++) {
                PointsLot lot = b.lots.get(i);
                if (lot.sourceEventId().equals(clawbacks.get(c).purchaseEventId()) && lot.remaining() > 0) {
                    long take = Math.min(left[c], lot.remaining());
                    b.lots.set(i, lot.withRemaining(lot.remaining() - take));
                    left[c] -= take;
                }
            }
        }
        List<Long> unrecovered = new ArrayList<>();
        for (int c = 0; c < clawbacks.size(); c++) {
            Clawback clawback = clawbacks.get(c);
            long fromOthers = Math.min(left[c], Math.max(0, b.availableInLots() - b.debt));
            if (fromOthers > 0) {
                b.takeAvailable(fromOthers);
                left[c] -= fromOthers;
            }
            long notRecovered = 0;
            String text = clawback.explanation() == null ? "" : clawback.explanation();
            if (left[c] > 0 && policy == RefundPolicy.NEGATIVE_BALANCE) {
                b.debt = Points.add(b.debt, left[c]);
                text += String.format(Locale.ROOT, "; %d points left as a negative balance", left[c]);
            } else if (left[c] > 0) {
                notRecovered = left[c];
                text += String.format(Locale.ROOT, "; %d points could not be recovered", left[c]);
            }
            unrecovered.add(notRecovered);
            if (clawback.points() > 0) {
                b.post(eventId, at, PostingType.CLAWBACK, -clawback.points(), clawback.rule(), text);
                b.totals = b.totals.plusClawback(clawback.points(), notRecovered);
            }
        }
        b.dropEmptyLots();
        return new Clawbacks(b.build(), unrecovered);
    }

    /**
     * A manual correction: positive points become an available lot with the given expiry, negative points are taken
     * from available points (refused when not enough is available).
     */
    public LedgerOutcome adjust(String eventId, Instant at, long points, Instant expiresAt, String rule, String reason) {
        requireNonNull(eventId, "eventId");
        if (points == 0) {
            return new LedgerOutcome.Applied(this);
        }
        Builder b = new Builder(this);
        if (points > 0) {
            b.lots.add(new PointsLot(eventId, points, points, at, at, expiresAt, true, false));
            b.settleDebt();
        } else {
            long available = available();
            // compared as points < -available: -points overflows for Long.MIN_VALUE (it stays negative and would
            // pass); -available cannot, since available >= -debt >= -Long.MAX_VALUE
            if (points < -available) {
                return new LedgerOutcome.Refused(new LedgerRefusal(LedgerRefusal.Code.INSUFFICIENT_POINTS,
                        String.format(Locale.ROOT, "adjustment of %d exceeds available %d", points, available)));
            }
            b.takeAvailable(-points);
        }
        b.post(eventId, at, PostingType.ADJUST, points, rule, reason);
        b.totals = b.totals.plusAdjusted(points);
        return new LedgerOutcome.Applied(b.build());
    }

    /**
     * Releases lots held during a review: a lot whose return window has ended becomes available now, at the release
     * (its ACTIVATE posting is dated {@code at}: the points were not available while held), one still in its return
     * window when that window ends.
     */
    public PointsLedger release(String eventId, Instant at, ExpiryPolicy policy, ProgramCalendar calendar) {
        PointsLedger current = advanceTo(at, policy, calendar);
        if (current.lots.stream().noneMatch(PointsLot::held)) {
            return current;
        }
        Builder b = new Builder(current);
        for (int i = 0; i < b.lots.size(); i++) {
            PointsLot lot = b.lots.get(i);
            if (lot.held()) {
                PointsLot released = lot.released();
                if (!lot.active() && !lot.availableFrom().isAfter(at) && !lot.expiredBy(at) && lot.remaining() > 0) {
                    released = released.activated();
                    b.post(lot.sourceEventId(), at, PostingType.ACTIVATE, lot.remaining(), "",
                            lot.remaining() + " points became available when the review released them");
                }
                b.lots.set(i, released);
            }
        }
        b.settleDebt(); // as when lots activate with time: a debt is paid off first
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PointsLedger)) {
            return false;
        }
        PointsLedger other = (PointsLedger) o;
        return debt == other.debt && memberId.equals(other.memberId) && lots.equals(other.lots)
                && postings.equals(other.postings) && redemptions.equals(other.redemptions)
                && totals.equals(other.totals) && java.util.Objects.equals(lastActivityAt, other.lastActivityAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(memberId, lots, postings.size(), debt, totals, lastActivityAt);
    }

    @Override
    public String toString() {
        return "PointsLedger[member=" + memberId + ", available=" + available() + ", pending=" + pending()
                + ", debt=" + debt + ", totals=" + totals + ", lots=" + lots.size() + ", postings=" + postings.size() + "]";
    }

    /** Mutable scratch copy used inside one operation; never escapes. */
    private static final class Builder {
        private final String memberId;
        private final List<PointsLot> lots;
        private final List<Posting> postings;
        private final List<RedemptionRecord> redemptions;
        private long debt;
        private LedgerTotals totals;
        private Instant lastActivityAt;

        Builder(PointsLedger from) {
            memberId = from.memberId;
            lots = new ArrayList<>(from.lots);
            postings = new ArrayList<>(from.postings);
            redemptions = new ArrayList<>(from.redemptions);
            debt = from.debt;
            totals = from.totals;
            lastActivityAt = from.lastActivityAt;
        }

        void post(String eventId, Instant at, PostingType type, long points, String rule, String explanation) {
            postings.add(new Posting(eventId, memberId, at, type, points, rule, explanation));
        }

        void expire(int index, Instant at, String explanation) {
            PointsLot lot = lots.get(index);
            long points = lot.remaining();
            lots.set(index, lot.withRemaining(0));
            post(lot.sourceEventId(), at, PostingType.EXPIRE, -points, "", explanation);
            totals = totals.plusExpired(points);
        }

        long availableInLots() {
            long sum = 0;
            for (PointsLot lot : lots) {
                if (lot.isAvailable()) {
                    sum = Points.add(sum, lot.remaining());
                }
            }
            return sum;
        }

        /** Takes points from available lots in redemption order; the caller has checked there are enough. */
        List<LotDraw> takeAvailable(long points) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < lots.size(); i++) {
                if (lots.get(i).isAvailable() && lots.get(i).remaining() > 0) {
                    order.add(i);
                }
            }
            order.sort((a, c) -> PointsLot.REDEMPTION_ORDER.compare(lots.get(a), lots.get(c)));
            List<LotDraw> draws = new ArrayList<>();
            long left = points;
            for (int i : order) {
                if (left == 0) {
                    break;
                }
                PointsLot lot = lots.get(i);
                long take = Math.min(left, lot.remaining());
                lots.set(i, lot.withRemaining(lot.remaining() - take));
                draws.add(new LotDraw(lot.sourceEventId(), take, lot.earnedAt(), lot.availableFrom(), lot.expiresAt()));
                left -= take;
            }
            if (left != 0) {
                throw new IllegalStateException("took " + (points - left) + " of " + points + " points; available lots ran out");
            }
            dropEmptyLots();
            return draws;
        }

        void giveBack(LotDraw draw) {
            for (int i = 0; i < lots.size(); i++) {
                PointsLot lot = lots.get(i);
                if (lot.sourceEventId().equals(draw.sourceEventId()) && lot.isAvailable()) {
                    lots.set(i, lot.withRemaining(Points.add(lot.remaining(), draw.points())));
                    return;
                }
            }
            // the emptied lot comes back where it was: by earning instant, and among lots credited at the same
            // instant in the order they were credited (their events' first postings), so FIFO on ties still holds
            PointsLot back = new PointsLot(draw.sourceEventId(), draw.points(), draw.points(), draw.earnedAt(),
                    draw.availableFrom(), draw.expiresAt(), true, false);
            int at = 0;
            while (at < lots.size() && (lots.get(at).earnedAt().isBefore(back.earnedAt())
                    || lots.get(at).earnedAt().equals(back.earnedAt())
                    && creditOrder(lots.get(at).sourceEventId()) < creditOrder(back.sourceEventId()))) {
                at++;
            }
            lots.add(at, back);
        }

        /** Where the event's first posting stands in the ledger: the order in which the lots were credited. */
        private int creditOrder(String eventId) {
            for (int i = 0; i < postings.size(); i++) {
                if (postings.get(i).eventId().equals(eventId)) {
                    return i;
                }
            }
            return postings.size();
        }

        /** A negative balance is paid off by available points as soon as there are any. */
        void settleDebt() {
            if (debt == 0) {
                return;
            }
            long pay = Math.min(debt, availableInLots());
            if (pay > 0) {
                takeAvailable(pay);
                debt -= pay;
            }
        }

        void dropEmptyLots() {
            lots.removeIf(lot -> lot.remaining() == 0);
        }

        PointsLedger build() {
            dropEmptyLots();
            return new PointsLedger(memberId, Collections.unmodifiableList(lots), Collections.unmodifiableList(postings),
                    Collections.unmodifiableList(redemptions), debt, totals, lastActivityAt);
        }
    }
}
