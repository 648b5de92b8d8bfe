package org.loyaltyrules.rules.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The decompressed bytes of a gzip file, counting the lines they complete, so that a truncated or corrupt file is
 * told in words with the line it reached ("the gzip data ends early after line 5,321: ..."), not as
 * "Unexpected end of ZLIB input stream". The count runs ahead of what a buffered reader has handed out, which is
 * right for the message: every line up to it was decompressed whole.
 */
final class GzipText extends FilterInputStream {

    private long lines;

    private GzipText(GZIPInputStream in) {
        super(in);
    }

    /** Reads the gzip header at once: a file cut inside it is told like one cut later. */
    static InputStream of(InputStream compressed, int size) throws IOException {
        try {
            return new GzipText(new GZIPInputStream(compressed, size));
        } catch (IOException e) {
            throw damaged(e, 0);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b == '\n') {
                lines++;
            }
            return b;
        } catch (IOException e) {
            throw damaged(e, lines);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw damaged(e, lines);
        }
        for (int i = off; i < off + n; i++) {
            if (b[i] == '\n') {
                lines++;
            }
        }
        return n;
    }

    private static IOException damaged(IOException e, long lines) {
        String where = lines == 0 ? "in its first line" : String.format(Locale.ROOT, "after line %,d", lines);
        if (e instanceof EOFException) {
            return new IOException("the gzip data ends early, " + where + ": the file is truncated or corrupt; "
                    + "download or copy it again", e);
        }
        if (e instanceof ZipException) {
            return new IOException("the gzip data is corrupt " + where + " (" + e.getMessage() + "): download or "
                    + "copy the file again", e);
        }
        return e;
    }
}
