package org.loyaltyrules.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.Decision;
import org.loyaltyrules.rules.EventIdOwners;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.program.ProgramSettings;
import org.loyaltyrules.rules.program.RewardUnit;
import org.loyaltyrules.rules.whatif.WhatIf;
import org.loyaltyrules.rules.whatif.WhatIfResult;
import org.loyaltyrules.rules.whatif.WhatIfResult.MemberDelta;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "what-if", mixinStandardHelpOptions = true,
        description = "Replay the same history under a base and a candidate program and compare cost, liability, "
                + "tiers and caps; write what-if.json, members-delta.csv, members-tier-changes.csv and what-if.html "
                + "to --out.")
final class WhatIfCommand implements Callable<Integer> {

    static final String[] DELTA_COLUMNS = {"member", "base_tier", "candidate_tier", "base_points_earned",
        "candidate_points_earned", "points_delta", "base_liability", "candidate_liability"};

    static final String[] TIER_CHANGE_COLUMNS = {"member", "base_tier", "candidate_tier"};

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

    @Option(names = "--as-of", paramLabel = "DATE", converter = AsOf.Converter.class,
            description = "Review date YYYY-MM-DD (e.g. 1998-06-30): events after that day in the base program's "
                    + "zone are left out and every member is reviewed at its end. An instant as a run prints it "
                    + "(1998-06-30T00:00:00Z) is that instant. Default: the last event's instant.")
    AsOf asOf;

    @Option(names = "--out", paramLabel = "DIR", description = "Write what-if.json, members-delta.csv, "
            + "members-tier-changes.csv and what-if.html (a self-contained page with charts of the difference) here.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Members replayed in parallel (default: processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--strict", description = "Stop at the first bad line (exit 1).")
    boolean strict;

    @Option(names = "--no-progress", description = "No progress line on stderr (also quiet when CI=true, "
            + "or when stderr is not a terminal).")
    boolean noProgress;

    /** Changed tiers listed on stdout; all of them are in what-if.json and members-tier-changes.csv. */
    static final int STDOUT_TIER_CHANGES = 20;
    /** The label column of the figures on stdout, wider when a rule name, tier or member id needs it. */
    static final int LABEL_WIDTH = 52;

    @Option(names = "--watch", description = "Stay running: compare again whenever program.json or a rule file "
            + "of --base or --candidate, or the --events file, changes (Ctrl-C stops). Later comparisons run in the "
            + "warm JVM and reuse the events read (unless their file or the base's program.json changed): seconds "
            + "where the first takes many on a long history. A program that does not compile is reported and "
            + "watched until it does.")
    boolean watch;

