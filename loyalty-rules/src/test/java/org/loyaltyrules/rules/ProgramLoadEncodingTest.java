package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramException;

/**
 * A program folder's files as editors save them: UTF-8, sometimes with a byte-order mark (Windows Notepad), or by
 * mistake in Latin-1.
 */
class ProgramLoadEncodingTest {

    private static final String PROGRAM_JSON = """
            {"id": "bom-demo", "version": "1", "currency": "USD",
             "earning": {"baseRate": "1"}, "tiers": {"ladder": [{"id": "member", "threshold": "0"}]}}
            """;

    private static final String WELCOME_BONUS = """
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Every purchase earns a five point welcome bonus"
                @intent("A program rule file saved with a byte-order mark")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "welcome bonus", 5 ) );
            end
            """;

    @TempDir
    Path dir;

    @Test
    void a_program_json_starting_with_a_byte_order_mark_loads() throws IOException {
        // given
        writeWithByteOrderMark(dir.resolve("program.json"), PROGRAM_JSON);

        // when
        Program program = Program.load(dir);

        // then
        assertThat(program.id()).isEqualTo("bom-demo");
    }

    @Test
    void a_rule_file_starting_with_a_byte_order_mark_compiles_and_fires() throws IOException {
        // given
        Files.writeString(dir.resolve("program.json"), PROGRAM_JSON);
        writeWithByteOrderMark(dir.resolve("rules/earning/welcome-bonus.drl"), WELCOME_BONUS);

        // when
        Decision decision = LoyaltyEngine.load(dir).apply(null,
                Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "20.00"));

        // then: 20 base + 5 welcome
        assertThat(decision.pointsAwarded()).isEqualTo(25L);
    }

    @Test
    void rule_files_that_are_not_utf8_are_each_named_with_the_line_of_their_first_bad_byte() throws IOException {
        // given: 'é' saved as Latin-1 (0xE9) on line 2 of one file; another ends half-way into a UTF-8 'é' (0xC3 0xA9)
        Files.writeString(dir.resolve("program.json"), PROGRAM_JSON);
        writeThenRawBytes(dir.resolve("rules/earning/cafe.drl"), "package org.loyaltyrules.rules.earning;\n// caf",
                0xE9, '\n');
        writeThenRawBytes(dir.resolve("rules/risk/cut.drl"), "// ", 0xC3);

        // when
        ProgramException error = catchThrowableOfType(() -> Program.load(dir), ProgramException.class);

        // then
        String rules = dir.resolve("rules").toString();
        assertThat(error.problems()).containsExactly(
                new Problem(rules + "/earning/cafe.drl",
                        "not UTF-8 text (byte 0xE9 at line 2 is not UTF-8); save it as UTF-8"),
                new Problem(rules + "/risk/cut.drl",
                        "not UTF-8 text (byte 0xC3 at line 1 is not UTF-8); save it as UTF-8"));
        assertThat(error).hasMessageStartingWith("cannot read the rule files under " + rules + ":");
    }

    @Test
    void a_program_json_that_is_not_utf8_is_named_and_validate_reports_it() throws IOException {
        // given
        writeThenRawBytes(dir.resolve("program.json"), "{\"id\": \"", 0xFF);

        // when
        ValidationReport report = LoyaltyEngine.validate(dir);

        // then
        assertThat(report.errors()).containsExactly(new Problem(dir.resolve("program.json").toString(),
                "not UTF-8 text (byte 0xFF at line 1 is not UTF-8); save it as UTF-8"));
    }

    /** {@code text} in UTF-8 followed by raw {@code bytes}. */
    private static void writeThenRawBytes(Path file, String text, int... bytes) throws IOException {
        byte[] tail = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            tail[i] = (byte) bytes[i];
        }
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        Files.write(file, tail, StandardOpenOption.APPEND);
    }

    private static void writeWithByteOrderMark(Path file, String text) throws IOException {
        writeThenRawBytes(file, "", 0xEF, 0xBB, 0xBF);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }
}
