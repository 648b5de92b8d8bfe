package org.loyaltyrules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;
import org.loyaltyrules.core.program.CountingPeriod;
import org.loyaltyrules.rules.Settlement;
import org.loyaltyrules.rules.program.ProgramSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "settlement", mixinStandardHelpOptions = true,
        description = "Replay events through a coalition program and write what each partner and the program owe each "
                + "other per period to --out/settlement.csv, and the events the program refused (so settled with no "
                + "one) to --out/rejections.csv.")
final class SettlementCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EventOptions options;

    @Mixin
    ReplayOutput output;

    @Option(names = "--period", paramLabel = "PERIOD", converter = CalendarPeriod.class,
            description = "DAY, WEEK, MONTH (default) or YEAR, in the program's zone; labelled 2025-03-09, "
                    + "2025-W05, 2025-03, 2025.")
    CountingPeriod period = CountingPeriod.MONTH;

    /** Only the periods a settlement can use: a membership year or the lifetime is a usage error, as QUARTER is. */
    static final class CalendarPeriod implements CommandLine.ITypeConverter<CountingPeriod> {
        @Override
        public CountingPeriod convert(String value) {
            return Settlement.PERIODS.stream().filter(p -> p.name().equalsIgnoreCase(value.trim())).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("must be one of "
                            + Settlement.PERIODS.stream().map(Enum::name).collect(Collectors.joining(", "))
                            + " (case-insensitive), was '" + value + "'"));
        }
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter stdout = cl.getOut();
        ReplayReport report = output.replay(options, cl);
        Path out = output.out;
        ProgramSettings settings = report.settings();
        // the applied events only: a refused copy of an id must not name the partner of the applied one
        Settlement settlement = Settlement.of(settings, report.applied(), report.result().postings(), period);
        try {
            Files.createDirectories(out);
            try (Writer w = Files.newBufferedWriter(out.resolve("settlement.csv"));
                 CSVPrinter csv = new CSVPrinter(w, ReplayReport.CSV.builder().setHeader("partner", "period",
                         "points_issued", "points_clawed_back", "points_redeemed", "owed_by_partner", "owed_to_partner",
                         "net").build())) {
                for (Settlement.Row row : settlement.rows()) {
                    csv.printRecord(row.partner(), row.period(), row.pointsIssued(), row.pointsClawedBack(),
                            row.pointsRedeemed(), row.owedByPartner().toPlainString(),
                            row.owedToPartner().toPlainString(), row.net().toPlainString());
                }
            }
            report.writeRejections(out.resolve("rejections.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
        stdout.printf(Locale.ROOT, "loyalty settlement: program %s %s, %d partner-periods (%s)%n", settings.id(),
                settings.version(), settlement.rows().size(), settings.currency());
        for (Settlement.Row row : settlement.rows()) {
            stdout.printf(Locale.ROOT, "  %-12s %-8s issued %,d, clawed back %,d, redeemed %,d: partner owes %s, "
                            + "program owes %s, net %s%n", row.partner(), row.period(), row.pointsIssued(),
                    row.pointsClawedBack(), row.pointsRedeemed(), row.owedByPartner().toPlainString(),
                    row.owedToPartner().toPlainString(), row.net().toPlainString());
        }
        // a partner is credited with a refund's whole clawback; what members had already spent is the program's cost
        // (the total is over all members: a purchase at no partner can leave points unrecovered too)
        stdout.printf(Locale.ROOT, "  unrecovered %,d points: refunded points members had already spent (all "
                + "members); partners are credited for their refunded sales in full%n", report.pointsUnrecovered());
        if (!report.rejectionsByCode().isEmpty()) {
            // a refused purchase earns nothing and bills no partner: a billing document must not lose it silently
            stdout.println("  rejected   " + report.rejectionsByCode().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                    + ": settled with no partner (rejections.csv says why)");
        }
        stdout.println("  output     " + out + " (settlement.csv, rejections.csv)");
        if (settings.partners().isEmpty()) {
            cl.getErr().println("warning: program " + settings.id() + " has no partners (program.json \"partners\"), "
                    + "so there is nothing to settle: settlement is for coalition programs (docs/program-types.md)");
        }
        return LoyaltyCli.OK;
    }
}
