package org.loyaltyrules.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.MemberStatus;
import org.loyaltyrules.core.money.Money;

class EventValidationTest {

    private static final Instant AT = Instant.parse("2025-03-03T10:00:00Z");
    private static final Money TEN = Money.of("10.00", "USD");

    @Test
    void an_event_needs_an_id() {
        assertThatThrownBy(() -> Purchase.of("  ", "m1", AT, TEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must not be blank, was '  '");
        assertThatThrownBy(() -> Redemption.of(null, "m1", AT, 500))
                .hasMessage("id must not be blank, was null");
        assertThatThrownBy(() -> Purchase.of("p1", "", AT, TEN))
                .hasMessage("member must not be blank, was ''");
        assertThatThrownBy(() -> Purchase.of("p1", "m1", null, TEN))
                .hasMessage("at must be an instant, was null");
    }

    @Test
    void an_event_instant_lies_in_the_years_1900_to_2199_as_the_readers_take_them() {
        assertThatThrownBy(() -> Purchase.of("p1", "m1", Instant.MAX, TEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at must lie in the years 1900..2199 (UTC), was +1000000000-12-31T23:59:59.999999999Z");
        assertThatThrownBy(() -> Redemption.of("x1", "m1", Instant.parse("-0001-12-31T23:59:59Z"), 5))
                .hasMessage("at must lie in the years 1900..2199 (UTC), was -0001-12-31T23:59:59Z");
        assertThatThrownBy(() -> Adjustment.of("a1", "m1", Instant.parse("1899-12-31T23:59:59.999999999Z"), 5, "why"))
                .hasMessage("at must lie in the years 1900..2199 (UTC), was 1899-12-31T23:59:59.999999999Z");
        assertThatThrownBy(() -> TierReview.of("m1", Instant.parse("2200-01-01T00:00:00Z")))
                .hasMessage("at must lie in the years 1900..2199 (UTC), was 2200-01-01T00:00:00Z");
        assertThat(Purchase.of("p1", "m1", Instant.parse("1900-01-01T00:00:00Z"), TEN).at())
                .isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
        assertThat(Purchase.of("p1", "m1", Instant.parse("2199-12-31T23:59:59.999999999Z"), TEN).at())
                .isEqualTo(Instant.parse("2199-12-31T23:59:59.999999999Z"));
    }

    @Test
    void a_far_future_year_typed_for_this_one_is_refused_where_the_event_is_built() {
        // 2225 for 2025: applied, it would expire every point and refuse every later event OUT_OF_ORDER
        assertThatThrownBy(() -> Purchase.of("p3", "m1", Instant.parse("2225-03-21T10:00:00Z"), TEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at must lie in the years 1900..2199 (UTC), was 2225-03-21T10:00:00Z");
    }

    @Test
    void a_missing_amount_a_null_line_and_a_delivery_in_another_currency_are_refused_naming_the_field() {
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be an amount of money, was null");
        assertThatThrownBy(() -> Refund.of("r1", "m1", AT, "p1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be an amount of money, was null");
        assertThatThrownBy(() -> new MembershipFee("f1", "m1", AT, null, "gold", 12, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be an amount of money, was null");
        assertThatThrownBy(() -> PurchaseLine.of("s", "c", 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be an amount of money, was null");
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN).withLines(java.util.Arrays.asList(
                PurchaseLine.of("s", "c", 1, Money.of("1.00", "USD")), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lines[1] must be a purchase line, was null");
        assertThatThrownBy(() -> new Refund("r1", "m1", AT, "p1", TEN, Map.of(), java.util.Arrays.asList(
                (PurchaseLine) null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lines[0] must be a purchase line, was null");
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN).withDeliveryAndTax(Money.of("1.00", "EUR"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery must be in the purchase's currency USD, was 1.00 EUR");
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN).withDeliveryAndTax(null, Money.of("1", "JPY")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tax must be in the purchase's currency USD, was 1 JPY");
    }

    @Test
    void attributes_without_a_name_or_a_value_are_refused_where_the_event_is_built() {
        Map<String, String> noValue = new java.util.HashMap<>();
        noValue.put("brand", null);
        Map<String, String> noName = new java.util.HashMap<>();
        noName.put(null, "acme");

        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN).withAttributes(noValue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute or metric brand must have a value, was null");
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN).withAttributes(noName))
                .hasMessage("attribute and metric names must not be null, was null (with value acme)");
    }

    @Test
    void adjustments_have_factories_for_a_points_correction_and_a_status_change() {
        assertThat(Adjustment.of("a1", "m1", AT, -40, "goodwill reversed"))
                .isEqualTo(new Adjustment("a1", "m1", AT, -40, "goodwill reversed", null, Map.of()));
        assertThat(Adjustment.status("a2", "m1", AT, MemberStatus.ACTIVE, "review cleared").newStatus())
                .contains(MemberStatus.ACTIVE);
        assertThatThrownBy(() -> Adjustment.of("a3", "m1", AT, 0, "nothing"))
                .hasMessage("an adjustment must change points or status, was points 0 and no status");
    }

    @Test
    void a_purchase_amount_cannot_be_negative() {
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, Money.of("-1.00", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be >= 0, was -1.00 USD");
    }

    @Test
    void basket_lines_must_be_in_the_purchase_currency() {
        PurchaseLine euroLine = PurchaseLine.of("A1", "shoes", 1, Money.of("10.00", "EUR"));

        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN).withLines(List.of(euroLine)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line currency must be USD like the purchase, was EUR (sku 'A1')");
    }

    @Test
    void basket_lines_cannot_add_up_to_more_than_the_amount() {
        // given: a $1.00 purchase whose one line says $100.00 (line bonuses would be paid on the $100.00)
        Purchase dollar = Purchase.of("b1", "m2", AT, Money.of("1.00", "USD"));

        // when / then
        assertThatThrownBy(() -> dollar.withLines(List.of(PurchaseLine.of("A", "", 1, Money.of("100.00", "USD")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lines must not add up to more than the amount 1.00 USD, were 100.00 USD");
        assertThatThrownBy(() -> Purchase.of("c1", "m3", AT, Money.of("100.00", "USD")).withLines(List.of(
                PurchaseLine.of("A", "", 1, Money.of("100.00", "USD")), PurchaseLine.of("B", "", 1, Money.of("0.01", "USD")))))
                .hasMessage("lines must not add up to more than the amount 100.00 USD, were 100.01 USD");
    }

    @Test
    void basket_lines_may_add_up_to_the_amount_or_less() {
        // lines that add up to less leave the rest (delivery, tax, what the POS did not itemise) to the amount
        Purchase purchase = Purchase.of("p1", "m1", AT, TEN).withLines(List.of(
                PurchaseLine.of("A", "", 1, Money.of("6.00", "USD")), PurchaseLine.of("B", "", 2, Money.of("4.00", "USD"))));

        assertThat(purchase.lines()).hasSize(2);
        assertThat(Purchase.of("p2", "m1", AT, TEN).withLines(List.of(PurchaseLine.of("A", "", 1,
                Money.of("9.99", "USD")))).lines()).hasSize(1);
    }

    @Test
    void delivery_and_tax_cannot_exceed_the_amount() {
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN)
                .withDeliveryAndTax(Money.of("7.00", "USD"), Money.of("5.00", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery + tax must not exceed amount 10.00 USD, was 12.00 USD");
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN)
                .withDeliveryAndTax(Money.of("-1.00", "USD"), null))
                .hasMessage("delivery and tax must be >= 0, was -1.00 USD");
    }

    @Test
    void purchase_metrics_and_lines_are_checked() {
        assertThatThrownBy(() -> Purchase.of("p1", "m1", AT, TEN).withMetrics(Map.of("nights", new BigDecimal("-2"))))
                .hasMessage("metrics.nights must be >= 0, was -2");
        assertThatThrownBy(() -> PurchaseLine.of("A1", "shoes", -1, TEN))
                .hasMessage("quantity must be >= 0, was -1");
        assertThatThrownBy(() -> PurchaseLine.of("A1", "shoes", 1, Money.of("-0.01", "USD")))
                .hasMessage("line amount must be >= 0, was -0.01 USD");
    }

    @Test
    void a_survey_score_is_between_zero_and_ten() {
        assertThatThrownBy(() -> new Survey("s1", "m1", AT, 11, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score must be in 0..10, was 11");
        assertThat(new Survey("s1", "m1", AT, 10, null).score()).isEqualTo(10);
    }

    @Test
    void other_events_check_their_own_fields() {
        assertThatThrownBy(() -> Refund.of("r1", "m1", AT, "p1", Money.of("0", "USD")))
                .hasMessage("refund amount must be > 0, was 0.00 USD");
        assertThatThrownBy(() -> Refund.of("r1", "m1", AT, " ", TEN))
                .hasMessage("original must not be blank, was ' '");
        assertThatThrownBy(() -> Redemption.of("x1", "m1", AT, 0))
                .hasMessage("points must be > 0, was 0");
        assertThatThrownBy(() -> new Adjustment("a1", "m1", AT, 0, "Goodwill", null, Map.of()))
                .hasMessage("an adjustment must change points or status, was points 0 and no status");
        assertThatThrownBy(() -> new Adjustment("a1", "m1", AT, 100, "", null, Map.of()))
                .hasMessage("reason must not be blank, was ''");
        assertThatThrownBy(() -> new MembershipFee("f1", "m1", AT, TEN, "gold", 0, Map.of()))
                .hasMessage("termMonths must be > 0, was 0");
        assertThatThrownBy(() -> new BenefitClaim("b1", "m1", AT, null, Map.of()))
                .hasMessage("benefit must not be blank, was null");
    }

    @Test
    void attributes_are_kept_sorted_by_name() {
        // given
        Map<String, String> unsorted = new java.util.HashMap<>();
        unsorted.put("store", "lyon-2");
        unsorted.put("brand", "hampton");
        unsorted.put("campaign", "spring");

        // when
        Purchase purchase = Purchase.of("p1", "m1", AT, TEN).withAttributes(unsorted);

        // then
        assertThat(purchase.attributes().keySet()).containsExactly("brand", "campaign", "store");
        assertThat(purchase.attribute("brand")).contains("hampton");
        assertThat(new TierReview("t1", "m1", AT, unsorted).attributes().keySet())
                .containsExactly("brand", "campaign", "store");
    }

    @Test
    void a_purchase_partner_written_as_an_attribute_is_the_purchase_partner_and_not_also_an_attribute() {
        // given
        Purchase asField = new Purchase("p1", "m1", AT, TEN, "", "grocer", Map.of("brand", "acme"), Map.of(),
                List.of(), null, null);

        // when
        Purchase asAttribute = new Purchase("p1", "m1", AT, TEN, "", "", Map.of("brand", "acme", "partner", "grocer"),
                Map.of(), List.of(), null, null);
        Purchase bothTheSame = new Purchase("p1", "m1", AT, TEN, "", "grocer",
                Map.of("brand", "acme", "partner", "grocer"), Map.of(), List.of(), null, null);

        // then
        assertThat(asAttribute.partner()).isEqualTo("grocer");
        assertThat(asAttribute.attributes()).isEqualTo(Map.of("brand", "acme"));
        assertThat(asAttribute).isEqualTo(asField);
        assertThat(bothTheSame).isEqualTo(asField);
        assertThat(Purchase.of("p1", "m1", AT, TEN).withAttributes(Map.of("partner", "fuel")).partner())
                .isEqualTo("fuel");
        assertThat(asField.withAttributes(Map.of()).partner()).isEqualTo("grocer");
        assertThat(new Purchase("p1", "m1", AT, TEN, "", "grocer", Map.of("partner", ""), Map.of(), List.of(), null,
                null)).isEqualTo(new Purchase("p1", "m1", AT, TEN, "", "grocer", Map.of(), Map.of(), List.of(), null,
                null));
    }

    @Test
    void a_purchase_naming_two_different_partners_is_refused() {
        // given
        Purchase atFuel = new Purchase("p1", "m1", AT, TEN, "", "fuel", Map.of(), Map.of(), List.of(), null, null);

        // then
        assertThatThrownBy(() -> new Purchase("p1", "m1", AT, TEN, "", "fuel", Map.of("partner", "grocer"), Map.of(),
                List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partner 'fuel' differs from attributes.partner 'grocer': name the partner once, or the "
                        + "same in both");
        assertThatThrownBy(() -> atFuel.withAttributes(Map.of("partner", "grocer")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partner 'fuel' differs from attributes.partner 'grocer': name the partner once, or the "
                        + "same in both");
    }

    @Test
    void a_purchase_channel_written_as_an_attribute_is_the_purchase_channel_and_not_also_an_attribute() {
        // given
        Purchase asField = new Purchase("p1", "m1", AT, TEN, "app", "", Map.of("brand", "acme"), Map.of(), List.of(),
                null, null);

        // when
        Purchase asAttribute = new Purchase("p1", "m1", AT, TEN, "", "", Map.of("brand", "acme", "channel", "app"),
                Map.of(), List.of(), null, null);
        Purchase bothTheSame = new Purchase("p1", "m1", AT, TEN, "app", "", Map.of("brand", "acme", "channel", "app"),
                Map.of(), List.of(), null, null);

        // then
        assertThat(asAttribute.channel()).isEqualTo("app");
        assertThat(asAttribute.attributes()).isEqualTo(Map.of("brand", "acme"));
        assertThat(asAttribute).isEqualTo(asField);
        assertThat(bothTheSame).isEqualTo(asField);
        assertThat(Purchase.of("p1", "m1", AT, TEN).withAttributes(Map.of("channel", "store")).channel())
                .isEqualTo("store");
        assertThat(asField.withAttributes(Map.of()).channel()).isEqualTo("app");
        assertThat(new Purchase("p1", "m1", AT, TEN, "app", "", Map.of("channel", ""), Map.of(), List.of(), null,
                null)).isEqualTo(new Purchase("p1", "m1", AT, TEN, "app", "", Map.of(), Map.of(), List.of(), null,
                null));
    }

    @Test
    void a_purchase_naming_two_different_channels_is_refused() {
        // given
        Purchase inStore = Purchase.of("p1", "m1", AT, TEN).withChannel("store");

        // then
        assertThatThrownBy(() -> new Purchase("p1", "m1", AT, TEN, "store", "", Map.of("channel", "app"), Map.of(),
                List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel 'store' differs from attributes.channel 'app': name the channel once, or the "
                        + "same in both");
        assertThatThrownBy(() -> inStore.withAttributes(Map.of("channel", "app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel 'store' differs from attributes.channel 'app': name the channel once, or the "
                        + "same in both");
    }

    @Test
    void a_purchase_cannot_name_a_tier_because_the_tier_is_the_members() {
        // given
        Purchase plain = Purchase.of("p1", "m1", AT, TEN);

        // then
        assertThatThrownBy(() -> new Purchase("p1", "m1", AT, TEN, "", "", Map.of("tier", "reserve"), Map.of(),
                List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attributes.tier must not be set on a purchase, was 'reserve': the tier is the member's, "
                        + "decided by the engine");
        assertThatThrownBy(() -> plain.withAttributes(Map.of("brand", "acme", "tier", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attributes.tier must not be set on a purchase, was '': the tier is the member's, "
                        + "decided by the engine");
        // other events keep a tier attribute: it reaches no rule as the member's tier
        assertThat(new Refund("r1", "m1", AT, "p1", TEN, Map.of("tier", "reserve"), List.of()).attributes())
                .isEqualTo(Map.of("tier", "reserve"));
    }

    @Test
    void a_redemption_partner_is_its_partner_attribute() {
        assertThat(new Redemption("x1", "m1", AT, 100, "", Map.of("partner", "airline")).partner())
                .isEqualTo("airline");
        assertThat(Redemption.of("x1", "m1", AT, 100).partner()).isEmpty();
    }

    @Test
    void optional_parts_have_neutral_defaults() {
        // when
        Purchase purchase = Purchase.of("p1", "m1", AT, TEN);
        Enrollment enrollment = new Enrollment("e1", "m1", AT, " ", null);
        Adjustment release = new Adjustment("a1", "m1", AT, 0, "Review cleared", MemberStatus.ACTIVE, null);

        // then
        assertThat(purchase).isEqualTo(new Purchase("p1", "m1", AT, TEN, "", "", Map.of(), Map.of(), List.of(),
                Money.of("0", "USD"), Money.of("0", "USD")));
        assertThat(purchase.metric("nights")).isEqualTo(BigDecimal.ZERO);
        assertThat(purchase.type()).isEqualTo("purchase");
        assertThat(enrollment.manualTier()).isEmpty();
        assertThat(release.newStatus()).contains(MemberStatus.ACTIVE);
        assertThat(TierReview.of("m1", AT).id()).isEqualTo("review:m1:2025-03-03T10:00:00Z");
    }
}
