package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program folder's files as editors save them: UTF-8, sometimes with a byte-order mark (Windows Notepad). */
class ProgramLoadEncodingTest {

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

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
        write(dir.resolve("program.json"), BYTE_ORDER_MARK, PROGRAM_JSON);

        // when
        Program program = Program.load(dir);

        // then
        assertThat(program.id()).isEqualTo("bom-demo");
    }

    @Test
    void a_rule_file_starting_with_a_byte_order_mark_compiles_and_fires() throws IOException {
        // given
        write(dir.resolve("program.json"), new byte[0], PROGRAM_JSON);
        write(dir.resolve("rules/earning/welcome-bonus.drl"), BYTE_ORDER_MARK, WELCOME_BONUS);

        // when
        Decision decision = LoyaltyEngine.load(dir).apply(null,
                Programs.purchase("p1", "m1", "2025-03-03T10:00:00Z", "20.00"));

        // then: 20 base + 5 welcome
        assertThat(decision.pointsAwarded()).isEqualTo(25L);
    }

    private static void write(Path file, byte[] prefix, String text) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(body, 0, bytes, prefix.length, body.length);
        Files.write(file, bytes);
    }
}
