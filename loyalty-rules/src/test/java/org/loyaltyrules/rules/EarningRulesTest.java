package org.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.rules.Programs.at;
import static org.loyaltyrules.rules.Programs.engine;
import static org.loyaltyrules.rules.Programs.line;
import static org.loyaltyrules.rules.Programs.purchase;
import static org.loyaltyrules.rules.Programs.retail;
import static org.loyaltyrules.rules.Programs.usd;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.event.Enrollment;
import org.loyaltyrules.core.event.Purchase;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.points.Posting;
import org.loyaltyrules.core.points.PostingType;
import org.loyaltyrules.rules.program.ProgramJson;

/** Scenarios for the earning group of the standard pack (earning/*.drl), with numbers from docs/semantics.md. */
class EarningRulesTest {

    private static final String BASE_RULE = "Purchases earn base points at the program rate";
    private static final String TIER_BONUS_RULE = "Tier members earn their tier bonus on base points";
    private static final String CHANNEL_BONUS_RULE =
            "Purchases in a bonus channel earn the channel bonus on base points";
    private static final String MILESTONE_RULE =
            "Members earn a milestone bonus when their window total reaches the milestone";

    private static MemberState goldMember(LoyaltyEngine engine) {
        return engine.apply(null, new Enrollment("e0", "m1", at("2025-01-01T00:00:00Z"), "gold", Map.of())).state();
    }

