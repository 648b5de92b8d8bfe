package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.loyaltyrules.rules.RuleEvaluationException;
import org.loyaltyrules.rules.io.EventReadException;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code loyalty} command: {@code run} replays events through a program and writes members, ledger, tier
 * changes and a summary; {@code validate} checks a program folder; {@code explain} tells one member's story;
 * {@code test} runs scenario files; {@code what-if} compares two programs on one history.
 * Exit codes (README): 0 ok; 2 when the command line must change (unknown command or option, malformed value, missing
 * path or one of the wrong kind, unknown member); 1 when what it names is not valid, or the run failed.
 */
@Command(name = "loyalty", mixinStandardHelpOptions = true, version = "loyalty 0.1.0-SNAPSHOT",
        description = "Replay, validate, explain, test, compare and report on loyalty programs.",
        subcommands = {RunCommand.class, ValidateCommand.class, ExplainCommand.class, TestCommand.class,
                WhatIfCommand.class, ReportCommand.class, InsightCommand.class, SettlementCommand.class,
                MemberCommand.class, MigrateCommand.class, CommandLine.HelpCommand.class})
public final class LoyaltyCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + commands(spec.commandLine()));
    }

    /** "run, validate, ... or member": the commands of {@code command}, as registered (help left out). */
    static String commands(CommandLine command) {
        List<String> names = command.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** An unknown command named as such, with the commands there are, rather than "Unmatched argument at index 0". */
    private static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !e.getCommandLine().getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            CommandLine command = e.getCommandLine();
            boolean nested = command.getParent() != null;
            return "unknown " + (nested ? command.getCommandName() + " " : "") + "command '"
                    + unmatched.getUnmatched().get(0) + "'; commands: " + commands(command);
        }
        return e.getMessage();
    }

    /**
     * "Unknown option: '--bogus'" when the command line had arguments no option or parameter matched but picocli
     * reports another problem (a required option missing, a bad value), which it checks first: an unknown option is
     * always named, often the reason the others are missing. Null when there are none or {@code e} names them.
     */
    private static String unknownArguments(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException) {
            return null;
        }
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments(); // of the parse result
        return unmatched.isEmpty() ? null
                : new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unmatched).getMessage();
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (no System.exit: tests call this). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LoyaltyCli());
        // every command's help offers -V, --version: each prints the tool's version, not an empty line
        shareVersion(cli, cli.getCommandSpec().version());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --period week, as --format csv
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine.getErr()));
        cli.setParameterExceptionHandler((e, args1) -> {
            PrintWriter w = e.getCommandLine().getErr();
            String unknown = unknownArguments(e);
            if (unknown != null) {
                w.println(unknown);
            }
            w.println(message(e));
            w.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            w.flush();
            return USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static void shareVersion(CommandLine command, String[] version) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().version(version);
            }
            shareVersion(sub, version);
        }
    }

    /** Bad input is reported as problems, never as a bare stack trace (LOYALTY_DEBUG=1 adds the trace). */
    static int handle(Exception e, PrintWriter err) {
        if (e instanceof ProgramException) {
            err.println("program is not valid:");
            for (Problem p : ((ProgramException) e).problems()) {
                err.println("  " + p);
            }
        } else if (e instanceof EventReadException) {
            err.println("stopped at the first bad line (--strict):");
            for (Problem p : ((EventReadException) e).problems()) {
                err.println("  " + p);
            }
        } else if (e instanceof EventOptions.NoEvents none) {
            err.println(none.getMessage() + ":");
            for (Problem p : none.shown()) {
                err.println("  " + p);
            }
        } else if (e instanceof UncheckedIOException) {
            err.println("error: " + e.getMessage() + ": " + OutFolder.reason(((UncheckedIOException) e).getCause()));
        } else if (e instanceof IllegalArgumentException) {
            // a value the loader or a record constructor refused, e.g. a program number out of range
            err.println("error: " + e.getMessage());
        } else if (e.getCause() instanceof java.sql.SQLException sql) {
            err.println("database error: " + e.getMessage() + (e.getMessage() != null
                    && e.getMessage().contains(String.valueOf(sql.getMessage())) ? "" : ": " + sql.getMessage()));
        } else if (e instanceof IllegalStateException) {
            err.println("error: " + e.getMessage());
        } else if (e instanceof RuleEvaluationException) {
            err.println("rule failure: " + e.getMessage());
        } else {
            // as every other error: the message, without a Java class name (LOYALTY_DEBUG=1 shows the trace)
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (System.getenv("LOYALTY_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }
}
