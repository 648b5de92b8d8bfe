package org.loyaltyrules.rules.program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The text of {@code file}. */
    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    /** {@code bytes} as UTF-8 text, without one leading byte-order mark. */
    public static String decode(byte[] bytes) {
        return withoutByteOrderMark(new String(bytes, StandardCharsets.UTF_8));
    }

    // Windows editors (Notepad, Excel's "CSV UTF-8") start UTF-8 files with U+FEFF; Jackson reads it from a String as
    // an unexpected character and Drools as an empty token, so one is dropped here and any other is left to them
    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
