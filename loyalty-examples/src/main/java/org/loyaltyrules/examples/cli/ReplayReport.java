package org.loyaltyrules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.loyaltyrules.core.benefit.Benefit;
import org.loyaltyrules.core.benefit.BenefitBudget;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.insight.InsightContext;
import org.loyaltyrules.core.insight.LifetimeModels;
import org.loyaltyrules.core.insight.RfmThresholds;
import org.loyaltyrules.core.insight.ValuePyramid;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PointsTotal;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.tier.TierLadder;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.EventIdOwners;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.TierMove;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.loyaltyrules.rules.program.RewardUnit;

/**
 * The figures of one replay and the files {@code run} writes: members.csv, ledger.csv, tier_changes.csv,
 * rejections.csv, unsent.csv (when a reader did not send some records) and summary.json. Everything here is derived
 * from the input and the program, so the same run writes the same bytes (the elapsed time goes to stdout only).
 */
final class ReplayReport {

    static final String[] MEMBER_COLUMNS = {"member", "tier", "points_available", "points_pending", "points_earned",
        "points_redeemed", "points_expired", "growth", "status"};
    static final String[] LEDGER_COLUMNS = {"event", "member", "at", "type", "points", "rule", "explanation"};
    static final String[] TIER_COLUMNS = {"member", "at", "from", "to", "reason"};
    static final String[] REJECTION_COLUMNS = {"event", "member", "code", "detail"};

    /** The CSV every command writes: RFC 4180 quoting, one line per record ending in LF. */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Counts per event type: read, applied, rejected, duplicates and, in a report, those after the as-of date. In the
     * replay's {@link Tally} {@code read} counts the events replayed; in the report every event read, so that
     * {@code read = applied + rejected + duplicates + afterAsOf}.
     */
    static final class TypeCounts {
        long read;
        long applied;
        long rejected;
        long duplicates;
        long afterAsOf;
    }

    private final ProgramSettings settings;
    private final LoadedEvents input;
    private final List<LoyaltyEvent> replayed;
    private final Instant reviewUntil;
    private final ReplayResult result;
    private final Map<String, TypeCounts> byType;
    private final List<Grant> grants;
    private final List<LoyaltyEvent> applied;
    private final Map<String, CapTrims> capTrims;
    /** {@code run --store}'s landing (its members' opening states, what it saved); null without a store. */
    private final StoreLanding landing;
    /** The stored states the members touched started from, by id (none without a store, or for new members). */
    private final Map<String, MemberState> opening;

    ReplayReport(ProgramSettings settings, LoadedEvents input, List<LoyaltyEvent> replayed, Instant reviewUntil,
                 ReplayResult result, Tally tally) {
        this(settings, input, replayed, reviewUntil, result, tally, null);
    }

    /**
     * As above, for a replay that started from the stored states of {@code landing} (null: from new members only).
     * Then the figures cover the members the run touched: the flows are this run's postings, the balances theirs
     * after it, and {@link #openingAvailable()}/{@link #openingPending()} theirs before it.
     */
    ReplayReport(ProgramSettings settings, LoadedEvents input, List<LoyaltyEvent> replayed, Instant reviewUntil,
                 ReplayResult result, Tally tally, StoreLanding landing) {
        this.landing = landing;
        this.opening = landing == null ? Map.of() : landing.opening();
        this.settings = settings;
        this.input = input;
        this.replayed = replayed;
        this.reviewUntil = reviewUntil;
        this.result = result;
        tally.match(result);
        this.byType = withAfterAsOf(tally.byType, input.events());
        this.grants = List.copyOf(tally.grants);
        this.applied = List.copyOf(tally.applied);
        this.capTrims = tally.capTrims;
    }

