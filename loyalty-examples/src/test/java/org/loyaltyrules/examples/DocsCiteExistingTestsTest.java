package org.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs prove their claims by naming tests ({@code MoneyValueTest.minor_units_count_cents_exactly}); a test renamed
 * or removed leaves a claim that cites nothing. Every {@code Class.method} a doc names, where the class is a test
 * ({@code ...Test}, {@code ...Properties}), must be a method of that class in this repository. A name cut short with
 * {@code ...} must start a method's name.
 */
class DocsCiteExistingTestsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern CITED = Pattern.compile(
            "(?<![A-Za-z0-9_])([A-Z][A-Za-z0-9]*(?:Test|Properties))\\.([a-z][A-Za-z0-9_]*)(\\.\\.\\.|…)?");

    @Test
    void every_test_method_the_docs_cite_exists() throws IOException {
        Map<String, List<Path>> sources = testSources();
        List<String> missing = new ArrayList<>();
        int cited = 0;
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = CITED.matcher(lines.get(i));
                while (m.find()) {
                    String cls = m.group(1);
                    String method = m.group(2);
                    boolean cutShort = m.group(3) != null;
                    cited++;
                    if (!declares(sources.getOrDefault(cls, List.of()), method, cutShort)) {
                        missing.add(ROOT.relativize(doc) + ":" + (i + 1) + " cites " + cls + "." + method
                                + (cutShort ? "..." : "") + (sources.containsKey(cls) ? ", which that class lacks"
                                : ", but no class " + cls + " exists"));
                    }
                }
            }
        }
        assertThat(missing).as("tests the docs cite").isEmpty();
        assertThat(cited).as("citations found (the docs cite about 136 test methods)").isGreaterThan(100);
    }

    @Test
    void a_citation_of_a_removed_test_is_found() throws IOException {
        // the check itself: reliability.md once cited a DrlGuardTest method that a later change removed
        Map<String, List<Path>> sources = testSources();
        assertThat(declares(sources.get("DrlGuardTest"),
                "a_declared_type_used_by_a_consequence_is_refused_because_the_guard_fails_closed", false)).isFalse();
        assertThat(declares(sources.get("DrlLintTest"),
                "a_declared_type_is_an_error_that_says_rule_packs_do_not_support_declared_types_and_what_to_do",
                false)).isTrue();
        assertThat(declares(sources.get("DrlLintTest"), "a_declared_type_is_an_error", true)).isTrue();
    }

    private static boolean declares(List<Path> files, String method, boolean cutShort) throws IOException {
        Pattern declared = Pattern.compile("\\b" + Pattern.quote(method) + (cutShort ? "" : "\\b"));
        for (Path file : files) {
            if (declared.matcher(Files.readString(file)).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Stream.concat(Files.list(ROOT.resolve("docs")),
                Files.walk(Path.of("programs"), 2))) {
            files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Every Java file under a module's src/test, by class name (a class may exist in two modules). */
    private static Map<String, List<Path>> testSources() throws IOException {
        Map<String, List<Path>> byName = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/test/"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
                    .forEach(f -> byName.computeIfAbsent(f.getFileName().toString().replace(".java", ""),
                            k -> new ArrayList<>()).add(f));
        }
        return byName;
    }
}
