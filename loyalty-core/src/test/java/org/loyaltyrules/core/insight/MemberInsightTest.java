package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.GrowthLedger;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.member.RefundRecord;
import org.loyaltyrules.core.money.Money;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;

class MemberInsightTest {

    static final Instant AT = Instant.parse("2025-12-31T12:00:00Z");
    static final BgNbdModel CDNOW_BG = new BgNbdModel(0.24, 4.41, 0.79, 2.43);
    static final GammaGammaModel CDNOW_GG = new GammaGammaModel(6.25, 3.74, 15.45);
    // rfm's documented custom thresholds for its sample orders
    static final RfmThresholds THRESHOLDS = new RfmThresholds(decimals(115, 181, 297, 482), decimals(4, 5, 6, 8),
            decimals(256, 382, 506, 666));
    static final LayeringModel LAYERING = new LayeringModel(
            Map.of(MemberInsight.ANNUAL_SPEND, new BigDecimal("0.01"), MemberInsight.ANNUAL_ORDERS,
                    new BigDecimal("2"), MemberInsight.RFM_TOTAL, BigDecimal.ONE),
            Map.of(MemberInsight.REFUNDS, new BigDecimal("2"), MemberInsight.COMPLAINTS, new BigDecimal("5")),
            List.of(new Layer("bronze", BigDecimal.ZERO), new Layer("silver", new BigDecimal("15")),
                    new Layer("gold", new BigDecimal("30"))));

    /**
     * Enrolled 2025-01-01; purchases 01-10 50.00, 03-14 30.00, 06-20 40.00 (10.00 refunded on 06-25), 08-01 20.00;
     * gold on a nights ladder with 5 nights this year; last survey answer 8; attribute complaints = 1.
     */
    static MemberState member() {
        return MemberState.enrol("m1", Instant.parse("2025-01-01T09:00:00Z"), "base")
                .withPurchases(List.of(ValuePyramidTest.purchase("p1", "2025-01-10T10:00:00Z", "50.00", "0"),
                        ValuePyramidTest.purchase("p2", "2025-03-14T10:00:00Z", "30.00", "0"),
                        ValuePyramidTest.purchase("p3", "2025-06-20T10:00:00Z", "40.00", "10.00"),
                        ValuePyramidTest.purchase("p4", "2025-08-01T10:00:00Z", "20.00", "0")))
                .withRefunds(List.of(new RefundRecord("r1", Instant.parse("2025-06-25T10:00:00Z"), "p3",
                        Money.of("10.00", "USD"))))
                .withTier(new TierStatus("gold", TierSource.EARNED, Instant.parse("2025-01-01T09:00:00Z"),
                        Instant.parse("2026-01-01T00:00:00Z"), null, null))
                .withGrowth(GrowthLedger.EMPTY.plus(List.of(new GrowthEntry("s1", Instant.parse("2025-03-14T10:00:00Z"),
                        "nights", new BigDecimal("5")))))
                .withSurveyScore(8)
                .withAttributes(Map.of("complaints", "1"));
    }

