package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyrules.rules.program.Problem;

/**
 * Checks that look across a pack, or across a pack and its settings, where a rule is valid DRL but cannot do what
 * its author meant: a tier compared with an id the ladder does not have never matches, or with != always matches
 * (error); a rule whose conditions are exactly another rule's fires on the same facts (warning: "shadows rule X");
 * caps program.json declares that no rule reads (warning), and bonus percents between 0 and 1 (warning). Text-based like
 * {@link DrlLint}: comments are ignored, line numbers are kept, every finding names file:line and the rule.
 */
public final class PackCrossCheck {

    /** tierId, earnedTierId, stepTierId...: the fields holding a tier id. */
    public static final String TIER_FIELDS = "\\w*[tT]ierId";
    /** Member.status. */
    public static final String STATUS_FIELD = "status";
    /** CapHeadroom.capId, CapApplied.capId. */
    public static final String CAP_FIELD = "capId";
    /** BenefitOffer.benefitId, BenefitRequest.benefitId, BenefitGrant.benefitId ... */
    public static final String BENEFIT_FIELD = "benefitId";
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern WHEN = Pattern.compile("(?m)^\\s*when\\b");
    private static final Pattern THEN = Pattern.compile("(?m)^\\s*then\\b");

    private PackCrossCheck() {
    }

    /** Tier ids in tier comparisons that the ladder does not define: the comparison can never be true. */
    public static List<Problem> unknownTiers(List<RuleSource> sources, Collection<String> tierIds) {
        return unknownValues(sources, TIER_FIELDS, "a tier", "a tier of the ladder", tierIds);
    }

