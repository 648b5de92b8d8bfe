package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.loyaltyrules.core.points.PointsLedger;
import org.loyaltyrules.core.program.PeriodCounters;
import org.loyaltyrules.core.tier.TierStatus;

/**
 * Everything the engine knows about one member: enrolment, tier status, growth per metric, tags and attributes,
 * status, the points ledger, cap and benefit usage, purchases that may still be refunded, the ids of events already
 * processed (idempotency) and the latest survey score. Immutable; the engine returns a new state per event and the
 * embedding system persists it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record MemberState(String memberId, Instant enrolledAt, Instant membershipStart, TierStatus tier,
                          GrowthLedger growth, Set<String> tags, Map<String, String> attributes, MemberStatus status,
                          PointsLedger ledger, PeriodCounters capUsage, PeriodCounters benefitUsage,
                          List<PurchaseRecord> purchases, List<RefundRecord> refunds, Set<String> processedEventIds,
                          Integer surveyScore, Instant lastEventAt, List<FeeRecord> fees) {

    /** A state without membership fee records (members of programs without paid tiers, and older stored states). */
    public MemberState(String memberId, Instant enrolledAt, Instant membershipStart, TierStatus tier,
                       GrowthLedger growth, Set<String> tags, Map<String, String> attributes, MemberStatus status,
                       PointsLedger ledger, PeriodCounters capUsage, PeriodCounters benefitUsage,
                       List<PurchaseRecord> purchases, List<RefundRecord> refunds, Set<String> processedEventIds,
                       Integer surveyScore, Instant lastEventAt) {
        this(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status, ledger, capUsage,
                benefitUsage, purchases, refunds, processedEventIds, surveyScore, lastEventAt, List.of());
    }

    public MemberState {
        if (memberId == null || memberId.isBlank()) {
            throw new IllegalArgumentException("memberId must not be blank, was " + memberId);
        }
        requireNonNull(enrolledAt, "enrolledAt");
        membershipStart = membershipStart == null ? enrolledAt : membershipStart;
        requireNonNull(tier, "tier");
        requireNonNull(growth, "growth");
        tags = FrozenSet.sorted(tags);
        attributes = attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
        requireNonNull(status, "status");
        requireNonNull(ledger, "ledger");
        if (!ledger.memberId().equals(memberId)) {
            throw new IllegalArgumentException("ledger belongs to member " + ledger.memberId() + ", not " + memberId);
        }
        requireNonNull(capUsage, "capUsage");
        requireNonNull(benefitUsage, "benefitUsage");
        purchases = List.copyOf(purchases);
        refunds = List.copyOf(refunds);
        processedEventIds = FrozenSet.ordered(processedEventIds);
        fees = fees == null ? List.of() : List.copyOf(fees);
        if (surveyScore != null && (surveyScore < 0 || surveyScore > 10)) {
            throw new IllegalArgumentException("surveyScore must be in 0..10, was " + surveyScore);
        }
    }

    /** A new member in the base tier with nothing earned yet. */
    public static MemberState enrol(String memberId, Instant at, String baseTierId) {
        return new MemberState(memberId, at, at, TierStatus.base(baseTierId, at), GrowthLedger.EMPTY, Set.of(),
                Map.of(), MemberStatus.ACTIVE, PointsLedger.empty(memberId), PeriodCounters.EMPTY,
                PeriodCounters.EMPTY, List.of(), List.of(), Set.of(), null, null);
    }

    public boolean hasProcessed(String eventId) {
        return processedEventIds.contains(eventId);
    }

    public Optional<PurchaseRecord> purchase(String eventId) {
        return purchases.stream().filter(p -> p.eventId().equals(eventId)).findFirst();
    }

    public Optional<Integer> survey() {
        return Optional.ofNullable(surveyScore);
    }

    public long pointsAvailable() {
        return ledger.available();
    }

    public long pointsPending() {
        return ledger.pending();
    }

    public MemberState withTier(TierStatus newTier) {
        return new MemberState(memberId, enrolledAt, membershipStart, newTier, growth, tags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withLedger(PointsLedger newLedger) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                newLedger, capUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withGrowth(GrowthLedger newGrowth) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, newGrowth, tags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withStatus(MemberStatus newStatus) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes,
                status.moveTo(newStatus), ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds,
                surveyScore, lastEventAt, fees);
    }

    public MemberState withCapUsage(PeriodCounters newUsage) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                ledger, newUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withBenefitUsage(PeriodCounters newUsage) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                ledger, capUsage, newUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withPurchases(List<PurchaseRecord> newPurchases) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                ledger, capUsage, benefitUsage, newPurchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withRefunds(List<RefundRecord> newRefunds) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, newRefunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withTags(Set<String> newTags) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, newTags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withAttributes(Map<String, String> newAttributes) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, newAttributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withSurveyScore(int score) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds, score, lastEventAt, fees);
    }

    public MemberState withMembershipStart(Instant start) {
        return new MemberState(memberId, enrolledAt, start, tier, growth, tags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore,
                lastEventAt, fees);
    }

    public MemberState withFees(List<FeeRecord> newFees) {
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, processedEventIds, surveyScore, lastEventAt,
                newFees);
    }

    /** The membership fee paid by event {@code eventId}. */
    public Optional<FeeRecord> fee(String eventId) {
        return fees.stream().filter(f -> f.eventId().equals(eventId)).findFirst();
    }

    /** This state after processing event {@code eventId} at {@code at}: remembered for idempotency. */
    public MemberState processed(String eventId, Instant at) {
        Set<String> ids = FrozenSet.with(processedEventIds, eventId);
        Instant last = lastEventAt == null || at.isAfter(lastEventAt) ? at : lastEventAt;
        return new MemberState(memberId, enrolledAt, membershipStart, tier, growth, tags, attributes, status,
                ledger, capUsage, benefitUsage, purchases, refunds, ids, surveyScore, last, fees);
    }
}
