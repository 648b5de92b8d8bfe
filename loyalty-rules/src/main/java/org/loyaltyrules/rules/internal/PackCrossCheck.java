package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConnectiveType;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.loyaltyrules.core.tier.TierLadder;
import org.loyaltyrules.rules.internal.DrlTokens.Kind;
import org.loyaltyrules.rules.internal.DrlTokens.Token;
import org.loyaltyrules.rules.program.NearMiss;
import org.loyaltyrules.rules.program.Problem;

/**
 * Checks that look across a pack, or across a pack and its settings, where a rule is valid DRL but cannot do what
 * its author meant: a tier compared with an id the ladder does not have never matches, or with != always matches, and a
 * conclusion to such a tier never takes effect (errors); a rule whose conditions are another rule's, or imply them in
 * its group, fires wherever the other does (warnings: "shadows rule X", "fires only where rule X fires too"); caps
 * program.json declares that no rule reads (warning), and bonus percents between 0 and 1 (warning). Comparisons are
 * found in the text (comments ignored, line numbers kept); what needs a rule's structure (bindings, branches,
 * consequences, conditions compared) is read with Drools' parser ({@link RuleOutline}). Every finding names file:line
 * and the rule.
 */
public final class PackCrossCheck {

    /** tierId, earnedTierId, stepTierId...: the fields holding a tier id. */
    public static final String TIER_FIELDS = "\\w*[tT]ierId";
    /** Member.status. */
    public static final String STATUS_FIELD = "status";
    /** CurrentTier.source: how the member came to hold its tier. */
    public static final String TIER_SOURCE_FIELD = "source";
    /** CapHeadroom.capId, CapApplied.capId. */
    public static final String CAP_FIELD = "capId";
    /** BenefitOffer.benefitId, BenefitRequest.benefitId, BenefitGrant.benefitId ... */
    public static final String BENEFIT_FIELD = "benefitId";
    /** A string literal, double- or single-quoted (MVEL reads both as strings): its content is group 2. */
    private static final Pattern LITERAL = Pattern.compile("([\"'])((?:(?!\\1)[^\n])*)\\1");
    /** The same as named groups ({@code v} the content), to be part of a larger pattern. */
    private static final String LIT = "(?<q>[\"'])(?<v>(?:(?!\\k<q>)[^\n])*)\\k<q>";

    private PackCrossCheck() {
    }

    /**
     * Tier ids the ladder does not define: compared with a tier field ({@link #unknownValues}), with a binding of one
     * ({@code $t : tierId, $t == "golden"}), or with the {@code tier} pseudo-attribute ({@code PurchaseAttribute( name
     * == "tier", value == "golden" )}), which can never be true; and passed where a conclusion takes a tier
     * ({@code TierChange.upgrade("diamond", ..)}), which can never take effect.
     */
    public static List<Problem> unknownTiers(List<RuleSource> sources, Collection<String> tierIds) {
        List<Problem> problems = unknownValues(sources, TIER_FIELDS, TIER_ATTRIBUTE, null, "a tier", "a tier of the ladder",
                tierIds);
        problems.addAll(concludedValues(sources, TIER_FIELDS, null, "a tier of the ladder", tierIds));
        return problems;
    }

    /**
     * Cap ids program.json does not declare, passed where a conclusion takes one ({@code CapApplied.trimTo("weekly",
     * ..)}): the award would be trimmed under a cap no setting, report or summary knows. Caps take their id from
     * {@code CapHeadroom} ({@code CapApplied.trimTo($cap, ..)}, standard risk/caps.drl).
     */
    public static List<Problem> unknownConcludedCaps(List<RuleSource> sources, Collection<String> capIds) {
        return concludedValues(sources, CAP_FIELD, Set.of("CapApplied"), "a cap of program.json risk.caps", capIds);
    }

    /**
     * Benefit ids program.json does not define, passed to {@code BenefitAllowance.extra(..)}: extra uses count only
     * for a claimed benefit, and a claim of a benefit program.json lacks is refused, so the conclusion never applies.
     * ({@code BenefitGrant.unlocked(..)} may name a one-off benefit outside program.json, such as an apology voucher
     * the embedding system issues, so it is not checked.)
     */
    public static List<Problem> unknownConcludedAllowances(List<RuleSource> sources, Collection<String> benefitIds) {
        return concludedValues(sources, BENEFIT_FIELD, Set.of("BenefitAllowance"), "a benefit of program.json benefits",
                benefitIds);
    }

