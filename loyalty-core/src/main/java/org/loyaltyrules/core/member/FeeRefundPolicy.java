package org.loyaltyrules.core.member;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.program.ProgramCalendar;

/**
 * How much of a membership fee is refunded when a member cancels (program.json {@code membership.refund}):
 * <ul>
 *   <li>a cancellation within {@code fullRefundDays} days of paying (a cooling-off period), or before the term has
 *       started (a prepaid renewal), gets the whole fee back under every policy. The period is counted as statutory
 *       periods are (EU Regulation 1182/71 art. 3, US FRCP 6(a)): the payment day is not counted, and the period
 *       ends with the last instant of the {@code fullRefundDays}-th calendar day after it in the program's zone
 *       (with 7, a fee paid on 10 January comes back in full through 17 January); 0 means no such period;</li>
 *   <li>{@code NONE}: nothing otherwise;</li>
 *   <li>{@code FULL}: the whole fee at any time (e.g. a satisfaction guarantee on the membership);</li>
 *   <li>{@code PRO_RATA_DAYS}: fee x unused days / days of the term, counting calendar days in the program's zone
 *       from the cancellation day (which counts as used) to the term's end;</li>
 *   <li>{@code PRO_RATA_MONTHS}: fee x unused whole months / months of the term; a started month counts as used.</li>
 * </ul>
 * Amounts are rounded down to the currency's minor unit (the member is never refunded more than the share).
 *
 * <p>With {@code forfeitRewards} ({@code membership.refund.forfeitRewards}), a refunded fee also takes back the reward
 * that purchases earned within the refunded term ("members who reverse their paid status lose the rewards
 * accumulated"); without it the member keeps that reward.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FeeRefundPolicy(Kind kind, int fullRefundDays, boolean forfeitRewards) {

    public enum Kind { NONE, FULL, PRO_RATA_DAYS, PRO_RATA_MONTHS }

    /** No refund once paid: the default when program.json names no refund policy. */
    public static final FeeRefundPolicy NONE = new FeeRefundPolicy(Kind.NONE, 0);

    public FeeRefundPolicy {
        requireNonNull(kind, "kind");
        if (fullRefundDays < 0) {
            throw new IllegalArgumentException("fullRefundDays must be >= 0, was " + fullRefundDays);
        }
    }

    /** A policy under which a refunded fee leaves the rewards earned in its term with the member. */
    public FeeRefundPolicy(Kind kind, int fullRefundDays) {
        this(kind, fullRefundDays, false);
    }

    /** The refund due for {@code fee} cancelled at {@code at}, and why. */
    public Due due(FeeRecord fee, Instant at, ProgramCalendar calendar) {
        Money paid = fee.amount();
        LocalDate paidOn = calendar.dateOf(fee.at());
        LocalDate on = calendar.dateOf(at);
        long sincePaid = ChronoUnit.DAYS.between(paidOn, on);
        // a term starts at its first instant, as every period here does: a prepaid renewal cancelled at the instant
        // the term before it ends has started (the engine reviews the tier at that instant); a fee cancelled at the
        // instant it was paid has used nothing
        if (at.isBefore(fee.termStart())) {
            return new Due(paid, "the term has not started: the whole fee");
        }
        if (at.equals(fee.at())) {
            return new Due(paid, "cancelled at the instant it was paid: the whole fee");
        }
        if (fullRefundDays > 0 && sincePaid <= fullRefundDays) {
            return new Due(paid, "cancelled " + sincePaid + " day(s) after paying, within the " + fullRefundDays
                    + "-day full refund period: the whole fee");
        }
        LocalDate start = calendar.dateOf(fee.termStart());
        LocalDate end = calendar.dateOf(fee.termEnd());
        switch (kind) {
            case FULL:
                return new Due(paid, "the whole fee at any time");
            case PRO_RATA_DAYS: {
                long total = ChronoUnit.DAYS.between(start, end);
                long unused = Math.max(0, ChronoUnit.DAYS.between(on.plusDays(1), end));
                return new Due(share(paid, unused, total), "pro rata by days: " + unused + " of " + total
                        + " days unused");
            }
            case PRO_RATA_MONTHS: {
                long total = fee.termMonths();
                // a started month counts as used; month k starts at termStart + k months, as the term's end does
                // (from 31 January the 2nd month starts on 28 February), to the instant
                java.time.ZonedDateTime termStart = fee.termStart().atZone(calendar.zone());
                long used = 0;
                while (used < total && !termStart.plusMonths(used).toInstant().isAfter(at)) {
                    used++;
                }
                long unused = Math.max(0, total - used);
                return new Due(share(paid, unused, total), "pro rata by months: " + unused + " of " + total
                        + " months unused");
            }
            default:
                return new Due(Money.zero(paid.currency()), fullRefundDays == 0 ? "no refund after paying"
                        : "no refund more than " + fullRefundDays + " days after paying");
        }
    }

    private static Money share(Money paid, long unused, long total) {
        if (unused <= 0 || total <= 0) {
            return Money.zero(paid.currency());
        }
        BigDecimal amount = paid.amount().multiply(BigDecimal.valueOf(unused))
                .divide(BigDecimal.valueOf(total), paid.currency().getDefaultFractionDigits(), RoundingMode.DOWN);
        return Money.of(amount, paid.currency());
    }

    /** A refund amount and the sentence that explains it. */
    public record Due(Money amount, String reason) {
        public Due {
            requireNonNull(amount, "amount");
            requireNonNull(reason, "reason");
        }
    }
}
