package org.loyaltyrules.core.member;

import java.time.Instant;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/** A refund as the member's history remembers it (for refund-ratio checks). */
@API(status = API.Status.STABLE, since = "0.1")
public record RefundRecord(String eventId, Instant at, String purchaseEventId, Money amount) {
}
