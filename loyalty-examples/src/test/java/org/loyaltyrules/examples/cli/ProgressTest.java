package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The progress line: one rewrite per percent, wiped at the end, silent for small inputs or when switched off, and
 * shown only to a terminal. The tests force it on with the constructor that ignores the environment.
 */
class ProgressTest {

    private static String run(long total, long steps, boolean enabled) {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text, true), total, enabled, "base replay", "events", 10);
        for (long i = 0; i < steps; i++) {
            progress.step();
        }
        progress.finish();
        return text.toString();
    }

    @Test
    void each_percent_is_written_once_in_place_and_the_line_is_wiped_at_the_end() {
        String out = run(200, 200, true);

        // the 3rd item is still 1 %: no rewrite
        assertThat(out).startsWith("\rbase replay 0% (1/200 events)\rbase replay 1% (2/200 events)"
                + "\rbase replay 2% (4/200 events)");
        assertThat(out.split("\r")).hasSize(1 + 101 + 1); // nothing before the first \r, 0..100 %, then the blanks
        assertThat(out).contains("\rbase replay 50% (100/200 events)")
                .endsWith("\rbase replay 100% (200/200 events)\r" + " ".repeat(60) + "\r");
    }

    @Test
    void more_steps_than_items_stay_at_one_hundred_percent() {
        // a replay's listener also hears the end-of-history reviews, one per member
        String out = run(20, 25, true);

        assertThat(out).contains("\rbase replay 100% (20/20 events)").doesNotContain("(21/20");
    }

    @Test
    void nothing_is_written_for_small_inputs_or_when_switched_off() {
        assertThat(run(10, 10, true)).isEmpty();
        assertThat(run(200, 200, false)).isEmpty();
    }

    @Test
    void progress_is_wanted_only_on_a_terminal_and_never_under_ci_or_no_progress() {
        assertThat(Progress.wanted(true, null, true)).isTrue();
        assertThat(Progress.wanted(true, "false", true)).isTrue();
        assertThat(Progress.wanted(true, null, false)).as("stderr a file or a pipe").isFalse();
        assertThat(Progress.wanted(true, "true", true)).as("CI=true").isFalse();
        assertThat(Progress.wanted(true, "TRUE", true)).as("CI=TRUE").isFalse();
        assertThat(Progress.wanted(false, null, true)).as("--no-progress").isFalse();
    }

    @Test
    void stderr_redirected_to_a_file_is_not_a_terminal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // given: a JVM whose stderr goes to a file, as with 2>run.err
        java.nio.file.Path err = dir.resolve("run.err");
        Process probe = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), StderrProbe.class.getName())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.INHERIT).start();

        // when
        String answer = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        // then
        assertThat(probe.waitFor()).isZero();
        assertThat(answer.trim()).isEqualTo("stderr is a terminal: false");
    }

    /** Prints what Progress sees of its own stderr. */
    static final class StderrProbe {
        public static void main(String[] args) {
            System.out.println("stderr is a terminal: " + Progress.stderrIsTerminal());
        }
    }
}
