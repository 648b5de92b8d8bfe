package org.loyaltyrules.rules.program;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** The earning settings of a program: rates, bonuses, campaigns, exclusions, minimum order and milestones. */
@API(status = API.Status.STABLE, since = "0.1")
public record Earning(BigDecimal baseRate, List<RateRule> rates, Map<String, BigDecimal> metricRates,
                      Map<String, BigDecimal> tierBonus, Map<String, BigDecimal> channelBonus,
                      List<LineBonusRule> lineBonuses, List<Campaign> campaigns, Exclusions exclusions,
                      Money minimumOrder, List<Milestone> milestones) {

    public Earning {
        rates = List.copyOf(rates);
        metricRates = Map.copyOf(metricRates);
        tierBonus = Map.copyOf(tierBonus);
        channelBonus = Map.copyOf(channelBonus);
        lineBonuses = List.copyOf(lineBonuses);
        campaigns = List.copyOf(campaigns);
        milestones = List.copyOf(milestones);
    }
}
