package org.loyaltyrules.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.LoyaltyEvent;
import org.loyaltyrules.core.event.MembershipFee;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.event.PurchaseLine;
import org.loyaltyrules.core.event.Redemption;
import org.loyaltyrules.core.event.RedemptionReversal;
import org.loyaltyrules.core.event.Refund;
import org.loyaltyrules.core.event.Survey;
import org.loyaltyrules.core.event.TierReview;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.rules.LoyaltyEngine;
import org.loyaltyrules.rules.Program;
import org.loyaltyrules.rules.program.ProgramJson;

/** Engines and event histories that exercise every part of a member's state. */
final class Histories {

    private Histories() {
    }

    /**
     * retail-basic: pending days, expiry, rolling tiers with grace, a daily cap, velocity and refund-ratio review; with
     * platinum sold for 99.00 a year ({@code membership.plans}), since a program that sells no membership refuses a
     * membership fee and the shopper pays one.
     */
    static LoyaltyEngine retailBasic() {
        Path inModule = Path.of("../loyalty-examples/programs/retail-basic");
        Path folder = java.nio.file.Files.isDirectory(inModule) ? inModule
                : Path.of("loyalty-examples/programs/retail-basic");
        try {
            String json = java.nio.file.Files.readString(folder.resolve("program.json"));
            int end = json.lastIndexOf('}');
            json = json.substring(0, end) + ",\n  \"membership\": {\"plans\": [{\"tier\": \"platinum\", \"price\":"
                    + " \"99.00\", \"termMonths\": 12}]}\n}\n";
            Map<String, String> drl = new java.util.TreeMap<>();
            Path rules = folder.resolve("rules");
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(rules)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                    drl.put(rules.relativize(file).toString().replace('\\', '/'), java.nio.file.Files.readString(file));
                }
            }
            return LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "program.json"), drl));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A program whose purchases commute: 1 point per USD, no tier bonus, no risk rules, no pending, no expiry. */
    static LoyaltyEngine commuting() {
        String json = """
                {
                  "id": "commuting", "version": "1", "currency": "USD", "zone": "UTC",
                  "earning": {"baseRate": "1"},
                  "growth": {"rates": {"growth": "1"}},
                  "tiers": {
                    "metric": "growth", "window": {"type": "CALENDAR_YEAR"}, "validity": "END_OF_NEXT_WINDOW",
                    "downgrade": "TO_EARNED_LEVEL",
                    "ladder": [{"id": "member", "threshold": "0"}, {"id": "silver", "threshold": "500"}]
                  }
                }
                """;
        return LoyaltyEngine.create(Program.of(ProgramJson.parse(json, "commuting.json")));
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /** A shopper: lines, partial and line refunds, redemption and its reversal, survey, fee, benefit, review. */
    static List<LoyaltyEvent> shopper(String m) {
        List<LoyaltyEvent> events = new ArrayList<>();
        events.add(new Enrollment(m + "-e1", m, at("2025-01-05T09:00:00Z"), null,
                Map.of("email", m + "@example.com", "name", "Ada " + m)));
        events.add(new Purchase(m + "-p1", m, at("2025-01-10T10:00:00Z"), usd("300.00"), "store", "",
                Map.of("brand", "acme"), Map.of(), List.of(PurchaseLine.of("A1", "shoes", 1, usd("120.00")),
                PurchaseLine.of("B2", "socks", 3, usd("180.00"))), null, null));
        events.add(Purchase.of(m + "-p2", m, at("2025-02-01T12:00:00Z"), usd("457.30")));
        events.add(new Refund(m + "-r1", m, at("2025-02-03T10:00:00Z"), m + "-p1", usd("120.00"), Map.of(),
                List.of(PurchaseLine.of("A1", "shoes", 1, usd("120.00")))));
        events.add(Redemption.of(m + "-x1", m, at("2025-03-01T10:00:00Z"), 200));
        events.add(new RedemptionReversal(m + "-xr1", m, at("2025-03-02T10:00:00Z"), m + "-x1", Map.of()));
        events.add(Redemption.of(m + "-x2", m, at("2025-03-03T10:00:00Z"), 150));
        events.add(new Survey(m + "-s1", m, at("2025-03-04T10:00:00Z"), 9, Map.of()));
        events.add(Refund.of(m + "-r2", m, at("2025-03-05T10:00:00Z"), m + "-p2", usd("57.30")));
        events.add(new Adjustment(m + "-a1", m, at("2025-03-06T10:00:00Z"), 75, "goodwill", null, Map.of()));
        events.add(Purchase.of(m + "-p3", m, at("2025-04-01T10:00:00Z"), usd("1999.99")));
        events.add(new BenefitClaim(m + "-b1", m, at("2025-04-02T10:00:00Z"), "free-delivery", Map.of()));
        events.add(new MembershipFee(m + "-f1", m, at("2025-05-01T10:00:00Z"), usd("99.00"), "platinum", 12, Map.of()));
        events.add(Purchase.of(m + "-p4", m, at("2025-06-01T10:00:00Z"), usd("80.00")));
        events.add(new TierReview(m + "-t1", m, at("2026-06-01T10:00:00Z"), Map.of()));
        events.add(Purchase.of(m + "-p5", m, at("2027-02-01T10:00:00Z"), usd("12.34")));
        events.add(Redemption.of(m + "-x3", m, at("2027-03-01T10:00:00Z"), 10));
        return events;
    }

    /** A member put under review by purchase velocity, then released by staff. */
    static List<LoyaltyEvent> underReview(String m) {
        List<LoyaltyEvent> events = new ArrayList<>();
        Instant start = at("2025-05-05T10:00:00Z");
        for (int i = 0; i < 12; i++) {
            events.add(Purchase.of(m + "-v" + i, m, start.plus(Duration.ofMinutes(i)), usd("10.00")));
        }
        events.add(Refund.of(m + "-vr", m, start.plus(Duration.ofHours(1)), m + "-v0", usd("10.00")));
        events.add(new Adjustment(m + "-release", m, start.plus(Duration.ofDays(1)), 0, "reviewed, fine",
                MemberStatus.ACTIVE, Map.of()));
        events.add(Purchase.of(m + "-after", m, start.plus(Duration.ofDays(20)), usd("10.00")));
        return events;
    }

    /** A random history in time order: purchases (some with lines), refunds, redemptions, reversals, adjustments. */
    static List<LoyaltyEvent> random(String m, long seed, int size) {
        Random random = new Random(seed);
        List<LoyaltyEvent> events = new ArrayList<>();
        List<String> purchases = new ArrayList<>();
        List<String> redemptions = new ArrayList<>();
        Instant t = at("2025-01-01T08:00:00Z");
        for (int i = 0; i < size; i++) {
            t = t.plus(Duration.ofHours(1 + random.nextInt(24 * 9)));
            String id = m + "-" + i;
            int kind = random.nextInt(10);
            if (kind < 5 || purchases.isEmpty()) {
                String amount = (1 + random.nextInt(400)) + "." + (10 + random.nextInt(90));
                Purchase p = Purchase.of(id, m, t, usd(amount));
                if (random.nextBoolean()) {
                    p = new Purchase(id, m, t, usd(amount), "web", "", Map.of(), Map.of(),
                            List.of(PurchaseLine.of("S" + random.nextInt(5), "cat" + random.nextInt(3), 1, usd(amount))),
                            null, null);
                }
                events.add(p);
                purchases.add(id);
            } else if (kind < 7) {
                String original = purchases.get(random.nextInt(purchases.size()));
                events.add(Refund.of(id, m, t, original, usd((1 + random.nextInt(30)) + ".00")));
            } else if (kind < 9) {
                events.add(Redemption.of(id, m, t, 1 + random.nextInt(300)));
                redemptions.add(id);
            } else if (!redemptions.isEmpty() && random.nextBoolean()) {
                events.add(new RedemptionReversal(id, m, t, redemptions.remove(random.nextInt(redemptions.size())),
                        Map.of()));
            } else {
                events.add(new Adjustment(id, m, t, random.nextInt(50) - 10 == 0 ? 5 : random.nextInt(50) - 10,
                        "correction", null, Map.of()));
            }
        }
        return events;
    }
}
