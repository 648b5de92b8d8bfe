package org.loyaltyrules.rules.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.loyaltyrules.rules.program.ProgramText;

/**
 * The text of UTF-8 bytes, where a byte that is not UTF-8 is read as U+FFFD and remembered with its line, so that the
 * reader of that line can refuse it as a bad line ({@link #notUtf8Through}) rather than read "Jos\u00e9" and
 * "Jos\u00e1" of a Latin-1 file as one name, as a replacing decoder does. Lines end as {@link
 * java.io.BufferedReader#readLine} ends them: at LF, CR or CR LF.
 */
final class Utf8Lines extends Reader {

    private static final char REPLACEMENT = '\uFFFD';

    /** The first byte of a line that is not UTF-8. */
    private record BadByte(long line, int value) {
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes;
    private final Deque<BadByte> badBytes = new ArrayDeque<>();
    private boolean endOfInput;
    private long line = 1;
    private boolean afterCarriageReturn;

    /** The second half of a surrogate pair decoded by a read that had room for one char. */
    private int pending = -1;

    /** Reads {@code in} through a buffer of {@code size} bytes, at least the 4 of the longest UTF-8 character. */
    Utf8Lines(InputStream in, int size) {
        if (size < 4) {
            throw new IllegalArgumentException("size must be >= 4, was " + size);
        }
        this.in = in;
        this.bytes = ByteBuffer.allocate(size).flip(); // empty, ready to be read from
    }

    /**
     * The problem of the first byte that is not UTF-8 on the lines up to {@code through} that was not told yet, or
     * null; the bad bytes of those lines are forgotten. The lines up to {@code through} must have been read.
     */
    String notUtf8Through(long through) {
        BadByte first = null;
        while (!badBytes.isEmpty() && badBytes.peekFirst().line() <= through) {
            BadByte b = badBytes.pollFirst();
            first = first == null ? b : first;
        }
        return first == null ? null : ProgramText.notUtf8(first.value(), first.line());
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (pending >= 0) {
            into[offset] = (char) pending;
            pending = -1;
            return 1;
        }
        if (length == 1) {
            // a character beyond U+FFFF is two chars, which a decoder writes only together
            char[] pair = new char[2];
            int read = read(pair, 0, 2);
            if (read <= 0) {
                return read;
            }
            into[offset] = pair[0];
            pending = read == 2 ? pair[1] : -1;
            return 1;
        }
        CharBuffer out = CharBuffer.wrap(into, offset, length);
        while (true) {
            int before = out.position();
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            countLines(into, before, out.position());
            if (result.isError() && out.hasRemaining()) {
                // without room for its U+FFFD, the byte is left for the next read, which meets it again
                if (badBytes.isEmpty() || badBytes.peekLast().line() != line) {
                    badBytes.addLast(new BadByte(line, bytes.get(bytes.position()) & 0xFF));
                }
                bytes.position(bytes.position() + result.length());
                out.put(REPLACEMENT);
                afterCarriageReturn = false;
            } else if (result.isUnderflow() && !endOfInput && (out.position() == offset
                    || out.hasRemaining() && in.available() > 0)) {
                // as InputStreamReader: on while bytes are at hand, so a gzip file cut short fails its first read
                fill();
            } else {
                int read = out.position() - offset;
                return read == 0 ? -1 : read;
            }
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void countLines(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
                line++;
            }
            afterCarriageReturn = c == '\r';
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
