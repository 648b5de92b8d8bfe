package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * A membership fee the member paid: the event, the amount, the paid tier and the term it bought
 * ({@code termStart} to {@code termEnd}; a renewal's term starts where the previous one ends), and, once refunded,
 * the amount refunded and when. Kept so that a fee refund knows what was paid for which days.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FeeRecord(String eventId, Instant at, Money amount, String tierId, int termMonths, Instant termStart,
                        Instant termEnd, Money refunded, Instant refundedAt) {

    public FeeRecord {
        requireNonNull(eventId, "eventId");
        requireNonNull(at, "at");
        requireNonNull(amount, "amount");
        requireNonNull(tierId, "tierId");
        requireNonNull(termStart, "termStart");
        requireNonNull(termEnd, "termEnd");
        if (termMonths <= 0) {
            throw new IllegalArgumentException("termMonths must be > 0, was " + termMonths);
        }
        if (!termEnd.isAfter(termStart)) {
            throw new IllegalArgumentException("termEnd " + termEnd + " must be after termStart " + termStart);
        }
        if ((refunded == null) != (refundedAt == null)) {
            throw new IllegalArgumentException("refunded and refundedAt are both set or both absent");
        }
    }

    /** A fee not refunded. */
    public static FeeRecord paid(String eventId, Instant at, Money amount, String tierId, int termMonths,
                                 Instant termStart, Instant termEnd) {
        return new FeeRecord(eventId, at, amount, tierId, termMonths, termStart, termEnd, null, null);
    }

    public boolean isRefunded() {
        return refunded != null;
    }

    public FeeRecord refund(Money amountRefunded, Instant when) {
        return new FeeRecord(eventId, at, amount, tierId, termMonths, termStart, termEnd, amountRefunded, when);
    }
}