    /** The events last read, and the stamps of the events file and the base's program.json they were read with. */
    private LoadedEvents loaded;
    private List<String> loadedWith;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        OutFolder.check(out, cl);
        ParallelReplay.checkThreads(threads, cl);
        Path baseFolder = ProgramFolder.require(base, "--base", cl);
        Path candidateFolder = ProgramFolder.require(candidate, "--candidate", cl);
        if (!watch) {
            compare(baseFolder, candidateFolder, null);
            return LoyaltyCli.OK;
        }
        Watch files = new Watch(events, baseFolder, candidateFolder);
        Map<String, String> seen = files.look();
        for (int run = 1; ; run++) {
            try {
                compare(baseFolder, candidateFolder, List.of(String.valueOf(seen.get(events.toString())),
                        String.valueOf(seen.get(baseFolder.resolve("program.json").toString()))));
            } catch (CommandLine.ParameterException e) {
                if (run == 1) {
                    throw e; // a usage error: the command line has to change, not a file
                }
                cl.getErr().println("error: " + e.getMessage());
                removeStaleOutput(cl.getErr());
            } catch (RuntimeException e) {
                LoyaltyCli.handle(e, cl.getErr());
                removeStaleOutput(cl.getErr());
            }
            cl.getOut().flush();
            cl.getErr().println("watching " + baseFolder + ", " + candidateFolder + " and " + events
                    + " for changes (Ctrl-C stops)");
            cl.getErr().flush();
            try {
                Map<String, String> now = files.awaitChange(seen);
                cl.getErr().println("changed: " + String.join(", ", Watch.changed(seen, now)) + "; comparing again");
                seen = now;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return LoyaltyCli.OK;
            }
        }
    }

    /** The files --out holds after a comparison. */
    static final List<String> OUTPUT_FILES = List.of("what-if.json", "members-delta.csv", "members-tier-changes.csv",
            "what-if.html");

    /**
     * After a comparison that failed in a watch, removes what an earlier one wrote to --out: it no longer matches the
     * programs, and nothing in it would say so.
     */
    private void removeStaleOutput(PrintWriter err) {
        if (out == null) {
            return;
        }
        boolean removed = false;
        for (String name : OUTPUT_FILES) {
            try {
                removed |= Files.deleteIfExists(out.resolve(name));
            } catch (IOException e) {
                err.println("warning: cannot remove " + out.resolve(name) + ": " + OutFolder.reason(e));
            }
        }
        if (removed) {
            err.println("removed the last comparison's files from " + out + ": they no longer match the programs");
        }
    }

    /**
     * One comparison: loads both programs, replays the history under each, prints the difference and writes --out.
     * The events are read again unless {@code readWith} (the stamps a watch took of the files they come from) is what
     * they were last read with.
     */
    private void compare(Path baseFolder, Path candidateFolder, List<String> readWith) {
        CommandLine cl = spec.commandLine();
        long start = System.nanoTime();
        Program baseProgram = Program.load(baseFolder);
        Program candidateProgram = Program.load(candidateFolder);
        WhatIf.Recorder recorder = WhatIf.recorder(baseProgram, candidateProgram); // refuses another currency
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
        boolean read = readWith == null || !readWith.equals(loadedWith);
        if (read) {
            loaded = null; // a failed read leaves nothing to reuse
            loadedWith = null;
            loaded = options.load(baseProgram.settings(), cl);
            loadedWith = readWith;
        }
        LoadedEvents input = loaded;
        Instant reviewUntil = options.reviewUntil(input.events(), baseProgram.settings());
        List<LoyaltyEvent> history = options.toReplay(input, reviewUntil, baseProgram.settings(), cl.getErr());
        EventOptions.warnRepeats(history, EventIdOwners.of(history), null, cl.getErr());
        LoyaltyEngine baseCompiled = BackgroundCompile.join(baseEngine);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long baseStart = System.nanoTime();
        ReplayResult before;
        try {
            // a candidate that does not compile stops the base replay at once: its problems are what the author needs
            before = replay("base", baseCompiled, history, reviewUntil, recorder.base(),
                    candidateEngine::isCompletedExceptionally);
        } catch (CandidateDoesNotCompile stopped) {
            BackgroundCompile.join(candidateEngine); // throws the candidate's problems (file:line, rule)
            throw stopped;
        }
        // the candidate's time includes what is left of its compile when the base replay ends first
        long candidateStart = System.nanoTime();
        double baseSeconds = (candidateStart - baseStart) / 1e9;
        ReplayResult after = replay("candidate", BackgroundCompile.join(candidateEngine), history, reviewUntil,
                recorder.candidate(), () -> false);
        double candidateSeconds = (System.nanoTime() - candidateStart) / 1e9;
        WhatIfResult result = recorder.result(before, after, reviewUntil);
        print(cl.getOut(), result, input, history, baseProgram.settings());
        cl.getOut().printf(Locale.ROOT, "  elapsed     %.2f s (%s the base %.2f s, base replay %.2f s, "
                + "candidate compile and replay %.2f s)%n", (System.nanoTime() - start) / 1e9,
                read ? "read and compile" : "compile (events as read before)", loadSeconds, baseSeconds,
                candidateSeconds);
        if (out != null) {
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("what-if.json"),
                        JSON.writeValueAsString(json(result, baseProgram.settings())) + "\n",
                        StandardCharsets.UTF_8);
                writeDelta(result, out.resolve("members-delta.csv"));
                writeTierChanges(result, out.resolve("members-tier-changes.csv"));
                Files.writeString(out.resolve("what-if.html"),
                        HtmlReport.page(WHAT_IF_TEMPLATE, pageData(result, baseProgram.settings())),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + out, e);
            }
        }
    }

    /** Thrown from the base replay's listener when the candidate's compile has failed meanwhile. */
    private static final class CandidateDoesNotCompile extends RuntimeException {
        CandidateDoesNotCompile() {
            super("the candidate program does not compile", null, false, false);
        }
    }

    private ReplayResult replay(String side, LoyaltyEngine engine, List<LoyaltyEvent> history, Instant reviewUntil,
                                Consumer<Decision> recorder, BooleanSupplier candidateFailed) {
        Progress progress = new Progress(spec.commandLine().getErr(), history.size(), !noProgress, side + " replay",
                "events");
        Consumer<Decision> listener = d -> { // ParallelReplay calls it under a lock
            if (candidateFailed.getAsBoolean()) {
                throw new CandidateDoesNotCompile();
            }
            progress.step();
            recorder.accept(d);
        };
        try {
            return ParallelReplay.replay(engine, history, reviewUntil, listener, threads);
        } finally {
            progress.finish();
        }
    }

    static ObjectNode json(WhatIfResult w, ProgramSettings settings) {
        ObjectNode root = JSON.createObjectNode();
        root.put("asOf", w.asOf() == null ? null : w.asOf().toString());
        // both programs reward in one unit (WhatIf.recorder refuses two): MONEY figures count minor units
        root.put("reward", settings.rewardUnit().name());
        root.put("currency", settings.currency().getCurrencyCode());
        root.put("members", w.members());
        root.set("base", side(w.base()));
        root.set("candidate", side(w.candidate()));
        ObjectNode delta = root.putObject("delta");
        delta.put("pointsIssued", w.pointsIssued().delta());
        delta.put("liabilityPoints", w.liabilityPoints().delta());
        ObjectNode rules = root.putObject("costByRule");
        w.costByRule().forEach((rule, c) -> {
            ObjectNode r = rules.putObject(rule);
            r.put("base", c.base());
            r.put("candidate", c.candidate());
            r.put("delta", c.delta());
        });
        ObjectNode mix = root.putObject("tierMix");
        w.tierMix().forEach((tier, c) -> {
            ObjectNode t = mix.putObject(tier);
            t.put("base", c.base());
            t.put("candidate", c.candidate());
        });
        List<WhatIfResult.TierChange> tierChanges = w.tierChanges();
        root.put("membersWithTierChange", tierChanges.size());
        ArrayNode changes = root.putArray("tierChanges");
        for (WhatIfResult.TierChange t : tierChanges) {
            changes.addObject().put("member", t.member()).put("base", t.base()).put("candidate", t.candidate());
        }
        ArrayNode top = root.putArray("topMembersByPointsDelta");
        for (MemberDelta m : w.topMembersByPointsDelta(10)) {
            ObjectNode n = top.addObject();
            n.put("member", m.member());
            n.put("base", m.pointsEarned().base());
            n.put("candidate", m.pointsEarned().candidate());
            n.put("delta", m.pointsEarned().delta());
        }
        ArrayNode warnings = root.putArray("warnings");
        w.warnings().forEach(warnings::add);
        return root;
    }

    private static ObjectNode side(WhatIfResult.Side s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("program", s.program());
        n.put("version", s.version());
        n.put("members", s.members());
        n.put("eventsApplied", s.eventsApplied());
        n.put("eventsRejected", s.eventsRejected());
        ObjectNode codes = n.putObject("rejectionsByCode");
        s.rejectionsByCode().forEach(codes::put);
        n.put("pointsIssued", s.pointsIssued());
        n.put("liabilityPoints", s.liabilityPoints());
        ObjectNode caps = n.putObject("capsHitByMembers");
        s.capsHitByMembers().forEach(caps::put);
        return n;
    }

    /** Changed members listed in what-if.html; every one of them is in members-delta.csv. */
    static final int PAGE_MEMBERS = 1000;

    /** Lowest points delta of each bucket of the spread, and the bucket's label. */
    private static final long[] SPREAD_FROM = {Long.MIN_VALUE, -999, -99, -9, 0, 1, 10, 100, 1000};
    private static final String[] SPREAD_LABELS = {"<= -1000", "-999 to -100", "-99 to -10", "-9 to -1", "0",
        "1 to 9", "10 to 99", "100 to 999", ">= 1000"};

    /**
     * The data of what-if.html: {@code whatIf} is exactly what-if.json; the rest (tier moves between the programs,
     * the spread of points deltas, the changed members) comes from the same comparison.
     */
    static ObjectNode pageData(WhatIfResult w, ProgramSettings settings) {
        ObjectNode root = JSON.createObjectNode();
        root.set("whatIf", json(w, settings));
        root.put("minorUnit", BigDecimal.ONE.movePointLeft(settings.currency().getDefaultFractionDigits())
                .toPlainString());
        Map<List<String>, Long> moves = new TreeMap<>(Comparator.comparing((List<String> m) -> m.get(0))
                .thenComparing(m -> m.get(1)));
        for (WhatIfResult.TierChange t : w.tierChanges()) {
            moves.merge(List.of(t.base(), t.candidate()), 1L, Long::sum);
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
        spread[4] = w.members(); // members whose points are the same: those not moved to another bucket below
        for (MemberDelta m : w.changedMembers()) {
            BigInteger d = m.pointsEarned().delta();
            int bucket = SPREAD_FROM.length - 1;
            while (d.compareTo(BigInteger.valueOf(SPREAD_FROM[bucket])) < 0) {
                bucket--;
            }
            spread[4]--;
            spread[bucket]++;
        }
        ArrayNode spreadRows = root.putArray("pointsDeltaSpread");
        for (int i = 0; i < spread.length; i++) {
            ObjectNode row = spreadRows.addObject();
            row.put("range", SPREAD_LABELS[i]);
            row.put("members", spread[i]);
        }
        List<MemberDelta> changed = w.changedMembers();
        root.put("membersChanged", changed.size());
        ArrayNode rows = root.putArray("changedMembers");
        for (MemberDelta m : changed.subList(0, Math.min(PAGE_MEMBERS, changed.size()))) {
            ObjectNode row = rows.addObject();
            row.put("member", m.member());
            row.put("baseTier", m.baseTier());
            row.put("candidateTier", m.candidateTier());
            row.put("baseEarned", m.pointsEarned().base());
            row.put("candidateEarned", m.pointsEarned().candidate());
            row.put("delta", m.pointsEarned().delta());
            row.put("baseLiability", m.liability().base());
            row.put("candidateLiability", m.liability().candidate());
        }
        return root;
    }

    private static void writeDelta(WhatIfResult w, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSV.builder().setHeader(DELTA_COLUMNS).build())) {
            for (MemberDelta m : w.changedMembers()) {
                csv.printRecord(m.member(), m.baseTier(), m.candidateTier(), m.pointsEarned().base(),
                        m.pointsEarned().candidate(), m.pointsEarned().delta(), m.liability().base(),
                        m.liability().candidate());
            }
        }
    }

    private static void writeTierChanges(WhatIfResult w, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSV.builder().setHeader(TIER_CHANGE_COLUMNS).build())) {
            for (WhatIfResult.TierChange t : w.tierChanges()) {
                csv.printRecord(t.member(), t.base(), t.candidate());
            }
        }
    }

    private void print(PrintWriter o, WhatIfResult w, LoadedEvents input, List<LoyaltyEvent> history,
                       ProgramSettings settings) {
        ZoneId zone = settings.zone();
        WhatIfResult.Side b = w.base();
        WhatIfResult.Side c = w.candidate();
        // the same id and version on both sides (a copied folder with a changed number): the folders tell them apart
        boolean alike = b.program().equals(c.program()) && b.version().equals(c.version());
        o.println("loyalty what-if: base " + b.program() + " " + b.version() + (alike ? " (" + base + ")" : "")
                + " vs candidate " + c.program() + " " + c.version() + (alike ? " (" + candidate + ")" : ""));
        int later = input.events().size() - history.size();
        o.printf(Locale.ROOT, "  history     %s: %,d event%s, %,d member%s%s%s%n", input.source(), history.size(),
                history.size() == 1 ? "" : "s", w.members(), w.members() == 1 ? "" : "s",
                w.asOf() == null ? "" : ", as of " + AsOf.describe(asOf, w.asOf(), zone),
                later == 0 ? "" : String.format(Locale.ROOT, " (%,d later event%s left out)",
                        later, later == 1 ? "" : "s"));
        // the label column fits the longest rule name, tier or member id, so the figures stay under their headings
        List<WhatIfResult.TierChange> moved = w.tierChanges();
        List<WhatIfResult.TierChange> listed = moved.subList(0, Math.min(STDOUT_TIER_CHANGES, moved.size()));
        List<MemberDelta> top = w.topMembersByPointsDelta(10);
        int width = Stream.of(w.costByRule().keySet().stream().map(r -> "  " + r),
                        w.tierMix().keySet().stream().map(t -> "  " + t),
                        listed.stream().map(t -> "  " + t.member()),
                        top.stream().map(m -> "  " + m.member()))
                .flatMap(x -> x).mapToInt(String::length).reduce(LABEL_WIDTH, Math::max);
        // a cashback program's figures are minor units of its currency: told as money, as loyalty run tells them
        Figures f = new Figures(settings, width);
        o.printf(Locale.ROOT, "  %-" + width + "s %15s %15s %15s%n", "", "base", "candidate", "delta");
        f.row(o, f.money ? "cashback issued (" + f.currency + ")" : "points issued", w.pointsIssued());
        f.row(o, "liability (" + (f.money ? f.currency : "points") + ")", w.liabilityPoints());
        o.println("  cost by rule (EARN " + (f.money ? f.currency : "points") + ")");
        w.costByRule().forEach((rule, v) -> f.row(o, "  " + rule, v));
        o.println("  tier mix");
        w.tierMix().forEach((tier, v) -> f.count(o, "  " + tier, v));
        o.printf(Locale.ROOT, "  members whose tier differs: %,d%s%n", moved.size(),
                out == null || moved.isEmpty() ? "" : " (list in " + out.resolve("members-tier-changes.csv") + ")");
        for (WhatIfResult.TierChange t : listed) {
            o.printf(Locale.ROOT, "    %-" + (width - 2) + "s %s -> %s%n", t.member(), named(t.base()), named(t.candidate()));
        }
        if (moved.size() > STDOUT_TIER_CHANGES) {
            o.printf(Locale.ROOT, "    ... and %,d more%s%n", moved.size() - STDOUT_TIER_CHANGES,
                    out == null ? " (--out DIR lists them all in members-tier-changes.csv)" : "");
        }
        if (!top.isEmpty()) {
            o.println("  top " + top.size() + " members by " + (f.money ? "cashback delta (" + f.currency + ")"
                    : "points delta"));
            for (MemberDelta m : top) {
                o.printf(Locale.ROOT, "    %-" + (width - 2) + "s %15s %15s %15s%n", m.member(), f.figure(m.pointsEarned().base()),
                        f.figure(m.pointsEarned().candidate()), f.signed(m.pointsEarned().delta()));
            }
        }
        o.println("  warnings    " + (w.warnings().isEmpty() ? "none" : ""));
        w.warnings().forEach(x -> o.println("    " + x));
    }

    /** A tier for the stdout list: "(none)" when the member has no state under that program. */
    private static String named(String tier) {
        return tier.isEmpty() ? "(none)" : tier;
    }

    /** The reward's figures on stdout: points ("1,250"), or a cashback program's minor units as money ("12.50"). */
    private static final class Figures {
        final boolean money;
        final String currency;
        private final int digits;
        // the label column: at least LABEL_WIDTH, wider for a longer rule name, tier or member id
        private final int width;

        Figures(ProgramSettings settings, int width) {
            this.width = width;
            this.money = settings.rewardUnit() == RewardUnit.MONEY;
            this.currency = settings.currency().getCurrencyCode();
            this.digits = settings.currency().getDefaultFractionDigits();
        }

        String figure(BigInteger value) {
            return money ? String.format(Locale.ROOT, "%,." + digits + "f", new BigDecimal(value, digits))
                    : String.format(Locale.ROOT, "%,d", value);
        }

        String signed(BigInteger value) {
            return money ? String.format(Locale.ROOT, "%+,." + digits + "f", new BigDecimal(value, digits))
                    : String.format(Locale.ROOT, "%+,d", value);
        }

        void row(PrintWriter o, String label, WhatIfResult.Change change) {
            o.printf(Locale.ROOT, "  %-" + width + "s %15s %15s %15s%n", label, figure(change.base()),
                    figure(change.candidate()), signed(change.delta()));
        }

        /** A count (members of a tier), never money. */
        void count(PrintWriter o, String label, WhatIfResult.Change change) {
            o.printf(Locale.ROOT, "  %-" + width + "s %,15d %,15d %+,15d%n", label, change.base(),
                    change.candidate(), change.delta());
        }
    }
}
