package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConnectiveType;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.loyaltyrules.rules.internal.DrlTokens.Token;
import org.loyaltyrules.rules.program.Problem;

/**
 * Rules whose conditions need a fact the session never holds where they run, by the table of what the engine inserts
 * before each group of each situation ({@link EngineReads#SITUATIONS}). Errors: a pattern on a type the session never
 * holds when the rule's group fires, patterns on types it holds but never for the same event, a conclusion no
 * session the rule can match in reads, and an {@code EventFact( type == "refund" )}, a type the engine never inserts
 * (both can never match, so the rule never fires). Warnings: a tier rule concluding {@code TierChange.downgrade(..)}
 * whose patterns hold in the tier group only after a purchase, where the engine applies only a move up or a renewal;
 * a {@code not X()} on a fact the group never holds, which is always true and so tests nothing. Only patterns every
 * match needs are judged: positive ones and one {@code exists X()} of the rule's conditions (not under {@code forall},
 * an accumulate, a {@code from} or one branch of an {@code or}), and for the warning one {@code not X()} of the rule's
 * conditions. Every finding names file:line:column and the rule.
 */
final class FactPresence {

    private static final Pattern QUOTES = Pattern.compile("^\"|\"$");

    private FactPresence() {
    }

    /** Patterns that can never match: a type absent from the rule's group, an event type the engine never inserts. */
    static List<Problem> errors(RuleSource source) {
        List<Problem> problems = new ArrayList<>();
        for (RuleOutline rule : RuleOutline.of(source)) {
            String group = group(rule);
            for (PatternDescr pattern : needed(rule)) {
                String type = RuleOutline.simpleType(pattern);
                if (neverHeld(type, group)) {
                    problems.add(at(rule, pattern.getStartCharacter(), "rule \"" + rule.name() + "\" matches " + type
                            + ", which the session never holds when ruleflow-group \"" + group + "\" fires, so the"
                            + " rule can never fire: " + type + " is there only for " + EngineReads.whereHeld(type),
                            opening(rule, pattern)));
                }
                if (type.equals("EventFact")) {
                    eventTypes(rule, pattern, problems);
                }
            }
            unread(source, rule, group, problems);
        }
        return problems;
    }

    /**
     * Conclusions the rule inserts that no session where the rule can fire reads: its group reads them after some
     * event (or DrlLint reports it), but the facts its conditions need are there only for events that do not (a
     * {@code MemberNotice} from a rule on a {@code FeePayment}: a fee's session reads only the price).
     */
    private static void unread(RuleSource source, RuleOutline rule, String group, List<Problem> problems) {
        if (!RulePack.GROUPS.contains(group) || !rule.descr().getNamedConsequences().isEmpty()) {
            return; // the inserts of a named consequence are not in the rule's consequence tokens: not judged
        }
        List<String> possible = null; // the situations where every needed fact is held; null: any
        PatternDescr narrowest = null;
        for (PatternDescr pattern : needed(rule)) {
            String type = RuleOutline.simpleType(pattern);
            List<EngineReads.Situation> holding = EngineReads.holding(type, group);
            if (holding == null || EngineReads.isConclusion(type)) {
                continue; // a program setting, a type outside the facts package, or another rule's conclusion
            }
            if (holding.isEmpty()) {
                return; // never held in the group: an error of its own (errors)
            }
            List<String> names = holding.stream().map(EngineReads.Situation::name).toList();
            if (possible != null && possible.stream().noneMatch(names::contains)) {
                // each fact is held in the group, but not for the same event: the rule can never fire
                String other = RuleOutline.simpleType(narrowest);
                problems.add(at(rule, pattern.getStartCharacter(), "rule \"" + rule.name() + "\" matches " + type
                        + " and " + other + " (line " + rule.lineOf(narrowest.getStartCharacter()) + "), which "
                        + "ruleflow-group \"" + group + "\" never sees together, so the rule can never fire: there, "
                        + type + " is held only for " + events(names) + ", " + other + (possible.size()
                        < EngineReads.holding(other, group).size() ? " with the rule's other patterns" : "")
                        + " only for " + events(possible), opening(rule, pattern)));
                return;
            }
            if (possible == null || !names.containsAll(possible)) {
                narrowest = pattern;
            }
            possible = possible == null ? new ArrayList<>(names) : possible;
            possible.retainAll(names);
        }
        if (possible == null) {
            return; // no needed fact of the table
        }
        List<EngineReads.Situation> where = new ArrayList<>();
        for (EngineReads.Situation situation : EngineReads.SITUATIONS) {
            if (possible.contains(situation.name())) {
                where.add(situation);
            }
        }
        for (Refiring.Insert insert : Refiring.inserts(rule.consequence())) {
            String type = insert.type();
            if (!EngineReads.isConclusion(type) || !EngineReads.readFrom(type, group)
                    || where.stream().anyMatch(s -> EngineReads.readFrom(type, group, s))) {
                continue;
            }
            List<String> events = where.stream().map(FactPresence::session).distinct().toList();
            List<String> reading = EngineReads.SITUATIONS.stream().filter(s -> EngineReads.readFrom(type, group, s))
                    .map(FactPresence::session).distinct().toList();
            Token at = insert.at();
            problems.add(DrlLint.at(source, at.line(), at.column() - 1, "rule \"" + rule.name() + "\" inserts " + type
                    + ", but it can match only in " + EngineReads.anyOf(events) + " (by its pattern "
                    + opening(rule, narrowest) + " on line " + rule.lineOf(narrowest.getStartCharacter())
                    + "), which does not read " + type + ": the engine reads " + type + " after ruleflow-group \""
                    + group + "\" only in " + EngineReads.anyOf(reading) + ", so the conclusion has no effect",
                    "insert( " + insert.typeToken().text()));
        }
    }

