package org.loyaltyrules.core.event;

import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** One line of a basket: what was bought, how many, and the line's total amount. */
@API(status = API.Status.STABLE, since = "0.1")
public record PurchaseLine(String sku, String category, long quantity, Money amount, Map<String, String> attributes) {

    public PurchaseLine {
        sku = sku == null ? "" : sku;
        category = category == null ? "" : category;
        EventChecks.requireMoney(amount, "amount");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be >= 0, was " + quantity);
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("line amount must be >= 0, was " + amount);
        }
        attributes = EventChecks.sortedCopy(attributes);
    }

    public static PurchaseLine of(String sku, String category, long quantity, Money amount) {
        return new PurchaseLine(sku, category, quantity, amount, Map.of());
    }
}
