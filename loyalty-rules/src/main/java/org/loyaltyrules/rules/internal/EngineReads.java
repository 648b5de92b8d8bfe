package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loyaltyrules.rules.facts.ActiveCampaign;
import org.loyaltyrules.rules.facts.BasketCharge;
import org.loyaltyrules.rules.facts.BasketLine;
import org.loyaltyrules.rules.facts.BenefitAllowance;
import org.loyaltyrules.rules.facts.BenefitGrant;
import org.loyaltyrules.rules.facts.BenefitOffer;
import org.loyaltyrules.rules.facts.BenefitRequest;
import org.loyaltyrules.rules.facts.CapApplied;
import org.loyaltyrules.rules.facts.CapHeadroom;
import org.loyaltyrules.rules.facts.CurrentTier;
import org.loyaltyrules.rules.facts.DowngradeSetting;
import org.loyaltyrules.rules.facts.EarningBlocked;
import org.loyaltyrules.rules.facts.EligibleLine;
import org.loyaltyrules.rules.facts.EligiblePurchase;
import org.loyaltyrules.rules.facts.EventAward;
import org.loyaltyrules.rules.facts.EventFact;
import org.loyaltyrules.rules.facts.Excluded;
import org.loyaltyrules.rules.facts.FeePayment;
import org.loyaltyrules.rules.facts.IdenticalBaskets;
import org.loyaltyrules.rules.facts.Member;
import org.loyaltyrules.rules.facts.MemberInsight;
import org.loyaltyrules.rules.facts.MemberNotice;
import org.loyaltyrules.rules.facts.MembershipPrice;
import org.loyaltyrules.rules.facts.MilestoneCrossed;
import org.loyaltyrules.rules.facts.Multiplier;
import org.loyaltyrules.rules.facts.PointsAward;
import org.loyaltyrules.rules.facts.PurchaseAttribute;
import org.loyaltyrules.rules.facts.PurchaseMetric;
import org.loyaltyrules.rules.facts.PurchaseVelocity;
import org.loyaltyrules.rules.facts.QualifyingGrowth;
import org.loyaltyrules.rules.facts.RefundRatio;
import org.loyaltyrules.rules.facts.ReviewDue;
import org.loyaltyrules.rules.facts.RiskFlag;
import org.loyaltyrules.rules.facts.StatusLapsing;
import org.loyaltyrules.rules.facts.SurveyAnswer;
import org.loyaltyrules.rules.facts.TierChange;
import org.loyaltyrules.rules.facts.TierFloor;
import org.loyaltyrules.rules.facts.TierReached;

/**
 * What the engine inserts and reads back, for the pack checks. For each situation (one session of one kind of
 * event), the ruleflow groups it fires in their order ({@code fire("group")} in {@code Evaluation}), the facts the
 * engine inserts before each of them, and the conclusions it reads right after ({@code conclusionsOf(..)}). A fact
 * stays in the session for every later group of its situation. A conclusion is read only if it was inserted by a
 * group fired before the read, in the same session; every other type of {@code org.loyaltyrules.rules.facts} is the
 * engine's own input. Facts inserted only on a condition (a line, a cap, a lapsed status) are listed where they may
 * be; the program settings ({@link #SETTINGS}) may stand in every session and are not listed.
 */
public final class EngineReads {

    /** A group the engine fires, the facts it inserts just before, and the conclusions it reads right after. */
    record Step(String group, List<Class<?>> inserts, List<Class<?>> reads) {
    }

    /** One session of one kind of event ({@link #event}: its name up to a comma): its groups in firing order. */
    record Situation(String name, List<Step> steps) {

        String event() {
            return name.replaceFirst(",.*", "");
        }
    }

    /** The unlock session of a fee or an enrollment that moved the member up. */
    private static final Step UNLOCK = new Step("benefit", List.of(Member.class, CurrentTier.class,
            MemberInsight.class, TierReached.class, BenefitOffer.class), List.of(BenefitGrant.class));

