package org.loyaltyrules.rules.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltyrules.core.event.Adjustment;
import org.loyaltyrules.core.event.BenefitClaim;
import org.loyaltyrules.core.event.Enrollment;
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
import org.loyaltyrules.rules.program.Problem;

class EventReaderJsonLinesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final EventReader reader = EventReader.of(PARIS, Currency.getInstance("EUR"));

    private EventBatch read(String... lines) {
        return reader.readJsonLines(new StringReader(String.join("\n", lines)), "events.jsonl");
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    void a_full_purchase_keeps_every_field_and_unknown_fields_as_attributes() {
        // given
        String line = "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\","
                + "\"amount\":\"200.00\",\"currency\":\"EUR\",\"channel\":\"store\",\"partner\":\"hertz\","
                + "\"attributes\":{\"brand\":\"hampton\",\"store\":\"explicit wins\"},\"metrics\":{\"nights\":2},"
                + "\"lines\":[{\"sku\":\"A1\",\"category\":\"shoes\",\"quantity\":1,\"amount\":\"120.00\",\"colour\":\"red\"},"
                + "{\"sku\":\"B2\",\"amount\":40.5}],"
                + "\"delivery\":\"5.00\",\"tax\":\"10.00\",\"store\":\"Lyon 2\",\"campaign\":{\"code\":\"X\"}}";

        // when
        EventBatch batch = read(line);

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.records()).isEqualTo(1);
        assertThat(batch.events()).containsExactly(new Purchase("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"),
                eur("200.00"), "store", "hertz",
                Map.of("brand", "hampton", "store", "explicit wins", "campaign", "{\"code\":\"X\"}"),
                Map.of("nights", new BigDecimal("2")),
                List.of(new PurchaseLine("A1", "shoes", 1, eur("120.00"), Map.of("colour", "red")),
                        new PurchaseLine("B2", "", 1, eur("40.50"), Map.of())),
                eur("5.00"), eur("10.00")));
    }

    @Test
    void every_other_event_type_is_read_with_its_fields() {
        // when
        EventBatch batch = read(
                "{\"id\":\"r1\",\"type\":\"refund\",\"member\":\"m1\",\"at\":\"2025-03-10T10:00:00Z\",\"original\":\"p1\",\"amount\":\"20.00\"}",
                "{\"id\":\"x1\",\"type\":\"redemption\",\"member\":\"m1\",\"at\":\"2025-04-01\",\"points\":500,\"reward\":\"mug\"}",
                "{\"id\":\"x2\",\"type\":\"redemption_reversal\",\"member\":\"m1\",\"at\":\"20250402\",\"original\":\"x1\"}",
                "{\"id\":\"e1\",\"type\":\"enrollment\",\"member\":\"m2\",\"at\":\"2025-01-01T09:00:00+01:00\",\"tier\":\"gold\",\"source\":\"web\"}",
                "{\"id\":\"f1\",\"type\":\"membership_fee\",\"member\":\"m2\",\"at\":\"2025-01-02T00:00:00Z\",\"amount\":\"99.00\",\"currency\":\"EUR\",\"tier\":\"plus\",\"termMonths\":12}",
                "{\"id\":\"s1\",\"type\":\"survey\",\"member\":\"m2\",\"at\":\"2025-01-03T00:00:00Z\",\"score\":9}",
                "{\"id\":\"a1\",\"type\":\"adjustment\",\"member\":\"m2\",\"at\":\"2025-01-04T00:00:00Z\",\"points\":-50,\"reason\":\"goodwill reversal\"}",
                "{\"id\":\"a2\",\"type\":\"adjustment\",\"member\":\"m2\",\"at\":\"2025-01-05T00:00:00Z\",\"reason\":\"released\",\"status\":\"ACTIVE\"}",
                "",
                "{\"id\":\"b1\",\"type\":\"benefit_claim\",\"member\":\"m2\",\"at\":\"2025-01-06T00:00:00Z\",\"benefit\":\"free-delivery\"}",
                "{\"id\":\"t1\",\"type\":\"tier_review\",\"member\":\"m2\",\"at\":\"2025-12-31T23:00:00Z\"}");

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.records()).isEqualTo(10);
        assertThat(batch.events()).containsExactly(
                new Refund("r1", "m1", Instant.parse("2025-03-10T10:00:00Z"), "p1", eur("20.00"), Map.of()),
                new Redemption("x1", "m1", Instant.parse("2025-03-31T22:00:00Z"), 500, "mug", Map.of()),
                new RedemptionReversal("x2", "m1", Instant.parse("2025-04-01T22:00:00Z"), "x1", Map.of()),
                new Enrollment("e1", "m2", Instant.parse("2025-01-01T08:00:00Z"), "gold", Map.of("source", "web")),
                new MembershipFee("f1", "m2", Instant.parse("2025-01-02T00:00:00Z"), eur("99.00"), "plus", 12, Map.of()),
                new Survey("s1", "m2", Instant.parse("2025-01-03T00:00:00Z"), 9, Map.of()),
                new Adjustment("a1", "m2", Instant.parse("2025-01-04T00:00:00Z"), -50, "goodwill reversal", null, Map.of()),
                new Adjustment("a2", "m2", Instant.parse("2025-01-05T00:00:00Z"), 0, "released", MemberStatus.ACTIVE, Map.of()),
                new BenefitClaim("b1", "m2", Instant.parse("2025-01-06T00:00:00Z"), "free-delivery", Map.of()),
                new TierReview("t1", "m2", Instant.parse("2025-12-31T23:00:00Z"), Map.of()));
    }

    @Test
    void a_refund_names_the_lines_it_returns() {
        // when: the gasoline line of a basket is returned
        EventBatch batch = read("{\"id\":\"r1\",\"type\":\"refund\",\"member\":\"m1\",\"at\":\"2025-03-10T10:00:00Z\","
                + "\"original\":\"p1\",\"amount\":\"20.00\",\"lines\":[{\"sku\":\"G1\",\"category\":\"gasoline\","
                + "\"amount\":\"20.00\"}]}");

        // then: lines are the refund's, not an attribute
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(new Refund("r1", "m1", Instant.parse("2025-03-10T10:00:00Z"), "p1",
                eur("20.00"), Map.of(), List.of(new PurchaseLine("G1", "gasoline", 1, eur("20.00"), Map.of()))));
    }

    @Test
    void integer_fields_accept_a_number_whose_fraction_is_zero() {
        // when: points 2.0, 3.00 and 4e0 are the integers 2, 3 and 4 (2.5 is refused, see badLines)
        EventBatch batch = read(
                "{\"id\":\"x1\",\"type\":\"redemption\",\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\",\"points\":2.0}",
                "{\"id\":\"a1\",\"type\":\"adjustment\",\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\","
                        + "\"points\":-3.00,\"reason\":\"fix\"}",
                "{\"id\":\"s1\",\"type\":\"survey\",\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\",\"score\":4e0}");

        // then
        Instant at = Instant.parse("2025-03-03T10:00:00Z");
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(Redemption.of("x1", "m1", at, 2),
                Adjustment.of("a1", "m1", at, -3, "fix"), new Survey("s1", "m1", at, 4, Map.of()));
    }

    @Test
    void the_highest_survey_score_and_the_longest_fee_term_are_read() {
        // when: 10 is a promoter's answer; 1200 months (a hundred years) the longest term a fee may pay (1201 and 11
        // are bad lines, see badLines)
        EventBatch batch = read(
                "{\"id\":\"s1\",\"type\":\"survey\",\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\",\"score\":10}",
                "{\"id\":\"f1\",\"type\":\"membership_fee\",\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\","
                        + "\"amount\":\"120.00\",\"tier\":\"gold\",\"termMonths\":1200}");

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).extracting(e -> e instanceof Survey survey ? survey.score()
                : ((org.loyaltyrules.core.event.MembershipFee) e).termMonths()).containsExactly(10, 1200);
    }

    @Test
    void a_local_date_time_is_read_in_the_program_zone_and_numeric_ids_as_text() {
        // when
        EventBatch batch = read("{\"id\":536365,\"type\":\"purchase\",\"member\":17850,\"at\":\"2010-12-01 08:26:00\",\"amount\":15.30}");

        // then
        assertThat(batch.events()).containsExactly(Purchase.of("536365", "17850",
                Instant.parse("2010-12-01T07:26:00Z"), eur("15.30")));
    }

    @Test
    void a_date_time_with_a_space_and_an_offset_is_read_at_that_offset() {
        // when: the space form of a local date-time ("2010-12-01 08:26:00") with an offset written after it
        EventBatch batch = read("{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\","
                + "\"at\":\"2025-03-03 10:00:00+01:00\",\"amount\":\"10.00\"}");

        // then: 10:00 at +01:00 is 09:00Z, whatever the program zone
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(Purchase.of("p1", "m1", Instant.parse("2025-03-03T09:00:00Z"),
                eur("10.00")));
    }

    @Test
    void a_purchase_in_the_last_event_year_2199_is_read_and_2200_is_refused() {
        // when: the event years are 1900..2199 (UTC), the last one included
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2199-12-31T23:59:59Z\","
                        + "\"amount\":\"10.00\"}",
                "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2200-01-01T00:00:00Z\","
                        + "\"amount\":\"10.00\"}");

        // then
        assertThat(batch.events()).containsExactly(Purchase.of("p1", "m1", Instant.parse("2199-12-31T23:59:59Z"),
                eur("10.00")));
        assertThat(batch.problems()).extracting(Problem::location).containsExactly("events.jsonl:2 field at");
    }

    @Test
    void ids_written_as_whole_decimals_read_as_their_digits_as_data_frames_export_them() {
        // when: a data frame that held the ids as decimals writes 536365.0 and 17850.0
        EventBatch batch = read("{\"id\":536365.0,\"type\":\"purchase\",\"member\":1.785E4,"
                + "\"at\":\"2010-12-01T08:26:00Z\",\"amount\":15.30}");

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(Purchase.of("536365", "17850",
                Instant.parse("2010-12-01T08:26:00Z"), eur("15.30")));
    }

    @Test
    void a_partner_written_as_an_attribute_reads_as_the_purchase_partner() {
        // when
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-01T10:00:00Z\","
                        + "\"amount\":\"500.00\",\"attributes\":{\"partner\":\"grocer\"}}",
                "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-01T10:00:00Z\","
                        + "\"amount\":\"500.00\",\"partner\":\"grocer\",\"attributes\":{\"partner\":\"grocer\"}}");

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                new Purchase("p1", "m1", Instant.parse("2025-03-01T10:00:00Z"), eur("500.00"), "", "grocer", Map.of(),
                        Map.of(), List.of(), null, null),
                new Purchase("p2", "m1", Instant.parse("2025-03-01T10:00:00Z"), eur("500.00"), "", "grocer", Map.of(),
                        Map.of(), List.of(), null, null));
    }

    @Test
    void numbers_too_large_or_too_fine_to_compute_with_are_bad_lines_naming_the_field() {
        // when: a negative amount of 2^31 digits (its message wrote it out and ended the run), a JSON number amount of
        // 1E+1001, a line amount of 1E-1001; then a good line
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"-1E+2147483647\"}",
                "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":1E+1001}",
                "{\"id\":\"p3\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"10.00\",\"lines\":[{\"sku\":\"a\",\"amount\":\"1E-1001\"}]}",
                "{\"id\":\"p4\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"3.00\"}");

        // then
        assertThat(batch.problems()).containsExactly(
                new Problem("events.jsonl:1 field amount", "must have at most 1000 digits before the decimal point,"
                        + " was -1E+2147483647"),
                new Problem("events.jsonl:2 field amount", "must have at most 1000 digits before the decimal point,"
                        + " was 1E+1001"),
                new Problem("events.jsonl:3 field lines[0].amount", "must have at most 1000 decimals, was 1E-1001"));
        assertThat(batch.events()).extracting(e -> e.id()).containsExactly("p4");
    }

    @Test
    void an_id_or_member_of_white_space_only_is_required_as_in_scenarios_a_no_break_space_too() {
        // when: a member of one no-break space, an id of one em space, then a good line
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"\\u00a0\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"3.00\"}",
                "{\"id\":\"\\u2003\",\"type\":\"purchase\",\"member\":\"m2\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"3.00\"}",
                "{\"id\":\"p3\",\"type\":\"purchase\",\"member\":\"m3\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"3.00\"}");

        // then: the no-break space was applied as a member, invisible in members.csv
        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field member", "is required"),
                new Problem("events.jsonl:2 field id", "is required"));
        assertThat(batch.events()).extracting(e -> e.id()).containsExactly("p3");
    }

    @Test
    void a_json_escape_of_half_a_character_is_a_bad_line_naming_the_field_and_the_other_lines_are_read() {
        // when: "m\ud800" (a high surrogate with no low one) as a member, "\udc00" in a line's sku; then a good line
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m\\ud800\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"100.00\"}",
                "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m2\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"10.00\",\"lines\":[{\"sku\":\"a\\udc00\",\"amount\":\"10.00\"}]}",
                "{\"id\":\"p3\",\"type\":\"purchase\",\"member\":\"m\\ud83d\\ude00\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"10.00\"}");

        // then: no UTF-8 output could hold them (a run died writing members.csv, half written); a whole pair is read
        assertThat(batch.problems()).containsExactly(
                new Problem("events.jsonl:1 field member", "must be Unicode text: \\ud800 at character 2 is half of"
                        + " a character (a lone surrogate escape)"),
                new Problem("events.jsonl:2 field lines[0].sku", "must be Unicode text: \\udc00 at character 2 is"
                        + " half of a character (a lone surrogate escape)"));
        assertThat(batch.events()).extracting(e -> e.memberId()).containsExactly("m\ud83d\ude00");
    }

    @Test
    void a_line_of_quantity_zero_is_read_and_a_negative_one_is_a_bad_line() {
        // when
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-01-10T10:00:00Z\","
                        + "\"amount\":\"10.00\",\"lines\":[{\"sku\":\"A1\",\"category\":\"c\",\"quantity\":0,"
                        + "\"amount\":\"10.00\"}]}",
                "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-01-10T10:00:00Z\","
                        + "\"amount\":\"10.00\",\"lines\":[{\"sku\":\"A1\",\"category\":\"c\",\"quantity\":-1,"
                        + "\"amount\":\"10.00\"}]}");

        // then: lines of quantity 0 are kept as lines (docs/examples.md, the complete journey), the rule is >= 0
        // (audit 13, I3: quantity 0 was a bad line)
        assertThat(batch.problems()).containsExactly(
                new Problem("events.jsonl:2 field lines[0].quantity", "must be >= 0, was -1"));
        assertThat(batch.events()).hasSize(1);
        assertThat(((Purchase) batch.events().get(0)).lines()).containsExactly(
                new PurchaseLine("A1", "c", 0, eur("10.00"), Map.of()));
    }

    @Test
    void an_event_whose_partner_differs_from_its_partner_attribute_is_a_bad_line_naming_the_field() {
        // when
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"100.00\",\"partner\":\"fuel\",\"attributes\":{\"partner\":\"grocer\"}}",
                "{\"id\":\"x1\",\"type\":\"redemption\",\"member\":\"m1\",\"at\":\"2025-03-10T10:00:00Z\","
                        + "\"points\":100,\"partner\":\"grocer\",\"attributes\":{\"partner\":\"airline\"}}",
                "{\"id\":\"x2\",\"type\":\"redemption\",\"member\":\"m1\",\"at\":\"2025-03-10T10:00:00Z\","
                        + "\"points\":100,\"partner\":\"airline\",\"attributes\":{\"partner\":\"airline\"}}");

        // then: a redemption also has one partner; the same one written twice is read
        assertThat(batch.problems()).containsExactly(
                new Problem("events.jsonl:1 field partner",
                        "\"fuel\" differs from attributes.partner \"grocer\": name the partner once, or the same in both"),
                new Problem("events.jsonl:2 field partner",
                        "\"grocer\" differs from attributes.partner \"airline\": name the partner once, or the same in "
                                + "both"));
        assertThat(batch.events()).containsExactly(new Redemption("x2", "m1", Instant.parse("2025-03-10T10:00:00Z"),
                100, "", Map.of("partner", "airline")));
    }

    @Test
    void a_channel_written_as_an_attribute_reads_as_the_purchase_channel() {
        // when
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-01T10:00:00Z\","
                        + "\"amount\":\"100.00\",\"attributes\":{\"channel\":\"app\"}}",
                "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-01T10:00:00Z\","
                        + "\"amount\":\"100.00\",\"channel\":\"app\",\"attributes\":{\"channel\":\"app\"}}");

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                new Purchase("p1", "m1", Instant.parse("2025-03-01T10:00:00Z"), eur("100.00"), "app", "", Map.of(),
                        Map.of(), List.of(), null, null),
                new Purchase("p2", "m1", Instant.parse("2025-03-01T10:00:00Z"), eur("100.00"), "app", "", Map.of(),
                        Map.of(), List.of(), null, null));
    }

    @Test
    void a_purchase_whose_channel_differs_from_its_channel_attribute_is_a_bad_line_naming_the_field() {
        // when
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"100.00\",\"channel\":\"store\",\"attributes\":{\"channel\":\"app\"}}");

        // then
        assertThat(batch.problems()).containsExactly(new Problem("events.jsonl:1 field channel",
                "\"store\" differs from attributes.channel \"app\": name the channel once, or the same in both"));
        assertThat(batch.events()).isEmpty();
    }

    @Test
    void a_purchase_naming_a_tier_is_a_bad_line_because_the_tier_is_the_members() {
        // when: a top-level tier (kept as an attribute), the attribute itself, and both
        EventBatch batch = read(
                "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"100.00\",\"tier\":\"reserve\"}",
                "{\"id\":\"p2\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"100.00\",\"attributes\":{\"tier\":\"gold\"}}",
                "{\"id\":\"p3\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"amount\":\"100.00\",\"tier\":\"gold\",\"attributes\":{\"tier\":\"\"}}",
                "{\"id\":\"e1\",\"type\":\"enrollment\",\"member\":\"m1\",\"at\":\"2025-03-02T10:00:00Z\","
                        + "\"tier\":\"gold\"}");

        // then: an enrollment's tier is the manually assigned tier, its own field
        assertThat(batch.problems()).containsExactly(
                new Problem("events.jsonl:1 field tier",
                        "must not be set on a purchase, was \"reserve\": the tier is the member's, decided by the "
                                + "engine"),
                new Problem("events.jsonl:2 field attributes.tier",
                        "must not be set on a purchase, was \"gold\": the tier is the member's, decided by the engine"),
                new Problem("events.jsonl:3 field attributes.tier",
                        "must not be set on a purchase, was \"\": the tier is the member's, decided by the engine"));
        assertThat(batch.events()).containsExactly(
                new Enrollment("e1", "m1", Instant.parse("2025-03-02T10:00:00Z"), "gold", Map.of()));
    }

    @Test
    void a_member_id_with_a_fraction_is_refused_naming_the_field() {
        // when
        EventBatch batch = read("{\"id\":\"p1\",\"type\":\"purchase\",\"member\":17850.5,"
                + "\"at\":\"2010-12-01T08:26:00Z\",\"amount\":15.30}");

        // then
        assertThat(batch.events()).isEmpty();
        assertThat(batch.problems()).containsExactly(
                new Problem("events.jsonl:1 field member", "must be a string, was 17850.5"));
    }

    @Test
    void ids_members_and_original_references_are_trimmed_like_csv_fields() {
        // when
        EventBatch batch = read(
                "{\"id\":\" p1 \",\"type\":\"purchase\",\"member\":\" m1 \",\"at\":\"2025-03-03T10:00:00Z\","
                        + "\"amount\":\"20.00\"}",
                "{\"id\":\"r1\\t\",\"type\":\"refund\",\"member\":\"m1\",\"at\":\"2025-03-10T10:00:00Z\","
                        + "\"original\":\"  p1\",\"amount\":\"5.00\"}");

        // then
        assertThat(batch.problems()).isEmpty();
        assertThat(batch.events()).containsExactly(
                Purchase.of("p1", "m1", Instant.parse("2025-03-03T10:00:00Z"), eur("20.00")),
                new Refund("r1", "m1", Instant.parse("2025-03-10T10:00:00Z"), "p1", eur("5.00"), Map.of()));
    }

    static Stream<Arguments> badLines() {
        String p = "\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-03-03T10:00:00Z\"";
        return Stream.of(
                Arguments.of("missing member", "{\"id\":\"p1\",\"type\":\"purchase\",\"at\":\"2025-03-03T10:00:00Z\",\"amount\":\"1\"}",
                        "events.jsonl:1 field member", "is required"),
                Arguments.of("blank member", "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"  \","
                        + "\"at\":\"2025-03-03\"}", "events.jsonl:1 field member", "is required"),
                Arguments.of("member of control characters", "{\"id\":\"p1\",\"type\":\"purchase\","
                        + "\"member\":\"\\u0001\",\"at\":\"2025-03-03\"}", "events.jsonl:1 field member", "is required"),
                Arguments.of("blank original", "{\"id\":\"r1\",\"type\":\"refund\",\"member\":\"m1\",\"at\":\"2025-03-03\","
                        + "\"original\":\" \",\"amount\":\"1\"}", "events.jsonl:1 field original",
                        "is required for a refund (the id of the purchase refunded)"),
                Arguments.of("missing amount", "{" + p + "}", "events.jsonl:1 field amount",
                        "is required for a purchase (the amount paid, delivery and tax included)"),
                Arguments.of("missing type", "{\"id\":\"p1\"}", "events.jsonl:1 field type", "is required"),
                Arguments.of("unknown type", "{\"id\":\"g1\",\"type\":\"gift\"}", "events.jsonl:1 field type",
                        "must be one of [purchase, refund, redemption, redemption_reversal, enrollment, membership_fee, "
                                + "fee_refund, survey, adjustment, benefit_claim, tier_review], was \"gift\""),
                Arguments.of("member of wrong type", "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":{\"a\":1}}",
                        "events.jsonl:1 field member", "must be a string, was {\"a\":1}"),
                Arguments.of("amount of wrong type", "{" + p + ",\"amount\":true}", "events.jsonl:1 field amount",
                        "must be a decimal number, was true"),
                Arguments.of("non-numeric amount", "{" + p + ",\"amount\":\"12,50\"}", "events.jsonl:1 field amount",
                        "must be a decimal number, was \"12,50\""),
                Arguments.of("negative amount", "{" + p + ",\"amount\":\"-5.00\"}", "events.jsonl:1 field amount",
                        "must be >= 0, was -5.00"),
                Arguments.of("too many decimals", "{" + p + ",\"amount\":\"1.005\"}", "events.jsonl:1 field amount",
                        "must have at most 2 decimals for EUR, was 1.005"),
                Arguments.of("unknown currency", "{" + p + ",\"amount\":\"1\",\"currency\":\"XYZ\"}",
                        "events.jsonl:1 field currency", "must be an ISO 4217 currency code, was \"XYZ\""),
                Arguments.of("absurd date", "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-13-45\"}",
                        "events.jsonl:1 field at", "must be an ISO instant with Z or an offset (2025-03-03T10:00:00Z, "
                                + "2025-03-03T11:00:00+01:00), a local date-time in the program's zone "
                                + "(2025-03-03T10:00:00), an ISO date (2025-03-03) or YYYYMMDD, was \"2025-13-45\""),
                Arguments.of("date in year 1", "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"00010101\"}",
                        "events.jsonl:1 field at", "must be a time in the years 1900..2199 (UTC), was \"00010101\""),
                Arguments.of("last hour of 2199 west of UTC", "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\","
                        + "\"at\":\"2199-12-31T23:30:00-01:00\"}", "events.jsonl:1 field at", "must be a time in the "
                        + "years 1900..2199 (UTC), was \"2199-12-31T23:30:00-01:00\" (2200-01-01T00:30:00Z in UTC)"),
                Arguments.of("negative line amount", "{" + p + ",\"amount\":\"1\",\"lines\":[{\"sku\":\"A\",\"amount\":\"1\"},"
                        + "{\"sku\":\"B\",\"amount\":\"-1\"}]}", "events.jsonl:1 field lines[1].amount", "must be >= 0, was -1"),
                Arguments.of("lines beyond the amount", "{" + p + ",\"amount\":\"1.00\",\"lines\":[{\"sku\":\"A\","
                        + "\"quantity\":1,\"amount\":\"100.00\"}]}", "events.jsonl:1 field lines",
                        "lines must not add up to more than the amount 1.00 EUR, were 100.00 EUR"),
                Arguments.of("negative metric", "{" + p + ",\"amount\":\"1\",\"metrics\":{\"nights\":-2}}",
                        "events.jsonl:1 field metrics.nights", "must be >= 0, was -2"),
                Arguments.of("delivery beyond amount", "{" + p + ",\"amount\":\"10\",\"delivery\":\"11\"}",
                        "events.jsonl:1 field delivery", "delivery + tax must not exceed amount 10.00 EUR, was 11.00 EUR"),
                Arguments.of("tax takes delivery + tax beyond amount", "{" + p + ",\"amount\":\"1.00\","
                        + "\"delivery\":\"0.50\",\"tax\":\"1.00\"}", "events.jsonl:1 field tax",
                        "delivery + tax must not exceed amount 1.00 EUR, was 1.50 EUR"),
                Arguments.of("refund lines beyond the refund", "{\"id\":\"r1\",\"type\":\"refund\",\"member\":\"m1\","
                        + "\"at\":\"2025-03-03\",\"original\":\"p1\",\"amount\":\"10.00\",\"lines\":[{\"sku\":\"A\","
                        + "\"amount\":\"60.00\"}]}", "events.jsonl:1 field lines",
                        "refund lines must not add up to more than the refund 10.00 EUR, were 60.00 EUR"),
                Arguments.of("zero refund", "{\"id\":\"r1\",\"type\":\"refund\",\"member\":\"m1\",\"at\":\"2025-03-03\","
                        + "\"original\":\"p1\",\"amount\":0}", "events.jsonl:1 field amount", "must be > 0, was 0"),
                Arguments.of("points of wrong type", "{\"id\":\"x1\",\"type\":\"redemption\",\"member\":\"m1\","
                        + "\"at\":\"2025-03-03\",\"points\":\"many\"}", "events.jsonl:1 field points",
                        "must be an integer, was \"many\""),
                Arguments.of("fractional points", "{\"id\":\"x1\",\"type\":\"redemption\",\"member\":\"m1\","
                        + "\"at\":\"2025-03-03\",\"points\":1.5}", "events.jsonl:1 field points", "must be an integer, was 1.5"),
                Arguments.of("fractional points with trailing zeros", "{\"id\":\"x1\",\"type\":\"redemption\","
                        + "\"member\":\"m1\",\"at\":\"2025-03-03\",\"points\":2.50}", "events.jsonl:1 field points",
                        "must be an integer, was 2.5"),
                Arguments.of("integral points beyond a long written as a decimal", "{\"id\":\"x1\",\"type\":"
                        + "\"redemption\",\"member\":\"m1\",\"at\":\"2025-03-03\",\"points\":1e30}",
                        "events.jsonl:1 field points", "must be an integer of at most 9223372036854775807, was 1E+30"),
                Arguments.of("survey out of range", "{\"id\":\"s1\",\"type\":\"survey\",\"member\":\"m1\","
                        + "\"at\":\"2025-03-03\",\"score\":11}", "events.jsonl:1 field score", "must be in 0..10, was 11"),
                Arguments.of("fee term beyond a hundred years", "{\"id\":\"f1\",\"type\":\"membership_fee\","
                        + "\"member\":\"m1\",\"at\":\"2025-03-03\",\"amount\":\"120.00\",\"tier\":\"gold\","
                        + "\"termMonths\":1201}", "events.jsonl:1 field termMonths", "must be in 1..1200, was 1201"),
                Arguments.of("unknown status", "{\"id\":\"a1\",\"type\":\"adjustment\",\"member\":\"m1\","
                        + "\"at\":\"2025-03-03\",\"reason\":\"x\",\"status\":\"GONE\"}", "events.jsonl:1 field status",
                        "must be one of [ACTIVE, UNDER_REVIEW, FROZEN, CLOSED], was \"GONE\""),
                Arguments.of("adjustment of nothing", "{\"id\":\"a1\",\"type\":\"adjustment\",\"member\":\"m1\","
                        + "\"at\":\"2025-03-03\",\"reason\":\"x\"}", "events.jsonl:1 field points",
                        "is required (non-zero) when no status is given"),
                Arguments.of("not an object", "[1,2]", "events.jsonl:1", "must be a JSON object, was an array"),
                Arguments.of("two objects on a line", "{\"id\":\"a\"} {\"id\":\"b\"}", "events.jsonl:1",
                        "not valid JSON at column 12: Trailing token (of type START_OBJECT) found after value"),
                Arguments.of("broken JSON", "{\"id\":", "events.jsonl:1",
                        "not valid JSON at column 7: Unexpected end-of-input within/between Object entries"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void a_bad_line_is_reported_with_its_location_and_reading_goes_on(String situation, String line, String location,
                                                                       String message) {
        // when
        EventBatch batch = read(line, "{\"id\":\"ok\",\"type\":\"tier_review\",\"member\":\"m1\",\"at\":\"2025-01-01\"}");

        // then
        assertThat(batch.problems()).containsExactly(new Problem(location, message));
        assertThat(batch.events()).extracting(e -> e.id()).containsExactly("ok");
        assertThat(batch.records()).isEqualTo(2);
    }

    @Test
    void problems_carry_the_physical_line_number_counting_blank_lines() {
        // when
        EventBatch batch = read("", "{\"id\":\"ok\",\"type\":\"tier_review\",\"member\":\"m1\",\"at\":\"2025-01-01\"}", "",
                "{\"id\":\"p9\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-01-01\",\"amount\":\"x\"}");

        // then
        assertThat(batch.problems()).containsExactly(
                new Problem("events.jsonl:4 field amount", "must be a decimal number, was \"x\""));
    }

    @Test
    void a_strict_reader_stops_at_the_first_bad_line() {
        // given
        EventReader strict = reader.strict(true);

        // then
        assertThatThrownBy(() -> strict.readJsonLines(new StringReader(
                "{\"id\":\"ok\",\"type\":\"tier_review\",\"member\":\"m1\",\"at\":\"2025-01-01\"}\n"
                        + "{\"id\":\"p1\",\"type\":\"purchase\",\"member\":\"m1\",\"at\":\"2025-01-01\"}\n"
                        + "{\"id\":\"p2\",\"type\":\"gift\"}"), "events.jsonl"))
                .isInstanceOf(EventReadException.class)
                .hasMessage("cannot read events events.jsonl:\n  events.jsonl:2 field amount: is required for a purchase (the amount paid, delivery and tax included)")
                .extracting(e -> ((EventReadException) e).problems())
                .isEqualTo(List.of(new Problem("events.jsonl:2 field amount",
                        "is required for a purchase (the amount paid, delivery and tax included)")));
    }
}
