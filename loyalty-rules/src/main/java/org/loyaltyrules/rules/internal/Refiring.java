package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConnectiveType;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.loyaltyrules.rules.internal.DrlTokens.Kind;
import org.loyaltyrules.rules.internal.DrlTokens.Token;
import org.loyaltyrules.rules.program.Problem;

/**
 * Rules that fire themselves again (file:line:column and rule): a consequence that inserts a fact one of the rule's own
 * patterns matches, and one that modifies or updates a fact its own pattern reads. Drools then matches the rule again,
 * each time, until the engine's fire limit fails the event. The fact changed is named by a pattern binding (with or
 * without {@code $}), the fact argument of {@code update( handle, $p )}, or a name the consequence assigned a binding
 * to ({@code Object o = $p;}); anything else changed that is no binding is taken as one of the rule's own facts.
 *
 * <p>Protection is what stops it: {@code no-loop} or {@code lock-on-active} (which block a rule's activation by its
 * own consequence, inserts included), a {@code not} pattern of a type the consequence inserts, a constraint of the
 * pattern the inserted fact may fail (anything but bindings and {@code field == $binding} with the binding passed to
 * the insert), or, for {@code modify}, a constraint on a property the block sets. What Drools re-evaluates (property
 * reactivity, measured on Drools 10): {@code update($x)} re-fires every pattern of {@code $x}; an empty
 * {@code modify($x) { }} those with a constraint; {@code modify($x) { setA(..) }} those that read {@code a}.
 *
 * <p>How certain: a modify or update is an error when nothing else could stop the loop: the conditions are plain
 * patterns (no {@code not}, {@code exists}, {@code forall}, accumulate, {@code from} or {@code eval}, which other
 * conclusions could change) and the consequence has no branch, loop or early exit. Facts are immutable records and
 * rules may not delete them, so the same facts match again and the same consequence runs again, without end. Any
 * other change, and every insert (the text only guesses that a $binding passed to the insert lands in the field the
 * pattern compares it with), is a warning that says it most likely loops.
 */
final class Refiring {

    private Refiring() {
    }

    /** The rules of {@code source} that certainly fire themselves again without end. */
    static List<Problem> errors(RuleSource source) {
        List<Problem> errors = new ArrayList<>();
        scan(source, errors, new ArrayList<>());
        return errors;
    }

    /** The rules of {@code source} that most likely fire themselves again, with what does it. */
    static List<Problem> warnings(RuleSource source) {
        List<Problem> warnings = new ArrayList<>();
        scan(source, new ArrayList<>(), warnings);
        return warnings;
    }

    private static void scan(RuleSource source, List<Problem> errors, List<Problem> warnings) {
        for (RuleOutline rule : RuleOutline.of(source)) {
            if (rule.isOn("no-loop") || rule.isOn("lock-on-active")) {
                continue;
            }
            List<Insert> inserts = inserts(rule.consequence());
            Set<String> ruledOut = new LinkedHashSet<>();
            for (RuleOutline.Placed placed : rule.patterns()) {
                if (placed.negated()) {
                    ruledOut.add(RuleOutline.simpleType(placed.pattern()));
                }
            }
            if (inserts.stream().anyMatch(i -> ruledOut.contains(i.type()))) {
                continue; // a not pattern for what it inserts: the first insert stops it
            }
            for (Insert insert : inserts) {
                PatternDescr own = matchedBy(rule, insert);
                if (own != null) {
                    warnings.add(DrlLint.at(source, insert.at().line(), insert.at().column() - 1, "rule \""
                            + rule.name() + "\" inserts a " + insert.type() + " that its own pattern "
                            + rule.textOf(own) + " (line " + rule.lineOf(own.getStartCharacter()) + ") matches as far"
                            + " as the text tells, so each insert most likely fires the rule again until the fire"
                            + " limit fails the event; add a condition the inserted " + insert.type() + " fails, such"
                            + " as not " + insert.type() + "( .. ) for it", found(source, insert.at(),
                            insert.typeToken())));
                }
            }
            boolean certain = plain(rule.descr().getLhs()) && straight(rule.consequence());
            Map<String, String> aliases = aliases(rule, rule.consequence());
            for (Change change : changes(rule.consequence())) {
                String variable = aliases.getOrDefault(change.variable(), change.variable());
                PatternDescr own = boundTo(rule, variable);
                boolean unknown = own == null && !isBinding(rule, variable);
                if (unknown) {
                    // no pattern binding (a local variable, a call): taken as a fact the rule's own patterns match
                    own = rule.patterns().stream().filter(RuleOutline.Placed::positive).map(RuleOutline.Placed::pattern)
                            .filter(p -> refires(p, change)).findFirst().orElse(null);
                }
                if (own != null && refires(own, change)) {
                    boolean update = change.setters() == null;
                    String named = change.variable() + (variable.equals(change.variable()) ? "" : " (" + variable
                            + ")");
                    String what = "rule \"" + rule.name() + "\" " + (update ? "updates " : "modifies ") + named
                            + (unknown ? ", which is no binding of its patterns and may be a fact its own pattern "
                                    : ", which its own pattern ") + rule.textOf(own) + " (line "
                            + rule.lineOf(own.getStartCharacter()) + ") " + (update ? "matches" : "reads") + ", so "
                            + "Drools matches the rule again";
                    (certain ? errors : warnings).add(DrlLint.at(source, change.at().line(), change.at().column() - 1,
                            what + (certain ? ": its conditions are plain patterns on facts no rule changes and its"
                                    + " consequence always runs the same way, so it fires again without end and every"
                                    + " event it fires on fails at the fire limit"
                                    : " and most likely fires again until the fire limit fails the event, unless a"
                                    + " not, exists, accumulate or eval condition, or a branch of its consequence,"
                                    + " stops it") + "; rules conclude by insert(): insert a conclusion instead of"
                                    + " changing the fact, or add a condition the change makes false (no-loop and"
                                    + " lock-on-active also stop it, but hide the loop, and validate warns about them)",
                            change.at().text() + "("));
                }
            }
        }
    }