    @Test
    void insight_gathers_every_measure_a_rule_reads() {
        InsightContext context = new InsightContext(LifecycleAndWarningsTest.UTC, LifecycleAndWarningsTest.NIGHTS,
                THRESHOLDS, LifetimeModels.weekly(CDNOW_BG, CDNOW_GG), LAYERING, null, null);

        MemberInsight insight = MemberInsight.of(member(), AT, context);

        // RFM: 152 days since 08-01 -> [115, 181) -> r 4; 4 orders -> [4, 5) -> f 2; 130.00 < 256 -> m 1
        assertThat(insight.rfm()).isEqualTo(new RfmScore(new RfmValues("m1", 152, 4, new BigDecimal("130.00")),
                4, 2, 1));
        // 421: frequency 2 leaves out Potential Loyalist, monetary 1 Loyal Customers and Promising
        assertThat(insight.rfmSegment()).contains(RfmSegment.NEW_CUSTOMERS);
        // weekly summary: x = 3, t_x = 203 / 7 = 29 weeks, T = 355 / 7 weeks, m = (30 + 30 + 20) / 3
        RepeatHistory history = new RepeatHistory(3, 29.0, 355 / 7.0, 80 / 3.0);
        double ratio = 0.79 / (2.43 + 3 - 1) * Math.pow((4.41 + 355 / 7.0) / (4.41 + 29.0), 0.24 + 3);
        assertThat(insight.probabilityAlive()).isCloseTo(1 / (1 + ratio), within(1e-12));
        assertThat(insight.probabilityAlive()).isCloseTo(0.52541, within(1e-5));
        assertThat(insight.expectedPurchases()).isCloseTo(CDNOW_BG.expectedPurchases(4.345, history), within(1e-12));
        assertThat(insight.lifetimeValue()).isCloseTo(LifetimeValue.of(CDNOW_BG, CDNOW_GG, history, 12, 0.01, 4.345),
                within(1e-9));
        // nothing since 08-01 in the last 90 days, 20.00 in the 90 before -> declining
        assertThat(insight.lifecycleStage()).isEqualTo(LifecycleStage.DECLINE);
        // gaps 63, 98, 42 days -> usual 63; 152 days silent > 126
        assertThat(insight.churnWarning().reasons())
                .containsExactly("no purchase for 152 days, more than 2 × the usual 63 days");
        assertThat(insight.downgradeShortfall()).contains("needs 15 more nights by 2025-12-31");
        assertThat(insight.npsCategory()).isEqualTo(NpsCategory.PASSIVE);
        // 0.01 x 130.00 + 2 x 4 + (4 + 2 + 1) = 16.30, minus 2 x 1 refund and 5 x 1 complaint = 9.30 -> bronze
        assertThat(insight.valueLayer()).isEqualTo(new LayerAssessment(new BigDecimal("9.3000"), "bronze"));
    }

    @Test
    void expected_purchases_are_over_the_models_horizon_not_a_month() {
        // given: a 10-week horizon beside the 4.345 weeks a month (weekly() makes the two equal)
        LifetimeModels tenWeeks = new LifetimeModels(CDNOW_BG, CDNOW_GG, SummaryConvention.WEEKS_OF_DAYS, 10.0, 12,
                0.01, 4.345);

        // when
        MemberInsight insight = MemberInsight.of(member(), AT, new InsightContext(LifecycleAndWarningsTest.UTC, null,
                null, tenWeeks, null, null, null));
        MemberInsight weekly = MemberInsight.of(member(), AT, new InsightContext(LifecycleAndWarningsTest.UTC, null,
                null, LifetimeModels.weekly(CDNOW_BG, CDNOW_GG), null, null, null));

        // then: E[N(10)] for x = 3, t_x = 29, T = 355 / 7 with the CDNOW parameters, computed independently with
        // scipy's hyp2f1 (lifetimes' formula; E[N(4.345)] = 0.131427036883); the lifetime value depends on the
        // months and unitsPerMonth only, not on the horizon
        assertThat(insight.expectedPurchases()).isCloseTo(0.294815865998, within(1e-9));
        assertThat(weekly.expectedPurchases()).isCloseTo(0.131427036883, within(1e-9));
        assertThat(insight.lifetimeValue()).isEqualTo(weekly.lifetimeValue());
    }

    @Test
    void without_optional_context_the_model_values_are_absent() {
        MemberInsight insight = MemberInsight.of(member(), AT, InsightContext.of(LifecycleAndWarningsTest.UTC));

        assertThat(insight).isEqualTo(new MemberInsight("m1", AT, null, null, null, null, LifecycleStage.DECLINE,
                new ChurnWarning(List.of("no purchase for 152 days, more than 2 × the usual 63 days")), null,
                NpsCategory.PASSIVE, null));
    }

