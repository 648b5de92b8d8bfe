package org.loyaltyrules.rules.program;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/**
 * A coalition partner: purchases at it ({@code Purchase.partner()}: the field or attribute {@code partner}) earn
 * {@code earnRate} points per currency unit
 * (0: the partner only burns); a point redeemed at it is worth {@code burnValue} (in the program currency, finer than
 * a cent) to the member, which the program owes the partner; a point issued at it costs the partner
 * {@code settlementPrice}, which it owes the program.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Partner(String id, String name, BigDecimal earnRate, BigDecimal burnValue, BigDecimal settlementPrice) {

    public Partner {
        requireNonNull(id, "id");
        name = name == null ? id : name;
        requireNonNull(earnRate, "earnRate");
        requireNonNull(burnValue, "burnValue");
        requireNonNull(settlementPrice, "settlementPrice");
    }

    public boolean burns() {
        return burnValue.signum() > 0;
    }
}