    static final List<Situation> SITUATIONS = List.of(
            new Situation("purchase", List.of(
                    new Step("eligibility", List.of(Member.class, CurrentTier.class, MemberInsight.class,
                            EventFact.class, BasketLine.class, BasketCharge.class), List.of(Excluded.class)),
                    new Step("earning", List.of(EligiblePurchase.class, EligibleLine.class, PurchaseAttribute.class,
                            PurchaseMetric.class, ActiveCampaign.class, MilestoneCrossed.class),
                            List.of(EarningBlocked.class, PointsAward.class, Multiplier.class)),
                    new Step("risk", List.of(EventAward.class, CapHeadroom.class, PurchaseVelocity.class,
                            IdenticalBaskets.class, RefundRatio.class), List.of(CapApplied.class, RiskFlag.class)),
                    new Step("tier", List.of(QualifyingGrowth.class, StatusLapsing.class),
                            List.of(TierChange.class, MemberNotice.class)),
                    new Step("benefit", List.of(TierReached.class, BenefitOffer.class),
                            List.of(BenefitGrant.class)))),
            new Situation("tier review", List.of(new Step("tier", List.of(Member.class, CurrentTier.class,
                    DowngradeSetting.class, TierFloor.class, ReviewDue.class), List.of(TierChange.class)))),
            new Situation("refund", List.of(new Step("risk", List.of(Member.class, CurrentTier.class,
                    PurchaseVelocity.class, IdenticalBaskets.class, RefundRatio.class), List.of(RiskFlag.class)))),
            new Situation("survey", List.of(
                    new Step("risk", List.of(Member.class, CurrentTier.class, MemberInsight.class,
                            SurveyAnswer.class, BenefitOffer.class), List.of(RiskFlag.class)),
                    new Step("benefit", List.of(), List.of(BenefitGrant.class)))),
            new Situation("membership fee", List.of(new Step("tier", List.of(Member.class, CurrentTier.class,
                    MemberInsight.class, FeePayment.class), List.of(MembershipPrice.class)))),
            // a fee or an enrollment that moved the member up: its own session, as a purchase's benefit group
            new Situation("membership fee, unlock", List.of(UNLOCK)),
            new Situation("enrollment", List.of(UNLOCK)),
            new Situation("benefit claim, allowances", List.of(new Step("benefit", List.of(Member.class,
                    CurrentTier.class, MemberInsight.class, BenefitOffer.class), List.of(BenefitAllowance.class)))),
            new Situation("benefit claim", List.of(new Step("benefit", List.of(Member.class, CurrentTier.class,
                    MemberInsight.class, BenefitRequest.class, BenefitOffer.class), List.of(BenefitGrant.class)))));

    /** The values of {@code EventFact.type}: the engine inserts an EventFact for a purchase only. */
    static final List<String> EVENT_TYPES = List.of("purchase");

