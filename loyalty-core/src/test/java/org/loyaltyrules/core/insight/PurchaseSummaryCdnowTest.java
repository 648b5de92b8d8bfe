package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CDNOW sample summarised as lifetimes did for its published summaries: days grouped, weeks of 7 days. */
class PurchaseSummaryCdnowTest {

    private final Map<String, PurchaseSummary> summaries = PurchaseSummary
            .summarize(Cdnow.sampleTransactions(), Cdnow.CALIBRATION_END, SummaryConvention.WEEKS_OF_DAYS)
            .stream().collect(Collectors.toMap(PurchaseSummary::memberId, Function.identity()));

    @Test
    void every_customer_of_the_sample_is_summarised() {
        assertThat(summaries).hasSize(2_357);
    }

    @Test
    void frequency_recency_and_age_match_lifetimes_cdnow_summary_row_for_row() {
        List<String[]> rows = Cdnow.csv("cdnow_customers_summary.csv");
        assertThat(rows).hasSize(2_357);
        for (String[] row : rows) {
            PurchaseSummary s = summaries.get(row[0]);
            assertThat(new String[] {s.memberId(), String.valueOf(s.frequency()), s.recency(2).toPlainString(),
                    s.age(2).toPlainString()}).as("ID " + row[0]).containsExactly(twoDecimals(row));
        }
    }

    @Test
    void repeat_spend_matches_lifetimes_summary_with_transactions_row_for_row() {
        List<String[]> rows = Cdnow.csv("cdnow_customers_summary_with_transactions.csv");
        assertThat(rows).hasSize(2_357);
        for (String[] row : rows) {
            PurchaseSummary s = summaries.get(row[0]);
            assertThat(new String[] {s.memberId(), String.valueOf(s.frequency()), s.recency(2).toPlainString(),
                    s.age(2).toPlainString(), s.monetaryValue(2).toPlainString()})
                    .as("ID " + row[0]).containsExactly(twoDecimals(row));
        }
    }

    @Test
    void customer_one_is_summarised_from_its_four_purchase_days() {
        // Sample id 0001 bought on 1997-01-01 (29.33), 01-18 (29.73), 08-02 (14.96) and 1997-12-12 (after the
        // calibration end, ignored): 2 repeat days; last - first = 213 days = 30.43 weeks; T = 272 days = 38.86
        // weeks; mean repeat-day spend (29.73 + 14.96) / 2 = 22.345 -> 22.35 half-up.
        PurchaseSummary one = summaries.get("1");

        assertThat(one).isEqualTo(new PurchaseSummary("1", 2, 213, 272, SummaryConvention.WEEKS_OF_DAYS,
                new BigDecimal("44.69")));
        assertThat(one.recency(2)).isEqualTo("30.43");
        assertThat(one.age(2)).isEqualTo("38.86");
        assertThat(one.monetaryValue(2)).isEqualTo("22.35");
    }

    /** The file writes floats ("0.0", "1.7"); every value has at most 2 decimals, so compare at scale 2. */
    private static String[] twoDecimals(String[] row) {
        String[] out = row.clone();
        for (int i = 2; i < out.length; i++) {
            out[i] = new BigDecimal(out[i]).setScale(2).toPlainString();
        }
        return out;
    }
}
