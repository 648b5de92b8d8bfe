package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.List;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.loyaltyrules.rules.internal.DrlTokens.Token;

/**
 * One rule as Drools' own DRL parser reads it ({@code org.drools.drl.ast.descr}): its attributes, its conditions as
 * descriptors and its consequence as tokens, for the checks that need a rule's structure rather than its text (what a
 * consequence inserts against what the conditions match, conditions compared up to order and names, values reached
 * through a binding). The file is parsed with its comments blanked ({@code text},
 * {@link PackCrossCheck#withoutComments}), which descriptor offsets ({@code getStartCharacter}) index. A file the
 * parser refuses has no outlines: Drools reports its syntax error.
 */
record RuleOutline(RuleSource source, String text, RuleDescr descr, List<Token> consequence) {

    /**
     * Where a pattern sits: matched as it is (positive: not under not, exists, forall or an accumulate, and no
     * {@code from}), under a {@code not} (negated), under an {@code or} (alternative).
     */
    record Placed(PatternDescr pattern, boolean positive, boolean negated, boolean alternative) {
    }

    /** A constraint of a pattern with its expression as Drools' expression parser reads it (null if it cannot). */
    record Constraint(ExprConstraintDescr descr, ConstraintConnectiveDescr tree, PatternDescr pattern,
                      boolean alternative) {
    }

    RuleOutline {
        consequence = List.copyOf(consequence);
    }

    /** Outlines by file: each check of a pack build reads them (about ten), and a parse is the costly part. */
    private static final RecentlyUsed<RuleSource, List<RuleOutline>> CACHE = new RecentlyUsed<>(256);

    /**
     * The rules of {@code source} in file order; none when the file does not parse. The outlines of a file are parsed
     * once and then shared (the checks only read them).
     */
    static List<RuleOutline> of(RuleSource source) {
        return CACHE.get(source, RuleOutline::parse);
    }

    private static List<RuleOutline> parse(RuleSource source) {
        String text = PackCrossCheck.withoutComments(source.text());
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException | StackOverflowError e) {
            // a syntax error, or a condition nested too deeply for the parser: the pack's compile reports it
            return List.of();
        }
        if (pkg == null || parser.hasErrors()) {
            return List.of();
        }
        List<Token> tokens = DrlTokens.read(text, false);
        List<RuleOutline> outlines = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            outlines.add(new RuleOutline(source, text, rule, consequence(tokens, rule)));
        }
        return List.copyOf(outlines);
    }

    /** The tokens after the rule's {@code then} and before its {@code end}. */
    private static List<Token> consequence(List<Token> tokens, RuleDescr rule) {
        List<Token> body = new ArrayList<>();
        boolean inside = false;
        for (Token token : tokens) {
            if (token.line() > rule.getEndLine()) {
                break;
            }
            if (inside) {
                body.add(token);
            } else if (token.line() == rule.getConsequenceLine() && token.isWord("then")) {
                inside = true;
            }
        }
        if (!body.isEmpty() && body.get(body.size() - 1).text().equals("end")) {
            body.remove(body.size() - 1);
        }
        return body;
    }

    String name() {
        return descr.getName();
    }

    int line() {
        return descr.getLine();
    }

    /** The value of attribute {@code name} ({@code ruleflow-group}, {@code salience} ...), or "" when not set. */
    String attribute(String name) {
        AttributeDescr attribute = descr.getAttributes().get(name);
        return attribute == null || attribute.getValue() == null ? "" : attribute.getValue().trim();
    }

    /** Whether boolean attribute {@code name} is on ({@code no-loop}, {@code no-loop true}). */
    boolean isOn(String name) {
        return descr.getAttributes().containsKey(name) && !attribute(name).equals("false");
    }

    /** Every pattern of the conditions, outermost first, with where it sits. */
    List<Placed> patterns() {
        List<Placed> found = new ArrayList<>();
        collect(descr.getLhs(), true, false, false, found);
        return found;
    }

    private static void collect(BaseDescr element, boolean positive, boolean negated, boolean alternative,
                                List<Placed> into) {
        if (element instanceof PatternDescr pattern) {
            into.add(new Placed(pattern, positive && pattern.getSource() == null, negated, alternative));
            if (pattern.getSource() instanceof AccumulateDescr accumulate && accumulate.getInput() != null) {
                collect(accumulate.getInput(), false, negated, alternative, into);
            }
            return;
        }
        boolean inner = positive && !(element instanceof NotDescr || element instanceof ExistsDescr
                || element instanceof ForallDescr);
        if (element instanceof ConditionalElementDescr ce) {
            for (Object child : ce.getDescrs()) {
                if (child instanceof BaseDescr nested) {
                    collect(nested, inner, negated || element instanceof NotDescr,
                            alternative || element instanceof OrDescr, into);
                }
            }
        }
    }

    /** Every constraint of every pattern of the conditions, in order. */
    List<Constraint> constraints() {
        List<Constraint> found = new ArrayList<>();
        for (Placed placed : patterns()) {
            for (BaseDescr c : placed.pattern().getConstraint().getDescrs()) {
                if (c instanceof ExprConstraintDescr expr) {
                    found.add(new Constraint(expr, expression(expr.getExpression()), placed.pattern(),
                            placed.alternative()));
                }
            }
        }
        return found;
    }

    /** The simple name of a pattern's type ({@code PointsAward} for {@code org...facts.PointsAward}). */
    static String simpleType(PatternDescr pattern) {
        String type = pattern.getObjectType() == null ? "" : pattern.getObjectType();
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** A constraint expression as Drools' expression parser reads it; null when it cannot. */
    static ConstraintConnectiveDescr expression(String text) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        try {
            ConstraintConnectiveDescr tree = parser.parse(text);
            return parser.hasErrors() ? null : tree;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** The text of {@code element} as written, comments blanked and spacing collapsed. */
    String textOf(BaseDescr element) {
        int from = Math.max(0, element.getStartCharacter());
        int to = Math.min(text.length(), element.getEndCharacter() + 1);
        return from < to ? text.substring(from, to).replaceAll("\\s+", " ").trim() : "";
    }

    /** The 1-based line of character {@code offset} of {@link #text}. */
    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