    /**
     * The replay's counts per type with every event {@code read} counted: the events after the as-of date, which were
     * not replayed, as {@code afterAsOf} (a type may have only those).
     */
    private static Map<String, TypeCounts> withAfterAsOf(Map<String, TypeCounts> replayed, List<LoyaltyEvent> read) {
        Map<String, TypeCounts> all = new TreeMap<>();
        for (LoyaltyEvent e : read) {
            all.computeIfAbsent(e.type(), t -> new TypeCounts()).read++;
        }
        all.forEach((type, c) -> {
            TypeCounts r = replayed.getOrDefault(type, new TypeCounts());
            c.applied = r.applied;
            c.rejected = r.rejected;
            c.duplicates = r.duplicates;
            c.afterAsOf = c.read - r.read;
        });
        return all;
    }

    /** A benefit use granted by an applied claim, at the claim's instant. */
    record Grant(String benefitId, Instant at) {
    }

    /** What one cap withheld from the applied events: how many it trimmed, of which members, and how much. */
    static final class CapTrims {
        long events;
        final java.util.Set<String> members = new java.util.HashSet<>();
        final PointsTotal withheld = new PointsTotal();
    }

    /**
     * Counts decisions per event type (review decisions are not events). A decision names only its member and event id,
     * and a member may send one id several times, so each decision is matched to the event that produced it by
     * position, once the replay is done: the engine decides a member's events in event-time order (input order on
     * ties), each event giving one decision or, when its rules throw, a RULE_FAILED rejection and no decision. The
     * member's rejections, in processing order, tell which events failed: when the next one not yet matched is a
     * RULE_FAILED of the event's id, that event failed, otherwise it has the next decision. (The failure cannot be a
     * later copy's: had this event been refused, its own rejection would come first; had it been applied or a
     * duplicate, the id is processed and a later copy is answered as a duplicate, never evaluated.) A copy of an id
     * that belongs to another member ({@link EventIdOwners}) is not replayed: it counts as rejected, and its refusal
     * is not matched.
     */
    static final class Tally implements java.util.function.Consumer<Decision> {
        /** What the report keeps of a decision: its benefits granted and the caps that withheld part of it. */
        private record Decided(String eventId, Decision.Outcome outcome, List<String> granted, List<CapApplied> trims) {
        }

        private final Map<String, List<LoyaltyEvent>> byMember = new LinkedHashMap<>();
        private final Map<String, List<Decided>> decided = new HashMap<>();
        final Map<String, TypeCounts> byType = new TreeMap<>();
        final List<Grant> grants = new java.util.ArrayList<>();
        final List<LoyaltyEvent> applied = new java.util.ArrayList<>();
        final Map<String, CapTrims> capTrims = new TreeMap<>();
        private final Runnable onDecision;
        private final java.util.Set<ReplayResult.Rejection> refusals;
        private boolean matched;

        Tally(List<LoyaltyEvent> events, Runnable onDecision) {
            this(EventIdOwners.of(events), onDecision);
        }

        Tally(EventIdOwners owners, Runnable onDecision) {
            this.onDecision = onDecision;
            this.refusals = new java.util.HashSet<>(owners.refusals());
            for (LoyaltyEvent e : owners.all()) {
                TypeCounts c = byType.computeIfAbsent(e.type(), t -> new TypeCounts());
                c.read++;
                if (owners.isForeign(e)) {
                    c.rejected++;
                } else {
                    byMember.computeIfAbsent(e.memberId(), m -> new java.util.ArrayList<>()).add(e);
                }
            }
            byMember.values().forEach(list -> list.sort(java.util.Comparator.comparing(LoyaltyEvent::at))); // stable
        }

        /** Called as the replay decides; a member's decisions come in its processing order (one thread a member). */
        @Override
        public void accept(Decision decision) {
            onDecision.run();
            List<String> granted = decision.benefits().stream().filter(g -> "GRANTED".equals(g.outcome()))
                    .map(BenefitGrant::benefitId).toList();
            List<CapApplied> trims = decision.capTrims();
            decided.computeIfAbsent(decision.memberId(), m -> new java.util.ArrayList<>())
                    .add(new Decided(decision.eventId(), decision.outcome(), granted, trims));
        }

