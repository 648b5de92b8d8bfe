package org.loyaltyrules.core.points;

import org.apiguardian.api.API;
import org.loyaltyrules.core.money.Points;

/**
 * Running totals of a ledger. Conservation, which holds after every operation:
 * {@code earned + adjustedIn = available + pending + redeemed + expired + clawedBack - unrecovered + adjustedOut}.
 * {@code redeemed} is net of reversals.
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LedgerTotals(long earned, long redeemed, long expired, long clawedBack, long unrecovered,
                           long adjustedIn, long adjustedOut) {

    public static final LedgerTotals ZERO = new LedgerTotals(0, 0, 0, 0, 0, 0, 0);

    LedgerTotals plusEarned(long points) {
        return new LedgerTotals(Points.add(earned, points), redeemed, expired, clawedBack, unrecovered, adjustedIn, adjustedOut);
    }

    LedgerTotals plusRedeemed(long points) {
        return new LedgerTotals(earned, Points.add(redeemed, points), expired, clawedBack, unrecovered, adjustedIn, adjustedOut);
    }

    LedgerTotals plusExpired(long points) {
        return new LedgerTotals(earned, redeemed, Points.add(expired, points), clawedBack, unrecovered, adjustedIn, adjustedOut);
    }

    LedgerTotals plusClawback(long points, long notRecovered) {
        return new LedgerTotals(earned, redeemed, expired, Points.add(clawedBack, points),
                Points.add(unrecovered, notRecovered), adjustedIn, adjustedOut);
    }

    LedgerTotals plusAdjusted(long points) {
        return points >= 0
                ? new LedgerTotals(earned, redeemed, expired, clawedBack, unrecovered, Points.add(adjustedIn, points), adjustedOut)
                : new LedgerTotals(earned, redeemed, expired, clawedBack, unrecovered, adjustedIn, Points.subtract(adjustedOut, points));
    }
}
