package org.loyaltyrules.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;

/** A small program with a tight daily cap, and the deliberately broken rules the tests plant in it. */
final class TestPrograms {

    /** 1 point per USD, +20 % silver and +50 % gold on a calendar year of spend, a daily cap of 300 points. */
    static final String PROGRAM_JSON = """
            {
              "id": "testkit-small", "version": "1", "currency": "USD", "zone": "UTC",
              "earning": {"baseRate": "1", "tierBonus": {"silver": "20", "gold": "50"}},
              "tiers": {
                "metric": "spend",
                "window": {"type": "CALENDAR_YEAR"},
                "ladder": [
                  {"id": "member", "threshold": "0"},
                  {"id": "silver", "threshold": "500"},
                  {"id": "gold", "threshold": "2000"}
                ]
              },
              "risk": {"caps": [{"id": "daily-points", "period": "DAY", "measure": "POINTS", "limit": 300}]}
            }
            """;

    /** The same program, its program.json declaring that more spend never earns fewer points. */
    static final String DECLARING_MONOTONICITY = PROGRAM_JSON.replace("\"version\": \"1\",",
            "\"version\": \"1\", \"declares\": {\"monotoneInSpend\": true},");

    /** Replaces the standard risk/caps.drl: no rule trims an award any more. */
    static final String CAPS_SWITCHED_OFF = """
            // Caps switched off: a deliberately broken pack for the testkit's tests. Reads nothing.
            package org.loyaltyrules.rules.risk;
            """;

    /** A bonus of 1 to 999 drawn by chance: the same purchase earns differently each time it is evaluated. */
    static final String LUCKY_DRAW = """
            // Lucky draw: a bonus from a new object's identity hash code, deliberately nondeterministic (the pack
            // guard refuses new Object().hashCode(), not the hash taken through java.util.Objects). Reads nothing.
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Purchases earn a lucky-draw bonus"
                @intent("A surprise on every receipt")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId )
            then
                insert( PointsAward.fixed( $event, "lucky draw",
                        1 + Math.floorMod( java.util.Objects.hashCode( new Object() ), 999 ) ) );
            end
            """;

    /** A fixed bonus below 20.00: a basket of 15.00 earns 65 points, one of 30.00 only 30. */
    static final String SMALL_BASKET_BONUS = """
            // Small-basket bonus: eligible amounts under 20.00 earn 50 points more (not monotone). Reads nothing.
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Small baskets earn a 50-point bonus"
                @intent("Reward quick visits")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId, eligibleAmount < 20 )
            then
                insert( PointsAward.fixed( $event, "small basket bonus", 50 ) );
            end
            """;

    /** A bonus on a band of amounts, smaller than the base twice the spend adds: 50.00 earns 75, 62.50 only 62. */
    static final String BAND_BONUS = """
            // Band bonus: eligible amounts from 50.00 up to 60.00 earn 25 points more (not monotone). Reads nothing.
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Baskets from 50 to 60 earn a 25-point bonus"
                @intent("Nudge baskets to 50")
                ruleflow-group "earning"
            when
                EligiblePurchase( $event : eventId, eligibleAmount >= 50, eligibleAmount < 60 )
            then
                insert( PointsAward.fixed( $event, "band bonus", 25 ) );
            end
            """;

    /** A fixed bonus per basket line under 10.00: a line of 9.99 earns 39 points, one of 10.00 only 10. */
    static final String SMALL_LINE_BONUS = """
            // Small-line bonus: each basket line under 10.00 earns 30 points more (not monotone). Reads nothing.
            package org.loyaltyrules.rules.earning;

            import org.loyaltyrules.rules.facts.*;

            rule "Basket lines under 10.00 earn a 30-point bonus each"
                @intent("Reward cheap items")
                ruleflow-group "earning"
            when
                BasketLine( $event : eventId, amount < 10, $i : index )
            then
                insert( PointsAward.fixed( $event, "small line " + $i, 30 ) );
            end
            """;

    static final Instant MARCH_3 = Instant.parse("2025-03-03T10:00:00Z");

    private TestPrograms() {
    }

    static Program program() {
        return Program.of(ProgramJson.parse(PROGRAM_JSON, "program.json"));
    }

    static Program program(String path, String drl) {
        return Program.of(ProgramJson.parse(PROGRAM_JSON, "program.json"), Map.of(path, drl));
    }

    /** The small program with two files of rules replaced or added. */
    static Program program(String path, String drl, String path2, String drl2) {
        return Program.of(ProgramJson.parse(PROGRAM_JSON, "program.json"), Map.of(path, drl, path2, drl2));
    }

    /** The small program with {@code drl} at {@code path}, its program.json declaring monotonicity in spend. */
    static Program declaringMonotonicity(String path, String drl) {
        return Program.of(ProgramJson.parse(DECLARING_MONOTONICITY, "program.json"), Map.of(path, drl));
    }

    static Program declaringMonotonicity() {
        return Program.of(ProgramJson.parse(DECLARING_MONOTONICITY, "program.json"));
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /** A purchase of {@code amount} in one basket line of SKU A (category general) for the whole amount. */
    static Purchase oneLine(String id, Instant at, String amount) {
        return purchase(id, at, amount).withLines(List.of(PurchaseLine.of("A", "general", 1, usd(amount))));
    }

    static Purchase purchase(String id, Instant at, String amount) {
        return Purchase.of(id, "m1", at, usd(amount));
    }

    static Refund refund(String id, Instant at, String original, String amount) {
        return Refund.of(id, "m1", at, original, usd(amount));
    }

    /** Member m1, enrolled at 2025-03-03T09:00:00Z (in {@code tier} when given), then {@code steps}. */
    static History history(String tier, Object... steps) {
        Instant enrolled = Instant.parse("2025-03-03T09:00:00Z");
        List<Step> all = new ArrayList<>();
        all.add(new Step.Send(new Enrollment("m1-enrol", "m1", enrolled, tier, Map.of())));
        for (Object step : steps) {
            all.add(step instanceof LoyaltyEvent ? new Step.Send((LoyaltyEvent) step) : (Step) step);
        }
        return new History(new MemberProfile("m1", enrolled, tier, Map.of(), java.util.Set.of()), all);
    }
}