    /** Whether the conditions are patterns only, and-ed or or-ed: nothing another conclusion could falsify. */
    private static boolean plain(BaseDescr element) {
        if (element instanceof PatternDescr pattern) {
            return pattern.getSource() == null;
        }
        if (element instanceof AndDescr || element instanceof OrDescr) {
            return ((ConditionalElementDescr) element).getDescrs().stream().allMatch(Refiring::plain);
        }
        return false;
    }

    private static final Set<String> BRANCHES = Set.of("if", "else", "for", "while", "do", "switch", "try", "catch",
            "return", "throw", "break", "continue", "?");

    /** Whether a consequence runs every statement every time: no branch, loop or early exit. */
    private static boolean straight(List<Token> consequence) {
        return consequence.stream().noneMatch(t -> t.kind() != Kind.STRING && BRANCHES.contains(t.text()));
    }

    /** {@code insert( Type.factory(..) )} or {@code insert( new Type(..) )}: the type and the $bindings passed. */
    record Insert(Token at, Token typeToken, String type, Set<String> passed) {
    }

    /** {@code modify( $x ) { setA(..) }} (setters: the properties set) or {@code update( $x )} (setters null). */
    private record Change(Token at, String variable, Set<String> setters) {
    }

    static List<Insert> inserts(List<Token> tokens) {
        List<Insert> inserts = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            boolean member = i > 0 && tokens.get(i - 1).kind() == Kind.DOT;
            if (!tokens.get(i).isWord("insert") || !tokens.get(i + 1).text().equals("(")
                    || member && !(i > 1 && tokens.get(i - 2).isWord("drools"))) {
                continue; // another object's insert(..), not the engine's
            }
            List<List<Token>> args = PackCrossCheck.arguments(tokens, i + 1);
            if (args.size() != 1) {
                continue;
            }
            Token type = null;
            Set<String> passed = new LinkedHashSet<>();
            for (Token token : args.get(0)) {
                if (type == null && token.kind() == Kind.IDENTIFIER && Character.isUpperCase(token.text().charAt(0))) {
                    type = token;
                }
                if (token.kind() == Kind.IDENTIFIER && token.text().startsWith("$")) {
                    passed.add(token.text());
                }
            }
            if (type != null) {
                inserts.add(new Insert(tokens.get(i), type, type.text(), passed));
            }
        }
        return inserts;
    }

    /**
     * The modifies and updates of a consequence, by the name of the fact they change: {@code modify( x )},
     * {@code update( x )}, the two-argument {@code update( handle, x )}; x as written when it is no single name
     * ({@code update( (Object) $p )}).
     */
    private static List<Change> changes(List<Token> tokens) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token at = tokens.get(i);
            boolean modify = at.isWord("modify");
            if (!(modify || at.isWord("update")) || !tokens.get(i + 1).text().equals("(")) {
                continue;
            }
            List<List<Token>> args = PackCrossCheck.arguments(tokens, i + 1);
            if (args.isEmpty() || args.size() > 2 || modify && args.size() != 1 || args.get(args.size() - 1).isEmpty()) {
                continue;
            }
            List<Token> fact = args.get(args.size() - 1);
            String variable = fact.size() == 1 && fact.get(0).kind() == Kind.IDENTIFIER ? fact.get(0).text()
                    : String.join(" ", fact.stream().map(Token::text).toList());
            int close = i + 1;
            for (int depth = 0; close < tokens.size(); close++) {
                String t = tokens.get(close).text();
                depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            Set<String> setters = null;
            if (modify && close + 1 < tokens.size() && tokens.get(close + 1).text().equals("{")) {
                setters = new LinkedHashSet<>();
                int depth = 0;
                for (int j = close + 1; j < tokens.size(); j++) {
                    String t = tokens.get(j).text();
                    depth += t.equals("{") ? 1 : t.equals("}") ? -1 : 0;
                    if (depth == 0) {
                        break;
                    }
                    if (tokens.get(j).kind() == Kind.IDENTIFIER && t.length() > 3 && t.startsWith("set")
                            && Character.isUpperCase(t.charAt(3)) && j + 1 < tokens.size()
                            && tokens.get(j + 1).text().equals("(")) {
                        setters.add(Character.toLowerCase(t.charAt(3)) + t.substring(4));
                    }
                }
            }
            changes.add(new Change(at, variable, setters));
        }
        return changes;
    }

    /**
     * Names a consequence assigns a pattern binding to ({@code Object o = $p;}), with the binding: a change of the
     * name is a change of the binding's fact.
     */
    private static Map<String, String> aliases(RuleOutline rule, List<Token> tokens) {
        Map<String, String> aliases = new HashMap<>();
        for (int i = 0; i + 3 < tokens.size(); i++) {
            boolean assigned = tokens.get(i).kind() == Kind.IDENTIFIER && tokens.get(i + 1).text().equals("=")
                    && tokens.get(i + 2).kind() == Kind.IDENTIFIER && tokens.get(i + 3).text().equals(";")
                    && (i == 0 || !tokens.get(i - 1).text().equals("."));
            if (assigned) {
                String target = aliases.getOrDefault(tokens.get(i + 2).text(), tokens.get(i + 2).text());
                if (boundTo(rule, target) != null) {
                    aliases.put(tokens.get(i).text(), target);
                }
            }
        }
        return aliases;
    }

    /** Whether {@code name} is bound in the rule's conditions: to a pattern or to a field ({@code $k : kind}). */
    private static boolean isBinding(RuleOutline rule, String name) {
        for (RuleOutline.Placed placed : rule.patterns()) {
            if (name.equals(placed.pattern().getIdentifier())) {
                return true;
            }
        }
        for (RuleOutline.Constraint c : rule.constraints()) {
            if (binds(c.tree(), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean binds(BaseDescr node, String name) {
        if (node instanceof BindingDescr binding) {
            return name.equals(binding.getVariable());
        }
        if (node instanceof RelationalExprDescr relation) {
            return binds(relation.getLeft(), name) || binds(relation.getRight(), name);
        }
        return node instanceof ConstraintConnectiveDescr connective
                && connective.getDescrs().stream().anyMatch(child -> binds(child, name));
    }

    /** A positive pattern of the inserted type whose every constraint the inserted fact meets; null if none. */
    private static PatternDescr matchedBy(RuleOutline rule, Insert insert) {
        for (RuleOutline.Placed placed : rule.patterns()) {
            if (placed.positive() && RuleOutline.simpleType(placed.pattern()).equals(insert.type())
                    && constraints(placed.pattern()).stream().allMatch(c -> met(c, insert.passed()))) {
                return placed.pattern();
            }
        }
        return null;
    }

    /**
     * Whether every fact of the type meets the constraint, as far as the text tells: bindings, and
     * {@code field == $x} with {@code $x} passed to the insert (the inserted fact most likely carries it there).
     */
    private static boolean met(BaseDescr node, Set<String> passed) {
        if (node == null) {
            return false; // a constraint the expression parser cannot read: it may well guard
        }
        if (node instanceof ConstraintConnectiveDescr connective) {
            return connective.getConnective() == ConnectiveType.AND
                    && connective.getDescrs().stream().allMatch(child -> met(child, passed));
        }
        if (node instanceof BindingDescr) {
            return true;
        }
        if (node instanceof RelationalExprDescr relation && relation.getOperator().equals("==")) {
            return isField(relation.getLeft()) && isPassed(relation.getRight(), passed)
                    || isField(relation.getRight()) && isPassed(relation.getLeft(), passed);
        }
        return false;
    }

    private static boolean isField(BaseDescr side) {
        return side instanceof BindingDescr || side instanceof AtomicExprDescr atomic && !atomic.isLiteral()
                && atomic.getExpression().matches("[a-zA-Z_]\\w*");
    }

    private static boolean isPassed(BaseDescr side, Set<String> passed) {
        return side instanceof AtomicExprDescr atomic && passed.contains(atomic.getExpression().trim());
    }

    /**
     * The pattern bound to {@code variable}: a positive one ({@code $p : PointsAward(..)}), or one matched
     * {@link #fromFacts from} an expression or an entry point; null if none.
     */
    private static PatternDescr boundTo(RuleOutline rule, String variable) {
        for (RuleOutline.Placed placed : rule.patterns()) {
            if (variable.equals(placed.pattern().getIdentifier()) && (placed.positive() || fromFacts(placed))) {
                return placed.pattern();
            }
        }
        return null;
    }

    /**
     * A pattern matched {@code from} an expression or an entry point, not under a not: its binding may be a fact in
     * working memory ({@code $e : EventFact( ) from $a}), which a change then makes Drools match again through every
     * pattern of it. Never certain ({@link #plain} is false for a {@code from}); an accumulate's or a collect's result
     * is no fact of the session.
     */
    private static boolean fromFacts(RuleOutline.Placed placed) {
        Object source = placed.pattern().getSource();
        return source != null && !placed.negated() && !(source instanceof AccumulateDescr)
                && !(source instanceof CollectDescr);
    }

    /** Whether the change makes Drools match {@code own} again (see the class comment), and nothing guards it. */
    private static boolean refires(PatternDescr own, Change change) {
        Set<String> read = new LinkedHashSet<>();
        Set<String> constrained = new LinkedHashSet<>();
        for (BaseDescr c : constraints(own)) {
            fields(c, read, constrained, false);
        }
        if (change.setters() == null) {
            return true;
        }
        if (change.setters().isEmpty()) {
            return !constrained.isEmpty();
        }
        return change.setters().stream().anyMatch(read::contains)
                && change.setters().stream().noneMatch(constrained::contains);
    }

    /** The properties a constraint reads ({@code read}), and those it tests beyond binding ({@code constrained}). */
    private static void fields(BaseDescr node, Set<String> read, Set<String> constrained, boolean tested) {
        if (node instanceof ConstraintConnectiveDescr connective) {
            connective.getDescrs().forEach(child -> fields(child, read, constrained, tested));
        } else if (node instanceof RelationalExprDescr relation) {
            fields(relation.getLeft(), read, constrained, true);
            fields(relation.getRight(), read, constrained, true);
        } else if (node instanceof BindingDescr binding) {
            property(binding.getExpression(), read, tested ? constrained : null);
        } else if (node instanceof AtomicExprDescr atomic && !atomic.isLiteral()) {
            property(atomic.getExpression(), read, constrained);
        }
    }

    private static void property(String expression, Set<String> read, Set<String> constrained) {
        String name = expression == null ? "" : expression.trim().replaceFirst("^!\\s*", "").split("[^\\w$]", 2)[0];
        if (!name.isEmpty() && !name.startsWith("$") && Character.isJavaIdentifierStart(name.charAt(0))) {
            read.add(name);
            if (constrained != null) {
                constrained.add(name);
            }
        }
    }

    /** The constraint trees of a pattern; null for one the expression parser cannot read. */
    private static List<BaseDescr> constraints(PatternDescr pattern) {
        List<BaseDescr> trees = new ArrayList<>();
        for (BaseDescr c : pattern.getConstraint().getDescrs()) {
            trees.add(c instanceof ExprConstraintDescr expr ? RuleOutline.expression(expr.getExpression()) : null);
        }
        return trees;
    }

    /** The text from {@code from} to just after {@code to} when both are on one line ({@code insert( PointsAward.}). */
    private static String found(RuleSource source, Token from, Token to) {
        String[] lines = PackCrossCheck.withoutComments(source.text()).split("\n", -1);
        if (from.line() != to.line() || from.line() > lines.length) {
            return from.text();
        }
        String line = lines[from.line() - 1];
        return line.substring(from.column() - 1, Math.min(line.length(), to.column() + to.text().length()));
    }
}
