package org.loyaltyrules.core.member;

import java.math.BigDecimal;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** What one refund takes back: the money refunded (and its eligible part), the points and the growth per metric. */
@API(status = API.Status.STABLE, since = "0.1")
public record RefundShare(Money refund, long points, Map<String, BigDecimal> growth, BigDecimal eligible) {

    public RefundShare {
        growth = Map.copyOf(growth);
        eligible = eligible == null ? BigDecimal.ZERO : eligible.stripTrailingZeros();
        eligible = eligible.scale() < 0 ? eligible.setScale(0) : eligible; // 30.0000 is 30
    }

    public RefundShare(Money refund, long points, Map<String, BigDecimal> growth) {
        this(refund, points, growth, null);
    }
}
