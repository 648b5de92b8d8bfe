package org.loyaltyrules.rules.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConnectiveType;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.loyaltyrules.rules.internal.DrlTokens.Kind;
import org.loyaltyrules.rules.internal.DrlTokens.Token;

/**
 * A rule's conditions, normalised so that two rules can be compared for what they match rather than how they are
 * written: the condition elements in any order, a pattern's constraints in any order ({@code a > 1, b == 2} is
 * {@code b == 2 && a > 1}), bindings by what they bind, not their names ({@code $e : eventId} is
 * {@code $event : eventId}, and every use follows), a comparison either way round ({@code 100 < amount} is
 * {@code amount > 100}), numbers by value ({@code 100} is {@code 100.00}), spacing and comments ignored.
 *
 * <p>Two rules are the same ({@link #sameAs}) when their elements pair up one to one, equal under one renaming of the
 * bindings. A rule implies another ({@link #implies}) when the elements pair up the same way and every constraint of
 * the other's pattern is met by a constraint of its own paired pattern: the same, or a tighter bound on the same field
 * ({@code eligibleAmount > 1000} implies {@code eligibleAmount > 100}; {@code == 5} implies {@code >= 5} and
 * {@code != 4}); it may have constraints the other has not. Elements other than patterns ({@code not},
 * {@code exists}, {@code or}, {@code eval}, {@code from}, {@code accumulate}) must be the same. A rule with more or
 * fewer elements is not compared: it joins other facts, which the text cannot weigh.
 */
final class Conditions {

    /** A condition element: a pattern, an element made of others (not, exists, or, and, forall) or a text. */
    private sealed interface Element permits Pattern, Group, Text {
    }

    /** A pattern of a type: its binding (or null) and its constraints. */
    private record Pattern(String type, String variable, List<Atom> atoms) implements Element {
    }

    /** {@code not}, {@code exists}, {@code or}, {@code and}, {@code forall} of elements. */
    private record Group(String kind, List<Element> elements) implements Element {
    }

    /** Anything else, compared by its tokens: an eval, a pattern with a from or an accumulate. */
    private record Text(List<Token> tokens) implements Element {
    }

    /** One constraint: {@code $x : field} (op ":"), {@code left op right} or an expression ({@code op} null). */
    private record Atom(List<Token> left, String op, List<Token> right) {

        boolean isBinding() {
            return ":".equals(op);
        }

        @Override
        public String toString() {
            return op == null ? text(left) : isBinding() ? text(left) + " : " + text(right)
                    : text(left) + " " + op + " " + text(right);
        }
    }

    private final List<Element> elements;

    private Conditions(List<Element> elements) {
        this.elements = elements;
    }

