package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyrules.rules.program.Problem;

/**
 * Checks DRL text before it is compiled. Errors: Java escapes a rule pack must never use (process exit, files,
 * sockets, threads, reflection, class loading, globals), declared types ({@code global} and {@code declare} wherever
 * a statement starts, also after {@code package ..;} on one line), types declared in code (a local interface's,
 * enum's, record's or class's fields are static state); and rules that compile but cannot be right
 * ({@link #mistakes}): attributes that read the wall clock or switch the rule off, a salience that is no number, a
 * delete of a fact the engine inserted or reads, an insert of an engine fact or of a conclusion its group fires too
 * late for, a date compared with a string that is not yyyy-MM-dd, Drools' {@code str[..]} operators (Drools 10.2
 * fails on them once it compiles the constraint), a pattern on a fact its group never holds
 * ({@link FactPresence}), a modify/update that certainly fires its rule again without end ({@link Refiring}).
 * Warnings: constructs the style guide rules out because they hide logic or order (functions, eval, delete, agenda
 * groups, auto-focus, no-loop), rules that most likely fire themselves again ({@link Refiring}: an insert its own
 * pattern matches, a modify/update without protection that something might yet stop), the same
 * conclusion inserted twice, a percentOfBase literal between 0 and 1, and a downgrade that can conclude only after a
 * purchase ({@link FactPresence}). Comments (and, for keywords, string literals, double- or single-quoted: MVEL
 * strings and Java chars, read as {@link DrlTokens} reads them) are ignored. Every finding names file:line and the rule it is in.
 */
public final class DrlLint {

    private record Check(Pattern pattern, String message) {
    }

    private static final List<Check> FORBIDDEN = List.of(
            // its clock and identity hash are left to the pack guard, which says what to use instead (Reach.CLOCK,
            // Reach.IDENTITY)
            check("\\bSystem\\s*\\.(?!\\s*(?:currentTimeMillis|nanoTime|identityHashCode)\\b)",
                    "calls java.lang.System (exit, properties, streams); rules must not"),
            check("\\bRuntime\\b", "uses java.lang.Runtime (exit, exec); rules must not"),
            check("\\bProcessBuilder\\b|\\bProcess\\b", "starts a process; rules must not"),
            check("\\bThread\\b|\\bExecutors?\\b|\\bCompletableFuture\\b|\\bForkJoinPool\\b",
                    "starts or controls threads; rules must not"),
            check("java\\.lang\\.reflect|\\bClass\\s*\\.\\s*forName|\\.getClass\\s*\\(|\\bgetDeclared\\w*\\s*\\(|\\bsetAccessible\\s*\\(|\\bMethodHandles?\\b|\\bClassLoader\\b",
                    "uses reflection or class loading; rules must not"),
            check("\\bjava\\.io\\b|\\bjava\\.nio\\b|\\bFiles\\s*\\.|\\bnew\\s+File\\w*\\s*\\(|\\bPaths?\\s*\\.\\s*(get|of)\\b",
                    "reads or writes files; rules must not"),
            check("\\bjava\\.net\\b|\\bSocket\\b|\\bURL\\b|\\bHttpClient\\b", "opens network connections; rules must not"),
            // Drools runs it only with its truth-maintenance module, which the engine leaves out: a conclusion is
            // inserted, and the engine keeps it from then on
            check("\\binsertLogical\\s*\\(", "uses insertLogical (truth maintenance, which the engine does not run); "
                    + "rules conclude with insert( .. )"),
            // an `import static` is no state: what it imports meets the checks above and the pack guard
            check("(?<!\\bimport\\s{1,20})\\bstatic\\s+(?!final)\\w", "declares static mutable state; rules must not"));

    /** A {@code global} or {@code declare} statement: found wherever it starts ({@link #statements}). */
    private static final String GLOBAL = "declares a global (shared mutable state); rules get settings as facts "
            + "instead";
    // the pack guard would refuse its use as "outside what rule packs may use", which reads as forbidden Java
    private static final String DECLARE = "declares a type: declared types are not supported in rule packs, which "
            + "use only the types of the facts package; conclude with one of its conclusions ("
            + String.join(", ", EngineReads.CONCLUSIONS) + "), or write the condition the declared fact stood for "
            + "into the rules that need it";
    private static final java.util.Set<String> LOCAL_TYPES = java.util.Set.of("class", "interface", "enum", "record");