    /** What a conclusion with an unknown value does, by the concluding fact's type. */
    private static String concludedEffect(String type) {
        return switch (type) {
            case "TierChange" -> "; when the rule fires, the engine refuses the conclusion and the event fails";
            case "CapApplied" -> "; the award would be trimmed under a cap program.json does not declare: take the id"
                    + " from CapHeadroom (CapApplied.trimTo($cap, ..))";
            case "BenefitAllowance" -> "; extra uses count only for a claimed benefit of program.json, so the"
                    + " conclusion never applies";
            default -> "; no member can have it, so the conclusion never applies";
        };
    }

    /** The {@code PurchaseAttribute} name under which the engine gives the member's tier (docs: rule-authoring 2.1). */
    private static final String TIER_ATTRIBUTE = "tier";

    /**
     * String literals compared with a field ({@code fieldRegex}, e.g. {@link #STATUS_FIELD}), or with a binding of such
     * a field in the same rule's conditions, that are none of the values the field can hold ({@code known}; e.g. the
     * member statuses, the cap ids of program.json): {@code ==}, {@code .equals(..)}, {@code .equalsIgnoreCase(..)}
     * (no known value equal ignoring case), {@code java.util.Objects.equals(field, ..)} and {@code in} can never be
     * true, {@code !=}, {@code !..equals(..)} and {@code not in} always are. Either way round, double- or
     * single-quoted, in parentheses ({@code field == ( "x" )}), and in {@code in (...)}; a literal that starts a
     * concatenation ({@code "gol" + "den"}) is not checked. A {@code matches "regex"} that no known value matches is
     * the same mistake. The message says what the literal does to its condition: the whole condition, or one branch of
     * an {@code ||}, an {@code in} list or an {@code or}; in a pattern under {@code not}, what it does to the not.
     */
    public static List<Problem> unknownValues(List<RuleSource> sources, String fieldRegex, String what,
                                              String knownAs, Collection<String> known) {
        return unknownValues(sources, fieldRegex, null, null, what, knownAs, known);
    }

    /**
     * As above, for a field name common enough to be something else's ({@code source}: a {@code $source} binding of
     * an attribute's value, a local variable): only comparisons inside patterns of {@code type} and with bindings of
     * the field count.
     */
    public static List<Problem> unknownValuesIn(String type, List<RuleSource> sources, String fieldRegex, String what,
                                                String knownAs, Collection<String> known) {
        return unknownValues(sources, fieldRegex, null, type, what, knownAs, known);
    }

    /**
     * As above; {@code attribute} also checks {@code value} in {@code PurchaseAttribute( name == attribute, .. )},
     * and {@code onlyIn} (when not null) looks for the field only inside patterns of that type.
     */
    private static List<Problem> unknownValues(List<RuleSource> sources, String fieldRegex, String attribute,
                                               String onlyIn, String what, String knownAs, Collection<String> known) {
        List<Problem> problems = new ArrayList<>();
        for (RuleSource source : sources) {
            String text = withoutComments(source.text());
            List<RuleInfo> rules = RulePack.scan(source);
            List<RuleOutline> outlines = RuleOutline.of(source);
            // by the literal's offset: a binding named like a field ($tierId) is found both ways
            Map<Integer, Comparison> found = new java.util.TreeMap<>();
            if (onlyIn == null) {
                compared(text, fieldRegex, WORD, 0, text.length(), found);
            }
            for (RuleOutline outline : outlines) {
                BaseDescr conditions = outline.descr().getLhs();
                for (String variable : bindingsOf(outline, fieldRegex)) {
                    String quoted = Pattern.quote(variable);
                    compared(text, quoted, NAME, conditions.getStartCharacter(), conditions.getEndCharacter() + 1,
                            found);
                }
                for (RuleOutline.Placed placed : outline.patterns()) {
                    if (onlyIn != null && RuleOutline.simpleType(placed.pattern()).equals(onlyIn)) {
                        compared(text, fieldRegex, NAME, placed.pattern().getStartCharacter(),
                                placed.pattern().getEndCharacter() + 1, found);
                        String fact = placed.pattern().getIdentifier();
                        if (fact != null) {
                            // $t : CurrentTier( ) and later $t.source == "PAYED"
                            String field = Pattern.quote(fact) + "\\s*\\.\\s*(?:" + fieldRegex + ")";
                            compared(text, field, NAME, conditions.getStartCharacter(),
                                    conditions.getEndCharacter() + 1, found);
                        }
                    }
                    if (attribute != null && isAttribute(placed.pattern(), attribute)) {
                        compared(text, "value", WORD, placed.pattern().getStartCharacter(),
                                placed.pattern().getEndCharacter() + 1, found);
                    }
                }
            }
            for (Comparison c : found.values()) {
                String value = text.substring(c.from(), c.to());
                boolean unknown = c.regex() ? matchesNone(value, known)
                        : c.ignoreCase() ? known.stream().noneMatch(value::equalsIgnoreCase) : !known.contains(value);
                if (unknown) {
                    int line = lineOf(text, c.from());
                    String rule = DrlLint.enclosingRule(rules, line);
                    problems.add(new Problem(source.origin() + ":" + line, (rule == null ? "" : "rule \"" + rule + "\" ")
                            + (c.regex() ? "matches " + what + " against \"" + value + "\", which matches no "
                                    + knownAs.replaceFirst("^an? ", "") + " " + known
                                    : "compares " + what + " with \"" + value + "\"" + (c.ignoreCase()
                                    ? " ignoring case" : "") + ", which is not " + knownAs + " " + known)
                            + consequence(c, place(outlines, c.from(), text.substring(c.from() - 1, c.to() + 1)),
                                    inNot(outlines, c.from()), value)
                            + (c.regex() ? "" : NearMiss.suggestion(value, known))));
                }
            }
        }
        return problems;
    }

