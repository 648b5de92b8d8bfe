package org.loyaltyrules.core.member;

import java.math.BigDecimal;
import java.util.Map;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** What one refund takes back: the money refunded, the points and the growth per metric. */
@API(status = API.Status.STABLE, since = "0.1")
public record RefundShare(Money refund, long points, Map<String, BigDecimal> growth) {

    public RefundShare {
        growth = Map.copyOf(growth);
    }
}