    @Test
    void insight_ignores_purchases_after_the_instant() {
        MemberInsight early = MemberInsight.of(member(), Instant.parse("2025-03-15T00:00:00Z"),
                new InsightContext(LifecycleAndWarningsTest.UTC, null, THRESHOLDS, null, null, null, null));

        // as of 03-15: orders 01-10 and 03-14 only, 1 day since the last -> r 5, f 1, m 1 (80.00)
        assertThat(early.rfm()).isEqualTo(new RfmScore(new RfmValues("m1", 1, 2, new BigDecimal("80.00")), 5, 1, 1));
        assertThat(early.lifecycleStage()).isEqualTo(LifecycleStage.ACQUISITION);
    }

    @Test
    void insight_ignores_a_purchase_later_on_the_same_day_as_the_instant() {
        // 06-01 09:00 100.00 and 06-01 20:00 500.00; as of 06-01 12:00 only the first has been made
        MemberState member = MemberState.enrol("m2", Instant.parse("2025-01-01T09:00:00Z"), "base")
                .withPurchases(List.of(ValuePyramidTest.purchase("p1", "2025-02-01T10:00:00Z", "100.00", "0"),
                        ValuePyramidTest.purchase("p2", "2025-06-01T09:00:00Z", "100.00", "0"),
                        ValuePyramidTest.purchase("p3", "2025-06-01T20:00:00Z", "500.00", "0")));
        Instant noon = Instant.parse("2025-06-01T12:00:00Z");

        MemberInsight insight = MemberInsight.of(member, noon,
                new InsightContext(LifecycleAndWarningsTest.UTC, null, THRESHOLDS, null, LAYERING, null, null));

        // 2 orders, 200.00, 0 days since the last -> r 5, f 1 (< 4), m 1 (< 256)
        assertThat(insight.rfm()).isEqualTo(new RfmScore(new RfmValues("m2", 0, 2, new BigDecimal("200.00")), 5, 1, 1));
        // 0.01 x 200.00 + 2 x 2 orders + (5 + 1 + 1) = 13.00
        assertThat(insight.valueLayer()).isEqualTo(new LayerAssessment(new BigDecimal("13.0000"), "bronze"));
    }

    @Test
    void a_refund_made_after_the_instant_does_not_reach_back() {
        // 02-01 100.00; 03-01 300.00 refunded in full on 09-01; as of 06-01 both purchases stand
        MemberState member = MemberState.enrol("m3", Instant.parse("2025-01-01T09:00:00Z"), "base")
                .withPurchases(List.of(ValuePyramidTest.purchase("p1", "2025-02-01T10:00:00Z", "100.00", "0"),
                        ValuePyramidTest.purchase("p2", "2025-03-01T10:00:00Z", "300.00", "300.00")))
                .withRefunds(List.of(new RefundRecord("r1", Instant.parse("2025-09-01T10:00:00Z"), "p2",
                        Money.of("300.00", "USD"))));
        Instant june = Instant.parse("2025-06-01T12:00:00Z");
        InsightContext context = new InsightContext(LifecycleAndWarningsTest.UTC, null, THRESHOLDS, null, LAYERING,
                null, null);

        MemberInsight before = MemberInsight.of(member, june, context);
        MemberInsight after = MemberInsight.of(member, Instant.parse("2025-09-02T12:00:00Z"), context);

        // as of 06-01: 2 orders, 400.00, 92 days since 03-01 -> r 5 (< 115), f 1, m 3 ([382, 506))
        assertThat(before.rfm()).isEqualTo(new RfmScore(new RfmValues("m3", 92, 2, new BigDecimal("400.00")), 5, 1, 3));
        assertThat(ValuePyramid.annualSpend(member, june, LifecycleAndWarningsTest.UTC))
                .isEqualByComparingTo("400.00");
        // 0.01 x 400.00 + 2 x 2 + (5 + 1 + 3) = 17.00, no refund yet -> silver (>= 15)
        assertThat(before.valueLayer()).isEqualTo(new LayerAssessment(new BigDecimal("17.0000"), "silver"));
        // as of 09-02 the refunded purchase is gone: 1 order, 100.00, 213 days since 02-01 -> r 3 ([181, 297)), f 1, m 1
        assertThat(after.rfm()).isEqualTo(new RfmScore(new RfmValues("m3", 213, 1, new BigDecimal("100.00")), 3, 1, 1));
    }

