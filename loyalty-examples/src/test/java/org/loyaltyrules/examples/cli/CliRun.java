package org.loyaltyrules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** One in-process invocation of the loyalty command: exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static final Path DEMO_PROGRAM = resource("cli/retail-demo");
    static final Path EVENTS = resource("cli/events.jsonl");

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoyaltyCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * {@code command} (run, report, insight, settlement or what-if) replaying {@code events} through the demo program
     * (as both base and candidate for what-if, which writes nothing), into {@code out}, without progress, with the
     * options {@code more}.
     */
    static CliRun replaying(String command, Path events, Path out, String... more) {
        String[] args = command.equals("what-if")
                ? new String[] {command, "--base", DEMO_PROGRAM.toString(), "--candidate", DEMO_PROGRAM.toString(),
                        "--events", events.toString(), "--no-progress"}
                : new String[] {command, "--program", DEMO_PROGRAM.toString(), "--events", events.toString(), "--out",
                        out.toString(), "--no-progress"};
        return of(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                .toArray(String[]::new));
    }

    /** The demo program plus a rule that divides by zero on purchases over 100, in {@code dir/program}. */
    static Path demoProgramWithABrokenRule(Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("program/rules/earning"));
        Files.copy(DEMO_PROGRAM.resolve("program.json"), dir.resolve("program/program.json"));
        Files.writeString(rules.resolve("boom.drl"), """
                package org.loyaltyrules.rules.earning;

                import org.loyaltyrules.rules.facts.*;

                rule "Large purchases break"
                    @intent("A broken rule, to see how a failure is told")
                    ruleflow-group "earning"
                when
                    EligiblePurchase( $event : eventId, eligibleAmount > 100 )
                then
                    int zero = 0;
                    insert( PointsAward.fixed( $event, "never", 1 / zero ) );
                end
                """);
        return dir.resolve("program");
    }

    static Path resource(String name) {
        try {
            return Path.of(CliRun.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
