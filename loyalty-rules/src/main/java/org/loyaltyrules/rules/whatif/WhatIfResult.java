package org.loyaltyrules.rules.whatif;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a program change does to one history: the base and the candidate program's figures side by side, the
 * members whose points or tier differ, and the warnings a reviewer must see. Points totals across members are exact
 * {@link BigInteger}s (two members near {@code Long.MAX_VALUE} hold more than a long); a cashback program's (program.json
 * {@code reward.unit} MONEY) count minor units of its currency, as its postings do. Immutable; built by
 * {@link WhatIf#compare}.
 *
 * @param asOf           the instant every member was reviewed at; null only for an empty history
 * @param base           the figures of the program running today
 * @param candidate      the figures of the changed program
 * @param members        members under either program
 * @param changedMembers every member whose points earned, liability (available and pending points) or final tier
 *                       differ: largest change of points earned first, then largest change of liability, then by
 *                       member id
 * @param warnings       what got worse: caps hit by more or fewer members, benefits over budget in more periods,
 *                       other events rejected (another number, or events refused under one program only), rules
 *                       that no longer earn
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WhatIfResult(Instant asOf, Side base, Side candidate, long members, List<MemberDelta> changedMembers,
                           List<String> warnings) {

    /**
     * One program's replay of the history, in figures.
     *
     * @param costByRule               EARN points per rule name, most expensive first
     * @param tierMix                  members per tier at the end, in ladder order, 0 for an empty tier
     * @param capsHitByMembers         per cap id (sorted), the members it trimmed at least once (withheld part of an
     *                                 applied event's award: {@link org.loyaltyrules.rules.Decision#capTrims()})
     * @param benefitPeriodsOverBudget per benefit with a cost and a budget (sorted), the budget periods whose granted
     *                                 uses cost more than the budget
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Side(String program, String version, long members, long eventsApplied, long eventsRejected,
                       Map<String, Long> rejectionsByCode, BigInteger pointsIssued, BigInteger liabilityPoints,
                       Map<String, BigInteger> costByRule, Map<String, Long> tierMix,
                       Map<String, Long> capsHitByMembers, Map<String, Long> benefitPeriodsOverBudget) {

        public Side {
            requireNonNull(program, "program");
            requireNonNull(version, "version");
            requireNonNull(pointsIssued, "pointsIssued");
            requireNonNull(liabilityPoints, "liabilityPoints");
            rejectionsByCode = ordered(rejectionsByCode, "rejectionsByCode");
            costByRule = ordered(costByRule, "costByRule");
            tierMix = ordered(tierMix, "tierMix");
            capsHitByMembers = ordered(capsHitByMembers, "capsHitByMembers");
            benefitPeriodsOverBudget = ordered(benefitPeriodsOverBudget, "benefitPeriodsOverBudget");
        }
    }

    /** One figure under the base and under the candidate program. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Change(BigInteger base, BigInteger candidate) {

        public Change {
            requireNonNull(base, "base");
            requireNonNull(candidate, "candidate");
        }

        public static Change of(long base, long candidate) {
            return new Change(BigInteger.valueOf(base), BigInteger.valueOf(candidate));
        }

        /** {@code candidate - base}. */
        public BigInteger delta() {
            return candidate.subtract(base);
        }
    }

    /**
     * A member whose points or tier differ between the programs. A tier is empty when the member has no state under
     * that program (every event of theirs was refused there).
     *
     * @param pointsEarned all points the member earned (EARN postings)
     * @param liability    the member's available and pending points at the end
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record MemberDelta(String member, String baseTier, String candidateTier, Change pointsEarned,
                              Change liability) {

        public MemberDelta {
            requireNonNull(member, "member");
            requireNonNull(baseTier, "baseTier");
            requireNonNull(candidateTier, "candidateTier");
            requireNonNull(pointsEarned, "pointsEarned");
            requireNonNull(liability, "liability");
        }

        public boolean tierDiffers() {
            return !baseTier.equals(candidateTier);
        }
    }

    /** A member who ends in another tier under the candidate than under the base program. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record TierChange(String member, String base, String candidate) {

        public TierChange {
            requireNonNull(member, "member");
            requireNonNull(base, "base");
            requireNonNull(candidate, "candidate");
        }
    }

    public WhatIfResult {
        requireNonNull(base, "base");
        requireNonNull(candidate, "candidate");
        changedMembers = List.copyOf(changedMembers);
        warnings = List.copyOf(warnings);
    }

    /** Points credited (EARN postings) by each program. */
    public Change pointsIssued() {
        return new Change(base.pointsIssued(), candidate.pointsIssued());
    }

    /** Available and pending points of all members at the end, under each program. */
    public Change liabilityPoints() {
        return new Change(base.liabilityPoints(), candidate.liabilityPoints());
    }

    /** Every rule that earned under either program (0 on the other side): the base's rules first, by cost. */
    public Map<String, Change> costByRule() {
        return sideBySide(base.costByRule(), candidate.costByRule());
    }

    /** Members per tier under each program: the base's ladder order, then any tier only the candidate has. */
    public Map<String, Change> tierMix() {
        return sideBySide(base.tierMix(), candidate.tierMix());
    }

    /** The members whose tier differs, by member id. */
    public List<TierChange> tierChanges() {
        return changedMembers.stream().filter(MemberDelta::tierDiffers)
                .sorted(Comparator.comparing(MemberDelta::member))
                .map(m -> new TierChange(m.member(), m.baseTier(), m.candidateTier())).toList();
    }

    /**
     * The first {@code limit} members whose points earned differ, largest change first; ties by the larger change of
     * liability, then by member id (the order of {@link #changedMembers}).
     */
    public List<MemberDelta> topMembersByPointsDelta(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        return changedMembers.stream().filter(m -> m.pointsEarned().delta().signum() != 0).limit(limit).toList();
    }

    private static Map<String, Change> sideBySide(Map<String, ? extends Number> before,
                                                  Map<String, ? extends Number> after) {
        Map<String, Change> both = new LinkedHashMap<>();
        before.forEach((key, value) -> both.put(key, new Change(exact(value), exact(after.get(key)))));
        after.forEach((key, value) -> both.putIfAbsent(key, new Change(BigInteger.ZERO, exact(value))));
        return Collections.unmodifiableMap(both);
    }

    /** A count or a total as a BigInteger; absent is 0. */
    private static BigInteger exact(Number value) {
        if (value == null) {
            return BigInteger.ZERO;
        }
        return value instanceof BigInteger ? (BigInteger) value : BigInteger.valueOf(value.longValue());
    }

    /** An unmodifiable copy that keeps the map's order (ladder order, cost order). */
    private static <V> Map<String, V> ordered(Map<String, V> map, String name) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(map, name)));
    }
}
