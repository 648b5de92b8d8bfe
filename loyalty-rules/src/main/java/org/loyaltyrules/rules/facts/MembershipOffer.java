package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import org.apiguardian.api.API;

/** A program setting: the paid tier {@code tierId} sells at {@code listPrice} for {@code termMonths} months. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MembershipOffer(String tierId, BigDecimal listPrice, int termMonths) {
}
