package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The R package rfm's sample orders (rfm_data_orders) scored as of 2006-12-31, as its vignette does. */
class RfmTableOrdersTest {

    private static final LocalDate ANALYSIS_DATE = LocalDate.of(2006, 12, 31);
    private static final List<RfmValues> VALUES = RfmValues.of(Resources.csvRows("/rfm/rfm_data_orders.csv").stream()
            .map(r -> new Transaction(r.get(0), LocalDate.parse(r.get(1)), new BigDecimal(r.get(2))))
            .toList(), ANALYSIS_DATE);
    private static final RfmThresholds THRESHOLDS = RfmThresholds.quantiles(VALUES);
    private static final Map<String, RfmScore> SCORES = VALUES.stream().map(THRESHOLDS::score)
            .collect(Collectors.toMap(RfmScore::memberId, Function.identity()));

    @Test
    void boundaries_are_the_quantiles_plus_one_that_rfm_documents_as_its_thresholds() {
        // 995 customers: the k/5 quantile sits at (995 - 1) k / 5 = 198.8, 397.6, 596.4, 795.2 in the sorted values.
        // rfm's own example passes the rounded result as custom thresholds: c(115, 181, 297, 482), c(4, 5, 6, 8),
        // c(256, 382, 506, 666).
        assertThat(VALUES).hasSize(995);
        assertThat(THRESHOLDS).isEqualTo(new RfmThresholds(decimals("115", "181", "297.4", "482"),
                decimals("4", "5", "6", "8"), decimals("255.8", "382", "506.4", "666")));
    }

    @Test
    void hand_checked_customers_score_as_rfm_scores_them() {
        // Abbey O'Reilly: 6 orders 47+152+41+145+67+20 = 472, latest 2006-06-09 = 205 days before 2006-12-31.
        // 205 in [181, 297.4) -> bin 3 -> recency 5+1-3 = 3; 6 orders in [6, 8) -> 4; 472 in [382, 506.4) -> 3.
        assertThat(SCORES.get("Abbey O'Reilly")).isEqualTo(score("Abbey O'Reilly", 205, 6, "472", 3, 4, 3));
        // Add Senger: 114+208+18 = 340, latest 2006-08-13 = 140 days; 140 in [115, 181) -> bin 2 -> 4;
        // 3 orders < 4 -> 1; 340 in [255.8, 382) -> 2.
        assertThat(SCORES.get("Add Senger")).isEqualTo(score("Add Senger", 140, 3, "340", 4, 1, 2));
        // Aden Murphy: 7 orders 29+113+65+97+121+159+12 = 596, latest 2006-09-24 = 98 days < 115 -> 5;
        // 7 in [6, 8) -> 4; 596 in [506.4, 666) -> 4.
        assertThat(SCORES.get("Aden Murphy")).isEqualTo(score("Aden Murphy", 98, 7, "596", 5, 4, 4));
        // Alex Armstrong: latest 2005-09-05 = 482 days, exactly the last boundary: bins are [482, max + 1), so
        // recency 1; 6 orders -> 4; 137+39+136+105+199+18 = 634 in [506.4, 666) -> 4.
        assertThat(SCORES.get("Alex Armstrong")).isEqualTo(score("Alex Armstrong", 482, 6, "634", 1, 4, 4));
        // Alannah Borer: latest 2005-04-21 = 619 days -> 1; 4 orders in [4, 5) -> 2; 10+36+103+47 = 196 < 255.8 -> 1.
        assertThat(SCORES.get("Alannah Borer")).isEqualTo(score("Alannah Borer", 619, 4, "196", 1, 2, 1));
        // Alphonse Champlin: latest 2006-05-31 = 214 days -> 3; 7 orders -> 4; 26+174+12+44+17+20+74 = 367 -> 2.
        assertThat(SCORES.get("Alphonse Champlin")).isEqualTo(score("Alphonse Champlin", 214, 7, "367", 3, 4, 2));
    }

