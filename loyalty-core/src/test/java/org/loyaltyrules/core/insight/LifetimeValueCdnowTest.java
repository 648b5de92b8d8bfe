package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD and Gamma-Gamma fitted on lifetimes' CDNOW summary (cdnow_customers_summary_with_transactions.csv, the
 * data behind lifetimes' README and Quickstart), compared with the numbers lifetimes publishes there:
 * {@code <BetaGeoFitter: fitted with 2357 subjects, a: 0.79, alpha: 4.41, b: 2.43, r: 0.24>},
 * {@code <GammaGammaFitter: fitted with 946 subjects, p: 6.25, q: 3.74, v: 15.45>}, and its per-customer examples.
 */
class LifetimeValueCdnowTest {

    private static final List<String[]> ROWS = Cdnow.csv("cdnow_customers_summary_with_transactions.csv");
    private static final Map<String, RepeatHistory> HISTORIES = ROWS.stream().collect(Collectors.toMap(
            r -> r[0], r -> new RepeatHistory(Integer.parseInt(r[1]), Double.parseDouble(r[2]),
                    Double.parseDouble(r[3]), Double.parseDouble(r[4]))));
    private static final List<RepeatHistory> ALL = ROWS.stream().map(r -> HISTORIES.get(r[0])).toList();
    private static final BgNbdFit BG = BgNbdFit.of(ALL);
    private static final GammaGammaFit GG = GammaGammaFit.of(ALL);

    @Test
    void bg_nbd_fit_is_at_least_as_likely_as_lifetimes_published_parameters() {
        BgNbdModel published = new BgNbdModel(0.24, 4.41, 0.79, 2.43);
        double publishedLogLikelihood = published.logLikelihood(ALL);

        assertThat(publishedLogLikelihood).isCloseTo(-9582.4776, within(1e-3));
        assertThat(BG.logLikelihood()).isGreaterThanOrEqualTo(publishedLogLikelihood - 1e-6);
        // Fader, Hardie & Lee (2005) report LL = -9582.4 at r = 0.243, alpha = 4.414, a = 0.793, b = 2.426
        assertThat(BG.logLikelihood()).isCloseTo(-9582.4256, within(1e-3));
        assertThat(BG.members()).isEqualTo(2_357);
    }

    @Test
    void bg_nbd_parameters_round_to_lifetimes_published_ones() {
        BgNbdModel m = BG.model();
        assertThat(m.r()).isCloseTo(0.2426, within(1e-4));
        assertThat(m.alpha()).isCloseTo(4.4135, within(1e-3));
        assertThat(m.a()).isCloseTo(0.7929, within(1e-4));
        assertThat(m.b()).isCloseTo(2.4258, within(1e-3));
    }

    @Test
    void expected_purchases_next_week_match_lifetimes_quickstart_ranking() {
        // Quickstart: ID 1516 (26, 30.86, 31.00) -> 0.710623, ID 157 (29, 37.71, 38.00) -> 0.662396,
        // ID 1981 (17, 28.43, 28.86) -> 0.486526
        assertThat(BG.model().expectedPurchases(1, HISTORIES.get("1516"))).isCloseTo(0.710623, within(1e-5));
        assertThat(BG.model().expectedPurchases(1, HISTORIES.get("157"))).isCloseTo(0.662396, within(1e-5));
        assertThat(BG.model().expectedPurchases(1, HISTORIES.get("1981"))).isCloseTo(0.486526, within(1e-5));
    }

    @Test
    void probability_alive_of_customer_one_by_hand() {
        // x = 2, t_x = 30.43, T = 38.86 at the published parameters:
        // 1 / (1 + 0.79 / (2.43 + 2 - 1) * ((4.41 + 38.86) / (4.41 + 30.43))^(0.24 + 2)) = 0.726...
        BgNbdModel published = new BgNbdModel(0.24, 4.41, 0.79, 2.43);
        double ratio = 0.79 / 3.43 * Math.pow(43.27 / 34.84, 2.24);
        assertThat(published.probabilityAlive(HISTORIES.get("1"))).isCloseTo(1 / (1 + ratio), within(1e-12));
        assertThat(BG.model().probabilityAlive(HISTORIES.get("1"))).isCloseTo(0.72661, within(1e-4));
        assertThat(BG.model().probabilityAlive(HISTORIES.get("3"))).isEqualTo(1.0);
    }

