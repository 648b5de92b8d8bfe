package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.FeeRefund;
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

/** EventJson writes the JSON Lines that EventReader reads: every event type, every field, back to an equal event. */
class EventJsonTest {

    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /** A reader whose defaults differ from the events' (Paris, EUR): what is written must say its zone and currency. */
    private static List<LoyaltyEvent> readBack(String jsonLines) {
        EventBatch batch = EventReader.of(ZoneId.of("Europe/Paris"), Currency.getInstance("EUR"))
                .readJsonLines(new StringReader(jsonLines), "events.jsonl");
        assertThat(batch.problems()).isEmpty();
        return batch.events();
    }

    @Test
    void a_plain_purchase_is_one_line_with_its_amount_as_text_and_its_currency() {
        Purchase purchase = Purchase.of("p1", "m1", AT, usd("19.99"));

        assertThat(EventJson.line(purchase)).isEqualTo("{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\","
                + "\"at\":\"2025-03-03T10:00:00Z\",\"amount\":\"19.99\",\"currency\":\"USD\"}");
    }

    @Test
    void a_full_purchase_writes_every_field_the_reader_knows() {
        Purchase purchase = new Purchase("p1", "m1", AT, usd("200.00"), "store", "hertz",
                Map.of("brand", "hampton"), Map.of("nights", new BigDecimal("2.50")),
                List.of(new PurchaseLine("A1", "shoes", 1, usd("120.00"), Map.of("colour", "red")),
                        new PurchaseLine("B2", "", 3, usd("40.50"), Map.of())),
                usd("5.00"), usd("10.00"));

        assertThat(EventJson.line(purchase)).isEqualTo("{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\","
                + "\"at\":\"2025-03-03T10:00:00Z\",\"amount\":\"200.00\",\"currency\":\"USD\",\"channel\":\"store\","
                + "\"partner\":\"hertz\",\"metrics\":{\"nights\":\"2.50\"},\"lines\":[{\"sku\":\"A1\","
                + "\"category\":\"shoes\",\"quantity\":1,\"amount\":\"120.00\",\"attributes\":{\"colour\":\"red\"}},"
                + "{\"sku\":\"B2\",\"quantity\":3,\"amount\":\"40.50\"}],\"delivery\":\"5.00\",\"tax\":\"10.00\","
                + "\"attributes\":{\"brand\":\"hampton\"}}");
        assertThat(readBack(EventJson.line(purchase))).containsExactly(purchase);
    }

    @Test
    void every_event_type_reads_back_equal() {
        // given: each type with every field it has, and a sub-second instant
        List<LoyaltyEvent> events = List.of(
                new Enrollment("e1", "m1", AT, "gold", Map.of("source", "web")),
                new Purchase("p1", "m1", AT.plusMillis(1_500), usd("80.00"), "", "", Map.of(), Map.of(),
                        List.of(PurchaseLine.of("G1", "gasoline", 2, usd("30.00"))), null, null),
                new Refund("r1", "m1", AT.plusSeconds(60), "p1", usd("30.00"), Map.of("reason", "damaged"),
                        List.of(PurchaseLine.of("G1", "gasoline", 2, usd("30.00")))),
                new Redemption("x1", "m1", AT.plusSeconds(120), 500, "mug", Map.of("partner", "airline")),
                new RedemptionReversal("x2", "m1", AT.plusSeconds(180), "x1", Map.of()),
                new MembershipFee("f1", "m1", AT.plusSeconds(240), usd("99.00"), "plus", 12, Map.of()),
                new FeeRefund("f2", "m1", AT.plusSeconds(300), "f1", usd("49.50"), Map.of()),
                new FeeRefund("f3", "m1", AT.plusSeconds(310), "f1", null, Map.of()),
                new Survey("s1", "m1", AT.plusSeconds(360), 9, Map.of("touchpoint", "app")),
                new Adjustment("a1", "m1", AT.plusSeconds(420), -50, "goodwill reversal", null, Map.of()),
                new Adjustment("a2", "m1", AT.plusSeconds(480), 0, "released", MemberStatus.ACTIVE, Map.of()),
                new BenefitClaim("b1", "m1", AT.plusSeconds(540), "free-delivery", Map.of()),
                new TierReview("t1", "m1", AT.plusSeconds(600), Map.of()));

        // when
        String jsonLines = EventJson.lines(events);

        // then
        assertThat(jsonLines).endsWith("}\n").hasLineCount(events.size());
        assertThat(readBack(jsonLines)).isEqualTo(events);
    }
}