    @Test
    void a_refund_made_at_the_instant_reduces_the_purchase() {
        // 02-01 100.00, 40.00 of it refunded at 03-01 10:00: each purchase is "net of the refunds made up to" the
        // instant, and a refund made at it is made up to it, as a purchase at it is counted (audit 14 A4 took it as
        // later)
        MemberState member = MemberState.enrol("m5", Instant.parse("2025-01-01T09:00:00Z"), "base")
                .withPurchases(List.of(ValuePyramidTest.purchase("p1", "2025-02-01T10:00:00Z", "100.00", "40.00")))
                .withRefunds(List.of(new RefundRecord("r1", Instant.parse("2025-03-01T10:00:00Z"), "p1",
                        Money.of("40.00", "USD"))));
        Instant refunded = Instant.parse("2025-03-01T10:00:00Z");

        assertThat(Transaction.of(member, LifecycleAndWarningsTest.UTC, refunded)).extracting(Transaction::amount)
                .containsExactly(new BigDecimal("60.00"));
        assertThat(ValuePyramid.annualSpend(member, refunded, LifecycleAndWarningsTest.UTC))
                .isEqualByComparingTo("60.00");
        assertThat(ValuePyramid.annualSpend(member, refunded.minusSeconds(1), LifecycleAndWarningsTest.UTC))
                .isEqualByComparingTo("100.00");
    }

    @Test
    void lifetime_models_of_zero_months_give_a_lifetime_value_of_zero() {
        // 0 months of value is a sum of no months; expected purchases keep their horizon (audit 14 LM2 refused 0)
        LifetimeModels noMonths = new LifetimeModels(CDNOW_BG, CDNOW_GG, SummaryConvention.WEEKS_OF_DAYS,
                LifetimeValue.WEEKS_PER_MONTH, 0, 0.01, LifetimeValue.WEEKS_PER_MONTH);
        InsightContext context = new InsightContext(LifecycleAndWarningsTest.UTC, LifecycleAndWarningsTest.NIGHTS,
                THRESHOLDS, noMonths, LAYERING, null, null);

        MemberInsight insight = MemberInsight.of(member(), AT, context);

        // the weekly summary of member() as in insight_gathers_every_measure_a_rule_reads
        RepeatHistory history = new RepeatHistory(3, 29.0, 355 / 7.0, 80 / 3.0);
        assertThat(insight.lifetimeValue()).isEqualTo(0.0);
        assertThat(insight.expectedPurchases()).isCloseTo(CDNOW_BG.expectedPurchases(4.345, history), within(1e-12));
    }