    @Test
    void gamma_gamma_fit_on_repeat_customers_rounds_to_lifetimes_published_parameters() {
        assertThat(GG.members()).isEqualTo(946);
        GammaGammaModel m = GG.model();
        assertThat(m.p()).isCloseTo(6.2488, within(1e-3));
        assertThat(m.q()).isCloseTo(3.7446, within(1e-3));
        assertThat(m.v()).isCloseTo(15.4477, within(1e-3));
        GammaGammaModel published = new GammaGammaModel(6.25, 3.74, 15.45);
        assertThat(GG.logLikelihood()).isGreaterThanOrEqualTo(published.logLikelihood(ALL) - 1e-6);
        assertThat(GG.logLikelihood()).isCloseTo(-4055.9232, within(1e-3));
    }

    @Test
    void expected_average_value_matches_lifetimes_quickstart() {
        // Quickstart: customer 1 24.658619, 2 18.911489, 3 (no repeats: the population mean) 35.170981, 6 71.462843
        GammaGammaModel m = GG.model();
        assertThat(m.expectedAverageValue(HISTORIES.get("1"))).isCloseTo(24.658619, within(1e-4));
        assertThat(m.expectedAverageValue(HISTORIES.get("2"))).isCloseTo(18.911489, within(1e-4));
        assertThat(m.expectedAverageValue(HISTORIES.get("3"))).isCloseTo(35.170981, within(1e-4));
        assertThat(m.expectedAverageValue(HISTORIES.get("6"))).isCloseTo(71.462843, within(1e-4));
    }

    @Test
    void lifetime_value_matches_lifetimes_quickstart_with_its_default_time_unit() {
        // The Quickstart calls customer_lifetime_value(time=12, discount_rate=0.01) with its default freq='D' on
        // weekly summaries, so each "month" is 30 model units; we reproduce it with DAYS_PER_MONTH.
        Function<String, Double> clv = id -> LifetimeValue.of(BG.model(), GG.model(), HISTORIES.get(id), 12, 0.01,
                LifetimeValue.DAYS_PER_MONTH);
        assertThat(clv.apply("1")).isCloseTo(140.096211, within(1e-3));
        assertThat(clv.apply("2")).isCloseTo(18.943467, within(1e-3));
        assertThat(clv.apply("3")).isCloseTo(38.180574, within(1e-3));
        assertThat(clv.apply("6")).isCloseTo(1003.868107, within(1e-3));
        // with weekly summaries the right unit is 4.345 weeks a month: a year of customer 1 is worth far less
        assertThat(LifetimeValue.of(BG.model(), GG.model(), HISTORIES.get("1"), 12, 0.01,
                LifetimeValue.WEEKS_PER_MONTH)).isCloseTo(36.2785, within(1e-3));
    }

    @Test
    void fitting_the_summaries_computed_from_the_sample_gives_the_same_model() {
        List<RepeatHistory> ours = PurchaseSummary
                .summarize(Cdnow.sampleTransactions(), Cdnow.CALIBRATION_END, SummaryConvention.WEEKS_OF_DAYS)
                .stream().map(PurchaseSummary::history).toList();
        BgNbdModel m = BgNbdFit.of(ours).model();
        // unrounded recency and age move the optimum by less than 1e-3
        assertThat(m.r()).isCloseTo(BG.model().r(), within(1e-3));
        assertThat(m.alpha()).isCloseTo(BG.model().alpha(), within(1e-2));
        assertThat(m.a()).isCloseTo(BG.model().a(), within(1e-3));
        assertThat(m.b()).isCloseTo(BG.model().b(), within(1e-2));
    }
}
