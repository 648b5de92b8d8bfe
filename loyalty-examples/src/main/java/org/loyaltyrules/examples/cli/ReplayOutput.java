package org.loyaltyrules.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options run, report, insight and settlement share for where a replay's files go and how it runs. */
final class ReplayOutput {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Members replayed in parallel (default: the number "
            + "of processors). The output does not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "No progress line on stderr (also quiet when CI=true, "
            + "or when stderr is not a terminal).")
    boolean noProgress;

    /**
     * Checks --out before any work (a long replay is not wasted on a folder that cannot be written), then loads the
     * program and the events and replays them, as {@link RunCommand#replay} does.
     */
    ReplayReport replay(EventOptions events, CommandLine commandLine) {
        OutFolder.check(out, commandLine);
        return RunCommand.replay(events, commandLine, threads, !noProgress);
    }
}
