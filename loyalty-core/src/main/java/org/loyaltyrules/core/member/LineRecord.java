package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * A purchase line as the purchase's record keeps it for refunds: the SKU, what it cost, how much of that earned (0 for
 * an excluded line) and how much of it has been refunded so far. Lines of one SKU are kept as one line: their amounts,
 * eligible amounts and refunds add up.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LineRecord(String sku, Money amount, Money eligible, Money refunded) {

    public LineRecord {
        sku = sku == null ? "" : sku;
        requireNonNull(amount, "amount");
        requireNonNull(eligible, "eligible");
        refunded = refunded == null ? Money.zero(amount.currency()) : refunded;
        if (amount.isNegative()) {
            throw new IllegalArgumentException("line amount must be >= 0, was " + amount + " (sku '" + sku + "')");
        }
        if (eligible.isNegative() || eligible.compareTo(amount) > 0) {
            throw new IllegalArgumentException("line eligible must be in 0.." + amount + ", was " + eligible
                    + " (sku '" + sku + "')");
        }
        if (refunded.isNegative() || refunded.compareTo(amount) > 0) {
            throw new IllegalArgumentException("line refunded must be in 0.." + amount + ", was " + refunded
                    + " (sku '" + sku + "')");
        }
    }

    /** A line bought and not refunded yet: all of it earned, or (excluded) none of it. */
    public static LineRecord bought(String sku, Money amount, boolean earned) {
        return new LineRecord(sku, amount, earned ? amount : Money.zero(amount.currency()), null);
    }

    /** Money of this line still refundable. */
    public Money refundable() {
        return amount.minus(refunded);
    }

    /** This line with another line of the same SKU: amounts, eligible amounts and refunds add up. */
    public LineRecord plus(LineRecord other) {
        if (!sku.equals(other.sku)) {
            throw new IllegalArgumentException("lines of SKU '" + sku + "' cannot take a line of SKU '" + other.sku
                    + "'");
        }
        return new LineRecord(sku, amount.plus(other.amount), eligible.plus(other.eligible),
                refunded.plus(other.refunded));
    }

    /** This line after {@code refund} more of it was refunded. */
    public LineRecord refunding(Money refund) {
        return new LineRecord(sku, amount, eligible, refunded.plus(refund));
    }
}
