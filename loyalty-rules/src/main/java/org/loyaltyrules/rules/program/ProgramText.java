package org.loyaltyrules.rules.program;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The text of a program's files (program.json, rule files, scenarios) as the engine's own packages read them: UTF-8,
 * without a leading byte-order mark. Not an API: public only so that the loader and the scenario reader share it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProgramText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ProgramText() {
    }

    /** The text of {@code file}; a {@link ProgramException} located at {@code location} when it is not UTF-8. */
    public static String read(Path file, String location) throws IOException {
        return decode(Files.readAllBytes(file), location);
    }

    /**
     * {@code bytes} as UTF-8 text, without one leading byte-order mark; a {@link ProgramException} located at
     * {@code location} that names the line of the first byte that is not UTF-8.
     */
    public static String decode(byte[] bytes, String location) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            throw new ProgramException(location + " is not UTF-8 text", List.of(new Problem(location,
                    "not UTF-8 text (byte 0x%02X at line %d is not UTF-8); save it as UTF-8"
                            .formatted(bytes[bad] & 0xFF, lineOf(bytes, bad)))));
        }
        return withoutByteOrderMark(out.flip().toString());
    }

    // a newline byte is never part of a multi-byte UTF-8 sequence, so lines can be counted in the raw bytes
    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    // Windows editors (Notepad, Excel's "CSV UTF-8") start UTF-8 files with U+FEFF; Jackson reads it from a String as
    // an unexpected character and Drools as an empty token, so one is dropped here and any other is left to them
    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
