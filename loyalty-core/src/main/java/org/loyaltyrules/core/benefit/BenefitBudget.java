package org.loyaltyrules.core.benefit;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.CountingPeriod;

/**
 * What a program means to spend on one benefit per calendar period across all its members, e.g. 5,000.00 USD of
 * free deliveries a month. The engine evaluates one member at a time, so a budget is reported against (replay
 * summaries, what-if warnings), not enforced per claim; a per-member limit is the benefit's quota.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BenefitBudget(Money amount, CountingPeriod period) {

    public BenefitBudget {
        requireNonNull(amount, "amount");
        requireNonNull(period, "period");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("budget must be >= 0, was " + amount);
        }
        if (period == CountingPeriod.MEMBERSHIP_YEAR || period == CountingPeriod.TERM_MONTH) {
            throw new IllegalArgumentException("a budget spans all members: its period must be a calendar period "
                    + "(DAY, WEEK, MONTH, YEAR) or LIFETIME, not " + period);
        }
    }
}
