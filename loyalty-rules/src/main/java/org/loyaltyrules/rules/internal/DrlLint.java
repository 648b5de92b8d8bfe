package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyrules.rules.program.Problem;

/**
 * Checks DRL text before it is compiled. Errors: Java escapes a rule pack must never use (process exit, files,
 * sockets, threads, reflection, class loading, globals). Warnings: constructs the style guide rules out because they
 * hide logic or order (functions, eval, modify/update without loop protection, agenda groups, auto-focus, no-loop).
 * Comments and string literals are ignored. Every finding names file:line and the rule it is in.
 */
public final class DrlLint {

    private record Check(Pattern pattern, String message) {
    }

    private static final List<Check> FORBIDDEN = List.of(
            check("\\bSystem\\s*\\.", "calls java.lang.System (exit, properties, streams); rules must not"),
            check("\\bRuntime\\b", "uses java.lang.Runtime (exit, exec); rules must not"),
            check("\\bProcessBuilder\\b|\\bProcess\\b", "starts a process; rules must not"),
            check("\\bThread\\b|\\bExecutors?\\b|\\bCompletableFuture\\b|\\bForkJoinPool\\b",
                    "starts or controls threads; rules must not"),
            check("java\\.lang\\.reflect|\\bClass\\s*\\.\\s*forName|\\.getClass\\s*\\(|\\bgetDeclared\\w*\\s*\\(|\\bsetAccessible\\s*\\(|\\bMethodHandles?\\b|\\bClassLoader\\b",
                    "uses reflection or class loading; rules must not"),
            check("\\bjava\\.io\\b|\\bjava\\.nio\\b|\\bFiles\\s*\\.|\\bnew\\s+File\\w*\\s*\\(|\\bPaths?\\s*\\.\\s*(get|of)\\b",
                    "reads or writes files; rules must not"),
            check("\\bjava\\.net\\b|\\bSocket\\b|\\bURL\\b|\\bHttpClient\\b", "opens network connections; rules must not"),
            check("^\\s*global\\s", "declares a global (shared mutable state); rules get settings as facts instead"),
            check("\\bstatic\\s+(?!final)\\w", "declares static mutable state; rules must not"));

    private static final List<Check> DISCOURAGED = List.of(
            check("^\\s*function\\s", "declares a function: keep logic in rules (or in core), not in hidden helpers"),
            check("\\beval\\s*\\(", "uses eval(): write the condition as a pattern constraint"),
            check("\\b(modify|update)\\s*\\(", "modifies a fact: rules conclude by insert(), and a modify without "
                    + "protection re-fires the rule"),
            check("\\bagenda-group\\b|\\bauto-focus\\b", "uses agenda-group/auto-focus: use ruleflow-group"),
            check("\\bno-loop\\b|\\block-on-active\\b", "uses no-loop/lock-on-active: conclude with insert() instead"));

    private DrlLint() {
    }

    private static Check check(String regex, String message) {
        return new Check(Pattern.compile(regex), message);
    }

    /** Security findings: the pack must be rejected. */
    public static List<Problem> errors(RuleSource source) {
        return scan(source, FORBIDDEN);
    }

    /** Style findings: the pack runs, the author should look. */
    public static List<Problem> warnings(RuleSource source) {
        return scan(source, DISCOURAGED);
    }

    private static List<Problem> scan(RuleSource source, List<Check> checks) {
        List<Problem> problems = new ArrayList<>();
        String[] lines = withoutCommentsAndStrings(source.text()).split("\n", -1);
        List<RuleInfo> rules = RulePack.scan(source);
        for (int i = 0; i < lines.length; i++) {
            for (Check check : checks) {
                Matcher m = check.pattern.matcher(lines[i]);
                if (m.find()) {
                    String rule = enclosingRule(rules, i + 1);
                    problems.add(new Problem(source.origin() + ":" + (i + 1) + ":" + (m.start() + 1),
                            (rule == null ? "" : "rule \"" + rule + "\" ") + check.message + " (found '"
                                    + m.group().trim() + "')"));
                }
            }
        }
        return problems;
    }

    /** The name of the rule whose {@code rule} line is the last one at or before {@code line}; null before any. */
    static String enclosingRule(List<RuleInfo> rules, int line) {
        String name = null;
        for (RuleInfo info : rules) {
            if (info.line() <= line) {
                name = info.name();
            }
        }
        return name;
    }

    /** Blanks out comments and string literals, keeping line structure so line numbers stay right. */
    static String withoutCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                while (i < text.length() && !(text.charAt(i) == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                out.append("  ");
                i += 2;
            } else if (c == '"') {
                out.append('"');
                i++;
                while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '"') {
                    out.append('"');
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
