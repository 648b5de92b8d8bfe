package org.loyaltyrules.rules.whatif;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.loyaltyrules.rules.program.RewardUnit;
import org.loyaltyrules.rules.whatif.WhatIfResult.Change;
import org.loyaltyrules.rules.whatif.WhatIfResult.MemberDelta;
import org.loyaltyrules.rules.whatif.WhatIfResult.Side;

/**
 * Replays one history under the program running today (the base) and a changed program (the candidate) and says
 * what the change costs before it goes live: points issued, liability, cost by rule, tier mix, the members whose
 * points or tier differ, and warnings. The same comparison {@code loyalty what-if} prints.
 *
 * <pre>{@code
 * WhatIfResult result = WhatIf.compare(base, candidate, history, Instant.parse("2025-03-31T23:59:59Z"));
 * assertThat(result.pointsIssued()).isEqualTo(WhatIfResult.Change.of(44_370, 44_880));
 * }</pre>
 *
 * <p>Both programs see exactly the same events; the result does not depend on the number of threads. Thread-safe:
 * no state is kept between calls.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WhatIf {

    private WhatIf() {
    }

    /**
     * Compares the two programs on {@code events} replayed on one thread: see
     * {@link #compare(Program, Program, List, Instant, int)}.
     */
    public static WhatIfResult compare(Program base, Program candidate, List<? extends LoyaltyEvent> events,
                                       Instant asOf) {
        return compare(base, candidate, events, asOf, 1);
    }

    /**
     * Compiles both programs (rule files they share compile once), replays the events up to {@code asOf} under each
     * for new members, reviews every member at {@code asOf} and compares. Events after {@code asOf} are left out, as
     * {@code loyalty what-if --as-of} does.
     *
     * @param threads members replayed in parallel under each program (the programs replay one after the other)
     * @throws IllegalArgumentException the programs have different currencies or reward units, or {@code threads} is
     *                                  below 1
     * @throws org.loyaltyrules.rules.program.ProgramException a program's rules do not compile
     */
    public static WhatIfResult compare(Program base, Program candidate, List<? extends LoyaltyEvent> events,
                                       Instant asOf, int threads) {
        requireNonNull(events, "events");
        requireNonNull(asOf, "asOf");
        if (threads < 1 || threads > LoyaltyEngine.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + LoyaltyEngine.MAX_THREADS + ", was "
                    + threads);
        }
        Recorder recorder = recorder(base, candidate);
        List<LoyaltyEvent> history = new ArrayList<>(events.size());
        for (LoyaltyEvent event : events) {
            if (!requireNonNull(event, "events must not hold null").at().isAfter(asOf)) {
                history.add(event);
            }
        }
        LoyaltyEngine baseEngine = LoyaltyEngine.create(base);
        LoyaltyEngine candidateEngine = LoyaltyEngine.create(candidate);
        ReplayResult before = baseEngine.replay(Map.of(), history, asOf, recorder.base(), threads);
        ReplayResult after = candidateEngine.replay(Map.of(), history, asOf, recorder.candidate(), threads);
        return recorder.result(before, after, asOf);
    }

    /**
     * A comparison whose replays the caller runs (on its own threads, with a progress line, as the CLI does): pass
     * {@link Recorder#base()} and {@link Recorder#candidate()} as the listeners of the two replays of the same
     * events, then hand both results to {@link Recorder#result}.
     *
     * @throws IllegalArgumentException the programs have different currencies or reward units
     */
    public static Recorder recorder(Program base, Program candidate) {
        requireNonNull(base, "base");
        requireNonNull(candidate, "candidate");
        if (!base.settings().currency().equals(candidate.settings().currency())) {
            // the events are read in one currency: the other program would refuse every purchase
            throw new IllegalArgumentException("the candidate's currency " + candidate.settings().currency()
                    + " differs from the base's " + base.settings().currency()
                    + ": a what-if compares two programs on the same events, in one currency");
        }
        if (base.settings().rewardUnit() != candidate.settings().rewardUnit()) {
            // points and minor units of money are not one figure: 200 points against 400 cents is no +200
            throw new IllegalArgumentException("the candidate's reward unit " + candidate.settings().rewardUnit()
                    + " differs from the base's " + base.settings().rewardUnit()
                    + " (program.json reward.unit): a what-if compares figures of one unit, points or minor units "
                    + "of the currency");
        }
        return new Recorder(base, candidate);
    }

    /**
     * Collects what the figures need from the decisions of the two replays (caps applied, benefit uses granted),
     * then compares their results. The listeners are thread-safe.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Recorder {

        private final Program baseProgram;
        private final Program candidateProgram;
        private final Decisions baseDecisions = new Decisions();
        private final Decisions candidateDecisions = new Decisions();

        private Recorder(Program base, Program candidate) {
            this.baseProgram = base;
            this.candidateProgram = candidate;
        }

        /** The listener of the base program's replay. */
        public Consumer<Decision> base() {
            return baseDecisions;
        }

        /** The listener of the candidate program's replay. */
        public Consumer<Decision> candidate() {
            return candidateDecisions;
        }

        /**
         * Compares the two replays: each of the same events for new members, reviewed at {@code asOf}, with
         * {@link #base()} and {@link #candidate()} as their listeners.
         */
        public WhatIfResult result(ReplayResult base, ReplayResult candidate, Instant asOf) {
            requireNonNull(base, "base");
            requireNonNull(candidate, "candidate");
            Side before = baseDecisions.side(baseProgram, base);
            Side after = candidateDecisions.side(candidateProgram, candidate);
            Set<String> members = new TreeSet<>(base.members().keySet());
            members.addAll(candidate.members().keySet());
            List<MemberDelta> changed = new ArrayList<>();
            for (String id : members) {
                MemberState b = base.members().get(id);
                MemberState c = candidate.members().get(id);
                MemberDelta row = new MemberDelta(id, tier(b), tier(c), Change.of(earned(b), earned(c)),
                        new Change(liability(b), liability(c)));
                if (row.pointsEarned().delta().signum() != 0 || row.liability().delta().signum() != 0
                        || row.tierDiffers()) {
                    changed.add(row);
                }
            }
            // a change of expiry, refunds or pending moves liability alone: such rows follow, by that change
            changed.sort(Comparator.comparing((MemberDelta m) -> m.pointsEarned().delta().abs(),
                    Comparator.reverseOrder()).thenComparing(m -> m.liability().delta().abs(), Comparator.reverseOrder())
                    .thenComparing(MemberDelta::member));
            WhatIfResult figures = new WhatIfResult(asOf, before, after, members.size(), changed, List.of());
            List<String> warnings = new ArrayList<>();
            java.time.ZoneId baseZone = baseProgram.settings().zone();
            java.time.ZoneId candidateZone = candidateProgram.settings().zone();
            if (!baseZone.equals(candidateZone)) {
                // the figures differ from a run of the candidate alone wherever a local time decides: say so first
                warnings.add("the candidate's zone " + candidateZone + " differs from the base's " + baseZone
                        + ": the events and the review instant are read in the base's zone, so the candidate's"
                        + " figures are not those of a run of the candidate alone");
            }
            warnings.addAll(warnings(figures, RejectionShift.of(base, candidate), baseProgram.settings()));
            return new WhatIfResult(asOf, before, after, members.size(), changed, warnings);
        }
    }

    private static String tier(MemberState m) {
        return m == null ? "" : m.tier().tierId();
    }

    private static long earned(MemberState m) {
        return m == null ? 0 : m.ledger().totals().earned();
    }

    private static BigInteger liability(MemberState m) {
        return m == null ? BigInteger.ZERO
                : BigInteger.valueOf(m.pointsAvailable()).add(BigInteger.valueOf(m.pointsPending()));
    }

    /**
     * The events refused under one program and not under the other, and those refused under both for other reasons
     * (by member and event id): the counts and codes of the two sides can be equal while other events are refused.
     */
    private record RejectionShift(long onlyBase, long onlyCandidate, long recoded) {

        static RejectionShift of(ReplayResult base, ReplayResult candidate) {
            Map<List<String>, String> before = refused(base);
            Map<List<String>, String> after = refused(candidate);
            long onlyBase = before.keySet().stream().filter(r -> !after.containsKey(r)).count();
            long onlyCandidate = after.keySet().stream().filter(r -> !before.containsKey(r)).count();
            long recoded = before.entrySet().stream()
                    .filter(r -> after.containsKey(r.getKey()) && !after.get(r.getKey()).equals(r.getValue())).count();
            return new RejectionShift(onlyBase, onlyCandidate, recoded);
        }

        /** Member and event id -> the code of its (first) refusal. */
        private static Map<List<String>, String> refused(ReplayResult result) {
            Map<List<String>, String> refused = new HashMap<>();
            result.rejections().forEach(r -> refused.putIfAbsent(List.of(r.memberId(), r.eventId()), r.code()));
            return refused;
        }

        boolean any() {
            return onlyBase > 0 || onlyCandidate > 0 || recoded > 0;
        }

        /** Each program refuses events the other applies: the counts alone do not say so. */
        boolean both() {
            return onlyBase > 0 && onlyCandidate > 0;
        }
    }

    /** What got worse under the candidate, in the order a reviewer reads it: caps, budgets, rejections, rules. */
    static List<String> warnings(WhatIfResult w, RejectionShift shift, ProgramSettings settings) {
        List<String> warnings = new ArrayList<>();
        Map<String, Long> capsBefore = w.base().capsHitByMembers();
        Map<String, Long> capsAfter = w.candidate().capsHitByMembers();
        Set<String> caps = new TreeSet<>(capsBefore.keySet());
        caps.addAll(capsAfter.keySet());
        for (String cap : caps) {
            long was = capsBefore.getOrDefault(cap, 0L);
            long now = capsAfter.getOrDefault(cap, 0L);
            if (was != now) {
                warnings.add("cap " + cap + " now hit by " + now + " member" + (now == 1 ? "" : "s") + " (was "
                        + was + ")");
            }
        }
        Map<String, Long> overBefore = w.base().benefitPeriodsOverBudget();
        w.candidate().benefitPeriodsOverBudget().forEach((benefit, after) -> {
            long before = overBefore.getOrDefault(benefit, 0L);
            if (after > before) {
                warnings.add("benefit " + benefit + " now over budget in " + after + " period"
                        + (after == 1 ? "" : "s") + " (was " + before + ")");
            }
        });
        long was = w.base().eventsRejected();
        long now = w.candidate().eventsRejected();
        // another number, other events (counts alike), the same events refused for other reasons, or other counts by
        // code (an event refused twice on one side)
        if (was != now || shift.any() || !w.base().rejectionsByCode().equals(w.candidate().rejectionsByCode())) {
            warnings.add(String.format(Locale.ROOT, "events rejected: %,d (was %,d): %s (was %s)%s%s", now, was,
                    codes(w.candidate().rejectionsByCode()), codes(w.base().rejectionsByCode()),
                    !shift.both() ? "" : String.format(Locale.ROOT, "; %,d refused only under the candidate, %,d "
                            + "only under the base", shift.onlyCandidate(), shift.onlyBase()),
                    shift.recoded() == 0 ? "" : String.format(Locale.ROOT, "; %,d refused under both for another "
                            + "reason", shift.recoded())));
        }
        w.costByRule().forEach((rule, cost) -> {
            if (cost.base().signum() > 0 && cost.candidate().signum() == 0) {
                warnings.add(String.format(Locale.ROOT, "rule \"%s\" no longer earns (was %s)", rule,
                        reward(cost.base(), settings)));
            }
        });
        return warnings;
    }

    /** Rejections by code as the console lists them: "INSUFFICIENT_POINTS 2, UNKNOWN_TIER 1", or "none". */
    private static String codes(Map<String, Long> byCode) {
        if (byCode.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byCode.forEach((code, n) -> parts.add(String.format(Locale.ROOT, "%s %,d", code, n)));
        return String.join(", ", parts);
    }

    /** A reward figure: "1,190 points", or for a cashback program its minor units as money, "11.90 USD". */
    private static String reward(BigInteger figure, ProgramSettings settings) {
        if (settings.rewardUnit() == RewardUnit.MONEY) {
            return new BigDecimal(figure, settings.currency().getDefaultFractionDigits()).toPlainString() + " "
                    + settings.currency().getCurrencyCode();
        }
        return String.format(Locale.ROOT, "%,d points", figure);
    }

    /** What one replay's decisions say that its result does not keep: the caps applied, the benefit uses granted. */
    private static final class Decisions implements Consumer<Decision> {

        private final Map<String, Set<String>> capHits = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Grant> grants = new ConcurrentLinkedQueue<>();

        /** A benefit use granted at an instant. */
        private record Grant(String benefitId, Instant at) {
        }

        @Override
        public void accept(Decision decision) {
            for (CapApplied cap : decision.capTrims()) {
                capHits.computeIfAbsent(cap.capId(), k -> ConcurrentHashMap.newKeySet()).add(decision.memberId());
            }
            if (decision.isApplied()) {
                for (BenefitGrant grant : decision.benefits()) {
                    if ("GRANTED".equals(grant.outcome())) {
                        // a member's events are decided in time order, so an applied event's instant is the
                        // member's event clock right after it
                        grants.add(new Grant(grant.benefitId(), decision.state().lastEventAt()));
                    }
                }
            }
        }

        Side side(Program program, ReplayResult result) {
            ProgramSettings settings = program.settings();
            Map<String, Long> caps = new TreeMap<>();
            capHits.forEach((cap, members) -> caps.put(cap, (long) members.size()));
            return new Side(program.id(), program.version(), result.members().size(), result.eventsApplied(),
                    result.rejections().size(), result.rejectionsByCode(), result.pointsIssued(),
                    result.liabilityPoints(), result.costByRule(), result.tierMix(settings.ladder()), caps,
                    periodsOverBudget(settings));
        }

        /** Per benefit with a cost and a budget: the budget periods (in the program's zone) its uses overspent. */
        private Map<String, Long> periodsOverBudget(ProgramSettings settings) {
            Map<String, Long> over = new TreeMap<>();
            for (Benefit benefit : settings.benefits().benefits()) {
                if (benefit.cost() == null || benefit.budget() == null) {
                    continue;
                }
                Map<String, Long> usesByPeriod = new HashMap<>();
                for (Grant grant : grants) {
                    if (grant.benefitId().equals(benefit.id())) {
                        usesByPeriod.merge(benefit.budget().period().keyOf(grant.at(), settings.zone(), null), 1L,
                                Long::sum);
                    }
                }
                long periods = 0;
                for (long uses : usesByPeriod.values()) {
                    Money spent = benefit.cost().times(BigDecimal.valueOf(uses), RoundingMode.UNNECESSARY);
                    periods += spent.compareTo(benefit.budget().amount()) > 0 ? 1 : 0;
                }
                over.put(benefit.id(), periods);
            }
            return over;
        }
    }
}
