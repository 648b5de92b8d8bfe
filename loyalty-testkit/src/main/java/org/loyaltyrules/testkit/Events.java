package org.loyaltyrules.testkit;

import java.util.List;
import java.util.stream.Collectors;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;

/** Events in one short line each, for failure messages and shrunk samples (records print every field). */
final class Events {

    private Events() {
    }

    static String describe(LoyaltyEvent event) {
        String head = event.id() + " " + event.at() + " " + event.type();
        if (event instanceof Purchase) {
            Purchase p = (Purchase) event;
            return head + " " + p.amount()
                    + (p.channel().isEmpty() ? "" : " channel " + p.channel())
                    + (p.partner().isEmpty() ? "" : " partner " + p.partner())
                    + (p.attributes().isEmpty() ? "" : " " + p.attributes())
                    + (p.metrics().isEmpty() ? "" : " metrics " + p.metrics())
                    + lines(p.lines())
                    + (p.delivery().isZero() ? "" : " delivery " + p.delivery().amount().toPlainString())
                    + (p.tax().isZero() ? "" : " tax " + p.tax().amount().toPlainString());
        } else if (event instanceof Refund) {
            Refund r = (Refund) event;
            return head + " " + r.amount() + " of " + r.originalEventId() + lines(r.lines());
        } else if (event instanceof Redemption) {
            Redemption r = (Redemption) event;
            return head + " " + r.points() + " points" + (r.attributes().isEmpty() ? "" : " " + r.attributes());
        } else if (event instanceof Survey) {
            return head + " score " + ((Survey) event).score();
        } else if (event instanceof Enrollment) {
            Enrollment e = (Enrollment) event;
            return head + e.manualTier().map(t -> " tier " + t).orElse("")
                    + (e.attributes().isEmpty() ? "" : " " + e.attributes());
        } else if (event instanceof MembershipFee) {
            MembershipFee f = (MembershipFee) event;
            return head + " " + f.amount() + " for " + f.tier() + " " + f.termMonths() + " months";
        } else if (event instanceof FeeRefund) {
            FeeRefund r = (FeeRefund) event;
            return head + " of " + r.original() + (r.amount() == null ? "" : " " + r.amount());
        } else if (event instanceof BenefitClaim) {
            return head + " " + ((BenefitClaim) event).benefit();
        }
        return head + " " + event;
    }

    /** {@code " lines [bill/SKU-3 x1 12.00, ...]"}, or nothing without lines. */
    private static String lines(List<PurchaseLine> lines) {
        return lines.isEmpty() ? "" : " lines " + lines.stream()
                .map(l -> l.category() + "/" + l.sku() + " x" + l.quantity() + " "
                        + l.amount().amount().toPlainString())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