    @Test
    void purchases_earn_base_points_per_currency_unit() {
        LoyaltyEngine engine = engine(retail("", ""));

        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "57.30"));

        assertThat(decision.postings()).containsExactly(new Posting("p1", "m1", at("2025-03-03T10:00:00Z"),
                PostingType.EARN, 57, BASE_RULE, "base 1 per unit on eligible 57.30 = 57"));
        assertThat(decision.state().pointsAvailable()).isEqualTo(57L);
    }

    @Test
    void the_explanation_names_the_rule_its_file_and_line_and_the_inputs_it_used() {
        LoyaltyEngine engine = engine(retail("", ""));

        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "57.30"));

        Explanation base = decision.explanations().get(0);
        assertThat(base.rule()).isEqualTo(BASE_RULE);
        assertThat(base.location()).isEqualTo("standard:earning/base-earn.drl:9");
        assertThat(base.intent()).isEqualTo(
                "Every eligible currency unit earns the program's base rate unless a special rate applies");
        assertThat(base.inputs()).containsEntry("$amount", "57.30").containsEntry("$rate", "1");
        assertThat(base.sentence()).isEqualTo("base 1 per unit on eligible 57.30 = 57");
    }

    @Test
    void gold_members_earn_their_tier_bonus_on_base_points() {
        LoyaltyEngine engine = engine(retail("", ""));
        MemberState gold = goldMember(engine);

        Decision decision = engine.apply(gold, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"));

        // base 100 x 1 = 100; gold bonus 50 % of base 100 = 50
        assertThat(decision.postings()).extracting(Posting::rule, Posting::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BASE_RULE, 100L),
                        org.assertj.core.groups.Tuple.tuple(TIER_BONUS_RULE, 50L));
        assertThat(decision.postings().get(1).explanation()).isEqualTo("gold tier bonus 50% of base 100 = 50");
        assertThat(decision.pointsAwarded()).isEqualTo(150L);
    }

    private static long goldAppPurchaseUnder(String stacking) {
        LoyaltyEngine engine = engine(retail("\"channelBonus\": {\"app\": \"10\"}", "\"stacking\": \"" + stacking + "\""));
        Purchase purchase = purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00").withChannel("app");
        return engine.apply(goldMember(engine), purchase).pointsAwarded();
    }

    @Test
    void additive_stacking_adds_every_bonus_percentage_of_base() {
        // 100 + 50 % x 100 + 10 % x 100 = 160
        assertThat(goldAppPurchaseUnder("ADDITIVE")).isEqualTo(160L);
    }

    @Test
    void highest_stacking_applies_only_the_largest_bonus() {
        // 100 + max(50, 10) = 150
        assertThat(goldAppPurchaseUnder("HIGHEST")).isEqualTo(150L);
    }

    @Test
    void multiplicative_stacking_compounds_the_bonuses() {
        // 100 x 1.5 x 1.1 = 165
        assertThat(goldAppPurchaseUnder("MULTIPLICATIVE")).isEqualTo(165L);
    }

    @Test
    void multiplicative_stacking_compounds_the_channel_bonus_before_the_tier_bonus() {
        LoyaltyEngine engine = engine(retail("\"channelBonus\": {\"app\": \"20\"}",
                "\"stacking\": \"MULTIPLICATIVE\""));
        Purchase purchase = purchase("p1", "m1", "2025-03-03T10:00:00Z", "2000.00").withChannel("app");

        Decision decision = engine.apply(goldMember(engine), purchase);

        // docs/semantics.md section 3: the channel bonus (salience 20) before the tier bonus (salience 10):
        // 20 % of 2000 = 400, then 50 % of 2400 = 1200; the other order (1000, then 600) has the same total of 3600
        // but charges each rule differently (audit 13, CH2 and TB2)
        assertThat(decision.postings()).extracting(Posting::rule, Posting::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BASE_RULE, 2000L),
                org.assertj.core.groups.Tuple.tuple(CHANNEL_BONUS_RULE, 400L),
                org.assertj.core.groups.Tuple.tuple(TIER_BONUS_RULE, 1200L));
        assertThat(decision.pointsAwarded()).isEqualTo(3600L);
    }

    @Test
    void highest_stacking_explains_the_bonus_it_left_out() {
        LoyaltyEngine engine = engine(retail("\"channelBonus\": {\"app\": \"10\"}", "\"stacking\": \"HIGHEST\""));
        Purchase purchase = purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00").withChannel("app");

        Decision decision = engine.apply(goldMember(engine), purchase);

        assertThat(decision.explanations()).extracting(Explanation::sentence).contains(
                "app channel bonus 10% of base 100 not applied: only the highest bonus counts (gold tier bonus 50% of"
                        + " base 100)");
    }

    @Test
    void delivery_costs_earn_nothing_when_excluded() {
        LoyaltyEngine engine = engine(retail("\"exclusions\": {\"delivery\": true}", ""));
        Purchase purchase = purchase("p1", "m1", "2025-03-03T10:00:00Z", "105.00").withDeliveryAndTax(usd("5.00"), null);

        Decision decision = engine.apply(null, purchase);

        assertThat(decision.pointsAwarded()).isEqualTo(100L);
        assertThat(decision.explanations()).extracting(Explanation::sentence)
                .contains("delivery cost is excluded: 5.00 USD earns nothing");
    }

    @Test
    void tax_earns_nothing_when_excluded_also_without_delivery() {
        LoyaltyEngine engine = engine(retail("\"exclusions\": {\"tax\": true}", ""));
        Purchase purchase = purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")
                .withDeliveryAndTax(null, usd("8.00"));

        Decision decision = engine.apply(null, purchase);

        // eligible 100.00 - 8.00 tax = 92.00, with no delivery charge on the purchase (audit 13, EX3: the tax rule
        // fired only on purchases with a delivery charge)
        assertThat(decision.pointsAwarded()).isEqualTo(92L);
        assertThat(decision.state().purchases().get(0).eligible()).isEqualTo(usd("92.00"));
        assertThat(decision.explanations()).extracting(Explanation::sentence)
                .contains("tax is excluded: 8.00 USD earns nothing");
    }

    @Test
    void excluded_skus_earn_nothing_and_chosen_categories_earn_their_multiplier() {
        LoyaltyEngine engine = engine(retail("""
                "exclusions": {"skus": ["GIFT"]},
                "lineBonuses": [{"category": "shoes", "multiplier": "3"}]""", ""));
        Purchase purchase = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"),
                line("A1", "shoes", "60.00"), line("GIFT", "giftcards", "40.00"));

        Decision decision = engine.apply(null, purchase);

        // eligible 100 - 40 = 60; base 60; shoes x3 adds (3 - 1) x 60 = 120
        assertThat(decision.postings()).extracting(Posting::points).containsExactly(60L, 120L);
        assertThat(decision.postings().get(1).rule()).isEqualTo("Lines of a chosen category earn the category multiplier");
        assertThat(decision.state().purchases().get(0).eligible()).isEqualTo(usd("60.00"));
    }

    @Test
    void a_line_excluded_by_category_earns_no_sku_multiplier() {
        LoyaltyEngine engine = engine(retail("""
                "exclusions": {"categories": ["gasoline"]},
                "lineBonuses": [{"sku": "A1", "multiplier": "2"}]""", ""));
        Purchase purchase = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"),
                line("A1", "gasoline", "60.00"), line("B2", "food", "40.00"));

        Decision decision = engine.apply(null, purchase);

        // exclusions come first: the A1 line is gasoline, so it earns nothing, its SKU multiplier included;
        // eligible 100 - 60 = 40, base 40 (audit 13, LB1: the multiplier on the excluded line added 60)
        assertThat(decision.postings()).extracting(Posting::rule, Posting::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BASE_RULE, 40L));
        assertThat(decision.pointsAwarded()).isEqualTo(40L);
    }

    @Test
    void multiplicative_stacking_compounds_a_line_s_sku_multiplier_before_its_category_multiplier() {
        LoyaltyEngine engine = engine(retail("""
                "lineBonuses": [{"sku": "A1", "multiplier": "2"}, {"category": "shoes", "multiplier": "3"}]""",
                "\"stacking\": \"MULTIPLICATIVE\""));
        Purchase purchase = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"),
                line("A1", "shoes", "100.00"));

        Decision decision = engine.apply(null, purchase);

        // docs/semantics.md section 3: on one line the SKU multiplier (salience 20) before the category one (10):
        // x2 adds 100, then x3 of 200 adds 400; the other order (200, then 300) has the same total of 600
        // (audit 13, LB2)
        assertThat(decision.postings()).extracting(Posting::rule, Posting::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BASE_RULE, 100L),
                org.assertj.core.groups.Tuple.tuple("Lines of a chosen SKU earn the SKU multiplier", 100L),
                org.assertj.core.groups.Tuple.tuple("Lines of a chosen category earn the category multiplier", 400L));
    }

    @Test
    void chosen_skus_multiply_their_own_lines_only() {
        LoyaltyEngine engine = engine(retail("\"lineBonuses\": [{\"sku\": \"A1\", \"multiplier\": \"2\"}]", ""));
        Purchase purchase = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"),
                line("A1", "shoes", "30.00"), line("B2", "shoes", "70.00"));

        // base 100; A1 doubled adds 30
        assertThat(engine.apply(null, purchase).pointsAwarded()).isEqualTo(130L);
    }

    @Test
    void orders_below_the_minimum_order_value_earn_no_points_but_count_for_growth() {
        LoyaltyEngine engine = engine(retail("\"minimumOrder\": \"20.00\"", ""));

        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "15.00"));

        assertThat(decision.pointsAwarded()).isZero();
        assertThat(decision.postings()).isEmpty();
        assertThat(decision.explanations()).extracting(Explanation::rule)
                .containsExactly("Orders below the minimum order value earn no points",
                        "Purchases earn base points at the program rate");
        assertThat(decision.state().growth().lifetime("growth")).isEqualByComparingTo("15");
    }

    @Test
    void a_milestone_a_blocked_order_crosses_is_shown_as_withheld() {
        LoyaltyEngine engine = engine(retail("\"minimumOrder\": \"20.00\",\n\"milestones\": [{\"id\": \"s1000\", "
                + "\"metric\": \"growth\", \"at\": 1000, \"points\": 500}]", ""));
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "990.00")).state();

        Decision decision = engine.apply(state, purchase("p2", "m1", "2025-03-04T10:00:00Z", "15.00"));

        assertThat(decision.pointsAwarded()).isZero();
        assertThat(decision.explanations()).extracting(Explanation::sentence).contains(
                "withheld: milestone s1000 500 points, because eligible 15.00 is below the minimum order 20.00");
    }

    @Test
    void a_stay_crossing_three_marks_of_a_repeating_milestone_pays_it_three_times() {
        LoyaltyEngine engine = engine(retail("\"milestones\": [{\"id\": \"n40\", \"metric\": \"nights\", \"at\": 40,"
                + " \"every\": 10, \"points\": 1000}]", ""));
        MemberState state = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "10.00")
                .withMetrics(Programs.nights(35))).state();

        Decision decision = engine.apply(state, purchase("p2", "m1", "2025-03-04T10:00:00Z", "10.00")
                .withMetrics(Programs.nights(30)));

        // 35 + 30 = 65 nights crosses 40, 50 and 60: base 10 + 3 x 1000 (audit 13, MB1: paid once)
        assertThat(decision.postings()).extracting(Posting::rule, Posting::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BASE_RULE, 10L),
                org.assertj.core.groups.Tuple.tuple(MILESTONE_RULE, 3000L));
        assertThat(decision.pointsAwarded()).isEqualTo(3010L);
    }

    @Test
    void campaign_multipliers_a_blocked_order_would_have_had_are_shown_as_withheld() {
        LoyaltyEngine engine = engine(retail("\"minimumOrder\": \"20.00\",\n\"campaigns\": ["
                + "{\"id\": \"triple\", \"name\": \"Triple\", \"from\": \"2025-01-01\", \"to\": \"2025-12-31\","
                + " \"factor\": \"3\"}, {\"id\": \"plus\", \"name\": \"Plus one\", \"from\": \"2025-01-01\","
                + " \"to\": \"2025-12-31\", \"factor\": \"1\", \"mode\": \"ADD\"}]", ""));

        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "19.99"));

        assertThat(decision.pointsAwarded()).isZero();
        assertThat(decision.explanations()).extracting(Explanation::sentence).contains(
                "withheld: Triple 3x replacing base, because eligible 19.99 is below the minimum order 20.00",
                "withheld: Plus one 1x added to base, because eligible 19.99 is below the minimum order 20.00");
    }

    @Test
    void orders_at_the_minimum_order_value_earn_normally() {
        LoyaltyEngine engine = engine(retail("\"minimumOrder\": \"20.00\"", ""));

        assertThat(engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "20.00")).pointsAwarded())
                .isEqualTo(20L);
    }

    @Test
    void an_excluded_delivery_with_a_minimum_order_and_a_sku_multiplier_combine() {
        LoyaltyEngine engine = engine(retail("""
                "exclusions": {"delivery": true},
                "minimumOrder": "50.00",
                "lineBonuses": [{"sku": "A1", "multiplier": "2"}]""", ""));
        Purchase small = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "55.00"),
                line("A1", "shoes", "45.00")).withDeliveryAndTax(usd("10.00"), null);
        Purchase large = Programs.withLines(purchase("p2", "m2", "2025-03-03T10:00:00Z", "70.00"),
                line("A1", "shoes", "60.00")).withDeliveryAndTax(usd("10.00"), null);

        // small: eligible 55 - 10 = 45 < 50 -> nothing; large: eligible 60, base 60 + A1 x2 adds 60
        assertThat(engine.apply(null, small).pointsAwarded()).isZero();
        assertThat(engine.apply(null, large).pointsAwarded()).isEqualTo(120L);
    }

    @Test
    void a_replacing_campaign_multiplies_base_points_on_campaign_dates_only() {
        LoyaltyEngine engine = engine(retail("""
                "campaigns": [{"id": "triple", "name": "Triple points week", "from": "2025-03-01", "to": "2025-03-07",
                               "factor": "3", "mode": "REPLACE"}]""", ""));

        Decision during = engine.apply(null, purchase("p1", "m1", "2025-03-07T23:00:00Z", "100.00"));
        Decision after = engine.apply(null, purchase("p2", "m2", "2025-03-08T00:00:00Z", "100.00"));

        // 3 x base 100 = 300 (posted as base 100 + campaign 200); the day after: 100
        assertThat(during.postings()).extracting(Posting::points).containsExactly(100L, 200L);
        assertThat(during.postings().get(1).explanation()).isEqualTo("Triple points week: 3x base 100 replaces base, 2 x 100 more = 200");
        assertThat(after.pointsAwarded()).isEqualTo(100L);
    }

    @Test
    void a_campaign_of_one_day_runs_on_that_day_only() {
        // Singles' Day: from and to the same date, both inclusive, in the program zone (UTC here)
        LoyaltyEngine engine = engine(retail("""
                "campaigns": [{"id": "d11", "name": "Singles' Day", "from": "2025-11-11", "to": "2025-11-11",
                               "factor": "2", "mode": "REPLACE"}]""", ""));

        Decision before = engine.apply(null, purchase("p0", "m0", "2025-11-10T23:59:59Z", "10.00"));
        Decision first = engine.apply(null, purchase("p1", "m1", "2025-11-11T00:00:00Z", "10.00"));
        Decision last = engine.apply(null, purchase("p2", "m2", "2025-11-11T23:59:59Z", "10.00"));
        Decision after = engine.apply(null, purchase("p3", "m3", "2025-11-12T00:00:00Z", "10.00"));

        // 2 x base 10 = 20 on the day, from its first to its last second; 10 on the days around it
        assertThat(engine.warnings()).isEmpty();
        assertThat(first.pointsAwarded()).isEqualTo(20L);
        assertThat(last.pointsAwarded()).isEqualTo(20L);
        assertThat(before.pointsAwarded()).isEqualTo(10L);
        assertThat(after.pointsAwarded()).isEqualTo(10L);
    }

    @Test
    void an_additive_campaign_adds_factor_times_base_on_top_of_base() {
        LoyaltyEngine engine = engine(retail("""
                "campaigns": [{"id": "double", "name": "Double points", "from": "2025-03-01", "to": "2025-03-07",
                               "factor": "1", "mode": "ADD"}]""", ""));

        // base 100 + 1 x 100 added
        assertThat(engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")).pointsAwarded())
                .isEqualTo(200L);
    }

    @Test
    void campaign_factors_can_differ_by_tier() {
        LoyaltyEngine engine = engine(retail("""
                "campaigns": [{"id": "event", "name": "Savings event", "from": "2025-03-01", "to": "2025-03-07",
                               "factor": "2", "tierFactors": {"gold": "4"}, "mode": "REPLACE"}]""", ""));
        MemberState gold = goldMember(engine);

        // member tier: 2 x 100; gold: 4 x 100 base + 50 % gold bonus of base 100
        assertThat(engine.apply(null, purchase("p1", "m2", "2025-03-03T10:00:00Z", "100.00")).pointsAwarded())
                .isEqualTo(200L);
        assertThat(engine.apply(gold, purchase("p2", "m1", "2025-03-03T10:00:00Z", "100.00")).pointsAwarded())
                .isEqualTo(450L);
    }

    @Test
    void a_special_rate_attribute_replaces_the_default_rate_and_the_first_match_wins() {
        String json = retail("""
                "rates": [{"attribute": "brand", "values": ["home2", "tru"], "rate": "5"},
                          {"attribute": "channel", "values": ["app"], "rate": "7"}]""", "")
                .replace("\"baseRate\": \"1\"", "\"baseRate\": \"10\"");
        LoyaltyEngine engine = engine(json);
        Purchase home2 = purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00").withAttributes(Map.of("brand", "home2"));
        Purchase hampton = purchase("p2", "m2", "2025-03-03T10:00:00Z", "100.00").withAttributes(Map.of("brand", "hampton"));
        Purchase home2InApp = purchase("p3", "m3", "2025-03-03T10:00:00Z", "100.00")
                .withAttributes(Map.of("brand", "home2")).withChannel("app");

        assertThat(engine.apply(null, home2).pointsAwarded()).isEqualTo(500L);
        assertThat(engine.apply(null, hampton).pointsAwarded()).isEqualTo(1000L);
        assertThat(engine.apply(null, home2InApp).pointsAwarded()).isEqualTo(500L);
    }

    @Test
    void a_channel_written_as_an_attribute_earns_that_channel_rate_and_bonus_like_the_channel_field() {
        // given: app is listed before store, so a purchase given both channels earned the app rate
        LoyaltyEngine engine = engine(retail("""
                "rates": [{"attribute": "channel", "values": ["app"], "rate": "3"},
                          {"attribute": "channel", "values": ["store"], "rate": "2"}],
                "channelBonus": {"app": "10"}""", ""));
        Purchase appAsAttribute = purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00")
                .withAttributes(Map.of("channel", "app"));
        Purchase appAsField = purchase("p2", "m2", "2025-03-03T10:00:00Z", "100.00").withChannel("app");
        Purchase inStore = purchase("p3", "m3", "2025-03-03T10:00:00Z", "100.00").withChannel("store");

        // when
        Decision asAttribute = engine.apply(null, appAsAttribute);

        // then: base 100 x 3 = 300 and the app bonus 10% of 300 = 30, as for the field; the store earns 100 x 2
        assertThat(appAsAttribute)
                .isEqualTo(purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00").withChannel("app"));
        assertThat(asAttribute.postings()).extracting(Posting::explanation).containsExactly(
                "base 3 per unit (channel app) on eligible 100.00 = 300", "app channel bonus 10% of base 300 = 30");
        assertThat(engine.apply(null, appAsField).pointsAwarded()).isEqualTo(330L);
        assertThat(engine.apply(null, inStore).pointsAwarded()).isEqualTo(200L);
    }

    @Test
    void the_member_tier_can_choose_the_base_rate() {
        String json = retail("\"rates\": [{\"attribute\": \"tier\", \"values\": [\"gold\"], \"rate\": \"1.2\"}]", "")
                .replace("\"tierBonus\": {\"silver\": \"20\", \"gold\": \"50\", \"platinum\": \"100\"}", "\"tierBonus\": {}");
        LoyaltyEngine engine = engine(json);

        // gold: floor(9.99 x 1.2 = 11.988) = 11
        assertThat(engine.apply(goldMember(engine), purchase("p1", "m1", "2025-03-03T10:00:00Z", "9.99")).pointsAwarded())
                .isEqualTo(11L);
    }

    @Test
    void metric_rates_pay_points_per_unit_of_the_metric() {
        String json = retail("\"metricRates\": {\"nights\": \"100\"}", "").replace("\"baseRate\": \"1\"", "\"baseRate\": \"0\"");
        LoyaltyEngine engine = engine(json);
        Purchase stay = purchase("p1", "m1", "2025-03-03T10:00:00Z", "200.00").withMetrics(Programs.nights(2));

        // 2 nights x 100
        assertThat(engine.apply(null, stay).pointsAwarded()).isEqualTo(200L);
    }

    private static long yuanAward(String rounding, String amount) {
        String json = retail("", "\"rounding\": {\"mode\": \"" + rounding + "\"}")
                .replace("\"USD\"", "\"CNY\"").replace("\"baseRate\": \"1\"", "\"baseRate\": \"1.5\"");
        LoyaltyEngine engine = engine(json);
        return engine.apply(null, Purchase.of("p1", "m1", at("2025-03-03T10:00:00Z"), Money.of(amount, "CNY")))
                .pointsAwarded();
    }

    @Test
    void rounding_mode_decides_fractional_points() {
        // 1.5 x 57.30 = 85.95
        assertThat(yuanAward("CEILING", "57.30")).isEqualTo(86L);
        assertThat(yuanAward("FLOOR", "57.30")).isEqualTo(85L);
        assertThat(yuanAward("HALF_UP", "57.30")).isEqualTo(86L);
        // 1.5 x 57.00 = 85.5 -> HALF_UP rounds the half up; 1.5 x 56.90 = 85.35 -> down
        assertThat(yuanAward("HALF_UP", "57.00")).isEqualTo(86L);
        assertThat(yuanAward("HALF_UP", "56.90")).isEqualTo(85L);
    }

    @Test
    void rounding_per_event_rounds_the_exact_total_once() {
        String perAward = retail("", "\"rounding\": {\"mode\": \"FLOOR\", \"scope\": \"PER_AWARD\"}");
        String perEvent = retail("", "\"rounding\": {\"mode\": \"FLOOR\", \"scope\": \"PER_EVENT\"}");
        LoyaltyEngine a = engine(perAward);
        LoyaltyEngine e = engine(perEvent);

        // base 10.90, gold bonus 5.45: per award 10 + 5 = 15; per event floor(16.35) = 16
        assertThat(a.apply(goldMember(a), purchase("p1", "m1", "2025-03-03T10:00:00Z", "10.90")).pointsAwarded())
                .isEqualTo(15L);
        Decision perEventDecision = e.apply(goldMember(e), purchase("p1", "m1", "2025-03-03T10:00:00Z", "10.90"));
        assertThat(perEventDecision.pointsAwarded()).isEqualTo(16L);
        // the largest fraction (.90 of the base) gets the extra unit
        assertThat(perEventDecision.postings()).extracting(Posting::points).containsExactly(11L, 5L);
    }

    @Test
    void a_program_drl_file_adds_a_rule_to_the_standard_pack() {
        String drl = """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;

                rule "Employees earn no points"
                    @intent("Staff purchases are not rewarded")
                    ruleflow-group "earning"
                when
                    Member( hasTag("employee") )
                    EligiblePurchase( $event : eventId )
                then
                    insert( new EarningBlocked( $event, "employee purchase" ) );
                end
                """;
        LoyaltyEngine engine = Programs.engine(retail("", ""), Map.of("earning/employees.drl", drl));
        MemberState employee = engine.newMember("m1", at("2025-01-01T00:00:00Z")).withTags(java.util.Set.of("employee"));

        Decision decision = engine.apply(employee, purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"));

        assertThat(decision.pointsAwarded()).isZero();
        assertThat(decision.explanations().get(0).location()).isEqualTo("program:earning/employees.drl:4");
        assertThat(decision.explanations().get(0).sentence()).isEqualTo("employee purchase: no points");
    }

    @Test
    void a_program_drl_file_replaces_the_standard_file_with_the_same_path() {
        String noBonus = """
                package org.loyaltyrules.rules.earning;
                import org.loyaltyrules.rules.facts.*;
                // this program pays no tier bonus at all
                """;
        LoyaltyEngine engine = Programs.engine(retail("", ""), Map.of("earning/tier-bonus.drl", noBonus));

        assertThat(engine.apply(goldMember(engine), purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"))
                .pointsAwarded()).isEqualTo(100L);
        assertThat(engine.program().rulePaths()).contains("earning/tier-bonus.drl");
    }

    @Test
    void a_program_can_reward_money_in_minor_units() {
        String json = retail("", "\"reward\": {\"unit\": \"MONEY\"}").replace("\"baseRate\": \"1\"", "\"baseRate\": \"2\"");
        LoyaltyEngine engine = Programs.engine(json);

        // 2 % cashback of 123.45 USD = 246.9 cents -> 246 cents (FLOOR)
        Decision decision = engine.apply(null, purchase("p1", "m1", "2025-03-03T10:00:00Z", "123.45"));

        assertThat(decision.pointsAwarded()).isEqualTo(246L);
        assertThat(ProgramJson.parse(json, "x").rewardUnit()).isEqualTo(org.loyaltyrules.rules.program.RewardUnit.MONEY);
    }

    @Test
    void points_per_currency_unit_accept_lines_that_do_not_add_up_to_the_amount() {
        LoyaltyEngine engine = engine(retail("\"exclusions\": {\"categories\": [\"tobacco\"]}", ""));
        Purchase purchase = Programs.withLines(purchase("p1", "m1", "2025-03-03T10:00:00Z", "100.00"),
                line("T1", "tobacco", "30.00"));

        // only the excluded line is taken out: 100 - 30 = 70
        assertThat(engine.apply(null, purchase).pointsAwarded()).isEqualTo(70L);
        assertThat(List.of(BigDecimal.ONE)).hasSize(1);
    }
}
