package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.scenario.Scenario;
import org.loyaltyrules.rules.scenario.ScenarioResult;
import org.loyaltyrules.rules.scenario.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a program's scenario tests (docs/scenarios.md); exit 0 when all pass, 1 otherwise.")
final class TestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--program", paramLabel = "DIR",
            description = "Program folder (default: loyalty-examples/programs/retail-basic or programs/retail-basic).")
    Path program;

    @Option(names = "--scenarios", paramLabel = "DIR", description = "Scenario folder (default: DIR/scenarios).")
    Path scenarios;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Path folder = ProgramFolder.resolve(program, cl);
        Path dir = scenarios != null ? scenarios : folder.resolve("scenarios");
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, "scenario folder not found: " + dir);
        }
        List<Scenario> all = Scenario.loadAll(dir);
        ScenarioRunner runner = ScenarioRunner.of(LoyaltyEngine.load(folder));
        PrintWriter out = cl.getOut();
        out.println("loyalty test: program " + folder + ", scenarios " + dir);
        int failed = 0;
        for (Scenario scenario : all) {
            ScenarioResult result = runner.run(scenario);
            out.print(result.report());
            failed += result.passed() ? 0 : 1;
        }
        out.println((failed == 0 ? "passed: " : "FAILED: ") + (all.size() - failed) + " of " + all.size()
                + " scenario" + (all.size() == 1 ? "" : "s") + " passed");
        return failed == 0 ? LoyaltyCli.OK : LoyaltyCli.FAILED;
    }
}
