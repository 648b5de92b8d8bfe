package org.loyaltyrules.rules.program;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Locale;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The text of a program's files (program.json, rule files, scenarios) as the engine's own packages read them: UTF-8,
 * without a leading byte-order mark, and where it is not JSON. Not an API: public only so that the loader and the
 * scenario reader share it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProgramText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /**
     * A character that is neither white space nor a control character: an id or a name must hold one, in event files
     * and scenarios alike (the scenario schema's {@code pattern} for names and ids), so "\u00a0" and "\u0001" are blank.
     */
    public static final Pattern VISIBLE = Pattern.compile(
            "[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]");
    /** How Jackson starts the location it appends to a message, "[Source: REDACTED (...); line: 1, column: 12]". */
    private static final String JACKSON_SOURCE = "\\[Source: ";

    private ProgramText() {
    }

    /** Whether {@code text} holds a character that is neither white space nor a control character. */
    public static boolean visible(String text) {
        return VISIBLE.matcher(text).find();
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
                    notUtf8(bytes[bad] & 0xFF, lineOf(bytes, bad)))));
        }
        return withoutByteOrderMark(out.flip().toString());
    }

    /**
     * What every reader of text says of a byte that is not UTF-8 (a file saved as Latin-1 or Windows-1252), with the
     * line it is on: "not UTF-8 text (byte 0xE9 at line 3 is not UTF-8); save it as UTF-8".
     */
    public static String notUtf8(int badByte, long line) {
        return String.format(Locale.ROOT, "not UTF-8 text (byte 0x%02X at line %d is not UTF-8); save it as UTF-8",
                badByte, line);
    }

    /**
     * A JSON syntax error located {@code source:line:column}, its message without Jackson's asides about its own
     * settings ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)", "bound as ...").
     */
    public static Problem syntaxProblem(JsonProcessingException e, String source) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? source
                : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new Problem(where, syntaxMessage(e.getOriginalMessage()));
    }

    static String syntaxMessage(String jackson) {
        if (jackson.startsWith("Trailing token")) {
            // FAIL_ON_TRAILING_TOKENS: a second value after the first, e.g. two objects pasted one after the other
            return "more JSON after the end of the first value; the file must hold one JSON object";
        }
        return jackson
                // a close marker with nothing open, e.g. "}}}" after the object: Jackson's "expected ']'" misleads
                .replaceAll(": expected '.' \\(for root starting at " + JACKSON_SOURCE + ".*$",
                        " where no object or array is open")
                .replaceAll("\\s*\\(start marker at " + JACKSON_SOURCE + "[^\\]]*?line: (\\d+), column: (\\d+)\\]\\)",
                        " (opened at line $1, column $2)")
                .replaceAll("\\s*\\(for (\\w+) starting at " + JACKSON_SOURCE
                        + "[^\\]]*?line: (\\d+), column: (\\d+)\\]\\)", " (for the $1 opened at line $2, column $3)")
                .replaceAll("\\s*\\((?:start marker at|for \\w+ starting at) " + JACKSON_SOURCE + ".*$", "")
                .replaceAll("\\s*\\(bound as `[^`]*`\\): not allowed as per `[^`]*`", "");
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
