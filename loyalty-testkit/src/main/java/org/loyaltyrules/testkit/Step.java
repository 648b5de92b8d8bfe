package org.loyaltyrules.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.apiguardian.api.API;
import org.loyaltyrules.core.event.LoyaltyEvent;

/**
 * One thing that happens in a member's {@link History}. Most steps are events known in advance ({@link Send}); two
 * depend on what the engine decided before them and are resolved when the history runs: a redemption of a share of
 * the points then available ({@link RedeemShare}), and the re-sending of an earlier applied event ({@link Resend}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface Step permits Step.Send, Step.RedeemShare, Step.Resend {

    /**
     * Sends an event fixed in advance: an enrollment, a purchase, a refund, a survey, a membership fee, a fee refund,
     * a benefit claim.
     */
    record Send(LoyaltyEvent event) implements Step {
        public Send {
            requireNonNull(event, "event");
        }

        @Override
        public String toString() {
            return Events.describe(event);
        }
    }

    /**
     * Redeems {@code permille}/1000 of the points available at {@code at} (at least 1), optionally at a coalition
     * partner; skipped when nothing is available. Resolved at run time, so a redemption never asks for more than
     * the member has.
     */
    record RedeemShare(String eventId, Instant at, int permille, String partner) implements Step {
        public RedeemShare {
            requireNonNull(eventId, "eventId");
            requireNonNull(at, "at");
            if (permille < 1 || permille > 1000) {
                throw new IllegalArgumentException("permille must be in 1..1000, was " + permille);
            }
            partner = partner == null ? "" : partner;
        }

        @Override
        public String toString() {
            return eventId + " " + at + " redeem " + permille / 10.0 + "% of available"
                    + (partner.isEmpty() ? "" : " at partner " + partner);
        }
    }

    /**
     * Sends again, unchanged (same id, same instant), the event applied {@code pick} modulo the number of events
     * applied so far: an at-least-once delivery, which the engine must answer DUPLICATE. Events the engine refused are
     * never re-sent. Skipped before the first applied event. Which event that is depends on the engine's decisions,
     * so a printed step shows only the pick; an {@link InvariantViolation} names the event each re-send sent.
     */
    record Resend(int pick) implements Step {
        public Resend {
            if (pick < 0) {
                throw new IllegalArgumentException("pick must be >= 0, was " + pick);
            }
        }

        @Override
        public String toString() {
            return "resend an earlier applied event (pick " + pick + ")";
        }
    }
}