    private static final List<Check> DISCOURAGED = List.of(
            check("^\\s*function\\s", "declares a function: keep logic in rules (or in core), not in hidden helpers"),
            check("\\beval\\s*\\(", "uses eval(): write the condition as a pattern constraint"),
            check("\\bagenda-group\\b|\\bauto-focus\\b", "uses agenda-group/auto-focus: use ruleflow-group"),
            check("\\bno-loop\\b|\\block-on-active\\b", "uses no-loop/lock-on-active: write what stops the rule as a "
                    + "condition instead (not Fact( .. ) for what it concludes), and conclude with insert()"));

    private DrlLint() {
    }

    private static Check check(String regex, String message) {
        return new Check(Pattern.compile(regex), message);
    }

    /** Security findings: the pack must be rejected. */
    public static List<Problem> errors(RuleSource source) {
        List<Problem> problems = scan(source, FORBIDDEN);
        problems.addAll(statements(source));
        // in file order: a statement found by its tokens goes among the findings of its line, by column
        problems.sort(java.util.Comparator.comparingInt((Problem p) -> place(p.location(), 2))
                .thenComparingInt(p -> place(p.location(), 1)));
        return problems;
    }

    /** The line (2) or column (1) of a {@code file:line:column} location. */
    private static int place(String location, int fromEnd) {
        String[] parts = location.split(":");
        return Integer.parseInt(parts[parts.length - fromEnd]);
    }

