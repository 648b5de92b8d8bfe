package org.loyaltyrules.examples.cli;

import java.io.PrintWriter;

/**
 * A percentage line on stderr, rewritten in place with {@code \r}, for inputs large enough to make people wait
 * (more than {@value #THRESHOLD} events). Silent under CI=true and with --no-progress.
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
        this(err, total, enabled && !"true".equalsIgnoreCase(System.getenv("CI")), what, unit, THRESHOLD);
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
