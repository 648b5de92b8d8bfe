package org.loyaltyrules.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.program.ProgramJson;

/** Test fixtures: programs written as program.json text, and events. */
final class Programs {

    private Programs() {
    }

    /** A retail program: 1 point and 1 growth per USD, member/silver/gold/platinum at 0/500/2000/5000 growth in
     * a calendar year, tier bonus 0/20/50/100 %, no pending days, no expiry; {@code extra} adds top-level fields
     * (a leading comma is added) and {@code earningExtra} adds fields inside "earning". */
    static String retail(String earningExtra, String extra) {
        return """
                {
                  "id": "retail-test",
                  "version": "1",
                  "currency": "USD",
                  "zone": "UTC",
                  "earning": {
                    "baseRate": "1",
                    "tierBonus": {"silver": "20", "gold": "50", "platinum": "100"}%s
                  },
                  "growth": {"rates": {"growth": "1"}},
                  "tiers": {
                    "metric": "growth",
                    "window": {"type": "CALENDAR_YEAR"},
                    "validity": "END_OF_NEXT_WINDOW",
                    "downgrade": "TO_EARNED_LEVEL",
                    "ladder": [
                      {"id": "member", "threshold": "0"},
                      {"id": "silver", "threshold": "500"},
                      {"id": "gold", "threshold": "2000"},
                      {"id": "platinum", "threshold": "5000"}
                    ]
                  }%s
                }
                """.formatted(earningExtra.isEmpty() ? "" : ",\n" + earningExtra, extra.isEmpty() ? "" : ",\n" + extra);
    }

    static LoyaltyEngine engine(String json) {
        return LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "test-program.json")));
    }

    static LoyaltyEngine engine(String json, Map<String, String> drl) {
        return LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "test-program.json"), drl));
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static Purchase purchase(String id, String member, String when, String amount) {
        return Purchase.of(id, member, at(when), usd(amount));
    }

    static PurchaseLine line(String sku, String category, String amount) {
        return PurchaseLine.of(sku, category, 1, usd(amount));
    }

    static Purchase withLines(Purchase p, PurchaseLine... lines) {
        return p.withLines(List.of(lines));
    }

    static Map<String, BigDecimal> nights(int n) {
        return Map.of("nights", BigDecimal.valueOf(n));
    }
}
