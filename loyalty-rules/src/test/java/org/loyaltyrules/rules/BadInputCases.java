package org.loyaltyrules.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loyaltyrules.rules.program.Problem;

/**
 * One catalogued bad input and the problems it must be answered with, read from a {@code bad-inputs/*.cases} test
 * resource. The format (also in bad-inputs/README.md):
 *
 * <pre>
 * # a comment line (a line starting with '#' but not "## ")
 * ## the case's title
 * the input: one or more lines, kept as they are
 * at: the expected location of the first problem
 * is: the expected message of the first problem
 * at: ... (one at/is pair per expected problem, in order)
 * </pre>
 */
record BadInputCases(String family, String title, int line, String input, List<Problem> expected) {

    private static final String TITLE = "## ";
    private static final String AT = "at: ";
    private static final String IS = "is: ";

    @Override
    public String toString() {
        return title;
    }

    /** Every case of {@code bad-inputs/<family>.cases}, in file order. */
    static List<BadInputCases> read(String family) {
        String resource = "/bad-inputs/" + family + ".cases";
        String text;
        try (InputStream in = BadInputCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<BadInputCases> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith(TITLE)) {
                if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                    throw new IllegalStateException(resource + ":" + (i + 1) + ": expected \"## title\", was " + lines[i]);
                }
                i++;
                continue;
            }
            int start = i + 1;
            String title = lines[i].substring(TITLE.length()).trim();
            i++;
            List<String> input = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith(AT) && !lines[i].startsWith(TITLE)) {
                input.add(lines[i]);
                i++;
            }
            List<Problem> expected = new ArrayList<>();
            while (i < lines.length && lines[i].startsWith(AT)) {
                if (i + 1 >= lines.length || !lines[i + 1].startsWith(IS)) {
                    throw new IllegalStateException(resource + ":" + (i + 2) + ": expected \"is: message\" after \"at:\"");
                }
                expected.add(new Problem(lines[i].substring(AT.length()), lines[i + 1].substring(IS.length())));
                i += 2;
            }
            while (!input.isEmpty() && input.get(input.size() - 1).isBlank()) {
                input.remove(input.size() - 1);
            }
            cases.add(new BadInputCases(family, title, start, String.join("\n", input), expected));
        }
        return cases;
    }

    /** Writes the cases with {@code actual} problems as expectations (a first draft to read, never to trust). */
    static void record(String family, List<BadInputCases> cases, java.util.Map<String, List<Problem>> actual, Path dir) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < cases.size(); c++) {
            out.append(TITLE).append(cases.get(c).title).append('\n').append(cases.get(c).input).append('\n');
            for (Problem p : actual.getOrDefault(cases.get(c).title, List.of(new Problem("?", "not recorded")))) {
                out.append(AT).append(p.location()).append('\n').append(IS).append(p.message()).append('\n');
            }
            out.append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(family + ".cases"), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
