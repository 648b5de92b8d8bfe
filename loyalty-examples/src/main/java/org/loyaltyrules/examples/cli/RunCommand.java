package org.loyaltyrules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.examples.data.LoadedEvents;
import org.loyaltyrules.rules.EventIdOwners;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.ReplayResult;
import org.loyaltyrules.rules.program.ProgramSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Replay events through a program; write members.csv, ledger.csv, tier_changes.csv, "
                + "rejections.csv, unsent.csv (when a dataset reader did not send some records as events) and "
                + "summary.json to --out.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EventOptions options;

    @Mixin
    ReplayOutput output;

    @Option(names = "--store", paramLabel = "URL", description = "Land the replay in a JDBC member store "
            + "(jdbc:h2:... or jdbc:postgresql:...): members start from their stored state, and every member the "
            + "replay changed is saved, one transaction each. Running the same events again changes nothing. The "
            + "files then report on the members this run touched: summary.json scope, opening and store.")
    String store;

    @Mixin
    StoreOptions storeOptions;

    /** Loads the program and the events, replays them as of --as-of and reports stderr problems and progress. */
    static ReplayReport replay(EventOptions options, CommandLine cl, int threads, boolean showProgress) {
        return replay(options, cl, threads, showProgress, null);
    }

    /** As above; with a {@code landing}, members start from their stored states and end up saved there. */
    static ReplayReport replay(EventOptions options, CommandLine cl, int threads, boolean showProgress,
                               StoreLanding landing) {
        ParallelReplay.checkThreads(threads, cl);
        PrintWriter stderr = cl.getErr();
        Path folder = options.programFolder(cl);
        Program program = Program.load(folder);
        if (landing != null) {
            landing.requireHolds(program);
        }
        ProgramSettings settings = program.settings();
        // the rules compile while the events are read; a bad file still fails fast under --strict
        java.util.concurrent.CompletableFuture<LoyaltyEngine> compiling = BackgroundCompile.start(program);
        LoadedEvents input = options.load(settings, cl);
        LoyaltyEngine engine = BackgroundCompile.join(compiling);
        Instant reviewUntil = options.reviewUntil(input.events(), settings);
        List<LoyaltyEvent> events = options.toReplay(input, reviewUntil, settings, stderr);
        Map<String, MemberState> initial = landing == null ? Map.of() : landing.load(events, stderr, showProgress);
        // ids already processed for another member in the store are refused as such, not saved for a second one
        EventIdOwners owners = EventIdOwners.of(events, landing == null ? Map.of() : landing.ownersOf(events, initial));
        EventOptions.warnRepeats(events, owners, null, stderr);
        Progress progress = new Progress(stderr, events.size(), showProgress);
        ReplayReport.Tally tally = new ReplayReport.Tally(owners, progress::step);
        ReplayResult result;
        if (landing == null) {
            result = ParallelReplay.replay(engine, initial, owners, reviewUntil, tally, threads);
            progress.finish();
        } else {
            // a review that changed a member is saved as its TierReview event (ParallelReplay.replayForStore)
            ParallelReplay.Landed landed = ParallelReplay.replayForStore(engine, initial, owners, reviewUntil, tally,
                    threads);
            progress.finish();
            landing.save(landed.toSave(), stderr, showProgress);
            result = landed.reviewed();
        }
        return new ReplayReport(settings, input, events, reviewUntil, result, tally, landing);
    }

    /** The events read, applied, rejected, duplicates, bad lines and, when some were, those after the as-of date. */
    static void printEvents(PrintWriter stdout, ReplayReport report) {
        LoadedEvents input = report.input();
        ReplayResult result = report.result();
        int afterAsOf = input.events().size() - report.replayed().size();
        stdout.printf(Locale.ROOT, "  events     %,d read, %,d applied, %,d rejected, %,d duplicates, %,d bad lines%s%n",
                input.events().size(), result.eventsApplied(), report.eventsRejected(), result.duplicates(),
                input.problems().size(), afterAsOf == 0 ? ""
                        : String.format(Locale.ROOT, ", %,d after the as-of date", afterAsOf));
    }

    /** One line per cap that withheld anything: how much, from how many events of how many members. */
    /** Why events were rejected, code by code: "rejected   INSUFFICIENT_POINTS 3, UNKNOWN_REDEMPTION 1". */
    static void printRejections(PrintWriter stdout, ReplayReport report) {
        if (!report.rejectionsByCode().isEmpty()) {
            stdout.println("  rejected   " + report.rejectionsByCode().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
    }

    static void printCapTrims(PrintWriter stdout, ReplayReport report) {
        report.capTrims().forEach((cap, t) -> {
            if (t.events > 0) {
                stdout.printf(Locale.ROOT, "  cap        %s withheld %s from %,d event%s of %,d member%s%n", cap,
                        report.rewardText(t.withheld.value()), t.events, t.events == 1 ? "" : "s", t.members.size(),
                        t.members.size() == 1 ? "" : "s");
            }
        });
    }

    /** How many input records the reader did not send as events, when there are some; {@code why} says where. */
    static void printUnsent(PrintWriter stdout, ReplayReport report, String why) {
        if (!report.input().unsent().isEmpty()) {
            stdout.printf(Locale.ROOT, "  not sent   %,d input records the reader did not send as events, or sent in"
                    + " part (%s)%n", report.input().unsent().size(), why);
        }
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        CommandLine cl = spec.commandLine();
        Path out = output.out;
        PrintWriter stdout = cl.getOut();
        ReplayReport report;
        StoreLanding landing = null;
        if (store == null) {
            report = output.replay(options, cl);
        } else {
            OutFolder.check(out, cl);
            int threads = output.threads;
            try (StoreOptions.Opened opened = storeOptions.open(spec.commandLine(), store, threads, null)) {
                landing = new StoreLanding(opened.store(), threads, StoreOptions.shown(store));
                report = replay(options, cl, threads, !output.noProgress, landing);
            }
        }
        LoadedEvents input = report.input();
        ProgramSettings settings = report.settings();
        ReplayResult result = report.result();
        Instant reviewUntil = report.reviewUntil();
        boolean removedStale;
        try {
            removedStale = report.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.println("loyalty run: program " + settings.id() + " " + settings.version() + ", events "
                + input.source() + " (" + input.format().cliName() + ")"
                + (reviewUntil == null ? "" : ", as of " + options.asOfText(reviewUntil, settings)));
        printEvents(stdout, report);
        // with --store, members, liability and tier mix are those of the members this run touched, and it says so
        String tiers = report.tierMix().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
        if (landing == null) {
            stdout.printf(Locale.ROOT, "  members    %,d: %s%n", result.members().size(), tiers);
        } else {
            stdout.printf(Locale.ROOT, "  members    %,d touched by this run (%,d stored before it, %,d new): %s%n",
                    result.members().size(), report.membersStoredBefore(),
                    result.members().size() - report.membersStoredBefore(), tiers);
            stdout.printf(Locale.ROOT, "  opening    %s (%s available, %s pending) of the members touched, "
                    + "as stored before this run%n", report.rewardText(report.openingAvailable()
                            .add(report.openingPending())), report.rewardFigure(report.openingAvailable()),
                    report.rewardFigure(report.openingPending()));
        }
        // a cashback program's figures are minor units of its currency: told as money, as the cap lines are
        // with what clawbacks could not recover and what adjustments added, when any, the line adds up to the
        // liability: issued - redeemed - expired - clawed back + unrecovered + adjusted
        String unrecovered = report.pointsUnrecovered().signum() == 0 ? ""
                : " (" + report.rewardFigure(report.pointsUnrecovered()) + " of it unrecovered)";
        String adjusted = report.pointsAdjusted().signum() == 0 ? ""
                : ", " + report.rewardFigure(report.pointsAdjusted()) + " adjusted";
        stdout.printf(Locale.ROOT, "  %-10s %s issued, %s redeemed, %s expired, %s clawed back%s%s%s%n",
                report.rewardLabel(), report.rewardFigure(report.pointsIssued()),
                report.rewardFigure(report.pointsRedeemed()), report.rewardFigure(report.pointsExpired()),
                report.rewardFigure(report.pointsClawedBack()), unrecovered, adjusted,
                landing == null ? "" : " by this run");
        stdout.printf(Locale.ROOT, "  liability  %s (%s available, %s pending)%s%n",
                report.rewardText(report.liabilityPoints()), report.rewardFigure(report.pointsAvailable()),
                report.rewardFigure(report.pointsPending()), landing == null ? "" : " of the members touched");
        printCapTrims(stdout, report);
        printRejections(stdout, report);
        if (landing != null) {
            stdout.printf(Locale.ROOT, "  store      %s: %,d member%s saved (%,d new), %,d unchanged%n",
                    StoreOptions.shown(store), landing.saved(), landing.saved() == 1 ? "" : "s", landing.created(),
                    landing.unchanged());
        }
        printUnsent(stdout, report, "unsent.csv says why");
        stdout.println("  output     " + out + " (members.csv, ledger.csv, tier_changes.csv, rejections.csv, "
                + (input.unsent().isEmpty() ? "" : ReplayReport.UNSENT + ", ") + "summary.json)");
        if (removedStale) {
            // bad lines are records that did not become events either: only stderr lists them
            int bad = input.problems().size();
            stdout.println("  removed    " + out.resolve(ReplayReport.UNSENT) + " of an earlier run: every record of "
                    + "this run became an event" + (bad == 0 ? "" : String.format(Locale.ROOT,
                    ", except its %,d bad line%s (listed on stderr)", bad, bad == 1 ? "" : "s")));
        }
        stdout.printf(Locale.ROOT, "  elapsed    %.2f s%n", seconds);
        return LoyaltyCli.OK;
    }
}