        /** Matches the decisions and the rejections of {@code result} to the events and counts them (once). */
        void match(ReplayResult result) {
            if (matched) {
                return;
            }
            matched = true;
            Map<String, java.util.ArrayDeque<ReplayResult.Rejection>> rejections = new HashMap<>();
            for (ReplayResult.Rejection r : result.rejections()) {
                if (!refusals.contains(r)) {
                    rejections.computeIfAbsent(r.memberId(), m -> new java.util.ArrayDeque<>()).add(r);
                }
            }
            byMember.forEach((member, events) -> {
                java.util.Iterator<Decided> decisions = decided.getOrDefault(member, List.of()).iterator();
                java.util.ArrayDeque<ReplayResult.Rejection> rejected =
                        rejections.getOrDefault(member, new java.util.ArrayDeque<>());
                for (LoyaltyEvent event : events) {
                    TypeCounts c = byType.get(event.type());
                    ReplayResult.Rejection next = rejected.peek();
                    if (next != null && "RULE_FAILED".equals(next.code()) && next.eventId().equals(event.id())) {
                        rejected.poll();
                        c.rejected++;
                        continue;
                    }
                    Decided d = decisions.hasNext() ? decisions.next() : null;
                    if (d == null || !d.eventId().equals(event.id())) {
                        throw new IllegalStateException("event " + event.id() + " of member " + member + " at "
                                + event.at() + " has neither a decision nor a rule failure; the next decision is "
                                + (d == null ? "none" : "of event " + d.eventId()));
                    }
                    count(event, d, c);
                    if (d.outcome() == Decision.Outcome.REFUSED) {
                        rejected.poll(); // the refusal's own rejection
                    }
                }
            });
        }

        private void count(LoyaltyEvent event, Decided d, TypeCounts c) {
            switch (d.outcome()) {
                case APPLIED:
                    c.applied++;
                    applied.add(event);
                    d.granted().forEach(benefit -> grants.add(new Grant(benefit, event.at())));
                    for (CapApplied trim : d.trims()) {
                        CapTrims t = capTrims.computeIfAbsent(trim.capId(), id -> new CapTrims());
                        t.events++;
                        t.members.add(event.memberId());
                        t.withheld.add(trim.withheld());
                    }
                    break;
                case DUPLICATE:
                    c.duplicates++;
                    break;
                default:
                    c.rejected++;
            }
        }
    }

    // ---------------------------------------------------------------- figures

    /** The points of every posting of {@code type}, over all members (exact: see {@link PointsTotal}). */
    BigInteger sumOf(PostingType type) {
        return result.points(type);
    }

    BigInteger pointsIssued() {
        return result.pointsIssued();
    }

    BigInteger pointsRedeemed() {
        return sumOf(PostingType.REDEEM).add(sumOf(PostingType.REDEEM_REVERSAL)).negate();
    }

    BigInteger pointsExpired() {
        return sumOf(PostingType.EXPIRE).negate();
    }

    BigInteger pointsClawedBack() {
        return sumOf(PostingType.CLAWBACK).negate();
    }

    BigInteger pointsAdjusted() {
        return sumOf(PostingType.ADJUST);
    }

    /**
     * The clawed-back points this run could not recover: the members' lifetime unrecovered points after the run less
     * those stored before it (nothing without a store), so that the identity closes on this run's postings.
     */
    BigInteger pointsUnrecovered() {
        return unrecovered(result.members().values()).subtract(unrecovered(opening.values()));
    }

    private static BigInteger unrecovered(java.util.Collection<MemberState> members) {
        return PointsTotal.of(members, m -> m.ledger().totals().unrecovered());
    }

    BigInteger pointsAvailable() {
        return PointsTotal.of(result.members().values(), MemberState::pointsAvailable);
    }

    BigInteger pointsPending() {
        return PointsTotal.of(result.members().values(), MemberState::pointsPending);
    }

    /** Whether the replay started from a store's members (run --store): the figures cover the members it touched. */
    boolean landed() {
        return landing != null;
    }

