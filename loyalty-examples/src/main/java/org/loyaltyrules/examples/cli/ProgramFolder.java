package org.loyaltyrules.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Where the program comes from: {@code --program DIR}, or the default retail-basic reference program. */
final class ProgramFolder {

    static final Path DEFAULT = Path.of("loyalty-examples", "programs", "retail-basic");
    // run from inside loyalty-examples/
    static final Path DEFAULT_INSIDE_MODULE = Path.of("programs", "retail-basic");

    private ProgramFolder() {
    }

    /** The folder to load, relative to the working directory; a usage error when it does not exist. */
    static Path resolve(Path given, CommandLine commandLine) {
        if (given != null) {
            return require(given, "--program", commandLine);
        }
        for (Path candidate : new Path[] {DEFAULT, DEFAULT_INSIDE_MODULE}) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new CommandLine.ParameterException(commandLine, "no --program given and no default program at "
                + DEFAULT + " or " + DEFAULT_INSIDE_MODULE + " (relative to " + Path.of("").toAbsolutePath() + ")");
    }

    /** {@code given}, the value of {@code option}; a usage error when it is a file or does not exist. */
    static Path require(Path given, String option, CommandLine commandLine) {
        if (Files.isRegularFile(given)) {
            throw new CommandLine.ParameterException(commandLine, option + " must be a program folder (with "
                    + "program.json), was the file " + given);
        }
        if (!Files.isDirectory(given)) {
            throw new CommandLine.ParameterException(commandLine, option + ": program folder not found: " + given);
        }
        return given;
    }
}
