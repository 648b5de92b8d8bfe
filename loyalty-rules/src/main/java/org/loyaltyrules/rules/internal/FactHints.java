package org.loyaltyrules.rules.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyrules.rules.program.NearMiss;

/**
 * What a rule author needs after Drools' text for a pattern on an unknown fact type or field: the fact types, or the
 * fields of the fact, and the nearest name ({@code EligiblePurchase( totalAmount > 100 )}: "EligiblePurchase has no
 * field totalAmount; its fields are [eventId, amount, eligibleAmount, ...]").
 */
final class FactHints {

    static final String FACTS = "org.loyaltyrules.rules.facts.";

    /** The types of {@code org.loyaltyrules.rules.facts} (FactHintsTest checks the list against the package). */
    static final List<String> TYPES = List.of("ActiveCampaign", "BasketCharge", "BasketLine", "BenefitAllowance",
            "BenefitGrant", "BenefitOffer", "BenefitRequest", "CapApplied", "CapHeadroom", "ChannelBonusRate",
            "CurrentTier", "DowngradeSetting", "EarnRate", "EarningBlocked", "EligibleLine", "EligiblePurchase",
            "EventAward", "EventFact", "Excluded", "Exclusion", "FeePayment", "IdenticalBaskets", "LineBonus", "Member",
            "MemberInsight", "MemberNotice", "MembershipOffer", "MembershipPrice", "MetricRate", "MilestoneCrossed",
            "MinimumOrder", "Multiplier", "PointsAward", "PurchaseAttribute", "PurchaseMetric", "PurchaseVelocity",
            "QualifyingGrowth", "RefundRatio", "ReviewDue", "RiskFlag", "StatusLapsing", "SurveyAnswer",
            "TierBonusRate", "TierChange", "TierFloor", "TierReached", "TierThreshold");

    /**
     * The event types of the core model, which rules never see as such, and the facts the engine makes of them
     * (docs/rule-authoring.md section 2.1); empty where an event has no fact of its own.
     */
    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("Purchase", "a purchase is an EventFact and an EligiblePurchase, its lines BasketLine and"
                    + " EligibleLine facts"),
            Map.entry("PurchaseLine", "a purchase's lines are BasketLine and EligibleLine facts"),
            Map.entry("Survey", "a survey is a SurveyAnswer"),
            Map.entry("MembershipFee", "a membership fee is a FeePayment"),
            Map.entry("BenefitClaim", "a benefit claim is a BenefitRequest"),
            Map.entry("TierReview", "a tier review is a ReviewDue"),
            Map.entry("Refund", "a refund has no fact of its own: its risk rules see RefundRatio, PurchaseVelocity"
                    + " and IdenticalBaskets"),
            Map.entry("Redemption", ""), Map.entry("RedemptionReversal", ""), Map.entry("Enrollment", ""),
            Map.entry("FeeRefund", ""), Map.entry("Adjustment", ""), Map.entry("LoyaltyEvent", ""));

    private static final Pattern UNKNOWN_FIELD = Pattern.compile(
            "unable to resolve method using strict-mode: org\\.loyaltyrules\\.rules\\.facts\\.(\\w+)\\.(\\w+)\\(\\)");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unable to resolve ObjectType '(\\w+)'");

    private FactHints() {
    }

    /** The hint for Drools' {@code message}, starting with "; ", or "" when it is about neither. */
    static String of(String message) {
        Matcher field = UNKNOWN_FIELD.matcher(message);
        if (field.find()) {
            List<String> fields = fieldsOf(field.group(1));
            return fields.isEmpty() ? "" : "; " + field.group(1) + " has no field " + field.group(2)
                    + ", its fields are " + fields + NearMiss.suggestion(field.group(2), fields);
        }
        Matcher type = UNKNOWN_TYPE.matcher(message);
        if (type.find()) {
            String name = type.group(1);
            String asFacts = EVENTS.get(name);
            return "; rules match the facts of " + FACTS.substring(0, FACTS.length() - 1)
                    + (asFacts == null ? " (docs/rule-authoring.md section 2.1)" + NearMiss.suggestion(name, TYPES)
                            : ", not events" + (asFacts.isEmpty() ? "" : ": " + asFacts)
                                    + " (docs/rule-authoring.md section 2.1: the facts each event brings)");
        }
        return "";
    }

    /** What a pattern on fact {@code type} can read: its record components, then its other accessors. */
    static List<String> fieldsOf(String type) {
        Class<?> fact;
        try {
            fact = Class.forName(FACTS + type, false, FactHints.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (fact.isRecord()) {
            for (RecordComponent component : fact.getRecordComponents()) {
                names.add(component.getName());
            }
        }
        Set<String> others = new TreeSet<>(); // declared methods come in no set order
        for (Method method : fact.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0 && method.getReturnType() != void.class
                    && !names.contains(method.getName())
                    && !Set.of("toString", "hashCode").contains(method.getName())) {
                others.add(method.getName());
            }
        }
        names.addAll(others);
        return names;
    }
}