    /** The events of situations by name, for a message: "a purchase or a refund". */
    private static String events(List<String> situations) {
        return EngineReads.anyOf(situations.stream().map(n -> n.replaceFirst(",.*", "")).distinct().toList());
    }

    /**
     * A situation for a message, without its article: "tier review"; for an event with two sessions "benefit claim's
     * main session" and "benefit claim's allowances session".
     */
    private static String session(EngineReads.Situation situation) {
        String name = situation.name();
        int comma = name.indexOf(", ");
        if (comma >= 0) {
            return name.substring(0, comma) + "'s " + name.substring(comma + 2) + " session";
        }
        // an event with a second session: its first is "main", so that the two do not read as one
        boolean second = EngineReads.SITUATIONS.stream().anyMatch(s -> s != situation && s.event().equals(name));
        return second ? name + "'s main session" : name;
    }

    /**
     * Tier rules concluding a downgrade that can match only after a purchase, where no downgrade takes effect; a
     * {@code not X()} on a fact the rule's group never holds (always true).
     */
    static List<Problem> warnings(RuleSource source) {
        List<Problem> problems = new ArrayList<>();
        for (RuleOutline rule : RuleOutline.of(source)) {
            String group = group(rule);
            for (PatternDescr pattern : alone(rule, NotDescr.class)) {
                String type = RuleOutline.simpleType(pattern);
                if (neverHeld(type, group)) {
                    problems.add(at(rule, pattern.getStartCharacter(), "rule \"" + rule.name() + "\" has not "
                            + rule.textOf(pattern) + ", which is always true: the session never holds " + type
                            + " when ruleflow-group \"" + group + "\" fires (" + type + " is there only for "
                            + EngineReads.whereHeld(type) + "), so the condition tests nothing; remove it, or move"
                            + " the rule to a group that holds " + type, opening(rule, pattern)));
                }
            }
            Token downgrade = downgrade(rule.consequence());
            if (downgrade == null || !group(rule).equals("tier")) {
                continue;
            }
            for (PatternDescr pattern : needed(rule)) {
                String type = RuleOutline.simpleType(pattern);
                List<EngineReads.Situation> holding = EngineReads.holding(type, "tier");
                if (holding != null && !holding.isEmpty()
                        && holding.stream().allMatch(s -> s.event().equals("purchase"))) {
                    problems.add(DrlLint.at(source, downgrade.line(), downgrade.column() - 1, "rule \"" + rule.name()
                            + "\" concludes TierChange.downgrade, but its pattern " + rule.textOf(pattern) + " (line "
                            + rule.lineOf(pattern.getStartCharacter()) + ") matches in ruleflow-group \"tier\" only "
                            + "after a purchase, where the engine applies only a move up or a renewal of an earned "
                            + "tier: the downgrade never takes effect; a downgrade takes effect at a tier review "
                            + "(ReviewDue)", "TierChange.downgrade("));
                    break;
                }
            }
        }
        return problems;
    }

    /** {@code type == "refund"} in an EventFact pattern: a type the engine never inserts (an error each). */
    private static void eventTypes(RuleOutline rule, PatternDescr pattern, List<Problem> problems) {
        for (BaseDescr c : pattern.getConstraint().getDescrs()) {
            ConstraintConnectiveDescr tree = c instanceof ExprConstraintDescr expr
                    ? RuleOutline.expression(expr.getExpression()) : null;
            for (String value : requiredTypes(tree)) {
                if (EngineReads.EVENT_TYPES.contains(value)) {
                    continue;
                }
                Matcher m = Pattern.compile("\\btype\\s*==\\s*\"" + Pattern.quote(value) + "\"|\""
                        + Pattern.quote(value) + "\"\\s*==\\s*type\\b").matcher(rule.text())
                        .region(Math.max(0, pattern.getStartCharacter()),
                                Math.min(rule.text().length(), pattern.getEndCharacter() + 1));
                boolean found = m.find();
                int offset = found ? m.start() : pattern.getStartCharacter();
                problems.add(at(rule, offset, "rule \"" + rule.name() + "\" matches EventFact( type == \"" + value
                        + "\" ), which can never match: the engine inserts an EventFact for a purchase only, its type"
                        + " always " + EngineReads.EVENT_TYPES.stream().map(t -> "\"" + t + "\"").toList()
                        + "; other events are seen through their own facts (docs/rule-authoring.md 2.1)",
                        found ? m.group() : opening(rule, pattern)));
            }
        }
    }

