package org.loyaltyrules.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;

/**
 * Something that happened to a member at an instant. Every event has an id (idempotency key), the member's id and
 * its own timestamp; extra fields of the input are kept as {@link #attributes()}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface LoyaltyEvent
        permits Purchase, Refund, Redemption, RedemptionReversal, Enrollment, MembershipFee, FeeRefund, Survey,
        Adjustment, BenefitClaim, TierReview {

    /**
     * The first year (UTC) an event's instant may lie in. Years outside {@value #FIRST_YEAR}..{@value #LAST_YEAR} are
     * typos (2225 for 2025, 00010101), not history: one far-future event would expire every point, move every tier
     * review and refuse each later event {@code OUT_OF_ORDER}. Every event constructor refuses them, naming the field
     * {@code at}; the JSON Lines and CSV readers take the same years.
     */
    int FIRST_YEAR = 1900;

    /** The last year (UTC) an event's instant may lie in; see {@link #FIRST_YEAR}. */
    int LAST_YEAR = 2199;

    String id();

    String memberId();

    Instant at();

    Map<String, String> attributes();

    /** The event's type as written in JSON Lines input, e.g. {@code purchase}. */
    String type();

    /**
     * The money the event moves: a purchase's or a refund's amount, a membership fee, a fee refund's amount when it
     * names one; empty for the other events.
     */
    default Optional<Money> money() {
        return Optional.empty();
    }
}
