package org.loyaltyrules.rules.program;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.loyaltyrules.core.benefit.BenefitCatalog;
import org.loyaltyrules.core.member.FeeRefundPolicy;
import org.loyaltyrules.core.points.ExpiryPolicy;
import org.loyaltyrules.core.points.RefundPolicy;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.program.Rounding;
import org.loyaltyrules.core.program.RoundingScope;
import org.loyaltyrules.core.program.Stacking;
import org.loyaltyrules.core.risk.AbnormalBehaviour;
import org.loyaltyrules.core.risk.Cap;
import org.loyaltyrules.core.risk.CapMeasure;
import org.loyaltyrules.core.tier.TierLadder;

/**
 * Every number a rule author tunes without touching DRL, as read from {@code program.json} (or built in code).
 * {@code growthRates} name growth metrics credited per currency unit of eligible spend (e.g. {@code growth: 1});
 * the metrics {@code spend} (eligible amount) and {@code points} (points awarded) and any metric an event carries
 * (e.g. {@code nights}) are credited without a rate. {@code declares} is what the program claims about itself for tests
 * to check ({@link Declarations#NONE} when absent); it does not change an evaluation. {@code partialRefundsKeep} names
 * the growth metrics (e.g. {@code nights}) a partial refund does not claw back: only the refund that completes the
 * purchase takes them back (program.json {@code refunds.partialRefundsKeep}; empty when absent).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ProgramSettings(String id, String name, String version, Currency currency, ZoneId zone,
                              RewardUnit rewardUnit, Rounding rounding, RoundingScope roundingScope, Stacking stacking,
                              Earning earning, Map<String, BigDecimal> growthRates, TierLadder ladder,
                              Duration pending, ExpiryPolicy expiry, RefundPolicy refundPolicy, List<Cap> caps,
                              AbnormalBehaviour abnormal, BenefitCatalog benefits, InsightSettings insight,
                              List<MembershipPlan> plans, List<Partner> partners, FeeRefundPolicy feeRefund,
                              Declarations declares, Set<String> partialRefundsKeep) {

    public ProgramSettings {
        requireNonNull(id, "id");
        requireNonNull(version, "version");
        requireNonNull(currency, "currency");
        requireNonNull(zone, "zone");
        requireNonNull(rewardUnit, "rewardUnit");
        requireNonNull(rounding, "rounding");
        requireNonNull(roundingScope, "roundingScope");
        requireNonNull(stacking, "stacking");
        requireNonNull(earning, "earning");
        growthRates = Map.copyOf(growthRates);
        requireNonNull(ladder, "ladder");
        requireNonNull(pending, "pending");
        requireNonNull(expiry, "expiry");
        requireNonNull(refundPolicy, "refundPolicy");
        caps = List.copyOf(caps);
        CapMeasure own = rewardUnit == RewardUnit.MONEY ? CapMeasure.MONEY : CapMeasure.POINTS;
        for (int i = 0; i < caps.size(); i++) {
            CapMeasure measure = caps.get(i).measure();
            if (measure != own && measure != CapMeasure.COUNT) {
                throw new IllegalArgumentException("caps[" + i + "] (" + caps.get(i).id() + ") measure must be " + own
                        + " or COUNT in a program that rewards " + rewardUnit + ", was " + measure);
            }
        }
        requireNonNull(abnormal, "abnormal");
        requireNonNull(benefits, "benefits");
        insight = insight == null ? InsightSettings.STANDARD : insight;
        plans = plans == null ? List.of() : List.copyOf(plans);
        partners = partners == null ? List.of() : List.copyOf(partners);
        feeRefund = feeRefund == null ? FeeRefundPolicy.NONE : feeRefund;
        name = name == null ? id : name;
        declares = declares == null ? Declarations.NONE : declares;
        partialRefundsKeep = partialRefundsKeep == null ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(partialRefundsKeep));
    }

    /** Settings whose partial refunds keep no metric, as before program.json had {@code refunds.partialRefundsKeep}. */
    public ProgramSettings(String id, String name, String version, Currency currency, ZoneId zone,
                           RewardUnit rewardUnit, Rounding rounding, RoundingScope roundingScope, Stacking stacking,
                           Earning earning, Map<String, BigDecimal> growthRates, TierLadder ladder,
                           Duration pending, ExpiryPolicy expiry, RefundPolicy refundPolicy, List<Cap> caps,
                           AbnormalBehaviour abnormal, BenefitCatalog benefits, InsightSettings insight,
                           List<MembershipPlan> plans, List<Partner> partners, FeeRefundPolicy feeRefund,
                           Declarations declares) {
        this(id, name, version, currency, zone, rewardUnit, rounding, roundingScope, stacking, earning, growthRates,
                ladder, pending, expiry, refundPolicy, caps, abnormal, benefits, insight, plans, partners, feeRefund,
                declares, Set.of());
    }

    /** Settings that declare nothing ({@link Declarations#NONE}), as before program.json had {@code declares}. */
    public ProgramSettings(String id, String name, String version, Currency currency, ZoneId zone,
                           RewardUnit rewardUnit, Rounding rounding, RoundingScope roundingScope, Stacking stacking,
                           Earning earning, Map<String, BigDecimal> growthRates, TierLadder ladder,
                           Duration pending, ExpiryPolicy expiry, RefundPolicy refundPolicy, List<Cap> caps,
                           AbnormalBehaviour abnormal, BenefitCatalog benefits, InsightSettings insight,
                           List<MembershipPlan> plans, List<Partner> partners, FeeRefundPolicy feeRefund) {
        this(id, name, version, currency, zone, rewardUnit, rounding, roundingScope, stacking, earning, growthRates,
                ladder, pending, expiry, refundPolicy, caps, abnormal, benefits, insight, plans, partners, feeRefund,
                Declarations.NONE);
    }

    public java.util.Optional<Partner> partner(String id) {
        return partners.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public ProgramCalendar calendar() {
        return ProgramCalendar.of(zone);
    }
}
