package org.loyaltyrules.core.insight;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.PurchaseRecord;
import org.loyaltyrules.core.member.RefundRecord;

/**
 * A member's purchases as the member stood at an instant, the one view every insight measure reads: purchases made
 * up to that instant, each net of the refunds made up to it (a later refund does not reach back). A purchase is an
 * order when something of it is left, or when it was for nothing (a free purchase is an order too, as in CDNOW).
 */
final class PurchasesAsOf {

    /** One purchase made by the instant, with what was left of it then. */
    record Net(PurchaseRecord purchase, BigDecimal amount) {

        Instant at() {
            return purchase.at();
        }

        boolean isOrder() {
            return amount.signum() > 0 || purchase.amount().amount().signum() == 0;
        }
    }

    private PurchasesAsOf() {
    }

    /** The purchases made up to {@code at} (inclusive), in the member's order, fully refunded ones included. */
    static List<Net> of(MemberState member, Instant at) {
        Map<String, BigDecimal> refundedLater = refundedAfter(member, at);
        List<Net> out = new ArrayList<>(member.purchases().size());
        for (PurchaseRecord p : member.purchases()) {
            if (!p.at().isAfter(at)) {
                BigDecimal refunded = p.refunded().amount().subtract(refundedLater.getOrDefault(p.eventId(),
                        BigDecimal.ZERO));
                out.add(new Net(p, p.amount().amount().subtract(refunded)));
            }
        }
        return out;
    }

    /** What refunds after {@code at} took of each purchase (usually none: insight is taken after the last event). */
    private static Map<String, BigDecimal> refundedAfter(MemberState member, Instant at) {
        Map<String, BigDecimal> later = null;
        for (RefundRecord r : member.refunds()) {
            if (r.at().isAfter(at)) {
                if (later == null) {
                    later = new HashMap<>();
                }
                later.merge(r.purchaseEventId(), r.amount().amount(), BigDecimal::add);
            }
        }
        return later == null ? Map.of() : later;
    }
}
