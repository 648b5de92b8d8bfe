package org.loyaltyrules.rules.program;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * A paid tier on sale: its list price for a term of whole months (rules may lower the price for some members). A fee
 * paid within {@code lateRenewalMonths} after the member's last term of the tier ended renews it from that end (the
 * term is backdated, as Costco's "renewed within 2 months after expiration ... extended for 12 months from the
 * expiration date"); 0, the default, starts a late fee's term at the payment.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MembershipPlan(String tierId, Money price, int termMonths, int lateRenewalMonths) {

    public MembershipPlan {
        requireNonNull(tierId, "tierId");
        requireNonNull(price, "price");
        if (termMonths <= 0) {
            throw new IllegalArgumentException("termMonths of plan '" + tierId + "' must be > 0, was " + termMonths);
        }
        if (lateRenewalMonths < 0 || lateRenewalMonths >= termMonths) {
            throw new IllegalArgumentException("lateRenewalMonths of plan '" + tierId + "' must be in 0.."
                    + (termMonths - 1) + " (less than the term), was " + lateRenewalMonths);
        }
    }

    /** A plan whose late fees start their term at the payment. */
    public MembershipPlan(String tierId, Money price, int termMonths) {
        this(tierId, price, termMonths, 0);
    }
}