    /** The members touched that the store held before the run (the others are new). */
    int membersStoredBefore() {
        return opening.size();
    }

    /** The available points of the members touched, as stored before the run (0 without a store). */
    BigInteger openingAvailable() {
        return PointsTotal.of(opening.values(), MemberState::pointsAvailable);
    }

    /** The pending points of the members touched, as stored before the run (0 without a store). */
    BigInteger openingPending() {
        return PointsTotal.of(opening.values(), MemberState::pointsPending);
    }

    BigInteger liabilityPoints() {
        return result.liabilityPoints();
    }

    /** Tiers in ladder order, each with its member count (0 included). */
    Map<String, Long> tierMix() {
        return result.tierMix(settings.ladder());
    }

    /** Points credited (EARN) per rule, most expensive first. */
    Map<String, BigInteger> costByRule() {
        return result.costByRule();
    }

    /**
     * Per cap, what it withheld from the applied events: every cap of the program in program order (untouched ones
     * with zeros), then any other cap id a rule concluded.
     */
    Map<String, CapTrims> capTrims() {
        Map<String, CapTrims> all = new LinkedHashMap<>();
        settings.caps().forEach(cap -> all.put(cap.id(), capTrims.getOrDefault(cap.id(), new CapTrims())));
        capTrims.forEach(all::putIfAbsent);
        return all;
    }

    /** Points, or for a MONEY reward its minor units as money: "1,250 points", "12.50 USD". */
    String rewardText(BigInteger points) {
        if (settings.rewardUnit() == RewardUnit.MONEY) {
            return money(points).toPlainString() + " " + settings.currency().getCurrencyCode();
        }
        return String.format(java.util.Locale.ROOT, "%,d points", points);
    }

    /** A figure of a list after {@link #rewardText}: "1,250", or for a MONEY reward "12.50 USD". */
    String rewardFigure(BigInteger points) {
        return settings.rewardUnit() == RewardUnit.MONEY ? rewardText(points)
                : String.format(java.util.Locale.ROOT, "%,d", points);
    }

    /** What the program rewards, as the console's label: "points", or "cashback" for a MONEY reward. */
    String rewardLabel() {
        return settings.rewardUnit() == RewardUnit.MONEY ? "cashback" : "points";
    }

    /** Minor units of the program's currency as an amount; the total may be more than Money.ofMinor's long holds. */
    private BigDecimal money(BigInteger minorUnits) {
        return new BigDecimal(minorUnits, settings.currency().getDefaultFractionDigits());
    }

    /**
     * What became of the input, as summary.json and insight.json give it: {@code counts} (bad lines, events read,
     * after the as-of date, applied, rejected, duplicates, members) and {@code rejectionsByCode}.
     */
    void putCounts(ObjectNode root) {
        ObjectNode counts = root.putObject("counts");
        counts.put("badLines", input.problems().size());
        counts.put("eventsRead", input.events().size());
        counts.put("eventsAfterAsOf", input.events().size() - replayed.size());
        counts.put("eventsApplied", result.eventsApplied());
        counts.put("eventsRejected", eventsRejected());
        counts.put("duplicates", result.duplicates());
        counts.put("members", result.members().size());
    }

    void putRejectionsByCode(ObjectNode root) {
        ObjectNode rejections = root.putObject("rejectionsByCode");
        rejectionsByCode().forEach(rejections::put);
    }

    Map<String, Long> rejectionsByCode() {
        return result.rejectionsByCode();
    }

    long eventsRejected() {
        return result.rejections().size();
    }

    ReplayResult result() {
        return result;
    }

    LoadedEvents input() {
        return input;
    }

    ProgramSettings settings() {
        return settings;
    }

    /** The review instant (the end of --as-of, or the last event's instant); null without events. */
    Instant reviewUntil() {
        return reviewUntil;
    }

    /** The events replayed (those up to the review instant). */
    List<LoyaltyEvent> replayed() {
        return replayed;
    }

