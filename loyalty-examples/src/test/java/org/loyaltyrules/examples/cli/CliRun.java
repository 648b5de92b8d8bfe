package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    static Path resource(String name) {
        try {
            return Path.of(CliRun.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
