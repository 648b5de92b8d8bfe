package org.loyaltyrules.examples.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A percentage line on stderr, rewritten in place with {@code \r}, for inputs large enough to make people wait
 * (more than {@value #THRESHOLD} events). Only for a person watching: silent when stderr is not a terminal (a log
 * file, a pipe, a cron job), under CI=true and with --no-progress.
 */
final class Progress {

    static final int THRESHOLD = 10_000;

    private final PrintWriter err;
    private final long total;
    private final boolean on;
    private final String what;
    private final String unit;
    private long done;
    private int shown = -1;

    Progress(PrintWriter err, long total, boolean enabled) {
        this(err, total, enabled, "replaying", "events");
    }

    /** A line "{@code what} N% (done/total unit)", e.g. "saving members 40% (4000/10000 members)". */
    Progress(PrintWriter err, long total, boolean enabled, String what, String unit) {
        this(err, total, wanted(enabled, System.getenv("CI"), stderrIsTerminal()), what, unit, THRESHOLD);
    }

    /** Whether a person may be watching: not switched off (--no-progress, CI=true), and stderr a terminal. */
    static boolean wanted(boolean enabled, String ci, boolean stderrIsTerminal) {
        return enabled && !"true".equalsIgnoreCase(ci) && stderrIsTerminal;
    }

    /**
     * Whether file descriptor 2 is a terminal. Java has no isatty: on Linux /proc tells where fd 2 points; elsewhere
     * a console (a terminal on JDK 22+, where there is always a Console) is the best sign there is.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // unreadable: fall back to the console below
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console); // JDK 22+
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 there is a console only when the JVM runs in a terminal
        }
    }

    /** As above, whatever the environment, shown for more than {@code threshold} items (for tests). */
    Progress(PrintWriter err, long total, boolean enabled, String what, String unit, long threshold) {
        this.what = what;
        this.unit = unit;
        this.err = err;
        this.total = total;
        this.on = enabled && total > threshold;
    }

    void step() {
        if (!on) {
            return;
        }
        done++;
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent != shown) {
            shown = percent;
            err.print("\r" + what + " " + percent + "% (" + Math.min(done, total) + "/" + total + " " + unit + ")");
            err.flush();
        }
    }

    void finish() {
        if (on && shown >= 0) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
    }
}
