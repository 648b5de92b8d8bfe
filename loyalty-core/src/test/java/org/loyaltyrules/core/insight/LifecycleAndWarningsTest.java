package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.core.member.GrowthEntry;
import org.loyaltyrules.core.member.GrowthLedger;
import org.loyaltyrules.core.member.MemberState;
import org.loyaltyrules.core.program.ProgramCalendar;
import org.loyaltyrules.core.tier.DowngradePolicy;
import org.loyaltyrules.core.tier.QualificationWindow;
import org.loyaltyrules.core.tier.StatusValidity;
import org.loyaltyrules.core.tier.Tier;
import org.loyaltyrules.core.tier.TierLadder;
import org.loyaltyrules.core.tier.TierSource;
import org.loyaltyrules.core.tier.TierStatus;

class LifecycleAndWarningsTest {

    static final ProgramCalendar UTC = ProgramCalendar.of(ZoneId.of("UTC"));
    static final LifecycleSettings STANDARD = LifecycleSettings.standard();
    static final TierLadder NIGHTS = TierLadder.of("nights", List.of(Tier.of("base", 0), Tier.of("silver", 10),
            new Tier("gold", "Gold", new BigDecimal("25"), new BigDecimal("20"), true)));

    private static Trend trend(String recent, String previous) {
        return new Trend(new BigDecimal(recent), new BigDecimal(previous));
    }

    @Test
    void lifecycle_stage_follows_tenure_and_the_trend_of_spend_and_orders() {
        assertThat(LifecycleStage.classify(30, trend("0", "0"), trend("0", "0"), STANDARD))
                .isEqualTo(LifecycleStage.ACQUISITION);
        // 200 days, spend 300 after 250, orders 3 after 3: growing relationship
        assertThat(LifecycleStage.classify(200, trend("300", "250"), trend("3", "3"), STANDARD))
                .isEqualTo(LifecycleStage.FORMATION);
        assertThat(LifecycleStage.classify(800, trend("300", "250"), trend("3", "3"), STANDARD))
                .isEqualTo(LifecycleStage.STABLE);
        // spend 174.99 < 0.7 x 250 = 175: declined; 175 exactly is not
        assertThat(LifecycleStage.classify(800, trend("174.99", "250"), trend("3", "3"), STANDARD))
                .isEqualTo(LifecycleStage.DECLINE);
        assertThat(LifecycleStage.classify(800, trend("175", "250"), trend("3", "3"), STANDARD))
                .isEqualTo(LifecycleStage.STABLE);
        // orders 2 < 0.7 x 3 = 2.1: declined although spend held
        assertThat(LifecycleStage.classify(800, trend("300", "250"), trend("2", "3"), STANDARD))
                .isEqualTo(LifecycleStage.DECLINE);
        assertThat(LifecycleStage.classify(200, trend("0", "0"), trend("0", "0"), STANDARD))
                .isEqualTo(LifecycleStage.DECLINE);
    }

    @Test
    void acquisition_ends_at_90_days_of_tenure_and_formation_at_365() {
        Trend steady = trend("100", "100");

        // tenure < acquisitionDays (90) is ACQUISITION, < formationDays (365) FORMATION (insight.md section 6)
        assertThat(LifecycleStage.classify(89, steady, steady, STANDARD)).isEqualTo(LifecycleStage.ACQUISITION);
        assertThat(LifecycleStage.classify(90, steady, steady, STANDARD)).isEqualTo(LifecycleStage.FORMATION);
        assertThat(LifecycleStage.classify(364, steady, steady, STANDARD)).isEqualTo(LifecycleStage.FORMATION);
        assertThat(LifecycleStage.classify(365, steady, steady, STANDARD)).isEqualTo(LifecycleStage.STABLE);
    }

    @Test
    void lifecycle_stage_of_a_member_reads_purchases_in_the_two_windows() {
        // enrolled 2025-01-01, at 2026-06-29: tenure 544 days. Recent window 2026-04-01..06-29 (90 days):
        // one purchase of 40.00; previous window 2026-01-01..03-31: 100.00 and 60.00. 40 < 0.7 x 160 -> DECLINE
        MemberState member = MemberState.enrol("m1", Instant.parse("2025-01-01T09:00:00Z"), "base").withPurchases(
                List.of(ValuePyramidTest.purchase("p1", "2026-01-01T10:00:00Z", "100.00", "0"),
                        ValuePyramidTest.purchase("p2", "2026-03-31T23:00:00Z", "60.00", "0"),
                        ValuePyramidTest.purchase("p3", "2026-04-01T08:00:00Z", "40.00", "0")));

        assertThat(LifecycleStage.of(member, Instant.parse("2026-06-29T12:00:00Z"), UTC, STANDARD))
                .isEqualTo(LifecycleStage.DECLINE);
    }

