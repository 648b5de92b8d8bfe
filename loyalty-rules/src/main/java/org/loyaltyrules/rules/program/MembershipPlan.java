package org.loyaltyrules.rules.program;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** A paid tier on sale: its list price for a term of whole months (rules may lower the price for some members). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MembershipPlan(String tierId, Money price, int termMonths) {

    public MembershipPlan {
        requireNonNull(tierId, "tierId");
        requireNonNull(price, "price");
        if (termMonths <= 0) {
            throw new IllegalArgumentException("termMonths of plan '" + tierId + "' must be > 0, was " + termMonths);
        }
    }
}
