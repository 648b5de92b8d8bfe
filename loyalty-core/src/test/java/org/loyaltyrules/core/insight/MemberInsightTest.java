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
        assertThat(insight.rfmSegment()).contains(RfmSegment.POTENTIAL_LOYALIST);
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

    private static List<BigDecimal> decimals(long... values) {
        return java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }
}