    /** The rule's conditions, normalised; null when a constraint cannot be read (nothing is then claimed). */
    static Conditions of(RuleOutline rule) {
        try {
            return new Conditions(elementsOf(rule.descr().getLhs(), rule));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    boolean isEmpty() {
        return elements.isEmpty();
    }

    /** Whether these conditions are {@code other}'s up to order, binding names, spacing and how numbers are written. */
    boolean sameAs(Conditions other) {
        return match(elements, other.elements, 0, new boolean[other.elements.size()], new HashMap<>(), true) != null;
    }

    /**
     * Why every match of these conditions is a match of {@code weaker}'s ("eligibleAmount > 1000 implies
     * eligibleAmount > 100"), or null when it is not so, or the conditions are the same.
     */
    String implies(Conditions weaker) {
        if (sameAs(weaker)) {
            return null;
        }
        Map<String, String> pairing = match(weaker.elements, elements, 0, new boolean[elements.size()],
                new HashMap<>(), false);
        return pairing == null ? null : reason(weaker, pairing);
    }

    // ------------------------------------------------------------------------------------------------ reading

    private static List<Element> elementsOf(BaseDescr element, RuleOutline rule) {
        List<Element> list = new ArrayList<>();
        if (element instanceof AndDescr and) {
            for (BaseDescr child : and.getDescrs()) {
                list.addAll(elementsOf(child, rule));
            }
        } else {
            list.add(elementOf(element, rule));
        }
        return list;
    }

    private static Element elementOf(BaseDescr element, RuleOutline rule) {
        if (element instanceof PatternDescr pattern && pattern.getSource() == null) {
            List<Atom> atoms = new ArrayList<>();
            for (BaseDescr c : pattern.getConstraint().getDescrs()) {
                if (!(c instanceof ExprConstraintDescr expr)) {
                    throw new IllegalArgumentException("a constraint that is no expression");
                }
                ConstraintConnectiveDescr tree = RuleOutline.expression(expr.getExpression());
                if (tree == null) {
                    throw new IllegalArgumentException("unreadable: " + expr.getExpression());
                }
                atoms(tree, atoms);
            }
            return new Pattern(RuleOutline.simpleType(pattern), pattern.getIdentifier(), List.copyOf(atoms));
        }
        String kind = element instanceof NotDescr ? "not" : element instanceof ExistsDescr ? "exists"
                : element instanceof OrDescr ? "or" : element instanceof AndDescr ? "and"
                : element instanceof ForallDescr ? "forall" : null;
        if (kind != null) {
            List<Element> children = new ArrayList<>();
            for (Object child : ((ConditionalElementDescr) element).getDescrs()) {
                children.add(elementOf((BaseDescr) child, rule));
            }
            return new Group(kind, List.copyOf(children));
        }
        String text = rule.textOf(element);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("no text for " + element);
        }
        return new Text(DrlTokens.read(text, false));
    }

    /** Splits a constraint at its top-level {@code &&} into atoms; a binding with a test is a binding and a test. */
    private static void atoms(BaseDescr node, List<Atom> into) {
        if (node instanceof ConstraintConnectiveDescr connective && connective.getConnective() == ConnectiveType.AND) {
            connective.getDescrs().forEach(child -> atoms(child, into));
        } else if (node instanceof BindingDescr binding) {
            into.add(binding(binding));
        } else if (node instanceof RelationalExprDescr relation) {
            BaseDescr left = relation.getLeft();
            BaseDescr right = relation.getRight();
            if (left instanceof BindingDescr binding) {
                into.add(binding(binding));
            }
            if (right instanceof BindingDescr binding) {
                into.add(binding(binding));
            }
            List<Token> l = tokens(left);
            List<Token> r = tokens(right);
            String op = (relation.isNegated() ? "not " : "") + relation.getOperator();
            if (isLiteral(left) && !isLiteral(right) && FLIPPED.containsKey(op)) {
                into.add(new Atom(r, FLIPPED.get(op), l)); // 100 < amount is amount > 100
            } else {
                into.add(new Atom(l, op, r));
            }
        } else {
            into.add(new Atom(tokens(node), null, List.of()));
        }
    }

    private static final Map<String, String> FLIPPED = Map.of("<", ">", ">", "<", "<=", ">=", ">=", "<=", "==", "==",
            "!=", "!=");

    private static Atom binding(BindingDescr binding) {
        return new Atom(DrlTokens.read(binding.getVariable(), false), ":",
                DrlTokens.read(binding.getExpression() == null ? "" : binding.getExpression(), false));
    }

    private static boolean isLiteral(BaseDescr side) {
        return side instanceof AtomicExprDescr atomic && atomic.isLiteral();
    }

    private static List<Token> tokens(BaseDescr node) {
        if (node instanceof AtomicExprDescr atomic) {
            return DrlTokens.read(atomic.getExpression(), false);
        }
        if (node instanceof BindingDescr binding) {
            return DrlTokens.read(binding.getExpression() == null ? "" : binding.getExpression(), false);
        }
        if (node instanceof ConstraintConnectiveDescr connective) {
            String joiner = " " + connective.getConnective().toString() + " ";
            List<Token> all = new ArrayList<>(DrlTokens.read("(", false));
            for (int i = 0; i < connective.getDescrs().size(); i++) {
                if (i > 0) {
                    all.addAll(DrlTokens.read(joiner, false));
                }
                all.addAll(tokens(connective.getDescrs().get(i)));
            }
            all.addAll(DrlTokens.read(")", false));
            return all;
        }
        if (node instanceof RelationalExprDescr relation) {
            List<Token> all = new ArrayList<>(tokens(relation.getLeft()));
            all.addAll(DrlTokens.read(" " + relation.getOperator() + " ", false));
            all.addAll(tokens(relation.getRight()));
            return all;
        }
        throw new IllegalArgumentException("unreadable constraint " + node);
    }

    // ----------------------------------------------------------------------------------------------- matching

    /**
     * Pairs each of {@code from} (from index {@code i}) with a distinct unused element of {@code to}, renaming bindings
     * consistently ({@code names}: a variable of {@code from} to one of {@code to}); {@code same} asks for equal
     * elements, else for elements of {@code to} that imply those of {@code from}. The renaming of a pairing, or null.
     */
    private static Map<String, String> match(List<Element> from, List<Element> to, int i, boolean[] used,
                                             Map<String, String> names, boolean same) {
        if (from.size() != to.size()) {
            return null;
        }
        if (i == from.size()) {
            return names;
        }
        for (int j = 0; j < to.size(); j++) {
            if (used[j]) {
                continue;
            }
            Map<String, String> renamed = new HashMap<>(names);
            if (element(from.get(i), to.get(j), renamed, same)) {
                used[j] = true;
                Map<String, String> result = match(from, to, i + 1, used, renamed, same);
                used[j] = false;
                if (result != null) {
                    return result;
                }
            }
        }
        return null;
    }

    /** Whether {@code b} equals (or, unless {@code same}, implies) {@code a}, extending {@code names}. */
    private static boolean element(Element a, Element b, Map<String, String> names, boolean same) {
        if (a instanceof Pattern pa && b instanceof Pattern pb) {
            if (!pa.type().equals(pb.type()) || !variable(pa.variable(), pb.variable(), names)) {
                return false;
            }
            return same ? atomsEqual(pa.atoms(), 0, pb.atoms(), new boolean[pb.atoms().size()], names)
                    : atomsImplied(pa.atoms(), 0, pb.atoms(), names);
        }
        if (a instanceof Group ga && b instanceof Group gb) {
            return ga.kind().equals(gb.kind()) && merge(names, match(ga.elements(), gb.elements(), 0,
                    new boolean[gb.elements().size()], names, true));
        }
        return a instanceof Text ta && b instanceof Text tb && tokensEqual(ta.tokens(), tb.tokens(), names);
    }

    private static boolean merge(Map<String, String> names, Map<String, String> result) {
        if (result == null) {
            return false;
        }
        names.putAll(result);
        return true;
    }

    /** A pattern's own binding ({@code $p : Type(..)}) is no condition: either may lack it. */
    private static boolean variable(String a, String b, Map<String, String> names) {
        return a == null || b == null || rename(a, b, names);
    }

    private static boolean atomsEqual(List<Atom> from, int i, List<Atom> to, boolean[] used,
                                      Map<String, String> names) {
        if (from.size() != to.size()) {
            return false;
        }
        if (i == from.size()) {
            return true;
        }
        for (int j = 0; j < to.size(); j++) {
            if (!used[j]) {
                Map<String, String> renamed = new HashMap<>(names);
                if (atomEqual(from.get(i), to.get(j), renamed)) {
                    used[j] = true;
                    if (atomsEqual(from, i + 1, to, used, renamed)) {
                        names.putAll(renamed);
                        return true;
                    }
                    used[j] = false;
                }
            }
        }
        return false;
    }

    /** Whether some atom of {@code to} implies each atom of {@code from} (from index {@code i}). */
    private static boolean atomsImplied(List<Atom> from, int i, List<Atom> to, Map<String, String> names) {
        if (i == from.size()) {
            return true;
        }
        for (Atom b : to) {
            Map<String, String> renamed = new HashMap<>(names);
            if ((atomEqual(from.get(i), b, renamed) || implied(from.get(i), b, renamed))
                    && atomsImplied(from, i + 1, to, renamed)) {
                names.putAll(renamed);
                return true;
            }
        }
        return false;
    }

    private static boolean atomEqual(Atom a, Atom b, Map<String, String> names) {
        if (a.isBinding() && b.isBinding()) {
            // a binding is matched by what it binds; its name is renamed to the other's
            return tokensEqual(a.right(), b.right(), names) && rename(a.left().get(0).text(), b.left().get(0).text(),
                    names);
        }
        return java.util.Objects.equals(a.op(), b.op()) && tokensEqual(a.left(), b.left(), names)
                && tokensEqual(a.right(), b.right(), names);
    }

    /** Whether test {@code b} implies test {@code a}: the same left side, and a bound at least as tight. */
    private static boolean implied(Atom a, Atom b, Map<String, String> names) {
        if (a.op() == null || b.op() == null || a.isBinding() || b.isBinding()
                || !tokensEqual(a.left(), b.left(), names)) {
            return false;
        }
        BigDecimal x = number(a.right());
        BigDecimal y = number(b.right());
        if (x == null || y == null) {
            // strings: == "y" implies != "x" for another x
            return a.op().equals("!=") && b.op().equals("==") && isString(a.right()) && isString(b.right())
                    && !a.right().get(0).text().equals(b.right().get(0).text());
        }
        int c = y.compareTo(x); // where b's bound lies against a's
        return switch (a.op()) {
            case ">" -> (b.op().equals(">") && c >= 0) || ((b.op().equals(">=") || b.op().equals("==")) && c > 0);
            case ">=" -> (b.op().equals(">") || b.op().equals(">=") || b.op().equals("==")) && c >= 0;
            case "<" -> (b.op().equals("<") && c <= 0) || ((b.op().equals("<=") || b.op().equals("==")) && c < 0);
            case "<=" -> (b.op().equals("<") || b.op().equals("<=") || b.op().equals("==")) && c <= 0;
            case "==" -> b.op().equals("==") && c == 0;
            case "!=" -> (b.op().equals("==") && c != 0) || (b.op().equals(">") && c >= 0)
                    || (b.op().equals(">=") && c > 0) || (b.op().equals("<") && c <= 0)
                    || (b.op().equals("<=") && c < 0);
            default -> false;
        };
    }

    private static BigDecimal number(List<Token> tokens) {
        String text = text(tokens).replace(" ", "");
        try {
            return tokens.isEmpty() || tokens.get(0).kind() == Kind.STRING ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isString(List<Token> tokens) {
        return tokens.size() == 1 && tokens.get(0).kind() == Kind.STRING;
    }

    /** Token by token, a $variable renamed consistently, numbers by value. */
    private static boolean tokensEqual(List<Token> a, List<Token> b, Map<String, String> names) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Token x = a.get(i);
            Token y = b.get(i);
            if (x.text().startsWith("$") && x.kind() == Kind.IDENTIFIER) {
                if (!y.text().startsWith("$") || !rename(x.text(), y.text(), names)) {
                    return false;
                }
            } else if (x.kind() != y.kind() || !(x.text().equals(y.text()) || sameNumber(x, y))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(Token x, Token y) {
        BigDecimal a = number(List.of(x));
        BigDecimal b = number(List.of(y));
        return a != null && b != null && a.compareTo(b) == 0;
    }

    /** Maps {@code a} to {@code b}, one to one; false when either is already mapped elsewhere. */
    private static boolean rename(String a, String b, Map<String, String> names) {
        String mapped = names.get(a);
        if (mapped != null) {
            return mapped.equals(b);
        }
        if (names.containsValue(b)) {
            return false;
        }
        names.put(a, b);
        return true;
    }

    // ------------------------------------------------------------------------------------------------ reasons

    /** What makes these conditions tighter than {@code weaker}'s: the first tighter bound, else an extra test. */
    private String reason(Conditions weaker, Map<String, String> names) {
        for (Element e : elements) {
            if (!(e instanceof Pattern pb)) {
                continue;
            }
            for (Element w : weaker.elements) {
                if (w instanceof Pattern pa && pa.type().equals(pb.type())) {
                    for (Atom a : pa.atoms()) {
                        for (Atom b : pb.atoms()) {
                            if (!atomEqual(a, b, new HashMap<>(names)) && implied(a, b, new HashMap<>(names))) {
                                return b + " implies " + a;
                            }
                        }
                    }
                }
            }
        }
        for (Element e : elements) {
            if (e instanceof Pattern pb) {
                for (Atom b : pb.atoms()) {
                    if (!b.isBinding() && weaker.elements.stream().noneMatch(w -> w instanceof Pattern pa
                            && pa.atoms().stream().anyMatch(a -> atomEqual(a, b, new HashMap<>(names))))) {
                        return "it also requires " + b;
                    }
                }
            }
        }
        return "its conditions are the other's";
    }

    private static String text(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (Token t : tokens) {
            boolean tight = t.kind() == Kind.DOT || t.text().equals("(") || t.text().equals(")")
                    || out.length() > 0 && (out.charAt(out.length() - 1) == '.' || out.charAt(out.length() - 1) == '(');
            if (out.length() > 0 && !tight) {
                out.append(' ');
            }
            out.append(t.kind() == Kind.STRING ? "\"" + t.text() + "\"" : t.text());
        }
        return out.toString();
    }
}
