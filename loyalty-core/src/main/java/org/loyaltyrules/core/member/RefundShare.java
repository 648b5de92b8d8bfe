package org.loyaltyrules.core.member;

import java.math.BigDecimal;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * What one refund takes back: the money refunded (its eligible part, and how much of it went to each of the
 * purchase's lines, by SKU), the points and the growth per metric.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RefundShare(Money refund, long points, Map<String, BigDecimal> growth, BigDecimal eligible,
                          Map<String, Money> lines) {

    public RefundShare {
        growth = Map.copyOf(growth);
        eligible = eligible == null ? BigDecimal.ZERO : eligible.stripTrailingZeros();
        eligible = eligible.scale() < 0 ? eligible.setScale(0) : eligible; // 30.0000 is 30
        lines = lines == null ? Map.of() : Map.copyOf(lines);
    }

    public RefundShare(Money refund, long points, Map<String, BigDecimal> growth, BigDecimal eligible) {
        this(refund, points, growth, eligible, null);
    }

    public RefundShare(Money refund, long points, Map<String, BigDecimal> growth) {
        this(refund, points, growth, null, null);
    }
}