    /** The money a fee refund the engine applied gave back: the refunded fee's {@code refunded}, in the final state. */
    private java.util.Optional<org.loyaltyrules.core.money.Money> refunded(FeeRefund refund) {
        MemberState member = result.members().get(refund.memberId());
        return member == null ? java.util.Optional.empty() : member.fees().stream()
                .filter(f -> f.eventId().equals(refund.original()) && f.refunded() != null)
                .map(org.loyaltyrules.core.member.FeeRecord::refunded).findFirst();
    }

    /** The events the engine applied: one copy of each (member, id), no duplicate, refused or failed event. */
    List<LoyaltyEvent> applied() {
        return applied;
    }

    Map<String, TypeCounts> byType() {
        return byType;
    }

    /**
     * What member insight is computed against in the commands that report on the replay's population: the program's
     * calendar, ladder and program.json {@code insight} lifecycle, churn and layering settings, with the population's
     * RFM {@code thresholds} and fitted {@code models} (null: none) in place of any the program gives.
     */
    InsightContext insightContext(RfmThresholds thresholds, LifetimeModels models) {
        return new InsightContext(settings.calendar(), settings.ladder(), thresholds, models,
                settings.insight().layering(), settings.insight().lifecycle(), settings.insight().churn());
    }

    /** Every member's spend in the year up to {@code asOf} (docs/insight.md section 4), by member id. */
    Map<String, BigDecimal> annualSpend(Instant asOf) {
        Map<String, BigDecimal> spend = new TreeMap<>();
        for (MemberState m : result.members().values()) {
            spend.put(m.memberId(), ValuePyramid.annualSpend(m, asOf, settings.calendar()));
        }
        return spend;
    }

    /** The ladder metric's total in the member's current qualification window at the review instant. */
    BigDecimal growth(MemberState member) {
        if (reviewUntil == null) {
            return BigDecimal.ZERO;
        }
        TierLadder ladder = settings.ladder();
        ProgramCalendar calendar = settings.calendar();
        Instant from = ladder.window().start(reviewUntil, member.membershipStart(), calendar);
        return member.growth().total(ladder.metric(), from, reviewUntil);
    }

    // ---------------------------------------------------------------- files

    /** The file of the records a reader did not send; written only when there are some. */
    static final String UNSENT = "unsent.csv";

    /**
     * Writes run's files to {@code out}. A folder reused from an earlier run must describe this run only: an
     * {@code unsent.csv} there that this run does not write (no record to list) is removed, so it cannot
     * pass for this run's. Other files in the folder are left alone. Returns whether such a stale file was removed.
     */
    boolean write(Path out) throws IOException {
        Files.createDirectories(out);
        writeMembers(out.resolve("members.csv"));
        writeLedger(out.resolve("ledger.csv"));
        writeTierChanges(out.resolve("tier_changes.csv"));
        writeRejections(out.resolve("rejections.csv"));
        boolean removedStale = false;
        if (!input.unsent().isEmpty()) {
            writeUnsent(out.resolve(UNSENT));
        } else {
            removedStale = Files.deleteIfExists(out.resolve(UNSENT));
        }
        Files.writeString(out.resolve("summary.json"), JSON.writeValueAsString(summary()) + "\n", StandardCharsets.UTF_8);
        return removedStale;
    }