    /**
     * String literals compared with a field ({@code fieldRegex}, e.g. {@link #STATUS_FIELD}) that are none of the
     * values the field can hold ({@code known}; e.g. the member statuses, the cap ids of program.json): {@code ==},
     * {@code .equals(..)} and {@code in} can never be true, {@code !=}, {@code !..equals(..)} and {@code not in} always
     * are. Either way round, and in {@code in (...)}. A {@code matches "regex"} that no known value matches is the
     * same mistake.
     */
    public static List<Problem> unknownValues(List<RuleSource> sources, String fieldRegex, String what,
                                              String knownAs, Collection<String> known) {
        Pattern fieldIs = Pattern.compile("\\b(" + fieldRegex + ")\\s*(==|!=)\\s*\"([^\"]*)\"");
        Pattern isField = Pattern.compile("\"([^\"]*)\"\\s*(==|!=)\\s*(" + fieldRegex + ")\\b");
        Pattern fieldIn = Pattern.compile("\\b(" + fieldRegex + ")\\s+(not\\s+)?in\\s*\\(([^)]*)\\)");
        Pattern fieldEquals = Pattern.compile("(!\\s*)?\\b(" + fieldRegex + ")\\s*\\.\\s*equals\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
        Pattern equalsField = Pattern.compile("(!\\s*)?\"([^\"]*)\"\\s*\\.\\s*equals\\s*\\(\\s*(" + fieldRegex
                + ")\\s*\\)");
        Pattern fieldMatches = Pattern.compile("\\b(" + fieldRegex + ")\\s+(not\\s+)?matches\\s+\"([^\"]*)\"");
        List<Problem> problems = new ArrayList<>();
        for (RuleSource source : sources) {
            String text = withoutComments(source.text());
            List<RuleInfo> rules = RulePack.scan(source);
            // {offset, literal start, literal end, 1 when negated, 1 when the literal is a regular expression}
            List<int[]> found = new ArrayList<>();
            collect(fieldIs.matcher(text), 3, found);
            collect(isField.matcher(text), 1, found);
            collectCalls(fieldEquals.matcher(text), 3, found, 0);
            collectCalls(equalsField.matcher(text), 2, found, 0);
            Matcher matches = fieldMatches.matcher(text);
            while (matches.find()) {
                found.add(new int[] {matches.start(), matches.start(3), matches.end(3), matches.group(2) == null ? 0 : 1,
                        1});
            }
            Matcher in = fieldIn.matcher(text);
            while (in.find()) {
                Matcher literal = LITERAL.matcher(in.group(3));
                while (literal.find()) {
                    found.add(new int[] {in.start(), in.start(3) + literal.start(1), in.start(3) + literal.end(1),
                            in.group(2) == null ? 0 : 1, 0});
                }
            }
            found.sort((a, b) -> Integer.compare(a[1], b[1]));
            for (int[] f : found) {
                String value = text.substring(f[1], f[2]);
                boolean regex = f[4] == 1;
                if (regex ? matchesNone(value, known) : !known.contains(value)) {
                    int line = lineOf(text, f[1]);
                    String rule = DrlLint.enclosingRule(rules, line);
                    problems.add(new Problem(source.origin() + ":" + line, (rule == null ? "" : "rule \"" + rule + "\" ")
                            + (regex ? "matches " + what + " against \"" + value + "\", which matches no "
                                    + knownAs.replaceFirst("^an? ", "") + " " + known
                                    : "compares " + what + " with \"" + value + "\", which is not " + knownAs + " "
                                    + known)
                            + (f[3] == 1 ? (regex ? "; the condition always matches"
                                    : "; it is never equal, so the condition always matches")
                                    : "; the condition can never match")));
                }
            }
        }
        return problems;
    }

    private static final Pattern READS_CAP_HEADROOM = Pattern.compile("\\bCapHeadroom\\s*\\(");

    /**
     * Caps program.json declares (ids in order, {@code $.risk.caps[i]}) that no rule can apply: the engine applies a
     * cap only through a rule that reads CapHeadroom and concludes CapApplied (standard risk/caps.drl).
     */
    public static List<Problem> unreadCaps(List<RuleSource> sources, List<String> capIds) {
        for (RuleSource source : sources) {
            if (READS_CAP_HEADROOM.matcher(DrlLint.withoutCommentsAndStrings(source.text())).find()) {
                return List.of();
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < capIds.size(); i++) {
            problems.add(new Problem("program.json $.risk.caps[" + i + "]", "program.json risk.caps declares "
                    + capIds.get(i) + " but no rule reads CapHeadroom: the cap is not applied"));
        }
        return problems;
    }

    /**
     * Bonus percents between 0 and 1 exclusive ({@code earning.tierBonus}, {@code earning.channelBonus}): percents
     * are whole percentages, so 0.5 is half a percent, most likely meant as 50.
     */
    public static List<Problem> fractionPercents(String key, Map<String, java.math.BigDecimal> percents) {
        List<Problem> problems = new ArrayList<>();
        new java.util.TreeMap<>(percents).forEach((id, percent) -> {
            if (percent.signum() > 0 && percent.compareTo(java.math.BigDecimal.ONE) < 0) {
                String value = percent.toPlainString();
                problems.add(new Problem("program.json $.earning." + key + "." + id, "is " + value + ": 50 means 50 %; "
                        + value + " gives " + value + " %, not " + percent.movePointRight(2).stripTrailingZeros()
                        .toPlainString() + " %"));
            }
        });
        return problems;
    }

    /** Rules whose {@code when} part is the same as an earlier rule's, once comments and spacing are ignored. */
    public static List<Problem> shadowedRules(List<RuleSource> sources) {
        Map<String, RuleInfo> byConditions = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (RuleSource source : sources) {
            String text = withoutComments(source.text());
            List<RuleInfo> rules = RulePack.scan(source);
            String[] lines = text.split("\n", -1);
            for (int r = 0; r < rules.size(); r++) {
                RuleInfo info = rules.get(r);
                int from = offsetOfLine(lines, info.line() - 1);
                int to = r + 1 < rules.size() ? offsetOfLine(lines, rules.get(r + 1).line() - 1) : text.length();
                String body = text.substring(from, Math.min(to, text.length()));
                Matcher when = WHEN.matcher(body);
                Matcher then = THEN.matcher(body);
                if (!when.find() || !then.find(when.end())) {
                    continue;
                }
                String conditions = body.substring(when.end(), then.start()).replaceAll("\\s+", " ").trim();
                if (conditions.isEmpty()) {
                    continue;
                }
                RuleInfo earlier = byConditions.putIfAbsent(conditions, info);
                if (earlier != null) {
                    problems.add(new Problem(info.file() + ":" + info.line(), "rule \"" + info.name()
                            + "\" shadows rule \"" + earlier.name() + "\" (" + earlier.file() + ":" + earlier.line()
                            + "): their conditions are the same, so both fire on the same facts"));
                }
            }
        }
        return problems;
    }

    private static void collect(Matcher m, int group, List<int[]> into) {
        while (m.find()) {
            into.add(new int[] {m.start(), m.start(group), m.end(group), m.group(2).equals("!=") ? 1 : 0, 0});
        }
    }

    /** {@code field.equals("x")} / {@code "x".equals(field)}: group 1 is the {@code !} of a negation. */
    private static void collectCalls(Matcher m, int group, List<int[]> into, int regex) {
        while (m.find()) {
            into.add(new int[] {m.start(), m.start(group), m.end(group), m.group(1) == null ? 0 : 1, regex});
        }
    }

    /** Whether no known value matches {@code regex} as Drools' {@code matches} does (the whole value); a regex that
     * does not compile is left to Drools' own error. */
    private static boolean matchesNone(String regex, Collection<String> known) {
        try {
            Pattern p = Pattern.compile(regex);
            return known.stream().noneMatch(value -> p.matcher(value).matches());
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int offsetOfLine(String[] lines, int index) {
        int offset = 0;
        for (int i = 0; i < index && i < lines.length; i++) {
            offset += lines[i].length() + 1;
        }
        return offset;
    }

    /** Blanks out comments, keeping string literals and the line structure. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(text.length(), end + 1);
                out.append(text, i, end);
                i = end;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
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
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().replace("\r", "");
    }
}
