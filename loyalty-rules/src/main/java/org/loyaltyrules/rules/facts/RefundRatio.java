package org.loyaltyrules.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apiguardian.api.API;

/**
 * The money refunded and the money purchased within the refund window ending at this event, each counted by its own
 * date, in the program's currency (risk group). {@code ratio} is refunded / purchased to 16 significant digits, so
 * {@code ratio > maxRatio} holds for any share above the limit, however little (a ratio rounded to a few decimals
 * let 0.500001 pass a limit of 0.5); it is 0 when nothing was purchased in the window, where any refund is above
 * every limit (read {@code purchased} and {@code refunded} then).
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RefundRatio(BigDecimal ratio, BigDecimal refunded, BigDecimal purchased, BigDecimal maxRatio,
                          long windowDays) {

    /**
     * The ratio as a percentage for messages: {@code 60%}, {@code 33.34%}; at most two decimals, rounded up so that a
     * share just above the limit never reads as equal to it (0.50004 above 0.5 reads {@code 50.01%}).
     */
    public String ratioPercent() {
        return percent(ratio.movePointRight(2).setScale(2, RoundingMode.CEILING));
    }

    /** The limit as a percentage for messages, exactly as program.json gives it: 0.5 reads {@code 50%}. */
    public String maxPercent() {
        return percent(maxRatio.movePointRight(2));
    }

    private static String percent(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString() + "%";
    }
}