    @Test
    void hand_checked_customers_fall_in_the_segments_rfm_documents_the_first_box_winning() {
        // rfm_segment's documented criteria, in its order: Champions 5/5/5, Potential Loyalist 3-5/3-5/2-5, Loyal
        // Customers 2-4/2-4/2-4, Promising 3-4/1-3/3-5, New Customers 4-5/1-3/1-5, Can't Lose Them 1-2/3-4/4-5,
        // At Risk 1-2/2-5/4-5, Need Attention 1-3/3-5/3-5, About To Sleep 2-3/1-3/1-4, Lost 1/1-5/1-5
        assertThat(SCORES.get("Agness O'Keefe").combined()).isEqualTo(555);
        assertThat(SCORES.get("Agness O'Keefe").segment()).isEqualTo(RfmSegment.CHAMPIONS);
        // 544: not 5/5/5; Potential Loyalist holds it
        assertThat(SCORES.get("Aden Murphy").segment()).isEqualTo(RfmSegment.POTENTIAL_LOYALIST);
        // 343 and 342 are in Loyal Customers' box too, but Potential Loyalist comes first
        assertThat(SCORES.get("Abbey O'Reilly").segment()).isEqualTo(RfmSegment.POTENTIAL_LOYALIST);
        assertThat(SCORES.get("Alphonse Champlin").segment()).isEqualTo(RfmSegment.POTENTIAL_LOYALIST);
        // 412: frequency 1 leaves out the first three boxes, monetary 2 Promising; New Customers holds it
        assertThat(SCORES.get("Add Senger").segment()).isEqualTo(RfmSegment.NEW_CUSTOMERS);
        // 144: in Can't Lose Them's box and in At Risk's; Can't Lose Them comes first
        assertThat(SCORES.get("Alex Armstrong").segment()).isEqualTo(RfmSegment.CANT_LOSE_THEM);
        // 121: monetary 1 and frequency 2 leave only Lost, which holds every recency-1 score left
        assertThat(SCORES.get("Alannah Borer").segment()).isEqualTo(RfmSegment.LOST);
    }

    @Test
    void scores_no_box_holds_are_others() {
        // recency 2 with frequency 1 and monetary 5: Loyal Customers and About To Sleep stop at monetary 4, the
        // boxes up to monetary 5 start at frequency 2 or 3
        assertThat(RfmSegment.of(2, 1, 5)).isEqualTo(RfmSegment.OTHERS);
        assertThat(RfmSegment.of(2, 5, 2)).isEqualTo(RfmSegment.OTHERS);
        assertThat(RfmSegment.of(1, 5, 1)).isEqualTo(RfmSegment.LOST);
    }

    @Test
    void segment_sizes_match_an_independent_reimplementation_of_rfm() {
        // Counted with a separate Python script that follows rfm's R code in floating point (quantile type 7,
        // [lower, upper) bins, rfm_segment with its documented criteria, first matching segment wins); see
        // docs/insight.md. On these data every customer falls in a box.
        Map<RfmSegment, Long> sizes = new TreeMap<>(SCORES.values().stream()
                .collect(Collectors.groupingBy(RfmScore::segment, Collectors.counting())));

        Map<RfmSegment, Long> expected = new TreeMap<>();
        expected.put(RfmSegment.CHAMPIONS, 35L);
        expected.put(RfmSegment.POTENTIAL_LOYALIST, 342L);
        expected.put(RfmSegment.LOYAL_CUSTOMERS, 170L);
        expected.put(RfmSegment.PROMISING, 9L);
        expected.put(RfmSegment.NEW_CUSTOMERS, 104L);
        expected.put(RfmSegment.CANT_LOSE_THEM, 47L);
        expected.put(RfmSegment.AT_RISK, 28L);
        expected.put(RfmSegment.NEED_ATTENTION, 10L);
        expected.put(RfmSegment.ABOUT_TO_SLEEP, 102L);
        expected.put(RfmSegment.LOST, 148L);
        assertThat(sizes).containsExactlyEntriesOf(expected);
    }

    private static RfmScore score(String id, long days, int orders, String revenue, int r, int f, int m) {
        return new RfmScore(new RfmValues(id, days, orders, new BigDecimal(revenue)), r, f, m);
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
