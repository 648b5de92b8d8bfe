package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loyaltyrules.rules.facts.BenefitAllowance;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.facts.EarningBlocked;
import org.loyaltyrules.rules.facts.Excluded;
import org.loyaltyrules.rules.facts.MemberNotice;
import org.loyaltyrules.rules.facts.MembershipPrice;
import org.loyaltyrules.rules.facts.Multiplier;
import org.loyaltyrules.rules.facts.PointsAward;
import org.loyaltyrules.rules.facts.RiskFlag;
import org.loyaltyrules.rules.facts.TierChange;

/**
 * What the engine reads back from the rules, for the pack checks: the concluding fact types, and after which
 * ruleflow group of which situation it reads each (the {@code fire("group")} and {@code conclusionsOf(..)} calls of
 * {@code Evaluation}, in their order). A conclusion is read only if it was inserted by a group fired before the read,
 * in the same session; every other type of {@code org.loyaltyrules.rules.facts} is the engine's own input.
 */
public final class EngineReads {

    /** A group the engine fires, and the conclusions it reads right after. */
    record Step(String group, List<Class<?>> reads) {
    }

    /** One session of one kind of event: its groups in firing order. */
    record Situation(String name, List<Step> steps) {
    }

    static final List<Situation> SITUATIONS = List.of(
            new Situation("purchase", List.of(
                    new Step("eligibility", List.of(Excluded.class)),
                    new Step("earning", List.of(EarningBlocked.class, PointsAward.class, Multiplier.class)),
                    new Step("risk", List.of(CapApplied.class, RiskFlag.class)),
                    new Step("tier", List.of(TierChange.class, MemberNotice.class)),
                    new Step("benefit", List.of(BenefitGrant.class)))),
            new Situation("tier review", List.of(new Step("tier", List.of(TierChange.class)))),
            new Situation("refund", List.of(new Step("risk", List.of(RiskFlag.class)))),
            new Situation("survey", List.of(
                    new Step("risk", List.of(RiskFlag.class)),
                    new Step("benefit", List.of(BenefitGrant.class)))),
            new Situation("membership fee", List.of(new Step("tier", List.of(MembershipPrice.class)))),
            new Situation("benefit claim, allowances", List.of(new Step("benefit", List.of(BenefitAllowance.class)))),
            new Situation("benefit claim", List.of(new Step("benefit", List.of(BenefitGrant.class)))));

    /** The program settings among the engine's inputs (program.json numbers), for messages. */
    private static final Set<String> SETTINGS = Set.of("Exclusion", "EarnRate", "MetricRate", "TierBonusRate",
            "ChannelBonusRate", "LineBonus", "ActiveCampaign", "MinimumOrder", "TierThreshold", "DowngradeSetting",
            "MembershipOffer");

    /** The simple names of the conclusion types: the only facts rules may insert of the facts package. */
    public static final List<String> CONCLUSIONS;

    static {
        Set<String> names = new LinkedHashSet<>();
        for (Situation situation : SITUATIONS) {
            for (Step step : situation.steps()) {
                step.reads().forEach(type -> names.add(type.getSimpleName()));
            }
        }
        CONCLUSIONS = List.copyOf(names);
    }

    private static final String FACTS = "org.loyaltyrules.rules.facts.";

    private EngineReads() {
    }

    /** Whether {@code simpleName} is a type of the facts package. */
    static boolean isFact(String simpleName) {
        try {
            Class.forName(FACTS + simpleName, false, EngineReads.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static boolean isConclusion(String simpleName) {
        return CONCLUSIONS.contains(simpleName);
    }

    /** "a program setting" or "a fact" the engine inserts, for a type of the facts package that is no conclusion. */
    static String inputKind(String simpleName) {
        return SETTINGS.contains(simpleName) ? "a program setting" : "a fact";
    }

    /** Whether the engine reads conclusion {@code simpleName} when a rule of {@code group} inserts it. */
    static boolean readFrom(String simpleName, String group) {
        for (Situation situation : SITUATIONS) {
            boolean fired = false;
            for (Step step : situation.steps()) {
                fired |= step.group().equals(group);
                if (fired && step.reads().stream().anyMatch(t -> t.getSimpleName().equals(simpleName))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The groups after which the engine reads conclusion {@code simpleName}, in firing order. */
    static List<String> readAfter(String simpleName) {
        List<String> groups = new ArrayList<>();
        for (String group : RulePack.GROUPS) {
            for (Situation situation : SITUATIONS) {
                for (Step step : situation.steps()) {
                    if (step.group().equals(group) && !groups.contains(group)
                            && step.reads().stream().anyMatch(t -> t.getSimpleName().equals(simpleName))) {
                        groups.add(group);
                    }
                }
            }
        }
        return groups;
    }
}
