package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.program.ProgramException;
import org.loyaltyrules.rules.scenario.Scenario;
import org.loyaltyrules.rules.scenario.ScenarioResult;
import org.loyaltyrules.rules.scenario.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a program's scenario tests (docs/scenarios.md): every *.json under the scenario folder and "
                + "its subfolders. The report goes to stdout; when a scenario fails, stderr says how many in one line. "
                + "Exit 0 when all pass; 1 when one fails, or the folder holds no scenario file; 2 when the folder "
                + "does not exist or is a file.")
final class TestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--program", paramLabel = "DIR",
            description = "Program folder (default: loyalty-examples/programs/retail-basic or programs/retail-basic).")
    Path program;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Scenario folder, searched with its subfolders (default: DIR/scenarios).")
    Path scenarios;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Path folder = ProgramFolder.resolve(program, cl);
        Path dir = scenarios != null ? scenarios : folder.resolve("scenarios");
        if (Files.isRegularFile(dir)) {
            throw new CommandLine.ParameterException(cl, (scenarios == null ? "" : "--scenarios ") + dir + " is a "
                    + "file, not a folder: name the folder that holds the scenario files (*.json)");
        }
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, "scenario folder not found: " + dir
                    + (scenarios == null ? " (the default, DIR/scenarios; --scenarios names another)" : ""));
        }
        List<Path> files = Scenario.files(dir);
        if (files.isEmpty()) {
            // "0 of 0 passed" with exit 0 would let a CI job pass that tests nothing
            cl.getErr().println("no scenario files (*.json) in " + dir);
            return LoyaltyCli.FAILED;
        }
        ScenarioRunner runner = ScenarioRunner.of(LoyaltyEngine.load(folder));
        PrintWriter out = cl.getOut();
        out.println("loyalty test: program " + folder + ", scenarios " + dir);
        int failed = 0;
        int invalid = 0;
        for (Path file : files) {
            Scenario scenario;
            try {
                scenario = Scenario.load(dir, file);
            } catch (ProgramException e) {
                // a file that is not a valid scenario is one failure; the other scenarios still run
                out.print(notAScenario(dir, file, e));
                failed++;
                invalid++;
                continue;
            }
            ScenarioResult result = runner.run(scenario);
            out.print(result.report());
            failed += result.passed() ? 0 : 1;
        }
        out.println((failed == 0 ? "passed: " : "FAILED: ") + (files.size() - failed) + " of " + files.size()
                + " scenario" + (files.size() == 1 ? "" : "s") + " passed");
        if (failed > 0) {
            // the report is the output; stderr says in one line why the exit code is 1, as for every command
            out.flush();
            cl.getErr().println(failed + " of " + files.size() + " scenario" + (files.size() == 1 ? "" : "s")
                    + " failed" + (invalid == 0 ? "" : ", " + invalid + " of them " + (invalid == 1
                    ? "a file that is not a valid scenario" : "files that are not valid scenarios"))
                    + " (the report on stdout says why)");
        }
        return failed == 0 ? LoyaltyCli.OK : LoyaltyCli.FAILED;
    }

    /** Like a failed scenario's report: FAIL and the file's name, then each problem with its location. */
    private static String notAScenario(Path dir, Path file, ProgramException e) {
        StringBuilder report = new StringBuilder("FAIL ").append(Scenario.defaultName(dir, file)).append('\n');
        e.problems().forEach(p -> report.append("     ").append(p).append('\n'));
        return report.toString();
    }
}