    /**
     * A literal compared with a field: where it is, whether negated ({@code !=}), whether a {@code matches} regex,
     * whether case is ignored ({@code equalsIgnoreCase}).
     */
    private record Comparison(int from, int to, boolean negated, boolean regex, boolean ignoreCase) {
    }

    /** Where a literal sits in its condition, which decides what it does to it. */
    private enum Place {
        /** The condition is the comparison, or the comparison and-ed with others. */
        ALONE,
        /** One branch of an {@code ||}, of an {@code in} list or of an {@code or} of patterns. */
        BRANCH,
        /** Beside other parts of one {@code &&} or {@code not in} list. */
        PART
    }

    private static String consequence(Comparison c, Place place, boolean inNot, String value) {
        if (inNot && place == Place.ALONE) {
            // not Pattern( field == "x" ): the pattern never matches, so the not always holds
            return c.negated() ? (c.regex() ? "; it never matches" : "; it is never equal") + ", so the pattern matches"
                    + " every such fact and the not around it holds only where there is none"
                    : "; the pattern can never match, so the not around it always holds";
        }
        if (!c.negated()) {
            return place == Place.BRANCH ? "; the branch with \"" + value + "\" can never match"
                    : "; the condition can never match";
        }
        String never = c.regex() ? "; it never matches" : "; it is never equal";
        return place == Place.PART ? never + ", so excluding it excludes nothing"
                : never + ", so the condition always matches";
    }

    /** Where a subject of {@link #compared} may start and end: a word's boundary, or a name's (a name may hold $). */
    private record Bounds(String before, String after) {
    }

    private static final Bounds WORD = new Bounds("\\b", "\\b");
    private static final Bounds NAME = new Bounds("(?<![\\w$])", "(?![\\w$])");

    /**
     * Finds the comparisons of a subject ({@code subject}: its regex, within {@code bounds}) with string literals
     * between offsets {@code from} and {@code to} of {@code text}.
     */
    private static void compared(String text, String subject, Bounds bounds, int from, int to,
                                 Map<Integer, Comparison> found) {
        int end = Math.min(to, text.length());
        if (from < 0 || from >= end) {
            return;
        }
        // each comparison below is the subject beside a quoted literal: where either is missing there is none, and
        // the searches for them (eight patterns, compiled for this subject) are the costly part of this check
        if (!quoted(text, from, end) || !region(Pattern.compile(subject), text, from, end).find()) {
            return;
        }
        String lead = bounds.before() + "(" + subject + ")";
        String trail = "(" + subject + ")" + bounds.after();
        // field == "x", field != 'x', field == ( "x" ); not a literal that is only the start of a concatenation
        Matcher fieldIs = region(Pattern.compile(lead + "\\s*(?<op>==|!=)\\s*(?:\\(\\s*)*" + LIT + "(?!\\s*\\+)"), text,
                from, end);
        while (fieldIs.find()) {
            add(found, fieldIs, fieldIs.group("op").equals("!="), false, false);
        }
        Matcher isField = region(Pattern.compile("(?<![+]\\s{0,20})" + LIT + "(?:\\s*\\))*\\s*(?<op>==|!=)\\s*" + trail),
                text, from, end);
        while (isField.find()) {
            add(found, isField, isField.group("op").equals("!="), false, false);
        }
        String equals = "\\s*\\.\\s*(?<m>equals|equalsIgnoreCase)\\s*\\(\\s*";
        Matcher fieldEquals = region(Pattern.compile("(?<not>!\\s*)?" + lead + equals + LIT + "\\s*\\)"), text, from,
                end);
        while (fieldEquals.find()) {
            add(found, fieldEquals, fieldEquals.group("not") != null, false,
                    fieldEquals.group("m").equals("equalsIgnoreCase"));
        }
        Matcher equalsField = region(Pattern.compile("(?<not>!\\s*)?" + LIT + equals + trail + "\\s*\\)"), text, from,
                end);
        while (equalsField.find()) {
            add(found, equalsField, equalsField.group("not") != null, false,
                    equalsField.group("m").equals("equalsIgnoreCase"));
        }
        // java.util.Objects.equals( field, "x" ), either way round
        String objects = "(?<not>!\\s*)?(?<![\\w.])(?:java\\s*\\.\\s*util\\s*\\.\\s*)?Objects\\s*\\.\\s*equals\\s*\\(\\s*";
        for (String args : List.of(lead + "\\s*,\\s*" + LIT, LIT + "\\s*,\\s*" + trail)) {
            Matcher objectsEquals = region(Pattern.compile(objects + args + "\\s*\\)"), text, from, end);
            while (objectsEquals.find()) {
                add(found, objectsEquals, objectsEquals.group("not") != null, false, false);
            }
        }
        Matcher matches = region(Pattern.compile(lead + "\\s+(?<not>not\\s+)?matches\\s+" + LIT), text, from, end);
        while (matches.find()) {
            add(found, matches, matches.group("not") != null, true, false);
        }
        Matcher in = region(Pattern.compile(lead + "\\s+(?<not>not\\s+)?in\\s*\\((?<list>[^)]*)\\)"), text, from, end);
        while (in.find()) {
            Matcher literal = LITERAL.matcher(in.group("list"));
            while (literal.find()) {
                found.putIfAbsent(in.start("list") + literal.start(2), new Comparison(in.start("list")
                        + literal.start(2), in.start("list") + literal.end(2), in.group("not") != null, false, false));
            }
        }
    }

