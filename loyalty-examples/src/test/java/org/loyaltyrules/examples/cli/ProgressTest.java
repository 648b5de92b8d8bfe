package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: one rewrite per percent, wiped at the end, silent for small inputs or when switched off. */
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
}
