package org.loyaltyrules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.ValidationReport;
import org.loyaltyrules.rules.program.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a program folder (program.json and rules/**/*.drl) without running it: one line per "
                + "problem, 'error: location: message' or 'warning: location: message', on stdout; exit 0 when "
                + "there is no error, 1 when there is one, 2 when --program names no folder.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--program", paramLabel = "DIR",
            description = "Program folder (default: loyalty-examples/programs/retail-basic or programs/retail-basic).")
    Path program;

    @Override
    public Integer call() {
        Path folder = ProgramFolder.resolve(program, spec.commandLine());
        ValidationReport report;
        try {
            report = LoyaltyEngine.validate(folder);
        } catch (IllegalArgumentException e) {
            // validate() should turn every bad value into a located problem; some still escape as IAE
            report = new ValidationReport(folder.toString(),
                    List.of(new Problem(folder.resolve("program.json").toString(), e.getMessage())), List.of(), 0);
        }
        PrintWriter out = spec.commandLine().getOut();
        // labelled, so that with both kinds present the lines that block show at once
        for (Problem p : report.errors()) {
            out.println("error: " + p.location() + ": " + p.message());
        }
        for (Problem p : report.warnings()) {
            out.println("warning: " + p.location() + ": " + p.message());
        }
        if (report.ok()) {
            // what the program's own files do to the standard pack: a misnamed replacement shows as "added"
            org.loyaltyrules.rules.Program loaded = org.loyaltyrules.rules.Program.load(folder);
            loaded.ownRuleFiles().forEach((path, replaces) ->
                    out.println("  rules/" + path + ": " + (replaces ? "replaces the standard " + path
                            + (hasRule(folder.resolve("rules").resolve(path)) ? "" : " (holds no rule: switches it off)")
                            : "added to the standard pack")));
            if (loaded.settings().declares().monotoneInSpend()) {
                // validate cannot prove the claim (loyalty-testkit checks it); it shows what the tests will hold it to
                out.println("  declares: monotone in spend (more spend never earns fewer points)");
            }
            out.println("valid: " + folder + " (" + report.ruleCount() + " rules, " + report.warnings().size()
                    + " warning" + (report.warnings().size() == 1 ? "" : "s") + ")");
            return LoyaltyCli.OK;
        }
        out.println("invalid: " + folder + " (" + report.errors().size() + " error"
                + (report.errors().size() == 1 ? "" : "s") + ", " + report.warnings().size() + " warning"
                + (report.warnings().size() == 1 ? "" : "s") + ")");
        return LoyaltyCli.FAILED;
    }

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s");

    private static boolean hasRule(Path drl) {
        try {
            return RULE.matcher(Files.readString(drl)).find();
        } catch (IOException e) {
            return true; // read by validate a moment ago; say nothing rather than guess
        }
    }
}
