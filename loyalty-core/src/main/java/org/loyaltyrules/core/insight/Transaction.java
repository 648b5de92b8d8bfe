package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * One purchase as the insight measures see it: who, on which calendar day (in the program's zone) and for how much.
 * The amount is kept exactly as given (a zero amount is a purchase too, as in CDNOW).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Transaction(String memberId, LocalDate date, BigDecimal amount) {

    public Transaction {
        if (memberId == null || memberId.isBlank()) {
            throw new IllegalArgumentException("memberId must not be blank, was " + memberId);
        }
        requireNonNull(date, "date");
        requireNonNull(amount, "amount");
    }

    /**
     * A member's purchases as transactions, each net of what was refunded of it, dated on the program calendar.
     * A purchase refunded in full is left out: the member did not end up buying.
     */
    public static List<Transaction> of(MemberState member, ProgramCalendar calendar) {
        return of(member, calendar, Instant.MAX);
    }

    /**
     * As {@link #of(MemberState, ProgramCalendar)}, as the member stood at {@code at}: the purchases made up to
     * {@code at}, each net of the refunds made up to {@code at} (a later refund does not reach back).
     */
    public static List<Transaction> of(MemberState member, ProgramCalendar calendar, Instant at) {
        requireNonNull(member, "member");
        requireNonNull(calendar, "calendar");
        requireNonNull(at, "at");
        return of(member.memberId(), PurchasesAsOf.of(member, at), calendar);
    }

    /** The orders among a member's purchases as of an instant, as transactions. */
    static List<Transaction> of(String memberId, List<PurchasesAsOf.Net> purchases, ProgramCalendar calendar) {
        List<Transaction> out = new ArrayList<>(purchases.size());
        for (PurchasesAsOf.Net purchase : purchases) {
            if (purchase.isOrder()) {
                out.add(new Transaction(memberId, calendar.dateOf(purchase.at()), purchase.amount()));
            }
        }
        return List.copyOf(out);
    }
}
