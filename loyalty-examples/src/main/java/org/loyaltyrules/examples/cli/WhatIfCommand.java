package org.loyaltyrules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.facts.CapApplied;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "what-if", mixinStandardHelpOptions = true,
        description = "Replay the same history under a base and a candidate program and compare cost, liability, "
                + "tiers and caps; write what-if.json, members-delta.csv and what-if.html to --out.")
final class WhatIfCommand implements Callable<Integer> {

    static final String[] DELTA_COLUMNS = {"member", "base_tier", "candidate_tier", "base_points_earned",
        "candidate_points_earned", "points_delta", "base_liability", "candidate_liability"};

    static final String WHAT_IF_TEMPLATE = "report/what-if.html";

    private static final CSVFormat CSV = ReplayReport.CSV;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", paramLabel = "DIR", required = true, description = "The program running today.")
    Path base;

    @Option(names = "--candidate", paramLabel = "DIR", required = true, description = "The changed program.")
    Path candidate;

    @Option(names = "--events", paramLabel = "FILE", required = true,
            description = "History: JSON Lines, a purchase CSV, CDNOW, UCI Online Retail or Complete Journey; .gz too.")
    Path events;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto (default), jsonl, csv, cdnow, online-retail or completejourney.")
    String format;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Review date (ISO): later events are left out and "
            + "every member is reviewed at the end of that day. Default: the last event's instant.")
    LocalDate asOf;

    @Option(names = "--out", paramLabel = "DIR", description = "Write what-if.json, members-delta.csv and what-if.html (a self-contained page "
            + "with charts of the difference) here.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Members replayed in parallel (default: processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--strict", description = "Stop at the first bad line (exit 1).")
    boolean strict;

    @Option(names = "--no-progress", description = "No progress line on stderr (also quiet when CI=true).")
    boolean noProgress;

    /** One program's replay with the figures the comparison needs. */
    record Side(String id, String version, ReplayReport report, Map<String, Set<String>> capHits, double seconds) {
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        OutFolder.check(out);
        ParallelReplay.checkThreads(threads, cl);
        long start = System.nanoTime();
        Program baseProgram = Program.load(base);
        Program candidateProgram = Program.load(candidate);
        if (!baseProgram.settings().currency().equals(candidateProgram.settings().currency())) {
            // the events are read in the base's currency: the candidate would refuse every purchase
            throw new IllegalArgumentException("the candidate's currency " + candidateProgram.settings().currency()
                    + " differs from the base's " + baseProgram.settings().currency()
                    + ": a what-if compares two programs on the same events, in one currency");
        }
        // compiling a rule pack (a second or more, cold) needs nothing from the events: the base compiles while they
        // are read, the candidate while the base replays (rule files identical to the base's are not compiled again)
        CompletableFuture<LoyaltyEngine> baseEngine = BackgroundCompile.start(baseProgram);
        CompletableFuture<LoyaltyEngine> candidateEngine = BackgroundCompile.after(baseEngine, candidateProgram);
        EventOptions options = new EventOptions();
        options.events = events;
        options.format = format;
        options.asOf = asOf;
        options.strict = strict;
        // both programs replay exactly the same events, read in the base program's zone and currency
        LoadedEvents input = options.load(baseProgram.settings(), cl);
        Instant reviewUntil = options.reviewUntil(input.events(), baseProgram.settings());
        List<LoyaltyEvent> history = EventOptions.upTo(input.events(), reviewUntil);
        LoyaltyEngine baseCompiled = BackgroundCompile.join(baseEngine);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        Side before;
        try {
            // a candidate that does not compile stops the base replay at once: its problems are what the author needs
            before = replay("base", baseCompiled, input, history, reviewUntil, System.nanoTime(),
                    candidateEngine::isCompletedExceptionally);
        } catch (CandidateDoesNotCompile stopped) {
            BackgroundCompile.join(candidateEngine); // throws the candidate's problems (file:line, rule)
            throw stopped;
        }
        // the candidate's time includes what is left of its compile when the base replay ends first
        long candidateStart = System.nanoTime();
        Side after = replay("candidate", BackgroundCompile.join(candidateEngine), input, history, reviewUntil, candidateStart,
                () -> false);
        WhatIf whatIf = new WhatIf(before, after);
        print(cl.getOut(), whatIf, input, history, reviewUntil, loadSeconds, (System.nanoTime() - start) / 1e9);
        if (out != null) {
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("what-if.json"), JSON.writeValueAsString(whatIf.json(reviewUntil)) + "\n",
                        StandardCharsets.UTF_8);
                whatIf.writeDelta(out.resolve("members-delta.csv"));
                Files.writeString(out.resolve("what-if.html"),
                        HtmlReport.page(WHAT_IF_TEMPLATE, whatIf.pageData(reviewUntil)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + out, e);
            }
        }
        return LoyaltyCli.OK;
    }

    /** Thrown from the base replay's listener when the candidate's compile has failed meanwhile. */
    private static final class CandidateDoesNotCompile extends RuntimeException {
        CandidateDoesNotCompile() {
            super("the candidate program does not compile", null, false, false);
        }
    }

    private Side replay(String side, LoyaltyEngine engine, LoadedEvents input, List<LoyaltyEvent> history,
                        Instant reviewUntil, long start, java.util.function.BooleanSupplier candidateFailed) {
        Program program = engine.program();
        Map<String, Set<String>> capHits = new TreeMap<>();
        Progress progress = new Progress(spec.commandLine().getErr(), history.size(), !noProgress, side + " replay",
                "events");
        ReplayReport.Tally tally = new ReplayReport.Tally(history, () -> {
            if (candidateFailed.getAsBoolean()) {
                throw new CandidateDoesNotCompile();
            }
            progress.step();
        });
        Consumer<Decision> listener = d -> { // ParallelReplay calls it under a lock
            tally.accept(d);
            for (CapApplied cap : d.capsApplied()) {
                capHits.computeIfAbsent(cap.capId(), k -> new HashSet<>()).add(d.memberId());
            }
        };
        ReplayResult result;
        try {
            result = ParallelReplay.replay(engine, history, reviewUntil, listener, threads);
        } finally {
            progress.finish();
        }
        ReplayReport report = new ReplayReport(program.settings(), input, history, reviewUntil, result, tally);
        return new Side(program.id(), program.version(), report, capHits, (System.nanoTime() - start) / 1e9);
    }

    /** The comparison of two replays of one history. */
    static final class WhatIf {
        final Side base;
        final Side candidate;
        final List<String> members;

        WhatIf(Side base, Side candidate) {
            this.base = base;
            this.candidate = candidate;
            Set<String> all = new TreeSet<>(base.report.result().members().keySet());
            all.addAll(candidate.report.result().members().keySet());
            this.members = List.copyOf(all);
        }

        static long earned(MemberState m) {
            return m == null ? 0 : m.ledger().totals().earned();
        }

        static long liability(MemberState m) {
            return m == null ? 0 : m.pointsAvailable() + m.pointsPending();
        }

        static String tier(MemberState m) {
            return m == null ? "" : m.tier().tierId();
        }

        MemberState before(String id) {
            return base.report.result().members().get(id);
        }

        MemberState after(String id) {
            return candidate.report.result().members().get(id);
        }

        long delta(String id) {
            return earned(after(id)) - earned(before(id));
        }

        List<String> tierChanged() {
            return members.stream().filter(id -> !tier(before(id)).equals(tier(after(id)))).toList();
        }

        /** Members whose tier or points differ, largest points change first (then by id). */
        List<String> changed() {
            return members.stream().filter(id -> delta(id) != 0 || !tier(before(id)).equals(tier(after(id))))
                    .sorted(Comparator.comparingLong((String id) -> -Math.abs(delta(id)))
                            .thenComparing(Comparator.naturalOrder())).toList();
        }

        List<String> top(int n) {
            return changed().stream().filter(id -> delta(id) != 0).limit(n).toList();
        }

        /** Every rule that earned under either program, with its cost under each. */
        Map<String, BigInteger[]> costByRule() {
            Map<String, BigInteger[]> cost = new LinkedHashMap<>();
            base.report.costByRule().forEach((rule, points) -> cost.computeIfAbsent(rule, k -> zeros())[0] = points);
            candidate.report.costByRule().forEach((rule, points) -> cost.computeIfAbsent(rule, k -> zeros())[1] = points);
            return cost;
        }

        private static BigInteger[] zeros() {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        }

        Map<String, long[]> tierMix() {
            Map<String, long[]> mix = new LinkedHashMap<>();
            base.report.tierMix().forEach((t, n) -> mix.computeIfAbsent(t, k -> new long[2])[0] = n);
            candidate.report.tierMix().forEach((t, n) -> mix.computeIfAbsent(t, k -> new long[2])[1] = n);
            return mix;
        }

        List<String> warnings() {
            List<String> warnings = new ArrayList<>();
            Set<String> caps = new LinkedHashSet<>(base.capHits.keySet());
            caps.addAll(candidate.capHits.keySet());
            for (String cap : new TreeSet<>(caps)) {
                int was = base.capHits.getOrDefault(cap, Set.of()).size();
                int now = candidate.capHits.getOrDefault(cap, Set.of()).size();
                if (was != now) {
                    warnings.add("cap " + cap + " now hit by " + now + " member" + (now == 1 ? "" : "s") + " (was "
                            + was + ")");
                }
            }
            Map<String, Long> overBefore = base.report.periodsOverBudget();
            Map<String, Long> overAfter = candidate.report.periodsOverBudget();
            for (String benefit : new TreeSet<>(overAfter.keySet())) {
                long before = overBefore.getOrDefault(benefit, 0L);
                long after = overAfter.get(benefit);
                if (after > before) {
                    warnings.add("benefit " + benefit + " now over budget in " + after + " period"
                            + (after == 1 ? "" : "s") + " (was " + before + ")");
                }
            }
            long was = base.report.eventsRejected();
            long now = candidate.report.eventsRejected();
            if (was != now) {
                warnings.add("events rejected: " + now + " (was " + was + "): " + candidate.report.rejectionsByCode());
            }
            for (Map.Entry<String, BigInteger[]> e : costByRule().entrySet()) {
                if (e.getValue()[0].signum() > 0 && e.getValue()[1].signum() == 0) {
                    warnings.add(String.format(Locale.ROOT, "rule \"%s\" no longer earns (was %,d points)", e.getKey(),
                            e.getValue()[0]));
                }
            }
            return warnings;
        }

        ObjectNode json(Instant reviewUntil) {
            ObjectNode root = JSON.createObjectNode();
            root.put("asOf", reviewUntil == null ? null : reviewUntil.toString());
            root.set("base", side(base));
            root.set("candidate", side(candidate));
            ObjectNode delta = root.putObject("delta");
            delta.put("pointsIssued", candidate.report.pointsIssued().subtract(base.report.pointsIssued()));
            delta.put("liabilityPoints", candidate.report.liabilityPoints().subtract(base.report.liabilityPoints()));
            ObjectNode rules = root.putObject("costByRule");
            costByRule().forEach((rule, c) -> {
                ObjectNode r = rules.putObject(rule);
                r.put("base", c[0]);
                r.put("candidate", c[1]);
                r.put("delta", c[1].subtract(c[0]));
            });
            ObjectNode mix = root.putObject("tierMix");
            tierMix().forEach((tier, c) -> {
                ObjectNode t = mix.putObject(tier);
                t.put("base", c[0]);
                t.put("candidate", c[1]);
            });
            root.put("membersWithTierChange", tierChanged().size());
            ArrayNode top = root.putArray("topMembersByPointsDelta");
            for (String id : top(10)) {
                ObjectNode m = top.addObject();
                m.put("member", id);
                m.put("base", earned(before(id)));
                m.put("candidate", earned(after(id)));
                m.put("delta", delta(id));
            }
            ArrayNode warnings = root.putArray("warnings");
            warnings().forEach(warnings::add);
            return root;
        }

        private static ObjectNode side(Side s) {
            ObjectNode n = JSON.createObjectNode();
            n.put("program", s.id);
            n.put("version", s.version);
            n.put("members", s.report.result().members().size());
            n.put("eventsApplied", s.report.result().eventsApplied());
            n.put("eventsRejected", s.report.eventsRejected());
            n.put("pointsIssued", s.report.pointsIssued());
            n.put("liabilityPoints", s.report.liabilityPoints());
            ObjectNode caps = n.putObject("capsHitByMembers");
            s.capHits.forEach((cap, members) -> caps.put(cap, members.size()));
            return n;
        }

        /** Changed members listed in what-if.html; every one of them is in members-delta.csv. */
        static final int PAGE_MEMBERS = 1000;

        /** Lowest points delta of each bucket of the spread, and the bucket's label. */
        private static final long[] SPREAD_FROM = {Long.MIN_VALUE, -999, -99, -9, 0, 1, 10, 100, 1000};
        private static final String[] SPREAD_LABELS = {"<= -1000", "-999 to -100", "-99 to -10", "-9 to -1", "0",
            "1 to 9", "10 to 99", "100 to 999", ">= 1000"};

        /**
         * The data of what-if.html: {@code whatIf} is exactly what-if.json; the rest (tier moves between the
         * programs, the spread of points deltas, the changed members) comes from the same two replays.
         */
        ObjectNode pageData(Instant reviewUntil) {
            ObjectNode root = JSON.createObjectNode();
            root.set("whatIf", json(reviewUntil));
            Map<List<String>, Long> moves = new TreeMap<>(Comparator.comparing((List<String> m) -> m.get(0))
                    .thenComparing(m -> m.get(1)));
            for (String id : tierChanged()) {
                moves.merge(List.of(tier(before(id)), tier(after(id))), 1L, Long::sum);
            }
            ArrayNode transitions = root.putArray("tierTransitions");
            moves.entrySet().stream().sorted(Map.Entry.<List<String>, Long>comparingByValue().reversed())
                    .forEach(e -> {
                        ObjectNode t = transitions.addObject();
                        t.put("from", e.getKey().get(0));
                        t.put("to", e.getKey().get(1));
                        t.put("members", e.getValue());
                    });
            long[] spread = new long[SPREAD_FROM.length];
            for (String id : members) {
                long d = delta(id);
                int bucket = SPREAD_FROM.length - 1;
                while (d < SPREAD_FROM[bucket]) {
                    bucket--;
                }
                spread[bucket]++;
            }
            ArrayNode spreadRows = root.putArray("pointsDeltaSpread");
            for (int i = 0; i < spread.length; i++) {
                ObjectNode row = spreadRows.addObject();
                row.put("range", SPREAD_LABELS[i]);
                row.put("members", spread[i]);
            }
            List<String> changed = changed();
            root.put("membersChanged", changed.size());
            ArrayNode rows = root.putArray("changedMembers");
            for (String id : changed.subList(0, Math.min(PAGE_MEMBERS, changed.size()))) {
                MemberState b = before(id);
                MemberState c = after(id);
                ObjectNode row = rows.addObject();
                row.put("member", id);
                row.put("baseTier", tier(b));
                row.put("candidateTier", tier(c));
                row.put("baseEarned", earned(b));
                row.put("candidateEarned", earned(c));
                row.put("delta", delta(id));
                row.put("baseLiability", liability(b));
                row.put("candidateLiability", liability(c));
            }
            return root;
        }

        void writeDelta(Path file) throws IOException {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(w, CSV.builder().setHeader(DELTA_COLUMNS).build())) {
                for (String id : changed()) {
                    MemberState b = before(id);
                    MemberState c = after(id);
                    csv.printRecord(id, tier(b), tier(c), earned(b), earned(c), delta(id), liability(b), liability(c));
                }
            }
        }
    }

    private void print(PrintWriter o, WhatIf w, LoadedEvents input, List<LoyaltyEvent> history, Instant reviewUntil,
                       double loadSeconds, double totalSeconds) {
        Side b = w.base;
        Side c = w.candidate;
        o.println("loyalty what-if: base " + b.id + " " + b.version + " vs candidate " + c.id + " " + c.version);
        int later = input.events().size() - history.size();
        o.printf(Locale.ROOT, "  history     %s: %,d event%s, %,d member%s%s%s%n", input.source(), history.size(),
                history.size() == 1 ? "" : "s", w.members.size(), w.members.size() == 1 ? "" : "s",
                reviewUntil == null ? "" : ", as of " + reviewUntil,
                later == 0 ? "" : " (%,d later event%s left out)".formatted(later, later == 1 ? "" : "s"));
        o.printf(Locale.ROOT, "  %-52s %15s %15s %15s%n", "", "base", "candidate", "delta");
        row(o, "points issued", b.report.pointsIssued(), c.report.pointsIssued());
        row(o, "liability (points)", b.report.liabilityPoints(), c.report.liabilityPoints());
        o.println("  cost by rule (EARN points)");
        w.costByRule().forEach((rule, v) -> row(o, "  " + rule, v[0], v[1]));
        o.println("  tier mix");
        w.tierMix().forEach((tier, v) -> row(o, "  " + tier, v[0], v[1]));
        List<String> moved = w.tierChanged();
        o.printf(Locale.ROOT, "  members whose tier differs: %,d%s%n", moved.size(),
                out == null || moved.isEmpty() ? "" : " (list in " + out.resolve("members-delta.csv") + ")");
        List<String> top = w.top(10);
        if (!top.isEmpty()) {
            o.println("  top " + top.size() + " members by points delta");
            for (String id : top) {
                o.printf(Locale.ROOT, "    %-50s %15s %15s %+,15d%n", id, String.format(Locale.ROOT, "%,d",
                        WhatIf.earned(w.before(id))), String.format(Locale.ROOT, "%,d", WhatIf.earned(w.after(id))),
                        w.delta(id));
            }
        }
        List<String> warnings = w.warnings();
        o.println("  warnings    " + (warnings.isEmpty() ? "none" : ""));
        warnings.forEach(x -> o.println("    " + x));
        o.printf(Locale.ROOT, "  elapsed     %.2f s (read and compile the base %.2f s, base replay %.2f s, candidate compile and replay %.2f s)%n", totalSeconds,
                loadSeconds, b.seconds, c.seconds);
    }

    private static void row(PrintWriter o, String label, long before, long after) {
        row(o, label, BigInteger.valueOf(before), BigInteger.valueOf(after));
    }

    private static void row(PrintWriter o, String label, BigInteger before, BigInteger after) {
        o.printf(Locale.ROOT, "  %-52s %,15d %,15d %+,15d%n", label, before, after, after.subtract(before));
    }
}