    private static boolean quoted(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                return true;
            }
        }
        return false;
    }

    private static Matcher region(Pattern pattern, String text, int from, int to) {
        return pattern.matcher(text).region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
    }

    private static void add(Map<Integer, Comparison> found, Matcher m, boolean negated, boolean regex,
                            boolean ignoreCase) {
        found.putIfAbsent(m.start("v"), new Comparison(m.start("v"), m.end("v"), negated, regex, ignoreCase));
    }

    /** The variables the rule binds to a field matching {@code fieldRegex} ({@code $t : tierId}). */
    private static List<String> bindingsOf(RuleOutline outline, String fieldRegex) {
        List<String> variables = new ArrayList<>();
        Pattern field = Pattern.compile("(?:.*\\.)?(?:" + fieldRegex + ")");
        for (RuleOutline.Constraint c : outline.constraints()) {
            collectBindings(c.tree(), field, variables);
        }
        return variables;
    }

    private static void collectBindings(BaseDescr node, Pattern field, List<String> into) {
        if (node instanceof BindingDescr binding && binding.getExpression() != null
                && field.matcher(binding.getExpression().trim()).matches() && !into.contains(binding.getVariable())) {
            into.add(binding.getVariable());
        } else if (node instanceof RelationalExprDescr relation) {
            collectBindings(relation.getLeft(), field, into);
            collectBindings(relation.getRight(), field, into);
        } else if (node instanceof ConstraintConnectiveDescr connective) {
            connective.getDescrs().forEach(child -> collectBindings(child, field, into));
        }
    }

    /** Whether the pattern is {@code PurchaseAttribute( name == "<attribute>", .. )}. */
    private static boolean isAttribute(PatternDescr pattern, String attribute) {
        if (!RuleOutline.simpleType(pattern).equals("PurchaseAttribute")) {
            return false;
        }
        Pattern named = Pattern.compile("name\\s*==\\s*([\"'])" + Pattern.quote(attribute) + "\\1|([\"'])"
                + Pattern.quote(attribute) + "\\2\\s*==\\s*name");
        for (BaseDescr c : pattern.getConstraint().getDescrs()) {
            if (c instanceof ExprConstraintDescr expr && named.matcher(expr.getExpression().trim()).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the literal at {@code offset} ({@code literal}: as written, with its quotes) sits in the constraint that
     * holds it (ALONE when none does).
     */
    private static Place place(List<RuleOutline> outlines, int offset, String literal) {
        for (RuleOutline outline : outlines) {
            for (RuleOutline.Constraint c : outline.constraints()) {
                if (c.descr().getStartCharacter() <= offset && offset <= c.descr().getEndCharacter()) {
                    return placeIn(c, literal);
                }
            }
        }
        return Place.ALONE;
    }

    /** Whether the literal at {@code offset} is in a pattern under {@code not}. */
    private static boolean inNot(List<RuleOutline> outlines, int offset) {
        for (RuleOutline outline : outlines) {
            for (RuleOutline.Placed placed : outline.patterns()) {
                if (placed.negated() && placed.pattern().getStartCharacter() <= offset
                        && offset <= placed.pattern().getEndCharacter()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Place placeIn(RuleOutline.Constraint constraint, String literal) {
        Place place = constraint.alternative() ? Place.BRANCH : Place.ALONE;
        BaseDescr node = constraint.tree();
        while (node instanceof ConstraintConnectiveDescr connective) {
            BaseDescr next = null;
            for (BaseDescr child : connective.getDescrs()) {
                if (mentions(child, literal)) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            if (connective.getDescrs().size() > 1) {
                if (connective.getConnective() == ConnectiveType.OR) {
                    place = Place.BRANCH;
                } else if (place == Place.ALONE) {
                    place = Place.PART;
                }
            }
            node = next;
        }
        return place;
    }

    private static boolean mentions(BaseDescr node, String literal) {
        if (node instanceof AtomicExprDescr atomic) {
            return atomic.getExpression() != null && atomic.getExpression().contains(literal);
        }
        if (node instanceof RelationalExprDescr relation) {
            return mentions(relation.getLeft(), literal) || mentions(relation.getRight(), literal);
        }
        if (node instanceof ConstraintConnectiveDescr connective) {
            return connective.getDescrs().stream().anyMatch(child -> mentions(child, literal));
        }
        return node instanceof BindingDescr binding && binding.getExpression() != null
                && binding.getExpression().contains(literal);
    }

    /**
     * String literals a consequence passes where a conclusion takes a value of {@code fieldRegex}: a parameter of a
     * factory or constructor of a facts type named like it ({@code TierChange.upgrade(String toTierId, ..)},
     * {@code new MembershipPrice(String tierId, ..)}), read from the facts package, that are none of {@code known}.
     */
    static List<Problem> concludedValues(List<RuleSource> sources, String fieldRegex, Set<String> types,
                                         String knownAs, Collection<String> known) {
        List<Problem> problems = new ArrayList<>();
        forEachConcluded(sources, fieldRegex, types, (source, outline, type, call, arg) -> {
            if (arg.size() == 1 && arg.get(0).kind() == Kind.STRING && !known.contains(arg.get(0).text())) {
                problems.add(new Problem(source.origin() + ":" + arg.get(0).line(), "rule \"" + outline.name()
                        + "\" concludes " + call + " with \"" + arg.get(0).text() + "\", which is not " + knownAs + " "
                        + known + concludedEffect(type) + NearMiss.suggestion(arg.get(0).text(), known)));
            }
        });
        return problems;
    }

    /**
     * The values the pack's consequences pass where a conclusion of {@code types} takes a value of {@code fieldRegex}
     * ({@code RiskFlag.underReview("VELOCITY", ..)}): the string literals, and whether every such value is one.
     */
    public static Concluded concludedLiterals(List<RuleSource> sources, String fieldRegex, Set<String> types) {
        Set<String> literals = new TreeSet<>();
        boolean[] onlyLiterals = {true};
        forEachConcluded(sources, fieldRegex, types, (source, outline, type, call, arg) -> {
            if (arg.size() == 1 && arg.get(0).kind() == Kind.STRING) {
                literals.add(arg.get(0).text());
            } else {
                onlyLiterals[0] = false;
            }
        });
        return new Concluded(literals, onlyLiterals[0]);
    }

    /** The string literals concluded, and whether the pack concludes no other (computed) value. */
    public record Concluded(Set<String> literals, boolean onlyLiterals) {
        public Concluded {
            literals = Collections.unmodifiableSet(new TreeSet<>(literals));
        }
    }

    /** One value passed where a conclusion of facts type {@code type} takes a value of the field: its tokens. */
    private interface ConcludedValue {
        void accept(RuleSource source, RuleOutline outline, String type, String call, List<Token> arg);
    }

    private static void forEachConcluded(List<RuleSource> sources, String fieldRegex, Set<String> types,
                                         ConcludedValue action) {
        Pattern field = Pattern.compile(fieldRegex);
        for (RuleSource source : sources) {
            for (RuleOutline outline : RuleOutline.of(source)) {
                List<Token> tokens = outline.consequence();
                for (int i = 0; i + 1 < tokens.size(); i++) {
                    boolean constructed = i > 0 && tokens.get(i - 1).text().equals("new");
                    String member = constructed ? "<init>" : i + 3 < tokens.size()
                            && tokens.get(i + 1).kind() == Kind.DOT ? tokens.get(i + 2).text() : null;
                    int open = constructed ? i + 1 : i + 3;
                    if (member == null || open >= tokens.size() || !tokens.get(open).text().equals("(")
                            || !EngineReads.isFact(tokens.get(i).text())
                            || types != null && !types.contains(tokens.get(i).text())) {
                        continue;
                    }
                    String type = tokens.get(i).text();
                    List<List<Token>> args = arguments(tokens, open);
                    String call = constructed ? "new " + type + "(..)" : type + "." + member + "(..)";
                    for (int index : valueParameters(type, member, args.size(), field)) {
                        action.accept(source, outline, type, call, args.get(index));
                    }
                }
            }
        }
    }

    /** The arguments of the call whose {@code (} is token {@code open}: the tokens between its top-level commas. */
    static List<List<Token>> arguments(List<Token> tokens, int open) {
        List<List<Token>> args = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = open + 1; i < tokens.size(); i++) {
            String t = tokens.get(i).kind() == Kind.OTHER ? tokens.get(i).text() : "";
            if (depth == 0 && (t.equals(")") || t.equals(","))) {
                if (!current.isEmpty() || t.equals(",")) {
                    args.add(current);
                }
                if (t.equals(")")) {
                    return args;
                }
                current = new ArrayList<>();
                continue;
            }
            depth += t.equals("(") || t.equals("{") || t.equals("[") ? 1 : t.equals(")") || t.equals("}")
                    || t.equals("]") ? -1 : 0;
            current.add(tokens.get(i));
        }
        return args;
    }

    /**
     * The positions at which every public factory ({@code member}, static, returning the type) or constructor
     * ({@code <init>}) of facts type {@code type} with {@code arity} parameters takes a parameter named like
     * {@code field}; empty when the overloads disagree or none is named so.
     */
    private static List<Integer> valueParameters(String type, String member, int arity, Pattern field) {
        Class<?> fact;
        try {
            fact = Class.forName("org.loyaltyrules.rules.facts." + type, false, PackCrossCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        }
        List<java.lang.reflect.Executable> candidates = new ArrayList<>();
        if (member.equals("<init>")) {
            candidates.addAll(List.of(fact.getConstructors()));
        } else {
            for (java.lang.reflect.Method m : fact.getMethods()) {
                if (m.getName().equals(member) && java.lang.reflect.Modifier.isStatic(m.getModifiers())
                        && m.getReturnType() == fact) {
                    candidates.add(m);
                }
            }
        }
        List<Integer> positions = null;
        for (java.lang.reflect.Executable candidate : candidates) {
            if (candidate.getParameterCount() != arity) {
                continue;
            }
            List<Integer> named = new ArrayList<>();
            java.lang.reflect.Parameter[] parameters = candidate.getParameters();
            for (int p = 0; p < parameters.length; p++) {
                if (parameters[p].getType() == String.class && field.matcher(parameters[p].getName()).matches()) {
                    named.add(p);
                }
            }
            positions = positions == null ? named : positions.equals(named) ? positions : List.of();
        }
        return positions == null ? List.of() : positions;
    }

    /**
     * A setting program.json declares ({@code declares}: "risk.caps declares daily-points", at {@code path}) that the
     * engine hands the rules as facts of type {@code fact}, and what is lost when no rule reads them ({@code effect}).
     */
    public record Declared(String path, String declares, String fact, String effect) {
    }

    /**
     * Settings program.json declares that no rule can apply: the engine hands each to the rules as a fact, and only a
     * rule that reads the fact applies it, so a standard file switched off by an empty replacement (risk/caps.drl,
     * earning/tier-bonus.drl) leaves its settings without effect. A pattern under {@code not} reads nothing. Whether
     * the rules that do read a fact apply it as the standard file did is not judged: tier/floor.drl reads the
     * thresholds too, so tier/upgrade.drl switched off gives no warning.
     */
    public static List<Problem> unreadSettings(List<RuleSource> sources, List<Declared> declared) {
        List<String> texts = sources.stream().map(s -> DrlLint.withoutCommentsAndStrings(s.text())).toList();
        List<Problem> problems = new ArrayList<>();
        for (Declared d : declared) {
            Pattern reads = Pattern.compile("\\b" + d.fact() + "\\s*\\(");
            if (texts.stream().noneMatch(text -> readsOutsideNot(reads.matcher(text), text))) {
                problems.add(new Problem("program.json " + d.path(), "program.json " + d.declares()
                        + " but no rule reads " + d.fact() + ": " + d.effect()));
            }
        }
        return problems;
    }

    /** Whether {@code pattern} finds the fact in {@code text} other than under a {@code not} ({@code not X( )}). */
    private static boolean readsOutsideNot(java.util.regex.Matcher pattern, String text) {
        while (pattern.find()) {
            String before = text.substring(0, pattern.start()).replaceAll("[\\s(]+$", "");
            if (!before.matches("(?s).*\\bnot")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Benefits program.json gives to no tier ({@code "tiers"} empty or left out) that no rule names in a string
     * literal: the standard benefit/claims.drl grants a claim only to a tier the benefit lists and refuses every other
     * ("not a benefit of tier gold"), so such a benefit can never be used. A pack whose own rule names the benefit
     * ({@code benefitId == "apology-voucher"}) is taken to grant it its own way.
     */
    public static List<Problem> tierlessBenefits(List<RuleSource> sources,
                                                 List<org.loyaltyrules.core.benefit.Benefit> benefits) {
        List<String> texts = sources.stream().map(s -> withoutComments(s.text())).toList();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < benefits.size(); i++) {
            org.loyaltyrules.core.benefit.Benefit benefit = benefits.get(i);
            String id = benefit.id();
            if (benefit.tiers().isEmpty()
                    && texts.stream().noneMatch(t -> t.contains("\"" + id + "\"") || t.contains("'" + id + "'"))) {
                problems.add(new Problem("program.json $.benefits[" + i + "].tiers", "lists no tier for benefit "
                        + id + ", and no rule names it: the benefit rules refuse every claim of it (\"not a benefit of"
                        + " tier ..\"); list the tiers that give it"));
            }
        }
        return problems;
    }

    /**
     * A ladder above its base tier on the metric {@code growth} (tiers.metric's default) that growth.rates does not
     * credit: no purchase then moves anyone up; only events carrying a {@code growth} metric would.
     */
    public static List<Problem> uncreditedGrowth(TierLadder ladder, Collection<String> growthRates) {
        if (!ladder.metric().equals("growth") || growthRates.contains("growth")
                || ladder.tiers().stream().noneMatch(t -> t.reachable() && t.threshold().signum() > 0)) {
            return List.of();
        }
        return List.of(new Problem("program.json $.tiers.metric", "is \"growth\" (the default when left out), but"
                + " growth.rates has no \"growth\" rate, so no purchase credits growth and only events with a growth"
                + " metric move members up the ladder; add \"growth\": {\"rates\": {\"growth\": \"1\"}} (1 per"
                + " currency unit of eligible spend), or set tiers.metric to \"spend\", \"points\" or an event"
                + " metric"));
    }

    /**
     * An expiry that can end a lot's life before its return window does ({@code pendingDays}): such a lot never
     * becomes available and expires pending (docs/semantics.md section 6), so a FIXED_DAYS expiry of 7 days with 14
     * pending days expires every point before it can be redeemed. The lives are measured by the policy itself, for
     * lots earned at the first and the last second of each month of 2021 to 2024 in the program's zone.
     */
    public static List<Problem> expiringWhilePending(java.time.Duration pending,
                                                     org.loyaltyrules.core.points.ExpiryPolicy expiry,
                                                     org.loyaltyrules.core.program.ProgramCalendar calendar) {
        if (pending.isZero()) {
            return List.of();
        }
        java.time.Duration shortest = null;
        java.time.Duration longest = null;
        for (java.time.YearMonth month = java.time.YearMonth.of(2021, 1); month.getYear() < 2025;
                month = month.plusMonths(1)) {
            java.time.Instant first = calendar.startOf(month.atDay(1));
            for (java.time.Instant at : List.of(first, calendar.startOf(month.plusMonths(1).atDay(1)).minusSeconds(1))) {
                java.util.Optional<java.time.Instant> end = expiry.lotExpiry(at, calendar)
                        .or(() -> expiry.inactivityDeadline(at, calendar));
                if (end.isEmpty()) {
                    return List.of(); // points that never expire
                }
                java.time.Duration life = java.time.Duration.between(at, end.get());
                shortest = shortest == null || life.compareTo(shortest) < 0 ? life : shortest;
                longest = longest == null || life.compareTo(longest) > 0 ? life : longest;
            }
        }
        long days = pending.toDays();
        boolean inactivity = expiry instanceof org.loyaltyrules.core.points.ExpiryPolicy.Inactivity;
        if (!inactivity && longest.compareTo(pending) <= 0) {
            return List.of(new Problem("program.json $.pendingDays", "is " + days + ", but expiry " + described(expiry)
                    + " ends every lot within " + days + " days of its earning: every point expires pending, before"
                    + " it can be redeemed; make the expiry longer than the return window"));
        }
        if (shortest.compareTo(pending) <= 0) {
            // each activity moves an inactivity deadline: only a member who does nothing more loses the points
            return List.of(new Problem("program.json $.pendingDays", "is " + days + ", but expiry " + described(expiry)
                    + (inactivity ? " can end a member's points " + wholeDays(shortest) + " days after its last"
                    + " activity: points earned then by a member who does nothing more expire pending"
                    : " can end a lot " + wholeDays(shortest) + " days after its earning (earned at the end of a "
                    + (expiry instanceof org.loyaltyrules.core.points.ExpiryPolicy.EndOfNextCalendarYear ? "year"
                    : "month") + "): such points expire pending") + ", before they can be redeemed"));
        }
        return List.of();
    }

    /** A life in days, to the nearest day (28 days less the hour a DST change takes is 28). */
    private static long wholeDays(java.time.Duration life) {
        return (life.toMinutes() + 720) / 1440;
    }

    /** An expiry policy as program.json writes it: "FIXED_DAYS of 7 days". */
    private static String described(org.loyaltyrules.core.points.ExpiryPolicy expiry) {
        if (expiry instanceof org.loyaltyrules.core.points.ExpiryPolicy.FixedDays f) {
            return "FIXED_DAYS of " + f.days() + " days";
        }
        if (expiry instanceof org.loyaltyrules.core.points.ExpiryPolicy.EndOfNthMonthAfterEarn m) {
            return "END_OF_NTH_MONTH of " + m.months() + " months";
        }
        if (expiry instanceof org.loyaltyrules.core.points.ExpiryPolicy.Inactivity i) {
            return "INACTIVITY of " + i.months() + " months";
        }
        return "END_OF_NEXT_CALENDAR_YEAR";
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

    /**
     * Rules whose conditions match what another rule's match (warnings, at the rule, naming the other): the same
     * conditions ({@link Conditions#sameAs}: up to the order of patterns and constraints, the names of bindings,
     * spacing and comments) in the same ruleflow-group, reported at the later rule; and, in that group with
     * the same salience, conditions that imply another rule's ({@link Conditions#implies}: the same patterns, each as
     * tight or tighter), reported at the tighter rule. Either way, wherever one fires the other fires too, on the same
     * facts: Drools fires every rule that matches, salience only orders them.
     */
    public static List<Problem> shadowedRules(List<RuleSource> sources) {
        List<RuleOutline> rules = new ArrayList<>();
        List<Conditions> conditions = new ArrayList<>();
        for (RuleSource source : sources) {
            for (RuleOutline rule : RuleOutline.of(source)) {
                Conditions c = Conditions.of(rule);
                if (c != null && !c.isEmpty()) {
                    rules.add(rule);
                    conditions.add(c);
                }
            }
        }
        Problem[] found = new Problem[rules.size()]; // one per rule, reported in pack order
        for (int j = 0; j < rules.size(); j++) {
            for (int i = 0; i < j && found[j] == null; i++) {
                // in another group the same conditions lead to other conclusions (an earning bonus and a risk flag
                // on big baskets): both are meant, neither hides the other
                if (found[i] == null && sameGroup(rules.get(i), rules.get(j))
                        && conditions.get(j).sameAs(conditions.get(i))) {
                    found[j] = new Problem(where(rules.get(j)), "rule \"" + rules.get(j).name() + "\" shadows rule \""
                            + rules.get(i).name() + "\" (" + where(rules.get(i)) + "): their conditions are the same,"
                            + " so both fire on the same facts");
                }
            }
        }
        boolean[] copy = new boolean[rules.size()];
        for (int j = 0; j < rules.size(); j++) {
            copy[j] = found[j] != null;
        }
        for (int j = 0; j < rules.size(); j++) {
            for (int i = 0; i < rules.size() && found[j] == null; i++) {
                String why = i == j || copy[i] || !sameOrder(rules.get(i), rules.get(j)) ? null
                        : conditions.get(j).implies(conditions.get(i));
                if (why != null) {
                    found[j] = new Problem(where(rules.get(j)), "rule \"" + rules.get(j).name() + "\" fires only"
                            + " where rule \"" + rules.get(i).name() + "\" (" + where(rules.get(i)) + ") fires too: its"
                            + " conditions imply the other's (" + why + "), so on those facts both fire; if it should"
                            + " replace the other there, exclude its case from the other's conditions");
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (Problem p : found) {
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    private static String where(RuleOutline rule) {
        return rule.source().origin() + ":" + rule.line();
    }

    /** Same ruleflow-group and salience (none is 0): neither is meant to come before the other. */
    private static boolean sameOrder(RuleOutline a, RuleOutline b) {
        return sameGroup(a, b) && salience(a).equals(salience(b));
    }

    private static boolean sameGroup(RuleOutline a, RuleOutline b) {
        return a.attribute("ruleflow-group").equals(b.attribute("ruleflow-group"));
    }

    private static String salience(RuleOutline rule) {
        String value = rule.attribute("salience");
        try {
            return value.isEmpty() ? "0" : new java.math.BigDecimal(value).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value;
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

    /** Blanks out comments, keeping string literals (either quote) and the line structure. */
    static String withoutComments(String text) {
        return DrlTokens.blank(text, false).replace("\r", "");
    }
}