    /** The program settings among the engine's inputs (program.json numbers), for messages. */
    static final Set<String> SETTINGS = Set.of("Exclusion", "EarnRate", "MetricRate", "TierBonusRate",
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

    /** Why a rule may not insert {@code simpleName}, a type of the facts package that is no conclusion. */
    static String insertRefused(String simpleName) {
        return "rules may insert only conclusions (" + String.join(", ", CONCLUSIONS) + "); " + simpleName + " is "
                + inputKind(simpleName) + " the engine inserts";
    }

    /**
     * What a rule deleted and why it may not, for a type of the facts package: "a PointsAward: the engine keeps ..",
     * "CapHeadroom, a fact the engine inserts: ..".
     */
    static String deleteRefused(String simpleName) {
        return isConclusion(simpleName)
                ? "a " + simpleName + ": the engine keeps every conclusion from the moment it is inserted, so deleting"
                        + " one only hides it from the other rules"
                : simpleName + ", " + inputKind(simpleName) + " the engine inserts: the rules that fire after it no "
                        + "longer see it, so what it stands for (a cap, a rate, the purchase) silently stops counting;"
                        + " write the exception as a condition (not, !=) or in program.json";
    }

    /** Whether {@code type} is of the facts package. */
    static boolean isFact(Class<?> type) {
        return FACTS.equals(type.getPackageName() + ".");
    }

    /** Whether the engine reads conclusion {@code simpleName} when a rule of {@code group} inserts it. */
    static boolean readFrom(String simpleName, String group) {
        return SITUATIONS.stream().anyMatch(situation -> readFrom(simpleName, group, situation));
    }

    /** Whether {@code situation}'s session reads conclusion {@code simpleName} after {@code group} or a later group. */
    static boolean readFrom(String simpleName, String group, Situation situation) {
        boolean fired = false;
        for (Step step : situation.steps()) {
            fired |= step.group().equals(group);
            if (fired && step.reads().stream().anyMatch(t -> t.getSimpleName().equals(simpleName))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The situations whose session holds a fact of type {@code simpleName} when {@code group} fires, each with the
     * groups that see it: the engine inserted it before, or (a conclusion) a group fired so far may insert it (one
     * the engine reads it after, the only groups the lint lets insert it). Null for a type the table does not judge:
     * a program setting, which may stand in every session, or a type outside the facts package.
     */
    static List<Situation> holding(String simpleName, String group) {
        if (!isConclusion(simpleName) && SITUATIONS.stream().flatMap(s -> s.steps().stream())
                .noneMatch(step -> step.inserts().stream().anyMatch(t -> t.getSimpleName().equals(simpleName)))) {
            return null;
        }
        List<Situation> holding = new ArrayList<>();
        for (Situation situation : SITUATIONS) {
            List<Step> seen = new ArrayList<>();
            boolean held = false;
            for (Step step : situation.steps()) {
                held |= isConclusion(simpleName) ? readFrom(simpleName, step.group())
                        : step.inserts().stream().anyMatch(t -> t.getSimpleName().equals(simpleName));
                if (held && (group == null || step.group().equals(group))) {
                    seen.add(step);
                }
            }
            if (!seen.isEmpty()) {
                holding.add(new Situation(situation.name(), List.copyOf(seen)));
            }
        }
        return holding;
    }

    /**
     * Where a fact of {@code simpleName} is in the session, by the groups that see it: {@code ruleflow-group "risk",
     * "benefit" of a survey}, {@code ruleflow-group "benefit" of a purchase, a survey or a benefit claim}.
     */
    static String whereHeld(String simpleName) {
        Map<String, List<String>> events = new LinkedHashMap<>(); // groups as written -> the events they are of
        for (Situation situation : holding(simpleName, null)) {
            String groups = "ruleflow-group \"" + String.join("\", \"", situation.steps().stream().map(Step::group)
                    .distinct().toList()) + "\"";
            List<String> of = events.computeIfAbsent(groups, g -> new ArrayList<>());
            if (!of.contains(situation.event())) {
                of.add(situation.event());
            }
        }
        List<String> places = new ArrayList<>();
        events.forEach((groups, of) -> places.add(groups + " of " + anyOf(of)));
        return String.join(" and ", places);
    }

    /** Events for a message: {@code a purchase, a refund or a survey}. */
    static String anyOf(List<String> events) {
        List<String> named = events.stream().map(e -> (e.matches("[aeiou].*") ? "an " : "a ") + e).toList();
        return named.size() == 1 ? named.get(0)
                : String.join(", ", named.subList(0, named.size() - 1)) + " or " + named.get(named.size() - 1);
    }

    /** The events whose sessions read conclusion {@code simpleName}, in table order. */
    static List<String> eventsReading(String simpleName) {
        return SITUATIONS.stream().filter(s -> s.steps().stream().anyMatch(step -> step.reads().stream()
                .anyMatch(t -> t.getSimpleName().equals(simpleName)))).map(Situation::event).distinct().toList();
    }

    /** The events whose sessions fire {@code group}, in table order ("purchase", "refund", ...). */
    static List<String> eventsFiring(String group) {
        return SITUATIONS.stream().filter(s -> s.steps().stream().anyMatch(step -> step.group().equals(group)))
                .map(Situation::event).distinct().toList();
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
