package org.loyaltyrules.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.loyaltyrules.rules.internal.PackCrossCheck;
import org.loyaltyrules.rules.program.Problem;
import org.loyaltyrules.rules.program.ProgramSettings;

/** The warnings of a program's settings, which {@link LoyaltyEngine} gives with the rule pack's. */
final class SettingsWarnings {

    private SettingsWarnings() {
    }

    /**
     * Settings the rules cannot apply (settings no rule reads, a ladder on growth no purchase credits, an expiry that
     * ends lots before their return window, a benefit no tier gets) and percents that look like fractions (0.5 for
     * 50).
     */
    static List<Problem> of(Program program) {
        List<Problem> warnings = new ArrayList<>(PackCrossCheck.uncreditedGrowth(program.settings().ladder(),
                program.settings().growthRates().keySet()));
        warnings.addAll(PackCrossCheck.fractionPercents("tierBonus", program.settings().earning().tierBonus()));
        warnings.addAll(PackCrossCheck.fractionPercents("channelBonus", program.settings().earning().channelBonus()));
        warnings.addAll(PackCrossCheck.expiringWhilePending(program.settings().pending(), program.settings().expiry(),
                program.settings().calendar()));
        warnings.addAll(PackCrossCheck.unreadSettings(program.ruleSources(), declared(program.settings())));
        warnings.addAll(PackCrossCheck.tierlessBenefits(program.ruleSources(),
                program.settings().benefits().benefits()));
        return warnings;
    }

    /** The settings of program.json the engine hands the rules as facts, each with the fact and what it does. */
    private static List<PackCrossCheck.Declared> declared(ProgramSettings settings) {
        List<PackCrossCheck.Declared> declared = new ArrayList<>();
        org.loyaltyrules.rules.program.Earning earning = settings.earning();
        if (earning.baseRate().signum() > 0) {
            earning(declared, "baseRate", List.of(earning.baseRate().toPlainString()), "EarnRate", "nothing earns at it");
        }
        if (!earning.rates().isEmpty()) {
            earning(declared, "rates", List.of("rates on " + String.join(", ", earning.rates().stream()
                    .map(r -> r.attribute()).distinct().toList())), "EarnRate", "nothing earns at them");
        }
        earning(declared, "metricRates", new TreeSet<>(earning.metricRates().keySet()), "MetricRate",
                "the metrics earn nothing");
        earning(declared, "tierBonus", paying(earning.tierBonus()), "TierBonusRate", "the bonus is not paid");
        earning(declared, "channelBonus", paying(earning.channelBonus()), "ChannelBonusRate", "the bonus is not paid");
        earning(declared, "lineBonuses", earning.lineBonuses().stream().map(b -> b.scope() + " " + b.value()).toList(),
                "LineBonus", "the multipliers are not applied");
        earning(declared, "campaigns", earning.campaigns().stream().map(c -> c.id()).toList(), "ActiveCampaign",
                "the campaigns multiply nothing");
        org.loyaltyrules.rules.program.Exclusions exclusions = earning.exclusions();
        List<String> excluded = new ArrayList<>();
        new TreeSet<>(exclusions.skus()).forEach(sku -> excluded.add("sku " + sku));
        new TreeSet<>(exclusions.categories()).forEach(c -> excluded.add("category " + c));
        if (exclusions.delivery()) {
            excluded.add("delivery");
        }
        if (exclusions.tax()) {
            excluded.add("tax");
        }
        earning(declared, "exclusions", excluded, "Exclusion", "nothing is excluded from earning");
        if (earning.minimumOrder() != null) {
            earning(declared, "minimumOrder", List.of(earning.minimumOrder().toString()), "MinimumOrder",
                    "smaller orders earn too");
        }
        earning(declared, "milestones", earning.milestones().stream().map(m -> m.id()).toList(), "MilestoneCrossed",
                "the milestones pay nothing");
        List<String> thresholds = settings.ladder().tiers().stream().skip(1).filter(t -> t.reachable())
                .map(t -> t.id()).toList();
        if (!thresholds.isEmpty()) {
            declared.add(new PackCrossCheck.Declared("$.tiers.ladder", "tiers.ladder declares thresholds of "
                    + String.join(", ", thresholds), "TierThreshold", "nobody moves up the ladder"));
        }
        List<org.loyaltyrules.core.risk.Cap> caps = settings.caps();
        for (int i = 0; i < caps.size(); i++) {
            declared.add(new PackCrossCheck.Declared("$.risk.caps[" + i + "]", "risk.caps declares " + caps.get(i).id(),
                    "CapHeadroom", "the cap is not applied"));
        }
        return declared;
    }

    /** The keys of the percents above 0, sorted: a bonus of 0 % pays nothing whether read or not. */
    private static Collection<String> paying(Map<String, java.math.BigDecimal> percents) {
        return new TreeSet<>(percents.entrySet().stream().filter(e -> e.getValue().signum() > 0).map(Map.Entry::getKey)
                .toList());
    }

    /** earning.{@code key}, when it declares anything ({@code what}), read by rules through {@code fact}. */
    private static void earning(List<PackCrossCheck.Declared> declared, String key, Collection<String> what,
                                String fact, String effect) {
        if (!what.isEmpty()) {
            declared.add(new PackCrossCheck.Declared("$.earning." + key, "earning." + key + " declares "
                    + String.join(", ", what), fact, effect));
        }
    }
}
