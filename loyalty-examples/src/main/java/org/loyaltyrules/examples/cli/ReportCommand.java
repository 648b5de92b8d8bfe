package org.loyaltyrules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Replay events through a program, as run does, and write report.html to --out: one "
                + "self-contained page (no network) with charts and sortable tables of tiers, points by month, "
                + "liability, cost by rule, value pyramid, RFM segments, NPS, warnings and top members. Its numbers "
                + "are those of run's summary.json.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EventOptions options;

    @Mixin
    ReplayOutput output;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        ReplayReport report = output.replay(options, cl);
        Path out = output.out;
        Path file = out.resolve("report.html");
        try {
            new HtmlReport(report, report.reviewUntil() == null ? null
                    : options.asOfText(report.reviewUntil(), report.settings())).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.println("loyalty report: program " + report.settings().id() + " " + report.settings().version()
                + ", events " + report.input().source() + " (" + report.input().format().cliName() + ")"
                + (report.reviewUntil() == null ? ""
                        : ", as of " + options.asOfText(report.reviewUntil(), report.settings())));
        // the lines of run about the input and the caps, so that nothing run tells of goes unsaid here
        RunCommand.printEvents(stdout, report);
        stdout.printf(Locale.ROOT, "  members    %,d%n", report.result().members().size());
        RunCommand.printCapTrims(stdout, report);
        RunCommand.printRejections(stdout, report);
        RunCommand.printUnsent(stdout, report, "loyalty run lists them in unsent.csv, with the reason");
        stdout.println("  output     " + file);
        stdout.printf(Locale.ROOT, "  elapsed    %.2f s%n", seconds);
        return LoyaltyCli.OK;
    }
}
