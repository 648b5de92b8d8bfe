package org.loyaltyrules.core.insight;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
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
        requireNonNull(member, "member");
        requireNonNull(calendar, "calendar");
        List<Transaction> out = new ArrayList<>(member.purchases().size());
        for (PurchaseRecord purchase : member.purchases()) {
            if (counts(purchase)) {
                out.add(new Transaction(member.memberId(), calendar.dateOf(purchase.at()),
                        purchase.amount().amount().subtract(purchase.refunded().amount())));
            }
        }
        return List.copyOf(out);
    }

    /** Whether a purchase is a transaction: something of it is left after refunds, or it was for nothing. */
    static boolean counts(PurchaseRecord purchase) {
        return purchase.refunded().amount().compareTo(purchase.amount().amount()) < 0
                || purchase.amount().amount().signum() == 0;
    }
}