    @Test
    void churn_warning_names_a_low_probability_alive_and_a_long_silence() {
        // purchase days 01-01, 01-31, 03-02, 04-11: gaps 30, 30, 40, median 30; 2026-06-15 is 65 days after 04-11
        List<LocalDate> days = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 4, 11));

        ChurnWarning warning = ChurnWarning.assess(0.2137, days, LocalDate.of(2026, 6, 15), ChurnSettings.standard());

        assertThat(warning.raised()).isTrue();
        assertThat(warning.reasons()).containsExactly("probability alive 0.21 < 0.3",
                "no purchase for 65 days, more than 2 × the usual 30 days");
        // just below the minimum reads below it (0.2996 shown as 0.29, not 0.30)
        assertThat(ChurnWarning.assess(0.2996, days, LocalDate.of(2026, 4, 12), ChurnSettings.standard()).reasons())
                .containsExactly("probability alive 0.29 < 0.3");
        // 60 days of silence is not more than 2 x 30
        assertThat(ChurnWarning.assess(null, days, LocalDate.of(2026, 6, 10), ChurnSettings.standard()))
                .isEqualTo(ChurnWarning.NONE);
    }

    @Test
    void purchase_days_in_any_order_repeated_or_after_the_assessment_day_count_once_up_to_that_day() {
        // the same four days as above (gaps 30, 30, 40: usual 30), given twice over, shuffled, with a later day
        LocalDate asOf = LocalDate.of(2026, 6, 15);
        List<LocalDate> inOrder = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31),
                LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 11), LocalDate.of(2026, 4, 11), LocalDate.of(2026, 7, 1));
        List<LocalDate> shuffled = List.of(LocalDate.of(2026, 4, 11), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 3, 2), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 11));

        ChurnWarning fromOrdered = ChurnWarning.assess(null, inOrder, asOf, ChurnSettings.standard());
        ChurnWarning fromShuffled = ChurnWarning.assess(null, shuffled, asOf, ChurnSettings.standard());

        assertThat(fromOrdered.reasons()).containsExactly("no purchase for 65 days, more than 2 × the usual 30 days");
        assertThat(fromShuffled).isEqualTo(fromOrdered);
    }

    @Test
    void the_usual_interval_of_an_even_number_of_gaps_is_the_mean_of_the_middle_two() {
        // gaps 10, 20, 30, 50 -> (20 + 30) / 2 = 25
        assertThat(ChurnWarning.medianGap(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 11),
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 21))))
                .isEqualTo(new BigDecimal("25"));
    }

    @Test
    void a_gold_member_behind_pace_is_told_what_is_missing_by_the_end_of_the_window() {
        // window 2026-01-01..2027-01-01 (365 days); on 2026-11-20, 324 days elapsed with 17 nights:
        // 17 x 365 / 324 = 19.15 < keep 20 -> needs 20 - 17 = 3 more nights by 2026-12-31
        MemberState gold = goldMember(new GrowthEntry("s1", Instant.parse("2026-02-10T10:00:00Z"), "nights",
                new BigDecimal("9")), new GrowthEntry("s2", Instant.parse("2026-10-01T10:00:00Z"), "nights",
                new BigDecimal("8")));

        Optional<DowngradeWarning> warning = DowngradeWarning.assess(gold, NIGHTS, UTC,
                Instant.parse("2026-11-20T12:00:00Z"));

        assertThat(warning).contains(new DowngradeWarning("gold", "nights", new BigDecimal("17"),
                new BigDecimal("19.15"), new BigDecimal("20"), new BigDecimal("3"), LocalDate.of(2026, 12, 31)));
        assertThat(warning.orElseThrow().message()).isEqualTo("needs 3 more nights by 2026-12-31");
    }

    @Test
    void a_member_whose_paid_term_runs_to_the_end_of_the_window_gets_no_downgrade_warning() {
        // given: the 17 nights by 2026-11-20 that warn an earned gold member (above), held by a member whose gold is
        // paid to 2027-01-01, the end of the window: the term, not the nights, decides the tier until then, and at
        // its end the member holds the status earned beneath it (docs/semantics.md 5.5), which the pace of the paid
        // tier's keep threshold does not judge
        GrowthEntry[] nights = {new GrowthEntry("s1", Instant.parse("2026-02-10T10:00:00Z"), "nights",
                new BigDecimal("9")), new GrowthEntry("s2", Instant.parse("2026-10-01T10:00:00Z"), "nights",
                new BigDecimal("8"))};
        MemberState paid = goldMember(nights).withTier(new TierStatus("gold", TierSource.PAID,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), null,
                Instant.parse("2027-01-01T00:00:00Z")));
        Instant at = Instant.parse("2026-11-20T12:00:00Z");

        // when / then
        assertThat(DowngradeWarning.assess(goldMember(nights), NIGHTS, UTC, at)).isPresent();
        assertThat(DowngradeWarning.assess(paid, NIGHTS, UTC, at)).isEmpty();
    }

    @Test
    void a_member_on_pace_a_base_member_and_a_floored_member_get_no_downgrade_warning() {
        // 12 nights by 2026-07-01: 12 x 365 = 4380 >= 20 x 182 = 3640 -> on pace
        MemberState onPace = goldMember(new GrowthEntry("s1", Instant.parse("2026-03-01T10:00:00Z"), "nights",
                new BigDecimal("12")));
        Instant july = Instant.parse("2026-07-01T12:00:00Z");

        assertThat(DowngradeWarning.assess(onPace, NIGHTS, UTC, july)).isEmpty();
        assertThat(DowngradeWarning.assess(MemberState.enrol("b", july, "base"), NIGHTS, UTC, july)).isEmpty();
        MemberState floored = goldMember().withTier(new TierStatus("gold", TierSource.MANUAL,
                Instant.parse("2025-06-01T00:00:00Z"), null, "gold", null));
        assertThat(DowngradeWarning.assess(floored, NIGHTS, UTC, july)).isEmpty();
    }

    @Test
    void a_member_exactly_on_pace_gets_no_warning_and_one_night_less_does() {
        // window 2026 (365 days), keep 20; 14 March is day 73 (the current day counted): 4 x 365 = 20 x 73 exactly
        LocalDate start = LocalDate.of(2026, 1, 1);
        LocalDate end = LocalDate.of(2027, 1, 1);
        LocalDate day73 = LocalDate.of(2026, 3, 14);

        assertThat(DowngradeWarning.assess("gold", "nights", new BigDecimal("4"), new BigDecimal("20"), start, day73,
                end)).isEmpty();
        // 3 x 365 / 73 = 15 < 20: needs 17 more nights by 2026-12-31
        assertThat(DowngradeWarning.assess("gold", "nights", new BigDecimal("3"), new BigDecimal("20"), start, day73,
                end).map(DowngradeWarning::message)).contains("needs 17 more nights by 2026-12-31");
    }

    @Test
    void a_rolling_window_is_judged_on_the_months_before_the_review_not_the_months_before_today() {
        // rolling 12 months, reviewed on the anniversary (1 January): 20 nights on 2024-12-20 kept gold at the
        // 2025-01-01 review (valid until 2026-01-01); on 2025-12-15 the 2026-01-01 review reads 2025-01-01..2025-12-31,
        // which holds 0 nights: 0 x 365 < 20 x 349 -> needs 20 more by 2025-12-31 (the last 12 months still hold 20)
        TierLadder rolling = new TierLadder(NIGHTS.tiers(), "nights", new QualificationWindow.RollingMonths(12),
                StatusValidity.END_OF_WINDOW, DowngradePolicy.TO_EARNED_LEVEL, Duration.ZERO);
        MemberState gold = MemberState.enrol("g2", Instant.parse("2024-01-01T00:00:00Z"), "base")
                .withTier(new TierStatus("gold", TierSource.EARNED, Instant.parse("2024-12-20T10:00:00Z"),
                        Instant.parse("2026-01-01T00:00:00Z"), null, null))
                .withGrowth(GrowthLedger.EMPTY.plus(List.of(new GrowthEntry("s1",
                        Instant.parse("2024-12-20T10:00:00Z"), "nights", new BigDecimal("20")))));

        Optional<DowngradeWarning> warning = DowngradeWarning.assess(gold, rolling, UTC,
                Instant.parse("2025-12-15T12:00:00Z"));

        assertThat(warning.map(DowngradeWarning::message)).contains("needs 20 more nights by 2025-12-31");
    }

    @Test
    void a_status_valid_through_next_year_is_not_warned_about_before_that_year_begins() {
        // gold valid until 2027-01-01 is reviewed on the 2026 window; in 2025 that window has not begun
        MemberState gold = goldMember(new GrowthEntry("s1", Instant.parse("2025-02-10T10:00:00Z"), "nights",
                new BigDecimal("2")));

        assertThat(DowngradeWarning.assess(gold, NIGHTS, UTC, Instant.parse("2025-11-20T12:00:00Z"))).isEmpty();
    }

    static MemberState goldMember(GrowthEntry... nights) {
        return MemberState.enrol("g1", Instant.parse("2024-05-01T00:00:00Z"), "base")
                .withTier(new TierStatus("gold", TierSource.EARNED, Instant.parse("2025-06-01T00:00:00Z"),
                        Instant.parse("2027-01-01T00:00:00Z"), null, null))
                .withGrowth(GrowthLedger.EMPTY.plus(List.of(nights)));
    }
}