    private void writeMembers(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV.builder().setHeader(MEMBER_COLUMNS).build())) {
            for (MemberState m : result.members().values()) {
                var totals = m.ledger().totals();
                csv.printRecord(m.memberId(), m.tier().tierId(), m.pointsAvailable(), m.pointsPending(),
                        totals.earned(), totals.redeemed(), totals.expired(), plain(growth(m)), m.status());
            }
        }
    }

    private void writeLedger(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV.builder().setHeader(LEDGER_COLUMNS).build())) {
            for (Posting p : result.postings()) {
                csv.printRecord(p.eventId(), p.memberId(), p.at(), p.type(), p.points(), p.rule(), p.explanation());
            }
        }
    }

    private void writeTierChanges(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV.builder().setHeader(TIER_COLUMNS).build())) {
            for (TierMove m : result.tierMoves()) {
                csv.printRecord(m.memberId(), m.at(), m.from(), m.to(), m.kind() + ": " + m.reason());
            }
        }
    }

    /** The refused events (and those whose rules failed), each with its code and why: the counts say how many. */
    void writeRejections(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV.builder().setHeader(REJECTION_COLUMNS).build())) {
            for (ReplayResult.Rejection r : result.rejections()) {
                csv.printRecord(r.eventId(), r.memberId(), r.code(), r.detail());
            }
        }
    }

    /** The input records the reader did not send as events (or sent in part), with the reason: {@code unsent.csv}. */
    private void writeUnsent(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSV.builder().setHeader("record", "member", "reason").build())) {
            for (LoadedEvents.Unsent u : input.unsent()) {
                csv.printRecord(u.record(), u.member(), u.reason());
            }
        }
    }

    ObjectNode summary() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode program = root.putObject("program");
        program.put("id", settings.id());
        program.put("version", settings.version());
        program.put("currency", settings.currency().getCurrencyCode());
        program.put("reward", settings.rewardUnit().name());
        ObjectNode in = root.putObject("input");
        in.put("file", input.source());
        in.put("format", input.format().cliName());
        in.put("records", input.records());
        input.counts().forEach(in::put);
        root.put("asOf", reviewUntil == null ? null : reviewUntil.toString());
        if (landed()) {
            // the members file, totals, liability and tier mix are those of the members this run touched, not the
            // store's (docs/decisions.md, "run --store")
            root.put("scope", "membersTouched");
        }

        putCounts(root);
        ObjectNode types = root.putObject("eventsByType");
        Map<String, BigDecimal> amounts = new TreeMap<>(); // the money of the applied events, per type
        for (LoyaltyEvent e : applied) {
            if (e instanceof FeeRefund refund) {
                // what the engine found due, which a refund event need not state
                refunded(refund).ifPresent(m -> amounts.merge(e.type(), m.amount(), BigDecimal::add));
            } else {
                e.money().ifPresent(m -> amounts.merge(e.type(), m.amount(), BigDecimal::add));
            }
        }
        byType.forEach((type, c) -> {
            ObjectNode t = types.putObject(type);
            t.put("read", c.read);
            t.put("applied", c.applied);
            t.put("rejected", c.rejected);
            t.put("duplicates", c.duplicates);
            if (input.events().size() > replayed.size()) {
                // on every type when the run left events out, so that read = applied + rejected + duplicates + this
                t.put("afterAsOf", c.afterAsOf);
            }
            if (amounts.containsKey(type)) {
                t.put("amountApplied", amounts.get(type).toPlainString());
            }
        });

        if (landed()) {
            ObjectNode open = root.putObject("opening");
            open.put("members", membersStoredBefore());
            open.put("points", openingAvailable().add(openingPending()));
            open.put("pointsAvailable", openingAvailable());
            open.put("pointsPending", openingPending());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("pointsIssued", pointsIssued());
        totals.put("pointsRedeemed", pointsRedeemed());
        totals.put("pointsExpired", pointsExpired());
        totals.put("pointsClawedBack", pointsClawedBack());
        totals.put("pointsUnrecovered", pointsUnrecovered());
        totals.put("pointsAdjusted", pointsAdjusted());
        totals.put("pointsAvailable", pointsAvailable());
        totals.put("pointsPending", pointsPending());

        ObjectNode liability = root.putObject("liability");
        liability.put("points", liabilityPoints());
        if (settings.rewardUnit() == RewardUnit.MONEY) {
            liability.put("money", money(liabilityPoints()).toPlainString());
            liability.put("currency", settings.currency().getCurrencyCode());
        }
        ObjectNode mix = root.putObject("tierMix");
        tierMix().forEach(mix::put);
        ObjectNode cost = root.putObject("costByRule");
        costByRule().forEach(cost::put);
        ObjectNode caps = root.putObject("caps");
        capTrims().forEach((id, t) -> {
            ObjectNode c = caps.putObject(id);
            settings.caps().stream().filter(cap -> cap.id().equals(id)).findFirst()
                    .ifPresent(cap -> c.put("measure", cap.measure().name()));
            c.put("eventsTrimmed", t.events);
            c.put("membersAffected", t.members.size());
            c.put("withheld", t.withheld.value());
            if (settings.rewardUnit() == RewardUnit.MONEY) {
                c.put("money", money(t.withheld.value()).toPlainString());
            }
        });
        putRejectionsByCode(root);
        root.set("benefits", benefits());
        if (landed()) {
            ObjectNode store = root.putObject("store");
            store.put("url", landing.shownUrl());
            store.put("membersSaved", landing.saved());
            store.put("membersNew", landing.created());
            store.put("membersUnchanged", landing.unchanged());
        }
        return root;
    }

    /**
     * Per benefit of the program: uses granted, their cost to the program (cost per use x uses) and, with a budget,
     * the cost per budget period (calendar periods in the program zone) and whether it went over the budget.
     */
    ObjectNode benefits() {
        ObjectNode out = JSON.createObjectNode();
        Money total = Money.zero(settings.currency());
        for (Benefit b : settings.benefits().benefits()) {
            List<Grant> uses = grants.stream().filter(g -> g.benefitId().equals(b.id())).toList();
            ObjectNode n = out.putObject(b.id());
            n.put("granted", uses.size());
            if (b.cost() == null) {
                continue;
            }
            Money cost = b.cost().times(BigDecimal.valueOf(uses.size()), java.math.RoundingMode.UNNECESSARY);
            total = total.plus(cost);
            n.put("costPerUse", b.cost().amount().toPlainString());
            n.put("cost", cost.amount().toPlainString());
            BenefitBudget budget = b.budget();
            if (budget == null) {
                continue;
            }
            n.putObject("budget").put("amount", budget.amount().amount().toPlainString())
                    .put("period", budget.period().name());
            Map<String, Long> byPeriod = new TreeMap<>();
            for (Grant g : uses) {
                byPeriod.merge(periodLabel(budget.period(), settings.calendar().dateOf(g.at())), 1L, Long::sum);
            }
            com.fasterxml.jackson.databind.node.ArrayNode periods = n.putArray("periods");
            long over = 0;
            for (Map.Entry<String, Long> e : byPeriod.entrySet()) {
                Money spent = b.cost().times(BigDecimal.valueOf(e.getValue()), java.math.RoundingMode.UNNECESSARY);
                boolean overBudget = spent.compareTo(budget.amount()) > 0;
                over += overBudget ? 1 : 0;
                periods.addObject().put("period", e.getKey()).put("granted", e.getValue())
                        .put("cost", spent.amount().toPlainString()).put("overBudget", overBudget);
            }
            n.put("periodsOverBudget", over);
        }
        out.put("totalCost", total.amount().toPlainString());
        return out;
    }

    /** A calendar period as text that sorts in time order: 2025-03-10, 2025-W11, 2025-03, 2025, lifetime. */
    static String periodLabel(org.loyaltyrules.core.program.CountingPeriod period, java.time.LocalDate date) {
        switch (period) {
            case DAY:
                return date.toString();
            case WEEK:
                return String.format(java.util.Locale.ROOT, "%d-W%02d",
                        date.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                        date.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH:
                return java.time.YearMonth.from(date).toString();
            case YEAR:
                return String.valueOf(date.getYear());
            default:
                return "lifetime";
        }
    }

    /** Budget periods over budget per benefit (benefits with a budget only). */
    Map<String, Long> periodsOverBudget() {
        Map<String, Long> over = new TreeMap<>();
        benefits().fields().forEachRemaining(e -> {
            if (e.getValue().has("periodsOverBudget")) {
                over.put(e.getKey(), e.getValue().get("periodsOverBudget").asLong());
            }
        });
        return over;
    }

    static String plain(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
