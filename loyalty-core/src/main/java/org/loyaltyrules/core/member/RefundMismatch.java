package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * Why a refund does not fit what is left of its purchase, with the numbers: more than is left of the purchase, a line
 * the purchase did not have, or more of a line than is left of it. The engine answers it with a refusal.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RefundMismatch(Reason reason, String detail) {

    public enum Reason {
        /** The refund is more than what is left to refund of the purchase. */
        EXCEEDS_PURCHASE,
        /** The refund names a line (SKU) the purchase did not have. */
        UNKNOWN_LINE,
        /** The refund of a line is more than what is left to refund of that line. */
        EXCEEDS_LINE
    }

    public RefundMismatch {
        requireNonNull(reason, "reason");
        requireNonNull(detail, "detail");
    }
}