    /**
     * {@code global} and {@code declare} statements wherever they start (at a line's start, after a {@code ;} or an
     * {@code end}, on the {@code package} line), and types declared in code ({@code interface}, {@code enum},
     * {@code record}, {@code class} in a consequence or function): a local type's fields are static, so what one
     * event puts there the next event, and every member, sees. Read from the tokens, so comments and strings are no
     * findings.
     */
    private static List<Problem> statements(RuleSource source) {
        List<Problem> problems = new ArrayList<>();
        List<DrlTokens.Token> tokens = DrlTokens.read(source.text(), false);
        List<RuleInfo> rules = RulePack.scan(source);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            DrlTokens.Token token = tokens.get(i);
            if (token.kind() != DrlTokens.Kind.IDENTIFIER) {
                continue;
            }
            DrlTokens.Token previous = i == 0 ? null : tokens.get(i - 1);
            DrlTokens.Token next = tokens.get(i + 1);
            boolean starts = previous == null || previous.line() != token.line() || previous.text().equals(";")
                    || previous.isWord("end");
            String rule = enclosingRule(rules, token.line());
            String in = rule == null ? "" : "rule \"" + rule + "\" ";
            if (starts && next.kind() == DrlTokens.Kind.IDENTIFIER
                    && (token.text().equals("global") || token.text().equals("declare"))) {
                String message = token.text().equals("global") ? GLOBAL : DECLARE;
                problems.add(new Problem(source.origin() + ":" + token.line() + ":" + token.column(), in + message
                        + " (found '" + token.text() + "')"));
            } else if (LOCAL_TYPES.contains(token.text()) && next.kind() == DrlTokens.Kind.IDENTIFIER
                    && (previous == null || previous.kind() != DrlTokens.Kind.DOT) && declaresType(tokens, i + 2)) {
                problems.add(new Problem(source.origin() + ":" + token.line() + ":" + token.column(), in
                        + "declares " + token.text() + " " + next.text() + " in its code: the fields of a local type are "
                        + "static, so what one event stores there is shared with every later event and every member "
                        + "(the same purchase then earns more each time); rules must not declare types, they conclude "
                        + "by insert() (found '" + token.text() + " " + next.text() + "')"));
            }
        }
        return problems;
    }

    /** Whether the token after a type's name opens its declaration: a body, type parameters, components, a super. */
    private static boolean declaresType(List<DrlTokens.Token> tokens, int i) {
        if (i >= tokens.size()) {
            return false;
        }
        String t = tokens.get(i).text();
        return t.equals("{") || t.equals("<") || t.equals("(") || t.equals("extends") || t.equals("implements");
    }

    /** Style findings: the pack runs, the author should look. */
    public static List<Problem> warnings(RuleSource source) {
        List<Problem> problems = scan(source, DISCOURAGED);
        problems.addAll(Refiring.warnings(source));
        problems.addAll(FactPresence.warnings(source));
        String[] code = withoutCommentsAndStrings(source.text()).split("\n", -1);
        String[] text = PackCrossCheck.withoutComments(source.text()).split("\n", -1);
        for (Span span : spans(source, code)) {
            String rule = "rule \"" + span.rule().name() + "\" ";
            String conditions = String.join("\n", List.of(code).subList(span.when() - 1, span.then() - 1));
            java.util.Map<String, Integer> inserts = new java.util.HashMap<>(); // statement as written -> first line
            for (int line = span.then() + 1; line < span.end(); line++) {
                Matcher insert = INSERT.matcher(code[line - 1]);
                if (insert.find() && EngineReads.isConclusion(insert.group(1))) {
                    String statement = text[line - 1].substring(insert.start()).replaceAll("\\s+", "");
                    Integer first = inserts.putIfAbsent(statement, line);
                    if (first != null) {
                        problems.add(at(source, line, insert.start(), rule + "inserts the same " + insert.group(1)
                                + " as on line " + first + ": every conclusion counts, so it counts twice (a points "
                                + "award is paid twice)", insert.group()));
                    }
                }
                Matcher delete = DELETE.matcher(code[line - 1]);
                while (delete.find()) {
                    String type = delete.group(2) == null ? null : boundType(conditions, delete.group(2));
                    if (type == null || !EngineReads.isFact(type)) { // a fact of the facts package is a mistake
                        problems.add(at(source, line, delete.start(), rule + "deletes a fact: rules conclude by "
                                + "insert(), and what the other rules see then depends on the order rules fire in",
                                delete.group()));
                    }
                }
                Matcher replacing = REPLACING_BASE.matcher(text[line - 1]);
                if (replacing.find()) {
                    Matcher factor = FACTOR.matcher(replacing.group(1));
                    if (factor.find()) {
                        String written = factor.group(1) != null ? factor.group(1) : factor.group(2);
                        if (new java.math.BigDecimal(written).compareTo(java.math.BigDecimal.ONE) < 0) {
                            problems.add(at(source, line, replacing.start(1) + factor.start(), rule + "concludes a"
                                    + " multiplier replacing the base of " + written + ": when it is the largest"
                                    + " replacing multiplier of an event, the event fails RULE_FAILED, as a factor"
                                    + " below 1 would take points away; to earn less, lower the base rate (a special"
                                    + " rate in earning.rates)", factor.group()));
                        }
                    }
                }
                Matcher percent = PERCENT_OF_BASE.matcher(text[line - 1]);
                if (percent.find()) {
                    Matcher decimal = DECIMAL.matcher(percent.group(1));
                    while (decimal.find()) {
                        java.math.BigDecimal value = new java.math.BigDecimal(decimal.group(1));
                        if (value.signum() > 0 && value.compareTo(java.math.BigDecimal.ONE) < 0) {
                            problems.add(at(source, line, percent.start(1) + decimal.start(1), rule + "passes "
                                    + decimal.group(1) + " to PointsAward.percentOfBase, whose percent is a whole "
                                    + "percentage: 50 means 50 %; " + decimal.group(1) + " gives " + decimal.group(1)
                                    + " %, not " + value.movePointRight(2).stripTrailingZeros().toPlainString()
                                    + " %", decimal.group(1)));
                        }
                    }
                }
            }
        }
        return problems;
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

    /** A rule's parts as 1-based line ranges: header (rule line to before when), conditions, consequence. */
    private record Span(RuleInfo rule, int header, int when, int then, int end) {
    }

    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");
    private static final Pattern THEN = Pattern.compile("^\\s*then\\b");
    private static final Pattern END = Pattern.compile("^\\s*end\\b");
    private static final Pattern CLOCK = Pattern.compile("\\b(date-effective|date-expires|duration|timer|calendars)\\b");
    private static final Pattern DISABLED = Pattern.compile("\\benabled\\s*\\(?\\s*false\\b");
    /** Drools' string operators, which Drools 10.2 cannot run once it has compiled their constraint. */
    private static final Pattern STR_OPERATOR = Pattern.compile("\\bstr\\s*\\[\\s*(\\w+)\\s*\\]");
    private static final Pattern SALIENCE = Pattern.compile("\\bsalience\\b\\s*(.*?)\\s*$");
    private static final Pattern SALIENCE_OK = Pattern.compile("-?\\d+|.*\\$\\w+.*");
    private static final String FACTS = "(?:org\\.loyaltyrules\\.rules\\.facts\\.)?";
    private static final Pattern INSERT = Pattern.compile(
            "\\binsert(?:Logical)?\\s*\\(\\s*(?:new\\s+)?" + FACTS + "([A-Z]\\w*)\\s*[.(]");
    private static final Pattern DELETE = Pattern.compile("\\b(delete|retract)\\s*\\(\\s*(\\$\\w+)?");
    private static final Pattern PERCENT_OF_BASE = Pattern.compile("\\bpercentOfBase\\s*\\(([^;]*)");
    private static final Pattern DECIMAL = Pattern.compile("(?<![\\w.])(\\d*\\.\\d+)(?![\\w.])");
    private static final Pattern REPLACING_BASE = Pattern.compile("\\breplacingBase\\s*\\(([^;]*)");
    /** A literal factor: {@code new BigDecimal("0.5")} or {@code BigDecimal.valueOf(0.5)}, package optional. */
    private static final Pattern FACTOR = Pattern.compile("BigDecimal\\s*(?:\\(\\s*\"(\\d*\\.?\\d+)\"\\s*\\)"
            + "|\\.\\s*valueOf\\s*\\(\\s*(\\d*\\.?\\d+)\\s*\\))");
    private static final String DATE_FIELD = "(\\bdate|\\b\\w+Date|\\bvalidUntil|\\breviewAt)";
    private static final String COMPARE = "(==|!=|<=|>=|<|>)";
    private static final Pattern DATE_IS = Pattern.compile(DATE_FIELD + "\\s*" + COMPARE + "\\s*\"([^\"]*)\"");
    private static final Pattern IS_DATE = Pattern.compile("\"([^\"]*)\"\\s*" + COMPARE + "\\s*" + DATE_FIELD + "\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static final String CAMPAIGN_ADVICE = "a campaign window is an EventFact( date >= \"2025-03-01\" ) "
            + "condition, or program.json campaigns";

    /**
     * Rules that compile but cannot be right: the pack must be rejected. Attributes that read the wall clock
     * (date-effective, date-expires, duration, timer, calendars: the engine gives each event its own time) or switch
     * the rule off (enabled false); a salience that is not an integer or a $binding expression; a delete or retract
     * of a fact of the facts package (an engine input other rules read, or a conclusion the engine has already
     * counted); an insert of an engine input instead of a conclusion ({@link EngineReads#CONCLUSIONS}); a conclusion
     * inserted in a group that fires after the engine reads it; a date field compared with a string that is not
     * yyyy-MM-dd; a pattern that can never match where the rule runs ({@link FactPresence#errors}); a modify or
     * update that fires the rule again without end ({@link Refiring#errors}).
     */
    public static List<Problem> mistakes(RuleSource source) {
        List<Problem> problems = new ArrayList<>();
        String[] code = withoutCommentsAndStrings(source.text()).split("\n", -1);
        String[] text = PackCrossCheck.withoutComments(source.text()).split("\n", -1);
        for (Span span : spans(source, code)) {
            String rule = "rule \"" + span.rule().name() + "\" ";
            for (int line = span.header(); line < span.when(); line++) {
                Matcher clock = CLOCK.matcher(code[line - 1]);
                while (clock.find()) {
                    problems.add(at(source, line, clock.start(), rule + "uses " + clock.group(1) + ", which Drools "
                            + "evaluates against the wall clock, not the event's time: the rule fires by the day it "
                            + "is evaluated (late, never, or on every event), whatever the event's date; "
                            + CAMPAIGN_ADVICE, clock.group()));
                }
                Matcher disabled = DISABLED.matcher(code[line - 1]);
                if (disabled.find()) {
                    problems.add(at(source, line, disabled.start(), rule + "is switched off with enabled false, so "
                            + "it never fires; remove the rule instead", disabled.group()));
                }
                Matcher salience = SALIENCE.matcher(code[line - 1]); // the keyword outside strings, its value as written
                String value = salience.find() ? text[line - 1].substring(salience.start(1)).trim() : null;
                if (value != null && !SALIENCE_OK.matcher(value).matches()) {
                    problems.add(at(source, line, salience.start(), rule + "has salience " + value + ", which is not "
                            + "an integer or an expression of $bindings; write salience 10 (salience only orders two "
                            + "rules of one group)", "salience " + value));
                }
            }
            String conditions = String.join("\n", List.of(code).subList(span.when() - 1, span.then() - 1));
            for (int line = span.when() + 1; line < span.then(); line++) {
                dates(source, line, DATE_IS.matcher(text[line - 1]), 1, 3, rule, problems);
                dates(source, line, IS_DATE.matcher(text[line - 1]), 3, 1, rule, problems);
            }
            // over the whole conditions, from the when line on: the operator may be split over lines (str / [..])
            Matcher str = STR_OPERATOR.matcher(conditions);
            while (str.find()) {
                int before = str.start();
                int line = span.when() + (int) conditions.substring(0, before).chars().filter(ch -> ch == '\n').count();
                int index = before - (conditions.lastIndexOf('\n', before - 1) + 1);
                String operator = "str[" + str.group(1) + "]";
                problems.add(at(source, line, index, rule + "uses the operator " + operator + ", which "
                        + "Drools 10.2 fails on from about the 20th evaluation, once it compiles the constraint "
                        + "(NoSuchMethodError, apache/incubator-kie-drools#6711): every later event is refused "
                        + "RULE_FAILED; call the String method instead: " + strAdvice(str.group(1)), operator));
            }
            for (int line = span.then() + 1; line < span.end(); line++) {
                Matcher insert = INSERT.matcher(code[line - 1]);
                while (insert.find()) {
                    inserted(source, line, insert, span.rule(), problems);
                }
                Matcher delete = DELETE.matcher(code[line - 1]);
                while (delete.find()) {
                    String type = delete.group(2) == null ? null : boundType(conditions, delete.group(2));
                    if (type == null || !EngineReads.isFact(type)) {
                        continue; // a warning (see warnings)
                    }
                    problems.add(at(source, line, delete.start(), rule + "deletes " + EngineReads.deleteRefused(type),
                            delete.group()));
                }
            }
        }
        problems.addAll(FactPresence.errors(source));
        problems.addAll(Refiring.errors(source));
        return problems;
    }

    private static String strAdvice(String operator) {
        return switch (operator) {
            case "length" -> "sku.length() == 4";
            case "endsWith" -> "sku.endsWith(\"X\")";
            default -> "sku.startsWith(\"X\")";
        };
    }

    private static void inserted(RuleSource source, int line, Matcher insert, RuleInfo rule, List<Problem> problems) {
        String type = insert.group(1);
        String name = "rule \"" + rule.name() + "\" ";
        if (EngineReads.isFact(type) && !EngineReads.isConclusion(type)) {
            problems.add(at(source, line, insert.start(), name + "inserts " + type + ": "
                    + EngineReads.insertRefused(type), insert.group()));
        } else if (EngineReads.isConclusion(type) && RulePack.GROUPS.contains(rule.group())
                && !EngineReads.readFrom(type, rule.group())) {
            // which events run the rule's group but never read the conclusion (a refund never earns points)
            List<String> after = EngineReads.readAfter(type);
            List<String> reading = EngineReads.eventsReading(type);
            List<String> never = EngineReads.eventsFiring(rule.group()).stream().filter(e -> !reading.contains(e))
                    .toList();
            problems.add(at(source, line, insert.start(), name + "inserts " + type + " in ruleflow-group \""
                    + rule.group() + "\", so the engine never reads it: it reads " + type + " only after ruleflow-group"
                    + " \"" + String.join("\" or \"", after) + "\" of " + EngineReads.anyOf(reading)
                    + (never.isEmpty() ? "" : ", and " + EngineReads.anyOf(never) + " never concludes " + type)
                    + "; to conclude it on " + EngineReads.anyOf(reading) + ", move the rule to ruleflow-group \""
                    + after.get(0) + "\"", insert.group()));
        }
    }

    private static void dates(RuleSource source, int line, Matcher m, int field, int literal, String rule,
                              List<Problem> problems) {
        while (m.find()) {
            if (!ISO_DATE.matcher(m.group(literal)).matches()) {
                problems.add(at(source, line, m.start(), rule + "compares " + m.group(field) + " with \""
                        + m.group(literal) + "\", which is not a yyyy-MM-dd date: dates are ISO strings compared as "
                        + "text (\"2025-03-03\"), so this comparison does not test the date", m.group()));
            }
        }
    }

    /** The type of the pattern {@code variable} is bound to in {@code conditions} ({@code $h : CapHeadroom(..)}). */
    private static String boundType(String conditions, String variable) {
        Matcher m = Pattern.compile(Pattern.quote(variable) + "\\s*:\\s*" + FACTS + "([A-Z]\\w*)\\s*\\(")
                .matcher(conditions);
        return m.find() ? m.group(1) : null;
    }

    static Problem at(RuleSource source, int line, int index, String message, String found) {
        return new Problem(source.origin() + ":" + line + ":" + (index + 1), message + " (found '" + found.trim()
                + "')");
    }

    /**
     * Lines of a Markdown code fence (three backticks or three tildes) copied with a rule from a page: Drools' parser
     * fails on them without a line ("Unexpected error: Cannot invoke ... BitSet.toArray()") or at the tilde ("mismatched
     * input '~'"), so each is named here.
     */
    public static List<Problem> fences(RuleSource source) {
        List<Problem> problems = new ArrayList<>();
        String[] code = withoutCommentsAndStrings(source.text()).split("\n", -1);
        for (int line = 1; line <= code.length; line++) {
            String text = code[line - 1];
            int at = text.length() - text.stripLeading().length();
            if (text.startsWith("```", at) || text.startsWith("~~~", at)) {
                problems.add(at(source, line, at, "a Markdown code fence is not DRL (copied with the rule from a "
                        + "page?): keep only the lines between the fences", text));
            }
        }
        return problems;
    }

    /** Each rule's parts, found by its {@code rule} line and the {@code when}, {@code then} and {@code end} lines. */
    private static List<Span> spans(RuleSource source, String[] code) {
        List<RuleInfo> rules = RulePack.scan(source);
        List<Span> spans = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            int first = rules.get(r).line();
            int last = r + 1 < rules.size() ? rules.get(r + 1).line() - 1 : code.length;
            int when = find(code, WHEN, first, last);
            int then = when < 0 ? -1 : find(code, THEN, when + 1, last);
            int end = then < 0 ? -1 : find(code, END, then + 1, last);
            if (end > 0) {
                spans.add(new Span(rules.get(r), first, when, then, end));
            }
        }
        return spans;
    }

    /** The first line in [from, to] (1-based) that matches, or -1. */
    private static int find(String[] lines, Pattern pattern, int from, int to) {
        for (int line = from; line <= to && line <= lines.length; line++) {
            if (pattern.matcher(lines[line - 1]).find()) {
                return line;
            }
        }
        return -1;
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

    /**
     * Blanks out comments and the content of string literals (double- and single-quoted: MVEL strings, Java chars),
     * keeping line structure so line numbers stay right ({@link DrlTokens#blank}).
     */
    static String withoutCommentsAndStrings(String text) {
        return DrlTokens.blank(text, true);
    }
}
