package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a DRL file as the pack guard reads it: identifiers, string literals, member dots and other
 * punctuation, each with its line and column; comments and whitespace are skipped, so a name split over lines or
 * spaced out ({@code java . io . File}) is still one chain. Two readings exist: as written (the DRL parser and MVEL
 * do not translate unicode escapes) and as Java reads consequences (every backslash-u escape translated first, so
 * {@code \u0053ystem} is {@code System}); the guard checks both. Single-quoted literals are strings (MVEL) or chars
 * (Java), so a {@code '"'} does not open a string.
 */
final class DrlTokens {

    enum Kind { IDENTIFIER, STRING, DOT, OTHER }

    /** {@code text} is the identifier, the string's content or the punctuation; line and column count from 1. */
    record Token(Kind kind, String text, int line, int column) {

        /** Whether this is the identifier {@code word}. */
        boolean isWord(String word) {
            return kind == Kind.IDENTIFIER && text.equals(word);
        }
    }

    private DrlTokens() {
    }

    /** The tokens of {@code text}; {@code asJava} translates unicode escapes first, as the Java compiler does. */
    static List<Token> read(String text, boolean asJava) {
        int[] origin = new int[text.length() + 1];
        String source = asJava ? unescape(text, origin) : identity(text, origin);
        int[] lineStarts = lineStarts(text);
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            Kind kind;
            String value;
            if (c == '"' || c == '\'') {
                // ends at the closing quote or, conservatively, at the end of the line
                i++;
                StringBuilder content = new StringBuilder();
                while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
                    if (source.charAt(i) == '\\' && i + 1 < n && source.charAt(i + 1) != '\n') {
                        content.append(source.charAt(i));
                        i++;
                    }
                    content.append(source.charAt(i));
                    i++;
                }
                if (i < n && source.charAt(i) == c) {
                    i++;
                }
                kind = Kind.STRING;
                value = content.toString();
            } else if (Character.isJavaIdentifierStart(c)) {
                while (i < n && Character.isJavaIdentifierPart(source.charAt(i))) {
                    i++;
                }
                kind = Kind.IDENTIFIER;
                value = source.substring(start, i);
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_'
                        || (source.charAt(i) == '.' && i + 1 < n && Character.isDigit(source.charAt(i + 1))))) {
                    i++;
                }
                kind = Kind.OTHER;
                value = source.substring(start, i);
            } else if (c == '.' || ((c == '?' || c == '!') && i + 1 < n && source.charAt(i + 1) == '.')) {
                // a member access: '.', MVEL's '.?' and '?.', DRL's null-safe '!.'
                i += c == '.' ? 1 : 2;
                if (c == '.' && i < n && source.charAt(i) == '?') {
                    i++;
                }
                kind = Kind.DOT;
                value = ".";
            } else {
                i++;
                kind = Kind.OTHER;
                value = String.valueOf(c);
            }
            int at = origin[start];
            int line = line(lineStarts, at);
            tokens.add(new Token(kind, value, line + 1, at - lineStarts[line] + 1));
        }
        return tokens;
    }

    /**
     * {@code text} with its comments blanked and, when {@code strings}, the content of its string literals too (the
     * quotes stay), keeping every line break and column. Strings are read as {@link #read} reads them: double- or
     * single-quoted (MVEL strings, Java chars), a backslash escapes the next character, and a literal ends at its
     * closing quote or, conservatively, at the end of the line. The one scanner behind the lint's and the cross-checks'
     * views of the text, so they agree with the pack guard on what is code.
     */
    static String blank(String text, boolean strings) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    int length = text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) != '\n' ? 2 : 1;
                    out.append(strings ? " ".repeat(length) : text.substring(i, i + length));
                    i += length;
                }
                if (i < n && text.charAt(i) == c) {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String identity(String text, int[] origin) {
        for (int i = 0; i <= text.length(); i++) {
            origin[i] = i;
        }
        return text;
    }

    /** Translates backslash-u escapes as JLS 3.3 does; {@code origin[i]} is where the i-th char came from. */
    private static String unescape(String text, int[] origin) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int backslashes = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= text.length()
                        && text.substring(j, j + 4).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    origin[out.length()] = i;
                    out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
                    i = j + 4;
                    backslashes = 0;
                    continue;
                }
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            origin[out.length()] = i;
            out.append(c);
            i++;
        }
        origin[out.length()] = text.length();
        return out.toString();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 0-based line of offset {@code at}. */
    private static int line(int[] lineStarts, int at) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= at) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