    @Test
    void a_purchase_for_nothing_is_an_order_for_every_measure() {
        // 02-01 10.00, then free purchases on 05-01, 05-02 and 06-01; as of 06-30 (trend windows of 90 days:
        // 04-02..06-30 recent, 01-03..04-01 before): 3 orders recent against 1 before, the same count RFM takes
        MemberState member = MemberState.enrol("m4", Instant.parse("2024-01-01T09:00:00Z"), "base")
                .withPurchases(List.of(ValuePyramidTest.purchase("p1", "2025-02-01T10:00:00Z", "10.00", "0"),
                        ValuePyramidTest.purchase("p2", "2025-05-01T10:00:00Z", "0.00", "0"),
                        ValuePyramidTest.purchase("p3", "2025-05-02T10:00:00Z", "0.00", "0"),
                        ValuePyramidTest.purchase("p4", "2025-06-01T10:00:00Z", "0.00", "0")));
        Instant at = Instant.parse("2025-06-30T12:00:00Z");

        MemberInsight insight = MemberInsight.of(member, at,
                new InsightContext(LifecycleAndWarningsTest.UTC, null, THRESHOLDS, null, LAYERING, null, null));

        // RFM: 29 days since 06-01 -> r 5, 4 orders -> f 2 ([4, 5)), 10.00 -> m 1
        assertThat(insight.rfm()).isEqualTo(new RfmScore(new RfmValues("m4", 29, 4, new BigDecimal("10.00")), 5, 2, 1));
        // the orders indicator counts the free purchases too: 0.01 x 10.00 + 2 x 4 + (5 + 2 + 1) = 16.10 -> silver
        assertThat(insight.valueLayer()).isEqualTo(new LayerAssessment(new BigDecimal("16.1000"), "silver"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "p1 at {0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "2024-12-31T10:00:00Z, 1.05000", // before 12:00 a year before the instant: out of the year
            "2024-12-31T18:00:00Z, 2.15000", // after it: in the year, for the spend and the orders alike
    })
    void annual_orders_and_annual_spend_count_the_purchases_of_one_year_to_the_instant(String p1, String score) {
        // given: 100.00 on 2024-12-31 and 50.00 on 2025-06-01, as of 2025-12-31 12:00; the year to the instant is
        // (2024-12-31 12:00, 2025-12-31 12:00] for both indicators (before, the orders counted by date after
        // 2024-12-31, so 1 order beside 150.00 of spend at 18:00)
        MemberState member = MemberState.enrol("m1", Instant.parse("2024-01-01T09:00:00Z"), "base")
                .withPurchases(List.of(ValuePyramidTest.purchase("p1", p1, "100.00", "0"),
                        ValuePyramidTest.purchase("p2", "2025-06-01T10:00:00Z", "50.00", "0")));

        // when: 1 per order, 0.001 per currency unit of spend
        LayerAssessment layer = layerOf(member, Map.of(MemberInsight.ANNUAL_ORDERS, BigDecimal.ONE,
                MemberInsight.ANNUAL_SPEND, new BigDecimal("0.001")), Map.of());

        // then
        assertThat(layer.score()).isEqualTo(score);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "refund at {0}")
    @org.junit.jupiter.params.provider.CsvSource({"2024-12-31T10:00:00Z, 0", "2024-12-31T18:00:00Z, -1"})
    void the_refunds_deduction_counts_the_refunds_of_the_same_year_to_the_instant(String refundAt, String score) {
        // given: 10.00 of a 2024-12-01 purchase refunded on 2024-12-31, before or after 12:00, as of 2025-12-31 12:00
        MemberState member = MemberState.enrol("m1", Instant.parse("2024-01-01T09:00:00Z"), "base")
                .withPurchases(List.of(ValuePyramidTest.purchase("p1", "2024-12-01T10:00:00Z", "100.00", "10.00"),
                        ValuePyramidTest.purchase("p2", "2025-06-01T10:00:00Z", "50.00", "0")))
                .withRefunds(List.of(new RefundRecord("r1", Instant.parse(refundAt), "p1", Money.of("10.00", "USD"))));

        // when: 1 deducted per refund
        LayerAssessment layer = layerOf(member, Map.of(), Map.of(MemberInsight.REFUNDS, BigDecimal.ONE));

        // then
        assertThat(layer.score()).isEqualByComparingTo(score);
    }

    private static LayerAssessment layerOf(MemberState member, Map<String, BigDecimal> weights,
                                           Map<String, BigDecimal> deductions) {
        LayeringModel model = new LayeringModel(weights, deductions, List.of(new Layer("all", new BigDecimal("-100"))));
        return MemberInsight.of(member, AT, new InsightContext(LifecycleAndWarningsTest.UTC, null, null, null, model,
                null, null)).valueLayer();
    }

    private static List<BigDecimal> decimals(long... values) {
        return java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }
}
