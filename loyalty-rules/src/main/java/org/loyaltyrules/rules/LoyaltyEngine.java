package org.loyaltyrules.rules;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.rules.internal.Firing;
import org.loyaltyrules.rules.internal.PackCrossCheck;
import org.loyaltyrules.rules.internal.RuleFailure;
import org.loyaltyrules.rules.internal.RulePack;
import org.loyaltyrules.rules.internal.RuleSource;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.program.ProgramSettings;

/**
 * The facade an embedding system uses: build it from a {@link Program}, give it a member's state and an event,
 * persist the {@link Decision}'s new state and postings.
 *
 * <pre>{@code
 * LoyaltyEngine engine = LoyaltyEngine.create(Program.load(Path.of("loyalty-examples/programs/retail-basic")));
 * Decision decision = engine.apply(memberState, purchase);   // memberState null for a member never seen
 * if (decision.isApplied()) {
 *     saveState(decision.state());                            // your store; MemberStateJson gives a format
 *     appendToLedger(decision.postings());
 * }
 * }</pre>
 *
 * <p>Thread-safe: one engine serves many threads. {@link #reload} compiles a new program first and swaps it in
 * atomically; a program that does not compile is rejected and the old one keeps running. Each decision is made by
 * exactly one program version, which it names. Evaluation is pure: the same state, event and program give an equal
 * decision; nothing reads the clock.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LoyaltyEngine {

    /** Rule firings allowed per ruleflow group and event before the pack is taken to loop. */
    public static final int DEFAULT_FIRE_LIMIT = 10_000;

    private record Loaded(Program program, Evaluation evaluation, List<Problem> warnings, ProgramNames names) {
    }

    private final AtomicReference<Loaded> current;
    private final int fireLimit;
    // long-lived daemon workers keep their reusable sessions between replays (a new pool per call rebuilt them)
    private final Map<Integer, java.util.concurrent.ForkJoinPool> replayPools =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static java.util.concurrent.ForkJoinPool newReplayPool(int threads) {
        // numbered here: a worker's pool index is not assigned until it runs, so it was 0 for every thread
        java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
        return new java.util.concurrent.ForkJoinPool(threads, pool -> {
            java.util.concurrent.ForkJoinWorkerThread worker =
                    java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            worker.setDaemon(true);
            worker.setName("loyalty-replay-" + number.getAndIncrement());
            return worker;
        }, null, false);
    }

    private LoyaltyEngine(Loaded loaded, int fireLimit) {
        this.current = new AtomicReference<>(loaded);
        this.fireLimit = fireLimit;
    }

    /** Compiles the program's rules; throws {@link ProgramException} with file:line problems when they do not. */
    public static LoyaltyEngine create(Program program) {
        return create(program, DEFAULT_FIRE_LIMIT);
    }

    public static LoyaltyEngine create(Program program, int fireLimit) {
        if (fireLimit <= 0) {
            throw new IllegalArgumentException("fireLimit must be > 0, was " + fireLimit);
        }
        return new LoyaltyEngine(compile(program, fireLimit), fireLimit);
    }

    /** Loads and compiles the program in {@code folder} ({@code program.json} + {@code rules/**}). */
    public static LoyaltyEngine load(Path folder) {
        return create(Program.load(folder));
    }

    private static Loaded compile(Program program, int fireLimit) {
        requireNonNull(program, "program");
        List<Problem> unknown = unknownValues(program);
        RulePack pack = RulePack.compileCached(program.ruleSources());
        if (!unknown.isEmpty()) {
            throw new ProgramException("rule pack compares values the program does not have (" + unknown.size()
                    + " problem(s))", unknown);
        }
        List<Problem> warnings = new ArrayList<>(pack.warnings());
        warnings.addAll(SettingsWarnings.of(program));
        return new Loaded(program, new Evaluation(program.settings(), pack, fireLimit), List.copyOf(warnings),
                names(program, pack));
    }

    private static ProgramNames names(Program program, RulePack pack) {
        ProgramSettings settings = program.settings();
        List<String> benefits = new ArrayList<>(settings.benefits().benefits().stream()
                .map(org.loyaltyrules.core.benefit.Benefit::id).toList());
        PackCrossCheck.concludedLiterals(program.ruleSources(), PackCrossCheck.BENEFIT_FIELD, Set.of("BenefitGrant"))
                .literals().stream().filter(id -> !benefits.contains(id)).forEach(benefits::add);
        PackCrossCheck.Concluded flags = PackCrossCheck.concludedLiterals(program.ruleSources(), "code",
                Set.of("RiskFlag"));
        Set<String> postingRules = new TreeSet<>(pack.ruleNames());
        postingRules.addAll(Evaluation.ENGINE_POSTING_RULES);
        return new ProgramNames(settings.ladder().tiers().stream().map(org.loyaltyrules.core.tier.Tier::id).toList(),
                settings.caps().stream().map(org.loyaltyrules.core.risk.Cap::id).toList(), benefits,
                flags.onlyLiterals() ? Optional.of(List.copyOf(flags.literals())) : Optional.empty(),
                List.copyOf(postingRules), Evaluation.REFUSAL_CODES);
    }

    /** Checks a program folder without running it: program.json and every rule file; never throws for bad input. */
    public static ValidationReport validate(Path folder) {
        Program program;
        try {
            program = Program.load(folder);
        } catch (ProgramException e) {
            return new ValidationReport(folder.toString(), e.problems(), List.of(), 0);
        }
        List<Problem> unknown = unknownValues(program);
        try {
            RulePack pack = RulePack.compile(program.ruleSources());
            List<Problem> warnings = new ArrayList<>(pack.warnings());
            warnings.addAll(SettingsWarnings.of(program));
            warnings.addAll(Program.unreadRuleFiles(folder));
            return new ValidationReport(folder.toString(), unknown, warnings, pack.ruleNames().size());
        } catch (ProgramException e) {
            List<Problem> errors = new ArrayList<>(e.problems());
            errors.addAll(unknown);
            return new ValidationReport(folder.toString(), errors, List.of(), 0);
        }
    }

    /**
     * Values DRL compares with that the program cannot hold, so the condition never (or, negated, always) matches:
     * tier ids the ladder does not define, member statuses and tier sources (upper case), cap and benefit ids
     * program.json lacks.
     */
    private static List<Problem> unknownValues(Program program) {
        List<RuleSource> sources = program.ruleSources();
        ProgramSettings settings = program.settings();
        List<Problem> problems = new ArrayList<>(PackCrossCheck.unknownTiers(sources, settings.ladder().tiers().stream()
                .map(org.loyaltyrules.core.tier.Tier::id).toList()));
        problems.addAll(PackCrossCheck.unknownValues(sources, PackCrossCheck.STATUS_FIELD, "the member status",
                "a member status", java.util.Arrays.stream(org.loyaltyrules.core.member.MemberStatus.values())
                        .map(Enum::name).toList()));
        problems.addAll(PackCrossCheck.unknownValuesIn("CurrentTier", sources, PackCrossCheck.TIER_SOURCE_FIELD,
                "the tier's source", "a tier source", java.util.Arrays.stream(
                        org.loyaltyrules.core.tier.TierSource.values()).map(Enum::name).toList()));
        List<String> capIds = settings.caps().stream().map(org.loyaltyrules.core.risk.Cap::id).toList();
        problems.addAll(PackCrossCheck.unknownValues(sources, PackCrossCheck.CAP_FIELD, "a cap",
                "a cap of program.json risk.caps", capIds));
        problems.addAll(PackCrossCheck.unknownConcludedCaps(sources, capIds));
        List<String> benefitIds = settings.benefits().benefits().stream()
                .map(org.loyaltyrules.core.benefit.Benefit::id).toList();
        problems.addAll(PackCrossCheck.unknownValues(sources, PackCrossCheck.BENEFIT_FIELD, "a benefit",
                "a benefit of program.json benefits", benefitIds));
        problems.addAll(PackCrossCheck.unknownConcludedAllowances(sources, benefitIds));
        return problems;
    }

    /**
     * Swaps in a new program atomically; if it does not compile, throws and the current program keeps running.
     * Before the swap, the new program is warmed up on the calling thread (a session per processor and a few hundred
     * synthetic purchases, a few milliseconds), so the evaluations right after the swap do not pay for loading and
     * compiling its rules.
     */
    public void reload(Program program) {
        reload(program, (compiled, swap) -> swap.run());
    }

    /**
     * As {@link #reload(Program)}, with the swap left to {@code swapper}: once the program is compiled and warmed up
     * (which takes seconds for a large pack, while the current program serves), the engine calls
     * {@code swapper.accept(program, swap)} on the calling thread. The swapper makes its last checks against the
     * application's state and then runs {@code swap}, which puts the program in service; it holds a lock of its own
     * around both when its evaluations must not straddle the swap ({@code LoyaltyService.reload} in loyalty-jdbc
     * pauses its transactions for it, so that no state of the old program is stored after its check). A swapper
     * that throws before running {@code swap}, or returns without running it, leaves the current program serving
     * (one that throws after it leaves the new one serving: run {@code swap} last); {@code swap} does nothing once
     * the swapper has returned.
     *
     * @throws ProgramException the program does not compile; the swapper is not called
     */
    public void reload(Program program, BiConsumer<Program, Runnable> swapper) {
        requireNonNull(swapper, "swapper");
        Loaded next = compile(program, fireLimit);
        next.evaluation.warmUp(Runtime.getRuntime().availableProcessors(), WARM_UP_ROUNDS);
        AtomicBoolean open = new AtomicBoolean(true);
        try {
            swapper.accept(program, () -> {
                if (open.get()) {
                    current.set(next);
                }
            });
        } finally {
            open.set(false);
        }
    }

    /** The most threads a replay can use: the parallelism a ForkJoinPool takes at most. */
    public static final int MAX_THREADS = 0x7fff;

    /** Synthetic purchases a reload runs before the swap: enough for the JIT's first tier to compile the new rules. */
    private static final int WARM_UP_ROUNDS = 300;

    public Program program() {
        return current.get().program;
    }

    /** The ids and names the current program's decisions can carry (tiers, caps, benefits, rules, refusal codes). */
    public ProgramNames names() {
        return current.get().names;
    }

    /** Warnings the compiler and the pack checks found in the current program (e.g. a rule without @intent). */
    public List<Problem> warnings() {
        return current.get().warnings;
    }

    /**
     * A new member in the base tier, enrolled at {@code at}. Its events must not be dated before {@code at}: such an
     * event is refused {@code OUT_OF_ORDER}, naming the enrolment.
     */
    public MemberState newMember(String memberId, Instant at) {
        requireNonNull(memberId, "memberId");
        requireNonNull(at, "at");
        return MemberState.enrol(memberId, at, program().settings().ladder().base().id());
    }

    /**
     * Evaluates one event for one member. {@code state} may be {@code null} for a member the embedding system has
     * never seen: the member is enrolled in the base tier at the event's instant. An event dated before the member's
     * enrolment or last event is refused {@code OUT_OF_ORDER}.
     *
     * <p>A state whose tier (or tier floor) is one of this program's tiers is taken as this program's: a state of
     * another program that happens to use the same tier ids is not detected.
     *
     * @throws IllegalArgumentException {@code event} is of another member than {@code state}; or {@code state} holds
     *         a tier (or tier floor) this program's ladder does not have, or money in another currency: a state of
     *         another program, or one stored before a {@link #reload} that removed or renamed the tier or changed the
     *         currency (migrate the stored members first). Nothing is evaluated.
     * @throws RuleEvaluationException a rule threw or looped; {@code state} is unchanged
     */
    public Decision apply(MemberState state, LoyaltyEvent event) {
        requireNonNull(event, "event");
        Loaded loaded = current.get();
        if (state != null) {
            requireStateOfProgram(loaded, state, "event " + event.id());
        }
        try {
            return loaded.evaluation.apply(state, event);
        } catch (RuleFailure e) {
            throw new RuleEvaluationException(e.rule(), event.id(), "event " + event.id() + " of member "
                    + event.memberId() + ": " + e.getMessage() + " (member state unchanged)", e);
        }
    }

    /**
     * Lets time pass for each member up to {@code at}: points activate and expire, and scheduled tier reviews
     * (downgrades after grace, renewals, paid-term lapses) run. Returns one decision per member, in order.
     *
     * <p>A review does not move the member's event clock ({@link MemberState#lastEventAt()}), so that in a stream a
     * member's events may lag the review time and still be accepted. It does move the ledger and the tier to
     * {@code at}: an event dated before {@code at} applied afterwards to the reviewed state would be evaluated on
     * lots and a tier already moved past its time. Review a member only up to the instant its events are complete
     * for (the scheduler's watermark), or apply late events to the state from before the review.
     *
     * @throws IllegalArgumentException a member's state holds a tier (or tier floor) this program's ladder does not
     *         have (as {@link #apply}); every state is checked before any is reviewed
     * @throws RuleEvaluationException a tier rule threw or looped; no state is changed
     */
    public List<Decision> reviewTiers(Collection<MemberState> members, Instant at) {
        requireNonNull(members, "members");
        requireNonNull(at, "at");
        Loaded loaded = current.get();
        for (MemberState member : members) {
            requireNonNull(member, "members must not hold null");
            requireStateOfProgram(loaded, member, "the tier review at " + at);
        }
        List<Decision> decisions = new ArrayList<>(members.size());
        for (MemberState member : members) {
            try {
                decisions.add(loaded.evaluation.review(member, at));
            } catch (RuleFailure e) {
                throw new RuleEvaluationException(e.rule(), "review:" + member.memberId() + ":" + at, "tier review of "
                        + "member " + member.memberId() + " at " + at + ": " + e.getMessage()
                        + " (member state unchanged)", e);
            }
        }
        return List.copyOf(decisions);
    }

    /**
     * Replays events for new members, in event-time order per member (input order on ties). Event ids are global: a
     * copy of an id that belongs to another member is refused {@code DUPLICATE_EVENT_ID} ({@link EventIdOwners}).
     */
    public ReplayResult replay(List<? extends LoyaltyEvent> events) {
        return replay(Map.of(), events, null, decision -> { });
    }

    /**
     * Replays events on top of known member states, in event-time order per member (input order on ties), then,
     * when {@code reviewUntil} is given, lets time pass for every member up to it. Each decision is passed to
     * {@code listener} as it is made (for progress or streaming output). Refused events and events whose rules fail
     * are collected as rejections; the member's state stays as it was before them.
     *
     * <p>The sort is stable and never reorders events of the same instant: any arrival order that keeps them in their
     * order replays to the same states, but a refund sent before its purchase at the same instant is refused
     * {@code UNKNOWN_PURCHASE}.
     *
     * @throws IllegalArgumentException an initial state is filed under another member's id, or holds a tier (or tier
     *         floor) this program's ladder does not have (as {@link #apply}, naming the member's first event); every
     *         initial state is checked before anything is replayed
     *
     * <p>An event id belongs to one member ({@link EventIdOwners}): the member of its copy earliest in event time,
     * ties by input order. Every other member's copy is not evaluated but refused {@code DUPLICATE_EVENT_ID}, naming
     * the owner; these refusals come first among the member's rejections, in its event-time order. The listener sees
     * no decision for them.
     */
    public ReplayResult replay(Map<String, MemberState> initial, List<? extends LoyaltyEvent> events, Instant reviewUntil,
                               Consumer<Decision> listener) {
        return replay(initial, events, reviewUntil, listener, 1);
    }

    /**
     * As {@link #replay(Map, List, Instant, Consumer)}, with members spread over {@code threads} threads. A member's
     * events are always evaluated in order on one thread, so the result is the same for any number of threads (members
     * and postings come out in the same order); only {@code listener} is then called from several threads at once and
     * must be thread-safe.
     */
    public ReplayResult replay(Map<String, MemberState> initial, List<? extends LoyaltyEvent> events, Instant reviewUntil,
                               Consumer<Decision> listener, int threads) {
        requireNonNull(initial, "initial");
        requireNonNull(events, "events");
        requireNonNull(listener, "listener");
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", was " + threads);
        }
        initial.forEach((id, state) -> {
            if (state == null || !state.memberId().equals(id)) {
                // a state filed under another id would fork the member's history in two, silently
                throw new IllegalArgumentException("initial state filed under member " + id + " must be that "
                        + "member's, was " + (state == null ? "null" : "member " + state.memberId() + "'s"));
            }
        });
        Map<String, List<LoyaltyEvent>> byMember = new LinkedHashMap<>();
        Map<String, LoyaltyEvent> first = new java.util.HashMap<>();
        for (LoyaltyEvent event : events) {
            requireNonNull(event, "events must not hold null");
            byMember.computeIfAbsent(event.memberId(), k -> new ArrayList<>());
            first.merge(event.memberId(), event, (a, b) -> b.at().isBefore(a.at()) ? b : a);
        }
        Loaded loaded = current.get();
        // before anything is replayed: one state the program cannot hold would otherwise throw midway, losing the rest
        initial.forEach((id, state) -> requireStateOfProgram(loaded, state, first.containsKey(id)
                ? "event " + first.get(id).id() : reviewUntil != null ? "the tier review at " + reviewUntil
                : "the replay"));
        // decided on all the events before they are split by member, so the same for any number of threads
        EventIdOwners owners = EventIdOwners.of(events);
        for (LoyaltyEvent event : owners.owned()) {
            byMember.get(event.memberId()).add(event);
        }
        Map<String, List<ReplayResult.Rejection>> refused = new LinkedHashMap<>();
        owners.refusals().forEach(r -> refused.computeIfAbsent(r.memberId(), k -> new ArrayList<>()).add(r));
        for (String member : initial.keySet()) {
            byMember.putIfAbsent(member, new ArrayList<>());
        }
        List<String> order = new ArrayList<>(byMember.keySet());
        MemberReplay[] results = new MemberReplay[order.size()];
        if (threads == 1) {
            for (int i = 0; i < results.length; i++) {
                results[i] = replayMember(loaded, initial.get(order.get(i)), byMember.get(order.get(i)), reviewUntil, listener);
            }
        } else {
            java.util.concurrent.ForkJoinPool pool = replayPools.computeIfAbsent(threads, LoyaltyEngine::newReplayPool);
            try {
                pool.submit(() -> java.util.stream.IntStream.range(0, results.length).parallel().forEach(i ->
                        results[i] = replayMember(loaded, initial.get(order.get(i)), byMember.get(order.get(i)),
                                reviewUntil, listener))).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = thrown(e.getCause());
                throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
            }
        }
        Map<String, MemberState> members = new LinkedHashMap<>(initial);
        List<Posting> postings = new ArrayList<>();
        List<TierMove> moves = new ArrayList<>();
        List<ReplayResult.Rejection> rejections = new ArrayList<>();
        long applied = 0;
        long duplicates = 0;
        for (int i = 0; i < results.length; i++) {
            MemberReplay r = results[i];
            if (r.state != null) {
                members.put(order.get(i), r.state);
            }
            postings.addAll(r.postings);
            moves.addAll(r.moves);
            rejections.addAll(refused.getOrDefault(order.get(i), List.of()));
            rejections.addAll(r.rejections);
            applied += r.applied;
            duplicates += r.duplicates;
        }
        return new ReplayResult(members, postings, moves, rejections, applied, duplicates);
    }

    /**
     * The exception a member's replay threw: a fork-join task rethrows one from another thread as a copy of its type
     * wrapping it ("java.lang.IllegalArgumentException: java.lang.IllegalArgumentException: at must ..."), once per
     * task it passes through, so the copies are unwrapped and the message reads as a single-threaded replay's.
     */
    private static Throwable thrown(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause().getClass() == t.getClass()
                && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Refuses a state holding a tier (or floor) the program's ladder does not have, or money in another currency than
     * the program's, before anything is evaluated: the evaluation would otherwise throw midway without naming the
     * member (a refund of a purchase in the old currency), or apply an event that reads no tier.
     */
    private static void requireStateOfProgram(Loaded loaded, MemberState state, String what) {
        org.loyaltyrules.core.tier.TierLadder ladder = loaded.program.settings().ladder();
        String tierId = state.tier().tierId();
        String floor = state.tier().floorTierId();
        String beneath = state.tier().beneath().map(b -> b.tierId()).orElse(null);
        String unknown = ladder.tier(tierId).isEmpty() ? "tier '" + tierId + "'"
                : floor != null && ladder.tier(floor).isEmpty() ? "tier floor '" + floor + "'"
                : beneath != null && ladder.tier(beneath).isEmpty() ? "tier '" + beneath + "' as the earned status"
                + " beneath its paid " + tierId : null;
        if (unknown != null) {
            throw new IllegalArgumentException(what + ": the state of member " + state.memberId() + " holds "
                    + unknown + ", which program " + loaded.program.settings().id() + " does not have; its tiers are "
                    + loaded.names.tiers() + ". A state of another program, or stored before a reload that removed or"
                    + " renamed the tier? Migrate the stored members to a tier of this program");
        }
        // a member's money is in one currency (events in another are refused), so its first purchase or fee tells it
        java.util.Currency currency = loaded.program.settings().currency();
        String money = null;
        if (!state.purchases().isEmpty() && !state.purchases().get(0).amount().currency().equals(currency)) {
            money = "purchase " + state.purchases().get(0).eventId() + " of " + state.purchases().get(0).amount();
        } else if (!state.fees().isEmpty() && !state.fees().get(0).amount().currency().equals(currency)) {
            money = "fee " + state.fees().get(0).eventId() + " of " + state.fees().get(0).amount();
        }
        if (money != null) {
            throw new IllegalArgumentException(what + ": the state of member " + state.memberId() + " holds "
                    + money + ", but program " + loaded.program.settings().id() + " counts in "
                    + currency.getCurrencyCode() + ". A state of another program, or stored before a reload that"
                    + " changed the currency? Migrate the stored members' money first");
        }
        String complaints = Evaluation.invalidComplaints(loaded.program.settings(), state.attributes());
        if (complaints != null) {
            throw new IllegalArgumentException(what + ": the state of member " + state.memberId() + " holds"
                    + " attribute complaints '" + state.attributes().get("complaints") + "', but program "
                    + loaded.program.settings().id() + "'s " + complaints + ". Correct the stored attribute (the"
                    + " number of the member's complaints)");
        }
    }

    private static final class MemberReplay {
        MemberState state;
        final List<Posting> postings = new ArrayList<>();
        final List<TierMove> moves = new ArrayList<>();
        final List<ReplayResult.Rejection> rejections = new ArrayList<>();
        long applied;
        long duplicates;
    }

    private static MemberReplay replayMember(Loaded loaded, MemberState initial, List<LoyaltyEvent> memberEvents,
                                             Instant reviewUntil, Consumer<Decision> listener) {
        MemberReplay r = new MemberReplay();
        r.state = initial;
        memberEvents.sort(Comparator.comparing(LoyaltyEvent::at)); // stable: input order on ties
        for (LoyaltyEvent event : memberEvents) {
            Decision decision;
            try {
                decision = loaded.evaluation.apply(r.state, event);
            } catch (RuleFailure e) {
                r.rejections.add(new ReplayResult.Rejection(event.id(), event.memberId(), "RULE_FAILED", e.getMessage()));
                continue;
            }
            listener.accept(decision);
            switch (decision.outcome()) {
                case APPLIED:
                    r.applied++;
                    r.state = decision.state();
                    r.postings.addAll(decision.postings());
                    r.moves.addAll(decision.tierMoves());
                    break;
                case DUPLICATE:
                    r.duplicates++;
                    break;
                default:
                    r.rejections.add(new ReplayResult.Rejection(event.id(), event.memberId(),
                            decision.refusal().code(), decision.refusal().detail()));
            }
        }
        if (reviewUntil != null && r.state != null) {
            Decision review;
            try {
                review = loaded.evaluation.review(r.state, reviewUntil);
            } catch (RuleFailure e) {
                r.rejections.add(new ReplayResult.Rejection("review:" + r.state.memberId() + ":" + reviewUntil,
                        r.state.memberId(), "RULE_FAILED", e.getMessage()));
                return r;
            }
            listener.accept(review);
            r.state = review.state();
            r.postings.addAll(review.postings());
            r.moves.addAll(review.tierMoves());
        }
        return r;
    }

    /** Drools sessions currently open in this JVM; 0 when no evaluation is running (sessions never leak). */
    public static int liveSessions() {
        return Firing.liveSessions();
    }
}