    /** Whether the session never holds facts of {@code type} when {@code group} fires (false: unknown or settings). */
    private static boolean neverHeld(String type, String group) {
        List<EngineReads.Situation> holding = RulePack.GROUPS.contains(group) ? EngineReads.holding(type, group) : null;
        return holding != null && holding.isEmpty();
    }

    /** The literals {@code type} must equal for the constraint to hold: {@code type == ".."} and-ed at the top. */
    private static List<String> requiredTypes(BaseDescr node) {
        List<String> values = new ArrayList<>();
        if (node instanceof ConstraintConnectiveDescr connective && connective.getConnective() == ConnectiveType.AND) {
            connective.getDescrs().forEach(child -> values.addAll(requiredTypes(child)));
        } else if (node instanceof RelationalExprDescr relation && relation.getOperator().equals("==")
                && !relation.isNegated()) {
            String left = atom(relation.getLeft());
            String right = atom(relation.getRight());
            if ("type".equals(left) && right != null && right.startsWith("\"")) {
                values.add(QUOTES.matcher(right).replaceAll(""));
            } else if ("type".equals(right) && left != null && left.startsWith("\"")) {
                values.add(QUOTES.matcher(left).replaceAll(""));
            }
        }
        return values;
    }

    private static String atom(BaseDescr side) {
        return side instanceof AtomicExprDescr atomic ? atomic.getExpression().trim() : null;
    }

    /**
     * The patterns every match of the rule needs: positive, and not one branch of an {@code or}; and the pattern of an
     * {@code exists X()} among the rule's conditions.
     */
    private static List<PatternDescr> needed(RuleOutline rule) {
        // a named consequence (do[name], if (..) do[name]) runs once the conditions before it match: the later ones
        // are not needed for it
        int cut = namedConsequenceAt(rule);
        List<PatternDescr> needed = new ArrayList<>();
        for (RuleOutline.Placed placed : rule.patterns()) {
            if (placed.positive() && !placed.alternative() && placed.pattern().getStartCharacter() < cut) {
                needed.add(placed.pattern());
            }
        }
        for (PatternDescr pattern : alone(rule, ExistsDescr.class)) {
            if (pattern.getStartCharacter() < cut) {
                needed.add(pattern);
            }
        }
        return needed;
    }

    /** Where the rule's first named consequence is called among its conditions; MAX_VALUE when it has none. */
    private static int namedConsequenceAt(RuleOutline rule) {
        int at = Integer.MAX_VALUE;
        for (BaseDescr condition : rule.descr().getLhs().getDescrs()) {
            if (condition instanceof NamedConsequenceDescr || condition instanceof ConditionalBranchDescr) {
                at = Math.min(at, condition.getStartCharacter());
            }
        }
        return at;
    }

    /** The pattern of each {@code not X()} ({@code exists X()}) among the rule's conditions: one pattern, no from. */
    private static List<PatternDescr> alone(RuleOutline rule, Class<? extends BaseDescr> element) {
        List<PatternDescr> patterns = new ArrayList<>();
        for (BaseDescr condition : rule.descr().getLhs().getDescrs()) {
            if (element.isInstance(condition) && condition instanceof ConditionalElementDescr ce
                    && ce.getDescrs().size() == 1 && ce.getDescrs().get(0) instanceof PatternDescr pattern
                    && pattern.getSource() == null) {
                patterns.add(pattern);
            }
        }
        return patterns;
    }

    /** The {@code TierChange.downgrade} call of a consequence; null if none. */
    private static Token downgrade(List<Token> tokens) {
        for (int i = 0; i + 3 < tokens.size(); i++) {
            if (tokens.get(i).text().equals("TierChange") && tokens.get(i + 1).text().equals(".")
                    && tokens.get(i + 2).text().equals("downgrade") && tokens.get(i + 3).text().equals("(")) {
                return tokens.get(i);
            }
        }
        return null;
    }

    private static String group(RuleOutline rule) {
        return QUOTES.matcher(rule.attribute("ruleflow-group")).replaceAll("");
    }

    /** A pattern as written up to its opening parenthesis ({@code $p : PointsAward(}). */
    private static String opening(RuleOutline rule, PatternDescr pattern) {
        String text = rule.textOf(pattern);
        int open = text.indexOf('(');
        return open < 0 ? text : text.substring(0, open + 1);
    }

    /** A finding at character {@code offset} of the rule's text: file:line:column. */
    private static Problem at(RuleOutline rule, int offset, String message, String found) {
        int line = rule.lineOf(offset);
        int column = offset - rule.text().lastIndexOf('\n', offset - 1) - 1;
        return DrlLint.at(rule.source(), line, column, message, found);
    }
}
