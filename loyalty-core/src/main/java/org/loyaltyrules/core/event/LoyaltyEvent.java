package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Something that happened to a member at an instant. Every event has an id (idempotency key), the member's id and
 * its own timestamp; extra fields of the input are kept as {@link #attributes()}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface LoyaltyEvent
        permits Purchase, Refund, Redemption, RedemptionReversal, Enrollment, MembershipFee, FeeRefund, Survey,
        Adjustment, BenefitClaim, TierReview {

    String id();

    String memberId();

    Instant at();

    Map<String, String> attributes();

    /** The event's type as written in JSON Lines input, e.g. {@code purchase}. */
    String type();
}
